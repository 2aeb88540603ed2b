"""The rule stage takes each kind as a zero-copy slice when the loader laid the kinds out in blocks, and
filters otherwise: both must give the same findings, and the run keeps only the columns it reads."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from recon.config import Config
from recon.link.engine import link_records
from recon.load import load_folder
from recon.model import RUN_UNUSED
from recon.pipeline import bundled_sample_dir
from recon.rules.base import RuleContext
from recon.rules.run import run_rules

APRIL = dt.date(2020, 4, 1)


@pytest.fixture(scope="module")
def loaded():
    return load_folder(bundled_sample_dir(), Config(), today=dt.date(2026, 11, 28))


def test_loader_lays_kinds_out_in_blocks_in_rec_id_order(loaded):
    records = loaded.records
    runs = records.get_column("kind").rle().struct.field("value")
    assert runs.n_unique() == runs.len() == len(loaded.kinds)  # one block per kind
    assert (
        records.get_column("rec_id").is_sorted() and records.get_column("rec_id").n_unique() == records.height
    )


def test_slices_and_filters_give_the_same_findings(loaded):
    linked = link_records(loaded.records).records
    shuffled = linked.sample(fraction=1.0, shuffle=True, seed=7)
    assert RuleContext(linked, APRIL)._kind_slices() is not None
    assert RuleContext(shuffled, APRIL)._kind_slices() is None
    a = run_rules(linked, APRIL, present_kinds=loaded.kinds).findings
    b = run_rules(shuffled, APRIL, present_kinds=loaded.kinds).findings
    assert a.height > 50
    order = ["key", "source_file", "source_sheet", "source_row"]
    assert_frame_equal(a.sort(order), b.sort(order))


def test_the_run_drops_only_columns_it_never_reads(loaded):
    lean = load_folder(bundled_sample_dir(), Config(), today=dt.date(2026, 11, 28), drop=RUN_UNUSED)
    assert not set(RUN_UNUSED) & set(lean.records.columns)
    kept = lean.records.columns
    assert_frame_equal(lean.records, loaded.records.select(kept))
    # the rules see the same findings either way
    full = run_rules(link_records(loaded.records).records, APRIL, present_kinds=loaded.kinds).findings
    thin = run_rules(link_records(lean.records).records, APRIL, present_kinds=lean.kinds).findings
    assert_frame_equal(full, thin)
    assert set(lean.issues["code"].to_list()) == set(loaded.issues["code"].to_list())
    assert lean.issues.height == loaded.issues.height
    assert pl.Series(RUN_UNUSED).is_in(loaded.records.columns).all()
