"""The other offices' lists, the payment file and last month's roll: what the generator plants for the E,
R, K, P and M rules, and that nothing else in the county makes such a case by chance."""

from __future__ import annotations

import fastexcel
import polars as pl
import pytest

from recon.sample import GeneratedSample
from recon.sample.previous import PREVIOUS_DIR
from recon.sample.records import NOT_DEATH_REASONS

NEW_FAMILIES = ("E1", "E2", "E3", "E4", "E5", "R1", "K1", "K2", "P1", "P2", "P3", "P4", "P5", "M1")


@pytest.mark.parametrize("rule", NEW_FAMILIES)
def test_every_answer_of_the_new_rules_is_a_planted_case(mixed: GeneratedSample, rule: str) -> None:
    """The answer key is computed from all records; for these rules it must hold exactly the planted
    cases, so a random vehicle owner or payment line never makes a case nobody meant."""
    answers = set(mixed.expected.filter(pl.col("rule") == rule)["id_number"])
    planted = {c["id_number"] for c in mixed.cases.iter_rows(named=True) if rule in c["present"].split(",")}
    assert answers == planted
    assert len(answers) >= 2


def test_the_lists_hold_assisted_people_that_do_not_count(mixed: GeneratedSample) -> None:
    """Base rows of assisted people (a motorcycle, a basic pension) exist and are no E case."""
    recs = mixed.records
    dibao = set(recs.filter(pl.col("kind") == "dibao")["pid"].drop_nulls())
    for kind, rule in (("vehicle", "E2"), ("pension", "E5")):
        base = recs.filter(pl.col("kind") == kind, pl.col("planted").is_null(), pl.col("pid").is_in(dibao))
        assert base.height, kind
        assert not set(base["pid"]) & set(mixed.expected.filter(pl.col("rule") == rule)["id_number"])


def test_death_list_has_rows_that_are_no_death(mixed: GeneratedSample) -> None:
    deaths = mixed.records.filter(pl.col("kind") == "death")
    reasons = set(deaths["category"])
    assert "死亡" in reasons and {"迁出", "服兵役"} <= reasons
    moved = deaths.filter(pl.col("category").is_in(list(NOT_DEATH_REASONS)))
    d = set(mixed.expected.filter(pl.col("rule").str.starts_with("D"))["id_number"])
    assert not d & set(moved["pid"])


def test_death_date_conflict_is_planted_once(mixed: GeneratedSample) -> None:
    """Exactly one person has death records more than 7 days apart (the planted conflict)."""
    recs = mixed.records.filter(
        (pl.col("kind") == "cremation")
        | ((pl.col("kind") == "death") & ~pl.col("category").is_in(list(NOT_DEATH_REASONS)))
    ).filter(pl.col("pid").is_not_null())
    date = pl.coalesce("death_date", "cremation_date", "event_date")
    spread = recs.group_by("pid").agg((date.max() - date.min()).dt.total_days().alias("days"))
    (case,) = mixed.cases.filter(pl.col("case") == "D1_death_date_conflict")["id_number"]
    assert spread.filter(pl.col("days") > 7)["pid"].to_list() == [case]


def test_payment_file_layout(mixed: GeneratedSample) -> None:
    (path,) = [f for f in mixed.files if "一本通" in f.name]
    sheets = fastexcel.read_excel(path).sheet_names
    assert len(sheets) == 2
    dib = pl.read_excel(path, sheet_name=sheets[0], has_header=False, infer_schema_length=0)
    tek = pl.read_excel(path, sheet_name=sheets[1], has_header=False, infer_schema_length=0)
    dib_text = {v for c in dib.columns for v in dib[c].drop_nulls()}
    tek_text = {v for c in tek.columns for v in tek[c].drop_nulls()}
    assert "发放月份" in dib_text and "发放月份" not in tek_text
    assert any("2020年4月" in v for v in tek_text)  # the month only in the title
    assert "2020-03" in dib_text  # a line of another month
    assert {"城乡低保", "农村低保金"} <= dib_text and "特困供养金" in tek_text


def test_regular_lines_pay_what_the_roll_approves(mixed: GeneratedSample) -> None:
    """One line per household (to a member) for the sum of its members' amounts, one per tekun person."""
    recs = mixed.records
    lines = recs.filter(pl.col("kind") == "payment", pl.col("planted").is_null())
    assert lines.group_by("pid", "category").len()["len"].max() == 1
    person = pl.coalesce(pl.col("pid"), pl.col("rec").cast(pl.String))
    dib = recs.filter(pl.col("kind") == "dibao").with_columns(_p=person).unique(["hh", "_p"], keep="first")
    approved = dib.group_by("hh").agg(pl.col("amount").sum(), pl.col("pid").alias("members"))
    paid = lines.filter(pl.col("category") == "dibao").select("pid", paid="amount")
    joined = approved.explode("members").join(paid, left_on="members", right_on="pid", how="inner")
    assert joined.height > 0.8 * approved.height
    assert joined.filter(pl.col("amount") != pl.col("paid")).is_empty()


def test_previous_roll_is_written_beside_the_inputs(mixed: GeneratedSample) -> None:
    prev = mixed.previous_files
    assert prev and all(f.parent == mixed.out_dir / PREVIOUS_DIR for f in prev)
    assert any("2020年3月" in f.name for f in prev)
    m1 = mixed.expected.filter(pl.col("rule") == "M1")
    assert set(m1["source_file"]) <= {f.name for f in prev}
    # the exits explained by a death or a move to tekun are last month's too, yet no M1
    for case in ("notM1_died", "notM1_to_tekun"):
        (pid,) = mixed.cases.filter(pl.col("case") == case)["id_number"]
        assert pid not in set(m1["id_number"])
