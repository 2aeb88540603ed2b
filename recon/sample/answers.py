"""The reference computation: docs/rule-semantics.md applied to the clean tables, in plain Python.

Deliberately independent of recon.rules (it is what recon is checked against), and deliberately simple:
dictionaries and sets over the records, with the default policy of recon.config.Policy.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import defaultdict

import polars as pl

from recon.sample import answers_more
from recon.sample.answers_more import Row, death_dates

RULE_ORDER = (
    "D1",
    "D2",
    "D3",
    "D4",
    "T1",
    "C1",
    "C2",
    "C3",
    "S1",
    "S2",
    "S3",
    "S4",
    "S5",
    "X1",
    "X2",
    "Q1",
    "Q2",
    "Q3",
    "Q4",
    "E1",
    "E2",
    "E3",
    "E4",
    "E5",
    "R1",
    "K1",
    "K2",
    "P1",
    "P2",
    "P3",
    "P4",
    "P5",
    "M1",
)
USABLE = ("valid", "valid15")
LIVING, CARE = "生活补贴", "护理补贴"
C_CATEGORIES = {"脱贫不稳定户": "C1", "边缘易致贫户": "C2", "突发严重困难户": "C3"}

# defaults of recon.config.Policy, restated (not imported) so a change there shows up as a test failure
MINOR_AGE, ELDERLY_AGE = 16, 60
T1_DISABILITIES = {5: 3, 6: 3, 4: 2, 1: 1}  # type -> worst grade that still counts
CARE_GRADES = (1, 2)
TEKUN_EXCLUDED = (LIVING, CARE)
GRACE_MONTHS = 0

ANSWER_COLUMNS = ("rule", "id_number", "name", "source_kind", "source_file")


_COLUMNS_READ = Row._fields[:-1]


def _rows(records: pl.DataFrame) -> list[Row]:
    """One small tuple per row, with only the columns the rules read and one Python object per distinct
    value (pid, person and id_text share theirs): at province scale (10 million rows) a dict per row
    of fresh objects would not fit in memory."""
    person = pl.coalesce("pid", pl.lit("rec:") + pl.col("rec").cast(pl.String)).alias("person")
    table = records.select(*_COLUMNS_READ, person)
    memo: dict[object, object] = {}
    columns = [[memo.setdefault(v, v) for v in table[c].to_list()] for c in table.columns]
    memo.clear()
    return list(map(Row._make, zip(*columns, strict=True)))


def _declared_sizes(records: pl.DataFrame) -> dict[str | None, int]:
    """Dibao household -> the largest size its rows declare (保障人数), when the records carry one."""
    if "declared_size" not in records.columns:
        return {}
    sizes = (
        records.filter((pl.col("kind") == "dibao") & pl.col("declared_size").is_not_null())
        .group_by("hh")
        .agg(pl.col("declared_size").max())
    )
    return {hh: int(n) for hh, n in sizes.iter_rows()}


def age_at(birth: dt.date, month: dt.date) -> int:
    return month.year - birth.year - ((month.month, month.day) < (birth.month, birth.day))


def expected(
    records: pl.DataFrame,
    month: dt.date,
    file_names: dict[str, str],
    previous: pl.DataFrame | None = None,
    previous_names: dict[str, str] | None = None,
) -> pl.DataFrame:
    """The answers; M1 when `previous` (last month's dibao roll) is given, its rows citing
    `previous_names` (logical file -> name in the previous month's folder)."""
    # millions of tuples and no reference cycles: the cyclic collector would rescan them over and over
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _expected(records, month, file_names, previous, previous_names or {})
    finally:
        if enabled:
            gc.enable()


def _expected(
    records: pl.DataFrame,
    month: dt.date,
    file_names: dict[str, str],
    previous: pl.DataFrame | None,
    previous_names: dict[str, str],
) -> pl.DataFrame:
    rows = _rows(records)
    prev_rows = [r._replace(file=f"prev:{r.file}") for r in _rows(previous)] if previous is not None else []
    file_names = {**file_names, **{f"prev:{k}": v for k, v in previous_names.items()}}
    by_kind: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        by_kind[r.kind].append(r)
    persons_of = {k: {r.person for r in v} for k, v in by_kind.items()}
    on_dibao, on_tekun = persons_of.get("dibao", set()), persons_of.get("tekun", set())

    death = death_dates(rows)  # every death source: cremation, and the death list's deaths

    def dead(person: str) -> bool:
        d = death.get(person)
        return d is not None and (month.year * 12 + month.month) - (d.year * 12 + d.month) > GRACE_MONTHS

    cert: dict[str, tuple[int, int | None]] = {}  # person -> (grade, type) of the most severe certificate
    for r in by_kind["disability"]:
        g, t = r.dis_grade, r.dis_type
        if g is not None and (r.person not in cert or g < cert[r.person][0]):
            cert[r.person] = (g, t)
    subsidies: dict[str, set[str | None]] = defaultdict(set)
    for r in by_kind["subsidy"]:
        subsidies[r.person].add(r.subsidy_type)

    out: list[tuple[str, Row, str | None]] = []

    def emit(rule: str, r: Row, id_number: str | None = None) -> None:
        out.append((rule, r, id_number))

    def first_per_person(records_: list[Row]) -> list[Row]:
        seen: dict[str, Row] = {}
        for r in records_:
            seen.setdefault(r.person, r)
        return list(seen.values())

    # D: one row per record of a dead person
    for kind, rule in (("dibao", "D1"), ("tekun", "D2"), ("subsidy", "D3"), ("disability", "D4")):
        for r in by_kind[kind]:
            if dead(r.person):
                emit(rule, r)

    # T1: single-person dibao households
    households: dict[str | None, list[Row]] = defaultdict(list)
    declared = _declared_sizes(records)
    for r in by_kind["dibao"]:
        households[r.hh].append(r)
    for hh, members in households.items():
        people = {m.person for m in members}
        # a household that lists one member but declares more is not established as single
        if len(people) != 1 or declared.get(hh, 1) > 1:
            continue
        r = members[0]
        p = r.person
        if p in on_tekun or dead(p):
            continue
        age = age_at(r.birth, month) if r.pid and r.birth else None
        old_or_young = age is not None and (age >= ELDERLY_AGE or age < MINOR_AGE)
        g, t = cert.get(p, (None, None))
        disabled = t in T1_DISABILITIES and g is not None and g <= T1_DISABILITIES[t]
        if old_or_young or disabled:
            emit("T1", r)

    # C: monitored poverty households none of whose members is on dibao or tekun
    pov: dict[str | None, list[Row]] = defaultdict(list)
    for r in by_kind["poverty"]:
        pov[r.hh].append(r)
    for members in pov.values():
        c_rule = C_CATEGORIES.get(members[0].poverty_category or "")
        if c_rule is None or any(m.person in on_dibao or m.person in on_tekun for m in members):
            continue
        head = next((m for m in members if m.relation == "户主"), members[0])
        emit(c_rule, head)

    # S1 / S3 / S5 on subsidy records
    for r in first_per_person([r for r in by_kind["subsidy"] if r.subsidy_type == LIVING]):
        if r.person not in on_dibao and r.person not in on_tekun:
            emit("S1", r)
    for r in first_per_person([r for r in by_kind["subsidy"] if r.subsidy_type == CARE]):
        if r.person not in cert or cert[r.person][0] not in CARE_GRADES:
            emit("S3", r)
    for r in by_kind["subsidy"]:
        if r.person in on_tekun and r.subsidy_type in TEKUN_EXCLUDED:
            emit("S5", r)
    # S2 on the dibao record, S4 on the disability record
    for r in first_per_person(by_kind["dibao"]):
        p = r.person
        if p in cert and p not in on_tekun and not dead(p) and LIVING not in subsidies[p]:
            emit("S2", r)
    for r in first_per_person(by_kind["disability"]):
        p = r.person
        if cert[p][0] in CARE_GRADES and not dead(p) and p not in on_tekun and CARE not in subsidies[p]:
            emit("S4", r)

    # X1 / X2
    dibao_count: dict[str, int] = defaultdict(int)
    for r in by_kind["dibao"]:
        dibao_count[r.person] += 1
    for r in first_per_person(by_kind["dibao"]):
        if r.person in on_tekun:
            emit("X1", r)
        if dibao_count[r.person] >= 2:
            emit("X2", r)

    # Q1 / Q3 on every record; Q2 per valid ID with several names; Q4 on disability records
    names: dict[str | None, dict[str | None, Row]] = defaultdict(dict)
    for r in rows:
        if r.id_status == "invalid":
            emit("Q1", r, r.id_text)
        elif r.id_status == "float_damaged":
            emit("Q3", r, "")
        elif r.id_status in USABLE:
            names[r.pid].setdefault(r.name, r)
    for by_name in names.values():
        if len(by_name) >= 2:
            emit("Q2", next(iter(by_name.values())))
    for r in by_kind["disability"]:
        c = r.cert_number
        if r.id_status not in USABLE or not c or len(c) != 20:
            continue
        if c[:18] != r.pid or int(c[18]) != r.dis_type or int(c[19]) != r.dis_grade:
            emit("Q4", r)

    answers_more.e_r_k(by_kind, month, dead, emit)
    answers_more.p_m(by_kind, prev_rows, month, death, emit)

    table = [
        {
            "rule": rule,
            "id_number": r.pid if id_number is None else id_number,
            "name": r.name,
            "source_kind": r.kind,
            "source_file": file_names[r.file],
        }
        for rule, r, id_number in out
    ]
    order = {c: i for i, c in enumerate(RULE_ORDER)}
    return (
        pl.DataFrame(table, schema={c: pl.String for c in ANSWER_COLUMNS})
        .with_columns(_o=pl.col("rule").replace_strict(order, return_dtype=pl.Int64))
        .sort("_o", "id_number", "source_file", maintain_order=True)
        .drop("_o")
    )
