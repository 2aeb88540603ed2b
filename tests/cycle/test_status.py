"""Status logic on hand-made findings: new/persisting, exclusions and their fingerprints, reasons."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from recon.cycle.previous import PreviousRun
from recon.cycle.reviewed import REVIEW_SCHEMA
from recon.cycle.status import ResolveContext, classify
from recon.model import conform_findings, records_frame

MAY = dt.date(2020, 5, 1)
A, B, C = "371521195001011234", "37152119620202345X", "371521193003031115"


def _f(rows: list[dict]) -> pl.DataFrame:
    return conform_findings(pl.DataFrame(rows))


def _prev(rows: list[dict]) -> PreviousRun:
    df = classify(_f(rows), dt.date(2020, 4, 1)).findings
    return PreviousRun(
        Path("."),
        dt.date(2020, 4, 1),
        df,
        df.clear().with_columns(
            pl.lit(None, dtype=pl.String).alias(c)
            for c in ("exclusion_reason", "review_month", "review_source")
        ),
    )


def _review(key: str, verdict: str, note: str | None = None) -> pl.DataFrame:
    row = dict.fromkeys(REVIEW_SCHEMA)
    row.update(
        key=key, verdict=verdict, note=note, review_file="f.xlsx", review_sheet="D1", review_row=2, order=0
    )
    return pl.DataFrame([row], schema=REVIEW_SCHEMA)


D1 = {
    "rule": "D1",
    "id_number": A,
    "name": "张三",
    "source_kind": "dibao",
    "key": f"D1|{A}|dibao",
    "monthly_amount": 300.0,
    "death_date": dt.date(2020, 1, 3),
}


def test_untrue_with_reason_excluded_until_facts_change() -> None:
    prev = _prev([D1])
    review = _review(D1["key"], "不属实", "本人健在")
    same = classify(_f([{**D1, "months_since_death": 4}]), MAY, prev, review)
    assert same.findings.height == 0 and same.excluded["exclusion_reason"].to_list() == ["本人健在"]
    changed = classify(_f([{**D1, "monthly_amount": 350.0}]), MAY, prev, review)
    assert changed.excluded.height == 0
    note = changed.findings["review_note"][0]
    assert "数据已变化" in note and "月发放金额 300.00→350.00" in note


def test_untrue_without_reason_stays() -> None:
    out = classify(_f([D1]), MAY, _prev([D1]), _review(D1["key"], "不属实"))
    assert out.excluded.height == 0 and out.findings["status"].to_list() == ["持续"]


def test_new_persisting_and_resolved_reasons() -> None:
    q1 = {
        "rule": "Q1",
        "id_number": "3715211950",
        "name": "李四",
        "source_kind": "tekun",
        "town": "阳谷镇",
        "key": "Q1|3715211950|tekun|特困.csv",
        "source_file": "特困.csv",
    }
    x1 = {"rule": "X1", "id_number": B, "name": "王五", "source_kind": "dibao", "key": f"X1|{B}|dibao"}
    t1 = {"rule": "T1", "id_number": C, "name": "赵六", "source_kind": "dibao", "key": f"T1|{C}|dibao"}
    prev = _prev([D1, q1, x1, t1])
    new = {**D1, "rule": "D4", "source_kind": "disability", "key": f"D4|{A}|disability"}
    records = records_frame(
        [
            {"kind": "tekun", "name": "李四", "town": "阳谷镇", "id_number": B, "id_status": "valid"},
            {"kind": "dibao", "name": "赵六", "id_number": C, "id_status": "valid"},
        ]
    )
    ctx = ResolveContext(
        skipped_rules={"X1": "缺少数据：特困"}, present_kinds=frozenset({"dibao", "tekun"}), roll=records
    )
    out = classify(_f([D1, new]), MAY, prev, None, ctx)
    assert dict(zip(out.findings["key"], out.findings["status"], strict=True)) == {
        D1["key"]: "持续",
        new["key"]: "新增",
    }
    assert out.findings["first_seen"].to_list() == ["2020-04", "2020-05"]
    reasons = dict(zip(out.resolved["rule"], out.resolved["resolved_code"], strict=True))
    assert reasons == {"Q1": "id_corrected", "X1": "rule_not_run", "T1": "data_changed"}
    gone = classify(_f([]), MAY, prev, None, ResolveContext(roll=records.filter(pl.col("kind") == "tekun")))
    assert dict(zip(gone.resolved["rule"], gone.resolved["resolved_code"], strict=True))["T1"] == "left_roll"
