"""Cells, sheets and the three ways county files are stored: .xlsx (xlsxwriter), .xls (xlwt) and CSV.

A sheet is the whole grid as the eye sees it (title rows, header rows, data, blank rows, 合计, notes)
plus real merged ranges; the value of a merged range sits in its top-left cell and the cells it
covers are None.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter
import xlwt


@dataclass(frozen=True)
class NumId:
    """An ID number that went through a number cell: only its first 15 digits survive (Excel keeps 15
    significant digits), or, when a program wrote the float, the nearest double."""

    value: float

    def text(self) -> str:
        return f"{self.value:.5E}"  # what a CSV saved from Excel holds: 4.11421E+17


@dataclass(frozen=True)
class Serial:
    """A date that lost its format: the bare Excel serial number."""

    value: int


Cell = str | int | float | dt.date | NumId | Serial | None


@dataclass
class Sheet:
    name: str
    rows: list[list[Cell]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1 inclusive
    title_rows: int = 0
    header_rows: tuple[int, int] = (0, 1)  # first header row, row after the last
    date_format: str = "yyyy-mm-dd"

    @property
    def ncols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def covered(self) -> set[tuple[int, int]]:
        return {
            (r, c)
            for r0, c0, r1, c1 in self.merges
            for r in range(r0, r1 + 1)
            for c in range(c0, c1 + 1)
            if (r, c) != (r0, c0)
        }


def write_xlsx(path: Path, sheets: list[Sheet], *, created: dt.datetime, author: str = "民政局") -> None:
    wb = xlsxwriter.Workbook(
        str(path), {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    )
    # fixed properties keep the bytes identical run to run; a re-saved copy differs only here
    wb.set_properties({"created": created, "author": author})
    title = wb.add_format({"bold": True, "font_size": 14, "align": "center", "valign": "vcenter"})
    head = wb.add_format(
        {"bold": True, "align": "center", "valign": "vcenter", "border": 1, "text_wrap": True}
    )
    body = wb.add_format({"valign": "vcenter", "border": 1})
    dates: dict[str, object] = {}
    for sh in sheets:
        ws = wb.add_worksheet(sh.name)
        date_fmt = dates.setdefault(
            sh.date_format, wb.add_format({"num_format": sh.date_format, "border": 1, "valign": "vcenter"})
        )

        def fmt(r: int, v: Cell, sh: Sheet = sh, date_fmt: object = date_fmt) -> object:
            if r < sh.title_rows:
                return title
            if sh.header_rows[0] <= r < sh.header_rows[1]:
                return head
            return date_fmt if isinstance(v, dt.date) else body

        for r0, c0, r1, c1 in sh.merges:
            v = sh.rows[r0][c0]
            ws.merge_range(r0, c0, r1, c1, "", fmt(r0, v))
            _put_xlsx(ws, r0, c0, v, fmt(r0, v))
        tops = {(r0, c0) for r0, c0, _, _ in sh.merges}
        covered = sh.covered()
        for r, row in enumerate(sh.rows):
            for c, v in enumerate(row):
                if v is None or (r, c) in covered or (r, c) in tops:
                    continue
                _put_xlsx(ws, r, c, v, fmt(r, v))
        ws.set_column(0, max(sh.ncols - 1, 0), 13)
    wb.close()


def _put_xlsx(ws: xlsxwriter.worksheet.Worksheet, r: int, c: int, v: Cell, f: object) -> None:
    if v is None:
        ws.write_blank(r, c, None, f)
    elif isinstance(v, str):
        ws.write_string(r, c, v, f)
    elif isinstance(v, NumId | Serial):
        ws.write_number(r, c, float(v.value), f)
    elif isinstance(v, dt.date):
        ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), f)
    else:
        ws.write_number(r, c, float(v), f)


def write_xls(path: Path, sheets: list[Sheet]) -> None:
    wb = xlwt.Workbook(encoding="utf-8")
    title = xlwt.easyxf("font: bold on, height 280; align: horiz center, vert center")
    head = xlwt.easyxf(
        "font: bold on; align: horiz center, vert center, wrap on; borders: left thin, right thin, top thin, bottom thin"
    )
    body = xlwt.easyxf("align: vert center; borders: left thin, right thin, top thin, bottom thin")
    date = xlwt.easyxf(
        "align: vert center; borders: left thin, right thin, top thin, bottom thin",
        num_format_str="yyyy-mm-dd",
    )
    for sh in sheets:
        ws = wb.add_sheet(sh.name)

        def style(r: int, v: Cell, sh: Sheet = sh) -> xlwt.XFStyle:
            if r < sh.title_rows:
                return title
            if sh.header_rows[0] <= r < sh.header_rows[1]:
                return head
            return date if isinstance(v, dt.date) else body

        tops = {}
        for r0, c0, r1, c1 in sh.merges:
            v = sh.rows[r0][c0]
            ws.write_merge(r0, r1, c0, c1, _xls_value(v), style(r0, v))
            tops[(r0, c0)] = True
        covered = sh.covered()
        for r, row in enumerate(sh.rows):
            for c, v in enumerate(row):
                if v is None or (r, c) in covered or (r, c) in tops:
                    continue
                ws.write(r, c, _xls_value(v), style(r, v))
    wb.save(str(path))


def _xls_value(v: Cell) -> object:
    if isinstance(v, NumId | Serial):
        return float(v.value)
    if isinstance(v, dt.date):
        return dt.datetime(v.year, v.month, v.day)
    return "" if v is None else v


def csv_value(v: Cell) -> str:
    if v is None:
        return ""
    if isinstance(v, NumId):
        return v.text()
    if isinstance(v, Serial):
        return str(v.value)
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else f"{v:.2f}"
    return str(v)


def write_csv(path: Path, sheet: Sheet, *, encoding: str) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for row in sheet.rows:
        w.writerow([csv_value(v) for v in row] + [""] * (sheet.ncols - len(row)))
    # strict encoding: a character GBK cannot hold is a generator bug, not something to hide
    path.write_bytes(buf.getvalue().encode(encoding))
