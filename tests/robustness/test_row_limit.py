"""A sheet at Excel's row limit (1,048,576 rows) is read whole, with every row accounted for.

xlsxwriter in constant_memory mode took 43 s to write this sheet cell by cell (about 30 µs a row), so the
test lets xlsxwriter write a real workbook with the header, and splices the million rows into its sheet
XML in the same form xlsxwriter writes them (inline strings): the same file, in about 3 s.
"""

from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter

from recon.load import load_folder
from tests.conftest import make_id
from tests.robustness.conftest import TODAY

EXCEL_MAX_ROWS = 1_048_576


def _cell(col: str, r: int, text: str) -> str:
    return f'<c r="{col}{r}" t="inlineStr"><is><t>{text}</t></is></c>'


def write_row_limit_workbook(path: Path) -> None:
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    ws = wb.add_worksheet("全县")
    ws.write_row(0, 0, ["姓名", "身份证号", "乡镇"])
    ws.write_string(EXCEL_MAX_ROWS - 1, 0, "合计")  # the very last row Excel has
    wb.close()
    ids = [make_id(birth=f"19{50 + i:02d}0101", seq=f"{101 + i:03d}") for i in range(40)]
    body = "".join(
        f'<row r="{r}">{_cell("A", r, f"张{r % 97}")}{_cell("B", r, ids[r % 40])}</row>'
        for r in range(2, EXCEL_MAX_ROWS)
    )
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    sheet = members["xl/worksheets/sheet1.xml"].decode("utf-8")
    first_row_end = sheet.index("</row>") + len("</row>")
    sheet = sheet[:first_row_end] + body + sheet[first_row_end:]
    sheet = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="A1:C{EXCEL_MAX_ROWS}"/>', sheet)
    members["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for n, data in members.items():
            z.writestr(n, data)


@pytest.mark.slow
def test_sheet_at_excel_row_limit(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    t0 = time.perf_counter()
    write_row_limit_workbook(d / "低保.xlsx")
    written = time.perf_counter() - t0
    loaded = load_folder(d, today=TODAY)
    (s,) = loaded.stats
    assert s.rows_read == EXCEL_MAX_ROWS
    assert s.balanced()
    assert (s.rows_used, s.rows_skipped, s.rows_rejected) == (EXCEL_MAX_ROWS - 2, 2, 0)
    assert loaded.records.get_column("source_row").max() == EXCEL_MAX_ROWS - 1
    assert loaded.records.get_column("id_status").unique().to_list() == ["valid"]
    totals = loaded.issues.filter(pl.col("code") == "totals_row")
    assert totals.get_column("source_row").to_list() == [EXCEL_MAX_ROWS]
    print(f"row-limit sheet written in {written:.1f}s, loaded in {time.perf_counter() - t0 - written:.1f}s")
