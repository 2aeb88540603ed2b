"""Lists longer than a sheet can hold: nothing is cut, and the reader is told where the rest is."""

from __future__ import annotations

import csv
import io

import openpyxl
import polars as pl

from recon.contract import KEY_HEADER
from recon.cycle.reviewed import read_reviewed_workbook
from recon.report import info_sheets, workbook, write_outputs
from recon.report.labels import QUALITY_SHEET
from tests.report.conftest import make_result


def _csv_rows(path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def test_data_quality_csv_holds_every_issue_row_with_formulas_neutralised(tmp_path):
    result = make_result()
    hostile = result.issues.head(1).with_columns(pl.lit('=HYPERLINK("http://x")').alias("value"))
    result.issues = pl.concat([result.issues, hostile])
    written = write_outputs(result, tmp_path / "o")
    rows = _csv_rows(written.quality_csv)
    assert len(rows) == result.issues.height
    assert {r["level"] for r in rows} == set(result.issues["level"].to_list())
    assert '\'=HYPERLINK("http://x")' in {r["value"] for r in rows}
    assert written.quality_csv.name in {p.name for p in written.all()}


def test_quality_sheet_lists_the_first_rows_and_points_to_the_csv(tmp_path, monkeypatch):
    result = make_result()
    listed = result.issues.filter(pl.col("level").is_in(["rejected", "warning"])).height
    assert listed > 1
    monkeypatch.setattr(info_sheets, "QUALITY_LIST_ROWS", 1)
    written = write_outputs(result, tmp_path / "o")
    ws = openpyxl.load_workbook(written.workbook)[QUALITY_SHEET]
    texts = [str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    note = [t for t in texts if t.startswith(f"共 {listed:,} 行")]
    assert note and "data_quality.csv" in note[0]
    # every issue row is still in the CSV
    assert len(_csv_rows(written.quality_csv)) == result.issues.height


def test_a_rule_longer_than_a_sheet_goes_on_in_continuation_sheets(tmp_path, monkeypatch):
    result = make_result()
    counts = result.findings.group_by("rule").len().sort("len", descending=True)
    code, n = counts.row(0)
    assert n >= 2
    monkeypatch.setattr(workbook, "SHEET_DATA_ROWS", 1)
    written = write_outputs(result, tmp_path / "o")
    wb = openpyxl.load_workbook(written.workbook)
    sheets = [
        ws
        for ws in wb.worksheets
        if ws.title.split(" ")[0] in (code, *(f"{code}续{i}" for i in range(2, n + 1)))
    ]
    assert len(sheets) == n
    keys = []
    for ws in sheets:
        header = [c.value for c in ws[1]]
        keys += [r[header.index(KEY_HEADER)] for r in ws.iter_rows(min_row=2, values_only=True) if any(r)]
    assert sorted(keys) == sorted(result.findings.filter(pl.col("rule") == code)["key"].to_list())
    # next month's reader finds the continued rows as well
    reviewed = read_reviewed_workbook(written.workbook)
    assert reviewed.filter(pl.col("rule") == code).height == n
