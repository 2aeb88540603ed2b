"""End to end on county B: every rule reaches precision and recall >= 0.99 in every layout, and
`recon inspect` shows every sheet's kind with its evidence, and only the doubts county B plants.

`.venv/bin/python -m tests.county_b.score` prints the per-rule table for every layout.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from recon.inspection import inspect_paths
from recon.pipeline import run_pipeline
from tests.county_b.generate import LAYOUTS, generate
from tests.county_b.score import PLANTED_RULES, score

MONTH = dt.date(2020, 4, 1)
THRESHOLD = 0.99


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_rule_precise_and_complete(tmp_path: Path, layout: str, seed: int) -> None:
    county = generate(tmp_path / layout, MONTH, seed, layout)
    outcome = run_pipeline(county.out_dir, MONTH, None)
    scores = score(outcome.result.findings, county.expected)
    bad = {rule: s for rule, s in scores.items() if s[0] < THRESHOLD or s[1] < THRESHOLD}
    assert not bad, f"{layout}, seed {seed}: rule -> (precision, recall, extra, missed): {bad}"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_planted_rule_has_answers(tmp_path: Path, layout: str) -> None:
    county = generate(tmp_path / layout, MONTH, 1, layout)
    missing = [rule for rule in PLANTED_RULES if county.expected.filter(pl.col("rule") == rule).is_empty()]
    assert not missing, f"{layout}: no answers for {missing}"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_inspect_shows_each_sheets_kind_evidence_and_only_the_planted_doubts(
    tmp_path: Path, layout: str
) -> None:
    county = generate(tmp_path / layout, MONTH, 1, layout)
    inspection = inspect_paths([county.out_dir])
    assert inspection.sheets and all(s.kind and s.evidence and not s.error for s in inspection.sheets)
    assert {s.kind for s in inspection.sheets} == {
        "dibao",
        "tekun",
        "disability",
        "subsidy",
        "cremation",
        "poverty",
    }
    # county B declares household sizes that differ from the members listed, on purpose (and nothing else)
    assert {n.code for n in inspection.notices} == {"household_size_mismatch"}
    # each household whose declared size differs from the distinct people the file lists is in 数据质量
    # (a person listed twice is one person: that is an X2 finding, not a size difference)
    records = county.records.filter(pl.col("kind") == "dibao")
    truth = (
        records.group_by("hh")
        .agg(pl.col("pid").n_unique().alias("found"), pl.col("declared_size").max().alias("declared"))
        .filter(pl.col("declared") != pl.col("found"))
    )
    issues = run_pipeline(county.out_dir, MONTH, None).result.issues
    flagged = issues.filter(pl.col("code") == "household_size_mismatch")
    assert sorted(flagged["value"].to_list()) == sorted(
        f"声明 {d}，列出 {f}" for d, f in truth.select("declared", "found").rows()
    )
