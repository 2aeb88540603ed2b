"""run_rules as a whole: skipping, ordering, schema, keys, and speed on a large frame."""

from __future__ import annotations

import datetime as dt

import polars as pl

from recon.model import FINDING_SCHEMA, LINKED_SCHEMA
from recon.rules import get_rule, run_rules

from .builder import build_linked, make_id

APRIL = dt.date(2020, 4, 1)
PEOPLE = {
    "a": {"born": "1940-01-01", "name": "甲", "town": "二镇", "village": "二村"},
    "b": {"born": "1941-01-01", "name": "乙", "town": "一镇", "village": "一村"},
    "c": {"born": "1990-01-01", "name": "丙", "town": "甲镇", "village": "一村"},
}


def test_rules_without_their_data_are_skipped_with_reason() -> None:
    linked = build_linked([{"kind": "dibao", "who": "a", "household_id": "H1"}], PEOPLE)
    out = run_rules(linked, APRIL)
    skipped = dict(out.skipped)
    assert skipped["D1"] == "缺少数据：火化记录或死亡名单"
    assert skipped["S2"] == "缺少数据：残疾人证、两项补贴"
    assert "T1" in out.ran and "X2" in out.ran and "T1" not in skipped
    # declared present kinds override what the frame shows (a source given but empty)
    out2 = run_rules(linked, APRIL, present_kinds={"dibao", "cremation"})
    assert "D1" in out2.ran


def test_findings_sorted_by_catalog_then_place_and_conform() -> None:
    recs = [
        {"kind": "dibao", "who": "a", "household_id": "H1", "monthly_amount": 100.0},
        {"kind": "dibao", "who": "b", "household_id": "H2"},
        {"kind": "cremation", "who": "b", "cremation_date": dt.date(2020, 1, 1)},
        {"kind": "cremation", "who": "a", "cremation_date": dt.date(2020, 1, 1)},
        {"kind": "dibao", "name": "丁", "id_clean": "123", "id_status": "invalid", "id_reason": "位数不对"},
    ]
    out = run_rules(build_linked(recs, PEOPLE), APRIL)
    f = out.findings
    assert f.schema == pl.Schema(FINDING_SCHEMA)
    assert [(r, t) for r, t in f.select("rule", "town").iter_rows()] == [
        ("D1", "一镇"),
        ("D1", "二镇"),
        ("Q1", None),
    ]
    assert f["severity"].to_list() == ["high", "high", "medium"]
    assert f.select(pl.col("evidence", "key", "id_number").null_count()).row(0) == (0, 0, 0)
    assert f["key"][0] == f"D1|{f['id_number'][0]}|dibao"


def test_lazy_input_accepted() -> None:
    recs = [{"kind": "dibao", "who": "a", "household_id": "H1"}]
    out = run_rules(build_linked(recs, PEOPLE).lazy(), APRIL, rules=[get_rule("T1")])
    assert out.findings["rule"].to_list() == ["T1"]


def _big_frame(n_people: int) -> pl.DataFrame:
    """n_people on dibao (pairs share a household), a tenth cremated, a fifth holding certificates."""
    i = pl.int_range(0, n_people, eager=True)
    ids = [make_id(dt.date(1940, 1, 1) + dt.timedelta(days=k // 1000), k % 1000) for k in range(n_people)]
    base = pl.DataFrame({"person_id": ids}).with_columns(
        pl.col("person_id").alias("id_number"),
        pl.lit("valid").alias("id_status"),
        pl.lit("id").alias("link_basis"),
        pl.lit(1.0).alias("link_confidence"),
        pl.lit("张三").alias("name"),
        pl.lit("张 三").alias("name_pinyin"),
        pl.lit("城关镇").alias("town"),
        pl.lit("东街村").alias("village"),
        (pl.lit("1950-01-01").str.to_date()).alias("birth_date"),
    )
    dib = base.with_columns(
        pl.lit("dibao").alias("kind"),
        (i // 2).cast(pl.String).alias("household_id"),
        pl.lit(300.0).alias("monthly_amount"),
    )
    cre = base.filter(i % 10 == 0).with_columns(
        pl.lit("cremation").alias("kind"), pl.lit(dt.date(2019, 12, 1)).alias("cremation_date")
    )
    dis = base.filter(i % 5 == 0).with_columns(
        pl.lit("disability").alias("kind"),
        pl.lit(5).alias("disability_type"),
        pl.lit(2).alias("disability_grade"),
    )
    sub = base.filter(i % 7 == 0).with_columns(
        pl.lit("subsidy").alias("kind"), pl.lit("生活补贴").alias("subsidy_type")
    )
    frames = [
        f.with_columns(
            [pl.lit(None, dtype=t).alias(c) for c, t in LINKED_SCHEMA.items() if c not in f.columns]
        )
        .select(list(LINKED_SCHEMA))
        .cast(LINKED_SCHEMA)
        for f in (dib, cre, dis, sub)
    ]
    out = pl.concat(frames)
    return out.with_columns(
        pl.int_range(0, out.height).alias("rec_id"),
        pl.lit("f.csv").alias("source_file"),
        pl.int_range(2, out.height + 2).alias("source_row"),
    )


def test_all_rules_on_a_large_frame() -> None:
    df = _big_frame(200_000)
    out = run_rules(df, APRIL)
    counts = dict(out.findings.group_by("rule").len().iter_rows())
    n = 200_000
    assert counts["D1"] == counts["D4"] == n // 10
    # holders (k % 5) without a living subsidy (k % 7) who are alive (k % 10)
    assert counts["S2"] == sum(1 for k in range(n) if k % 5 == 0 and k % 7 != 0 and k % 10 != 0)
    assert "S1" not in counts and "T1" not in counts
    assert out.findings.select(pl.col("evidence", "key").null_count()).row(0) == (0, 0)
