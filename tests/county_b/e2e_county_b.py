"""End to end on county B: every rule reaches precision and recall >= 0.99 in every layout.

Not collected by `pytest` yet (the file name does not match test_*.py): recon fails on several layouts
today. Run it on purpose with

    .venv/bin/python -m pytest tests/county_b/e2e_county_b.py

and switch it on by renaming it to test_e2e_county_b.py once recon reads county B.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from recon.pipeline import run_pipeline
from recon.sample.answers import RULE_ORDER
from tests.county_b.generate import LAYOUTS, generate
from tests.county_b.score import score

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
    missing = [rule for rule in RULE_ORDER if county.expected.filter(pl.col("rule") == rule).is_empty()]
    assert not missing, f"{layout}: no answers for {missing}"
