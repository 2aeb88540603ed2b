"""The lean shared facts: per-kind frames without copying empty columns, person facts by projection, and
rule results that do not depend on the order records arrive in."""

from __future__ import annotations

import datetime as dt

import polars as pl
from polars.testing import assert_frame_equal

from recon.model import LINKED_SCHEMA
from recon.rules import run_rules
from recon.rules.base import _RULE_COLS, RuleContext

from .builder import build_linked

APRIL = dt.date(2020, 4, 1)
PEOPLE = {
    "a": {"born": "1940-01-01", "name": "甲"},
    "b": {"born": "1950-06-01", "name": "乙"},
    "c": {"born": "2010-01-01", "name": "丙"},
}
RECORDS = [
    {"kind": "dibao", "who": "a", "household_id": "H1", "monthly_amount": 300.0},
    {"kind": "dibao", "who": "b", "household_id": "H2", "monthly_amount": 200.0},
    {"kind": "dibao", "who": "b", "household_id": "H3"},
    {"kind": "dibao", "who": "c", "household_id": "H4"},
    {"kind": "tekun", "who": "b"},
    {"kind": "subsidy", "who": "b", "subsidy_type": "生活补贴", "monthly_amount": 80.0},
    {"kind": "subsidy", "who": "a", "subsidy_type": "护理补贴"},
    {
        "kind": "disability",
        "who": "a",
        "disability_type": 5,
        "disability_grade": 2,
        "cert_grade": 3,
        "cert_type": 5,
        "cert_id": "{a}",
        "cert_number": "{a}52",
    },
    {"kind": "disability", "who": "c", "disability_type": 4, "disability_grade": 1},
    {"kind": "cremation", "who": "a", "cremation_date": "2020-01-05"},
    {"kind": "dibao", "who": "c", "household_id": "H4", "name": "丙丙"},
    {
        "kind": "poverty",
        "who": "c",
        "household_id": "P1",
        "poverty_category": "脱贫不稳定户",
        "relation": "户主",
        "income_per_capita": 3000.0,
    },
    {"kind": "dibao", "name": "丁", "id_clean": "123", "id_status": "invalid", "id_reason": "位数不对"},
]


def test_kind_frames_hold_rule_columns_in_rec_id_order_with_empty_columns_as_nulls() -> None:
    linked = build_linked(RECORDS, PEOPLE)
    # a value where the kind normally has none must survive the split (it is not assumed empty)
    linked = linked.with_columns(
        pl.when(pl.col("rec_id") == 1)
        .then(pl.lit("护理补贴"))
        .otherwise(pl.col("subsidy_type"))
        .alias("subsidy_type")
    )
    ctx = RuleContext(linked.sample(fraction=1.0, shuffle=True, seed=3), APRIL)
    dib = ctx.of_kind("dibao")
    assert dib.columns == list(_RULE_COLS)
    assert dib.schema["cert_grade"] == LINKED_SCHEMA["cert_grade"]
    assert dib["rec_id"].to_list() == [1, 2, 3, 4, 11, 13]
    assert dib["subsidy_type"].to_list() == ["护理补贴", None, None, None, None, None]
    assert dib["cert_grade"].null_count() == dib.height
    assert ctx.of_kind("tekun")["rec_id"].to_list() == [5]
    assert ctx.of_kind("cremation").height == 1
    # a kind absent from the run is an empty frame of the same shape
    empty = RuleContext(linked.filter(pl.col("kind") == "dibao"), APRIL).of_kind("poverty")
    assert empty.height == 0 and empty.columns == list(_RULE_COLS)


def test_person_facts_limited_to_columns_still_give_nobody_false() -> None:
    linked = build_linked(RECORDS, PEOPLE)
    ctx = RuleContext(linked, APRIL)
    dib = ctx.of_kind("dibao")
    facts = ctx.with_person_facts(dib, ("on_tekun", "dead", "best_grade"))
    assert facts.columns == [*dib.columns, "on_tekun", "dead", "best_grade"]
    by_rec = {r["rec_id"]: r for r in facts.iter_rows(named=True)}
    assert by_rec[2]["on_tekun"] is True and by_rec[1]["on_tekun"] is False
    assert by_rec[1]["dead"] is True and by_rec[1]["best_grade"] == 2
    assert by_rec[13]["on_tekun"] is False and by_rec[13]["dead"] is False  # unlinked record
    full = ctx.with_person_facts(dib)
    assert_frame_equal(facts, full.select(facts.columns))


def test_findings_do_not_depend_on_record_order() -> None:
    linked = build_linked(RECORDS, PEOPLE)
    ordered = run_rules(linked, APRIL).findings
    assert {"D1", "Q1", "Q2", "Q4", "X1", "X2", "S5"} <= set(ordered["rule"].to_list())
    for seed in (1, 2):
        shuffled = run_rules(linked.sample(fraction=1.0, shuffle=True, seed=seed), APRIL).findings
        assert_frame_equal(shuffled, ordered)
