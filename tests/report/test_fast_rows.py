"""The streamed rows are the XML xlsxwriter's own typed writers produce, byte for byte, for every kind of
value a finding holds (text that looks like a formula or a number, markup, edge spaces, control
characters, literal _xHHHH_, long wrapped text, blanks, amounts, row numbers, dates, ratios)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import polars as pl
from xlsxwriter.workbook import Workbook

from recon.report.cells import (
    DATE,
    INT,
    MONEY,
    RATIO,
    TEXT,
    WORKBOOK_OPTIONS,
    WRAP,
    Column,
    Formats,
    write_header,
    write_rows_cellwise,
)

FRAME = pl.DataFrame(
    {
        "t": [
            "=1+1",
            '<b>&"x"',
            " lead",
            "trail ",
            "a\x01b\x1fc",
            "_x0041_",
            None,
            "",
            "张三",
            "3.71521E+17",
            "长" * 120,
        ],
        "w": ["证据" * 40, "短", None, "x", "y", "z", "q", "r", "s", "t", "长文" * 200],
        "m": [365.0, 0.95, None, 1095.5, 12.0, 0.1, 3.0, 1e6, 2.25, 7.0, 1.0],
        "i": [1, 2, 3, None, 5, 6, 7, 8, 9, 10, 11],
        "d": [dt.date(2020, 1, 12)] * 5 + [None] + [dt.date(1999, 12, 31)] * 5,
        "r": [0.95, 1.0, 0.5, None, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3],
    }
)
COLUMNS = [
    Column("t", "文本", TEXT),
    Column("w", "长文本", WRAP),
    Column("m", "金额", MONEY),
    Column("i", "行", INT),
    Column("d", "日期", DATE),
    Column("r", "置信", RATIO),
    Column(None, "核实", TEXT),
]


def _sheet_xml(path: Path, fast: bool) -> str:
    wb = Workbook(str(path), WORKBOOK_OPTIONS)
    fmts = Formats(wb)
    ws = wb.add_worksheet("s")
    write_header(ws, 0, COLUMNS, fmts.header)
    ws.write_comment(0, 3, "c")
    last = write_rows_cellwise(ws, fmts, FRAME, COLUMNS, 1, fast=fast)
    assert last == FRAME.height
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, last, len(COLUMNS) - 1)
    wb.close()
    return zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()


def test_streamed_rows_are_byte_for_byte_the_typed_writers_xml(tmp_path: Path) -> None:
    reference = _sheet_xml(tmp_path / "cellwise.xlsx", fast=False)
    streamed = _sheet_xml(tmp_path / "streamed.xlsx", fast=True)
    assert "=1+1" in reference and "<f>" not in reference  # the reference keeps formula text as text
    assert streamed == reference


def test_an_empty_table_writes_no_rows(tmp_path: Path) -> None:
    wb = Workbook(str(tmp_path / "e.xlsx"), WORKBOOK_OPTIONS)
    fmts = Formats(wb)
    ws = wb.add_worksheet("s")
    write_header(ws, 0, COLUMNS, fmts.header)
    assert write_rows_cellwise(ws, fmts, FRAME.clear(), COLUMNS, 1, fast=True) == 0
    wb.close()
    assert '<row r="2"' not in zipfile.ZipFile(tmp_path / "e.xlsx").read("xl/worksheets/sheet1.xml").decode()
