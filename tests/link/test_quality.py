"""Linking quality on a synthetic task with known truth (tests/link/synthetic.py)."""

import polars as pl

from recon.link import link_records
from tests.link.synthetic import AMBIGUOUS, DECOY_CASES, FUZZY_CASES, make_link_task, score


def test_fuzzy_links_are_precise_complete_and_never_through_decoys():
    task = make_link_task(3000, seed=7)
    cases = task.truth.get_column("case").value_counts()
    # the task really holds every kind of spoiled record and decoy
    assert set(cases.get_column("case")) >= {*FUZZY_CASES, *DECOY_CASES, AMBIGUOUS}

    r = link_records(task.records)
    s = score(r.records, task.truth, r.ambiguous)
    assert s["fuzzy_links"] > 200
    assert s["precision"] >= 0.99, s
    assert s["recall"] >= 0.95, s
    assert s["decoy_links"] == 0, s
    assert s["ambiguous_linked"] == 0, s
    assert s["ambiguous_listed"] == s["ambiguous_expected"] > 0, s


def test_every_fuzzy_case_links_by_its_own_evidence():
    task = make_link_task(3000, seed=11)
    r = link_records(task.records)
    got = task.truth.join(r.records.select("rec_id", "person_id", "link_basis"), on="rec_id")
    by_case = dict(
        got.filter(pl.col("person_id") == pl.col("true_person"))
        .group_by("case")
        .agg(pl.col("link_basis").unique().sort())
        .iter_rows()
    )
    assert by_case["exact"] == ["id"]
    assert set(by_case["typo"]) == {"id_one_edit+name"}
    assert set(by_case["typo_homophone"]) == {"id_one_edit+homophone"}
    assert set(by_case["blank_homophone"]) == {"homophone+birth_date+town"}
    assert set(by_case["float"]) == {"name+birth_date+town"}
