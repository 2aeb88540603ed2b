"""The auditors' workbook, read back the way an auditor's Excel (and the monthly cycle) will see it."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from recon.contract import KEY_HEADER, LEDGER_HEADERS, VERIFY_CHOICES, VERIFY_HEADER
from recon.report import write_outputs
from tests.report.conftest import FORMULA_NAME, ID_A, ID_B, ID_C, ID_SHORT, make_result


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("wb") / "out"
    write_outputs(make_result(), path)
    return path


@pytest.fixture(scope="module")
def wb(out):
    return openpyxl.load_workbook(out / "anomalies.xlsx")


def headers(ws) -> list[str]:
    return [c.value for c in ws[1]]


def data_rows(ws) -> list[dict[str, object]]:
    h = headers(ws)
    return [dict(zip(h, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True) if any(r)]


def test_sheets_in_order_one_per_rule_with_findings(wb):
    assert wb.sheetnames == [
        "汇总",
        "D1 死亡仍领低保",
        "T1 单人低保户符合特困条件",
        "S3 护理补贴等级不符",
        "Q1 身份证号无效",
        "数据质量",
        "已豁免",
        "说明",
    ]
    assert all(len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n) for n in wb.sheetnames)


def test_summary_lists_every_selected_rule_including_zero(wb):
    ws = wb["汇总"]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("D2") for t in texts)  # D2 selected, no findings: still in the table
    assert any("2020年4月" in t for t in texts)
    assert "缺少扶贫监测数据" in texts


def test_rule_sheet_table_structure(wb):
    ws = wb["D1 死亡仍领低保"]
    h = headers(ws)
    assert h[:3] == ["规则", "严重程度", "身份证号"]
    assert h[-6:] == [*LEDGER_HEADERS, KEY_HEADER]
    assert "死亡日期" in h and "年龄" not in h  # optional columns only where the rule fills them
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A1:")
    assert ws.cell(1, len(h)).comment is not None  # the 记录键 header explains itself


def test_rows_sorted_by_town_then_village_then_name(wb):
    rows = data_rows(wb["D1 死亡仍领低保"])
    towns = [r["乡镇（街道）"] for r in rows]
    assert towns == sorted(towns) and len(rows) == 2


def test_ids_are_text_and_keys_present(wb):
    for name in ("D1 死亡仍领低保", "T1 单人低保户符合特困条件", "Q1 身份证号无效"):
        ws = wb[name]
        col = headers(ws).index("身份证号") + 1
        key_col = headers(ws).index(KEY_HEADER) + 1
        for r in range(2, ws.max_row + 1):
            cell = ws.cell(r, col)
            if cell.value is None:
                continue
            assert cell.data_type == "s"
            assert ws.cell(r, key_col).value.split("|")[1] == cell.value
    ids = {ws.cell(r, 3).value for ws in wb.worksheets[1:5] for r in range(2, ws.max_row + 1)}
    assert {ID_A, ID_B, ID_C, ID_SHORT} <= ids


def test_amounts_dates_confidence_are_typed(wb):
    ws = wb["D1 死亡仍领低保"]
    h = headers(ws)
    rows = list(ws.iter_rows(min_row=2, max_row=3))
    for row in rows:
        amount = row[h.index("估计多发金额")]
        assert isinstance(amount.value, (int, float)) and amount.number_format == "#,##0.00"
        date = row[h.index("死亡日期")]
        assert date.is_date and date.number_format == "yyyy-mm-dd"
        assert row[h.index("置信度")].number_format == "0.00"
    negative = [r[h.index("月发放金额")].value for r in rows]
    assert -50 in negative
    assert {r[h.index("死亡日期")].value.date() for r in rows} == {dt.date(2020, 1, 15), dt.date(2020, 2, 3)}


def test_verification_dropdown_covers_every_data_row(wb):
    for ws in wb.worksheets[1:5]:
        col = openpyxl.utils.get_column_letter(headers(ws).index(VERIFY_HEADER) + 1)
        n = len(data_rows(ws))
        lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
        assert len(lists) == 1
        assert lists[0].formula1 == '"' + ",".join(VERIFY_CHOICES) + '"'
        assert str(lists[0].sqref) == (f"{col}2:{col}{n + 1}" if n > 1 else f"{col}2")
        assert any(dv.type == "date" for dv in ws.data_validations.dataValidation)


def test_hostile_text_stays_text(out, wb):
    cells = [c for ws in wb for row in ws.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    values = {c.value for c in cells}
    assert {FORMULA_NAME, "=1+1 李秀英已死亡", '=HYPERLINK("x")'} <= values
    with zipfile.ZipFile(out / "anomalies.xlsx") as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets
        for n in sheets:
            assert not re.search(rb"<f[ >]", z.read(n)), n


def test_charts_exist(out):
    with zipfile.ZipFile(out / "anomalies.xlsx") as z:
        charts = [n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
    assert len(charts) == 2


def test_quality_exempted_and_about_sheets(wb):
    q = [c for row in wb["数据质量"].iter_rows(values_only=True) for c in row if c is not None]
    assert "身份证号被存成数字" in q and "县代码未知" in q
    assert q.count("空行") == 1 and 3 in q  # skipped rows summarised, not listed
    assert "钱多多" in q  # tied fuzzy candidates listed for review
    ex = data_rows(wb["已豁免"])
    assert [(r["规则"], r["豁免理由"]) for r in ex] == [("T1", "本人自愿签订协议留在低保")]
    about = [c for row in wb["说明"].iter_rows(values_only=True) for c in row if c is not None]
    assert "a" * 64 in about
    assert any("不得外传" in str(t) for t in about)
    assert "低保成员在比对月份之前已死亡。" in about


def test_workbook_without_findings(tmp_path):
    import polars as pl

    from recon.model import empty_findings

    r = make_result(
        findings=empty_findings(),
        exempted=empty_findings().with_columns(exemption_reason=pl.lit(None, pl.String)),
        ambiguous=None,
    )
    write_outputs(r, tmp_path / "o")
    wb = openpyxl.load_workbook(tmp_path / "o" / "anomalies.xlsx")
    assert wb.sheetnames == ["汇总", "数据质量", "已豁免", "说明"]
