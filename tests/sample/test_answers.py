"""The answer file: every rule code, every planted case present or deliberately absent."""

from __future__ import annotations

import datetime as dt

import polars as pl

from recon.sample import GeneratedSample
from recon.sample.answers import RULE_ORDER, age_at

MONTH = dt.date(2020, 4, 1)


def _pairs(g: GeneratedSample) -> set[tuple[str, str]]:
    return set(zip(g.expected["rule"], g.expected["id_number"], strict=True))


def test_every_rule_code_has_at_least_two_rows(mixed: GeneratedSample) -> None:
    counts = dict(mixed.expected.group_by("rule").len().iter_rows())
    assert set(counts) == set(RULE_ORDER)
    assert all(n >= 2 for n in counts.values()), counts


def test_answer_file_is_utf8_bom_with_contract_columns(mixed: GeneratedSample) -> None:
    raw = mixed.answers.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pl.read_csv(mixed.answers, infer_schema=False)
    assert back.columns == ["rule", "id_number", "name", "source_kind", "source_file"]
    previous = pl.read_csv(mixed.answers_previous, infer_schema=False)
    assert back.height + previous.height == mixed.expected.height
    # a plain run's answers hold the P rules; M1 only comes with last month's roll
    assert set(previous["rule"]) == {"M1"} and "M1" not in set(back["rule"]) and "P1" in set(back["rule"])
    # the answers sit apart from the inputs, in a folder recon skips
    assert mixed.answers.parent.name.startswith("_")
    assert all(not f.name.startswith("_") and f.parent == mixed.out_dir for f in mixed.files)
    # M1 rows cite last month's roll, in its own folder that recon skips too
    assert set(back["source_file"]) <= {f.name for f in mixed.files}
    assert set(previous["source_file"]) <= {f.name for f in mixed.previous_files}
    assert all(f.parent.name.startswith("_") for f in mixed.previous_files)


def test_each_planted_case_is_present_or_deliberately_absent(mixed: GeneratedSample) -> None:
    pairs = _pairs(mixed)
    problems = []
    for case in mixed.cases.iter_rows(named=True):
        for rule in filter(None, case["present"].split(",")):
            if (rule, case["id_number"]) not in pairs:
                problems.append(f"{case['case']}: {rule} missing")
        for rule in filter(None, case["absent"].split(",")):
            if (rule, case["id_number"]) in pairs:
                problems.append(f"{case['case']}: {rule} should not be there")
    assert problems == []


def _case(g: GeneratedSample, name: str) -> dict:
    rows = g.cases.filter(pl.col("case") == name).to_dicts()
    assert len(rows) == 1, name
    return rows[0]


def _birth(id18: str) -> dt.date:
    return dt.datetime.strptime(id18[6:14], "%Y%m%d").date()


def test_age_edge_is_on_the_roster_day(mixed: GeneratedSample) -> None:
    sixty, almost = _case(mixed, "T1_age_exactly_60"), _case(mixed, "notT1_age_59")
    assert _birth(sixty["id_number"]) == dt.date(1960, 4, 1)
    assert age_at(_birth(sixty["id_number"]), MONTH) == 60
    assert age_at(_birth(almost["id_number"]), MONTH) == 59
    pairs = _pairs(mixed)
    assert ("T1", sixty["id_number"]) in pairs and ("T1", almost["id_number"]) not in pairs


def test_disability_edges_and_single_on_tekun(mixed: GeneratedSample) -> None:
    pairs = _pairs(mixed)
    assert ("T1", _case(mixed, "T1_intellectual_grade3")["id_number"]) in pairs
    assert ("T1", _case(mixed, "notT1_physical_grade3")["id_number"]) not in pairs
    single_tekun = _case(mixed, "X1_single_on_tekun")["id_number"]
    assert ("X1", single_tekun) in pairs and ("T1", single_tekun) not in pairs
    grade3_care = _case(mixed, "S3_care_for_grade3")["id_number"]
    assert ("S3", grade3_care) in pairs


def test_deaths_inside_the_roster_month_are_not_d1(mixed: GeneratedSample) -> None:
    pairs = _pairs(mixed)
    for name in ("notD1_death_in_month", "notD1_crem_in_month"):
        assert ("D1", _case(mixed, name)["id_number"]) not in pairs
    for name in ("D1_long_before", "D1_death_before_crem_in_month", "D1_crem_only"):
        assert ("D1", _case(mixed, name)["id_number"]) in pairs


def test_fuzzy_cases_give_deaths_and_q1_on_the_mistyped_record(mixed: GeneratedSample) -> None:
    pairs = _pairs(mixed)
    swap = _case(mixed, "fuzzy_adjacent_swap")["id_number"]
    d3 = mixed.expected.filter((pl.col("rule") == "D3") & (pl.col("id_number") == swap))
    assert d3.height == 2  # one row per subsidy line
    wrong = _case(mixed, "fuzzy_one_wrong_digit_Q1")["id_number"]
    assert ("Q1", wrong) in pairs
    right = _case(mixed, "fuzzy_one_wrong_digit")["id_number"]
    assert sum(a != b for a, b in zip(wrong, right, strict=True)) == 1


def test_poverty_household_covered_by_one_member_is_not_c(mixed: GeneratedSample) -> None:
    head = _case(mixed, "notC_covered_by_one_member")["id_number"]
    assert not mixed.expected.filter(pl.col("id_number") == head, pl.col("rule").str.starts_with("C")).height


def test_q3_names_are_unique_within_their_file(mixed: GeneratedSample) -> None:
    q3 = mixed.expected.filter(pl.col("rule") == "Q3")
    assert (q3["id_number"] == "").all()
    recs = mixed.records
    for row in q3.iter_rows(named=True):
        kind_rows = recs.filter(pl.col("name") == row["name"])
        assert kind_rows.height == 1, row["name"]


def test_same_seed_same_answers_other_seed_other_people(tmp_path) -> None:
    from recon.sample import generate

    a = generate(tmp_path / "a", seed=9, scale=0.1, formats="csv")
    b = generate(tmp_path / "b", seed=9, scale=0.1, formats="csv")
    c = generate(tmp_path / "c", seed=10, scale=0.1, formats="csv")
    assert a.answers.read_bytes() == b.answers.read_bytes()
    for fa, fb in zip(a.files, b.files, strict=True):
        assert fa.read_bytes() == fb.read_bytes(), fa.name
    assert set(a.expected["id_number"]) != set(c.expected["id_number"])
