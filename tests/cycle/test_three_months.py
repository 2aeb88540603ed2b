"""The monthly cycle over three generated months, checked row by row."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import polars as pl
import pytest

from recon.contract import STATUS_NEW, STATUS_PERSISTING
from recon.report.labels import LOOKBACK_SHEET, VERIFIED_SHEET
from tests.cycle.scenario import Scenario, build


@pytest.fixture(scope="module")
def sc(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    return build(tmp_path_factory.mktemp("cycle"))


def _by_key(df: pl.DataFrame, key: str) -> dict:
    rows = df.filter(pl.col("key") == key).to_dicts()
    assert len(rows) == 1, (key, rows)
    return rows[0]


def test_first_month_is_all_new(sc: Scenario) -> None:
    f = sc.m1.findings
    assert f.height > 50
    assert set(f["status"]) == {STATUS_NEW} and set(f["first_seen"]) == {"2020-04"}
    csv = pl.read_csv(sc.out1 / "anomalies.csv", infer_schema=False)
    assert {"status", "first_seen", "fingerprint"} <= set(csv.columns)


def test_month_two_every_status(sc: Scenario) -> None:
    f1, f2 = sc.m1.findings, sc.m2.findings
    old_keys = set(f1["key"])
    for row in f2.iter_rows(named=True):
        # a key not seen last month is new; the Q1 of a file renamed with the month is the one exception
        want = (
            STATUS_PERSISTING
            if row["key"] in old_keys or row["source_file"].startswith("2020年5月")
            else STATUS_NEW
        )
        assert row["status"] == want, row
        assert row["first_seen"] == ("2020-04" if want == STATUS_PERSISTING else "2020-05"), row
    new = f2.filter(pl.col("status") == STATUS_NEW)
    # the month passing is the only cause: deaths in April count from May on (the D rules, and K1 for a
    # child whose last parent died in April), and 60th birthdays (T1)
    assert new.height > 0 and set(new["rule"]) <= {"D1", "D2", "D3", "D4", "T1", "K1"}, new.select(
        "rule", "name"
    )
    for evidence in new.filter(pl.col("rule") == "K1")["evidence"]:
        assert "2020-04-" in evidence, evidence


def test_month_two_resolved_with_reasons(sc: Scenario) -> None:
    res = sc.m2.resolved
    got = {r["key"]: (r["resolved_code"], r["resolved_reason"]) for r in res.iter_rows(named=True)}
    p = sc.picks
    assert got[p["left"]["key"]] == ("left_roll", "人员已不在特困名册")
    code, reason = got[p["corrected"]["key"]]
    assert code == "id_corrected" and reason.startswith("身份证号已更正为 371521196405050")
    assert got[p["exempt"]["key"]] == ("exempted", "已列入豁免名单：本人签订协议自愿继续享受低保")
    assert set(got) == {p["left"]["key"], p["corrected"]["key"], p["exempt"]["key"]}


def test_month_two_reviews(sc: Scenario) -> None:
    p, f2, ex = sc.picks, sc.m2.findings, sc.m2.verified_excluded
    assert p["untrue"]["key"] not in set(f2["key"])
    row = _by_key(ex, p["untrue"]["key"])
    assert row["exclusion_reason"] == "经入户核实本人健在，火化记录身份证号录错"
    assert row["review_month"] == "2020-04" and "死亡名单核实" in row["review_source"]
    assert ex.height == 1
    no_reason = _by_key(f2, p["untrue_no_reason"]["key"])
    assert "没有写理由" in no_reason["review_note"] and no_reason["verify_result"] is None
    may = _by_key(f2, p["fix_may"]["key"])
    assert (may["verify_result"], may["deadline"], may["overdue"]) == ("属实", "2020-05-31", None)
    april = _by_key(f2, p["fix_april"]["key"])  # its 记录键 column was deleted: found by rule + ID
    assert (april["deadline"], april["overdue"]) == ("2020-04-20", "是")
    vague = _by_key(f2, p["fix_vague"]["key"])
    assert vague["overdue"] is None and "读不出日期" in vague["review_note"]
    issues = sc.m2.issues.filter(pl.col("code") == "deadline_unparsed")
    assert issues["value"].to_list() == ["5月底"]
    assert f2.filter(pl.col("overdue").is_not_null())["key"].to_list() == [p["fix_april"]["key"]]


def test_month_two_workbook_and_summary(sc: Scenario) -> None:
    wb = openpyxl.load_workbook(sc.out2 / "anomalies.xlsx", read_only=True)
    assert LOOKBACK_SHEET in wb.sheetnames and VERIFIED_SHEET in wb.sheetnames
    lookback = list(wb[LOOKBACK_SHEET].iter_rows(values_only=True))
    assert len(lookback) == 1 + 3
    summary = __import__("json").loads((sc.out2 / "summary.json").read_text("utf-8"))
    totals = summary["cycle"]["totals"]
    assert totals["resolved"] == 3 and totals["verified_excluded"] == 1 and totals["overdue"] == 1
    assert totals["new"] + totals["persisting"] == sc.m2.findings.height


def test_month_three(sc: Scenario) -> None:
    p, f3 = sc.picks, sc.m3.findings
    # carried from month 2's ledger, which the town sent back untouched: May's deadline has now passed
    assert _by_key(f3, p["fix_may"]["key"])["overdue"] == "是"
    assert _by_key(f3, p["fix_april"]["key"])["overdue"] == "是"
    assert set(f3.filter(pl.col("overdue").is_not_null())["key"]) == {
        p["fix_may"]["key"],
        p["fix_april"]["key"],
    }
    # still verified untrue, nothing changed: stays off the list without a new review
    assert _by_key(sc.m3.verified_excluded, p["untrue"]["key"])["exclusion_reason"].startswith("经入户核实")
    assert p["untrue"]["key"] not in set(f3["key"])
    res = sc.m3.resolved
    for r in res.iter_rows(named=True):
        if r["rule"] in ("D2", "X1", "S5"):
            assert r["resolved_code"] == "rule_not_run", r
        elif r["source_kind"] == "tekun":
            assert r["resolved_code"] == "kind_not_provided", r
    assert {"D2", "X1", "S5"} <= set(res["rule"])
    first = dict(zip(sc.m2.findings["key"], sc.m2.findings["first_seen"], strict=False))
    for r in f3.filter(pl.col("status") == STATUS_PERSISTING).iter_rows(named=True):
        assert r["first_seen"] in ("2020-04", "2020-05")
        if r["key"] in first:
            assert r["first_seen"] == first[r["key"]]


def test_diff_command(sc: Scenario, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from recon.cli.diff import command

    out = tmp_path / "diff.xlsx"
    res = CliRunner().invoke(command, [str(sc.out1), str(sc.out2), "--out", str(out)], catch_exceptions=False)
    assert res.exit_code == 0
    n_new = sc.m2.findings.filter(pl.col("status") == STATUS_NEW).height
    # the verified-untrue row left the list but is neither persisting nor resolved
    head = res.output.splitlines()[0]
    assert head.endswith(f"新增 {n_new}，持续 {sc.m2.findings.height - n_new}，已消除 3"), head
    assert out.exists()
