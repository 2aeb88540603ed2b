"""Rule tests as data: tests/rules/fixtures/<CODE>.toml, one test per named case (`pytest -k T1`)."""

from __future__ import annotations

import datetime as dt
import math
import tomllib
from pathlib import Path
from typing import Any

import pytest

from recon.config import Policy, config_from_dict
from recon.cycle.roll import snapshot_of
from recon.months import add_months
from recon.rules import RULES, get_rule, run_rules

from .builder import build_linked, resolve_people

FIXTURES = Path(__file__).parent / "fixtures"


def _load(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _cases() -> list[Any]:
    params = []
    for path in sorted(FIXTURES.glob("*.toml")):
        doc = _load(path)
        code = path.stem
        for case in doc["case"]:
            params.append(pytest.param(code, doc, case, id=f"{code}_{case['name']}"))
    return params


def _month(text: str) -> dt.date:
    y, m = text.split("-")
    return dt.date(int(y), int(m), 1)


def _policy(overrides: dict[str, Any] | None) -> Policy:
    return config_from_dict({"policy": overrides or {}}).policy


@pytest.mark.parametrize(("code", "doc", "case"), _cases())
def test_rule_case(code: str, doc: dict[str, Any], case: dict[str, Any]) -> None:
    people_spec = {**doc.get("people", {}), **case.get("people", {})}
    people = resolve_people(people_spec)
    linked = build_linked(case["records"], people_spec)
    rules = [get_rule(c) for c in case.get("rules", [code])]
    present = set(case["present"]) if "present" in case else None
    month = _month(case["month"])
    # `previous`: last month's rolls as records, reduced to the snapshot a run keeps (M1)
    previous = None
    if "previous" in case:
        previous = snapshot_of(build_linked(case["previous"], people_spec), add_months(month, -1))
    out = run_rules(linked, month, _policy(case.get("policy")), rules, present, previous_roll=previous)

    def resolve(who: str) -> str:
        return people[who]["id"] if who in people else who

    got = sorted((r, i) for r, i in out.findings.select("rule", "id_number").iter_rows())
    want = sorted((r, resolve(w)) for r, w in case["expect"])
    assert got == want
    assert out.skipped == [tuple(s) for s in case.get("skipped", [])]

    rows = out.findings.to_dicts()
    for chk in case.get("check", []):
        chk = dict(chk)
        rule, who = chk.pop("rule"), resolve(chk.pop("who"))
        kind = chk.get("source_kind")
        matching = [
            r
            for r in rows
            if r["rule"] == rule and r["id_number"] == who and kind in (None, r["source_kind"])
        ]
        assert matching, f"no {rule} row for {who}"
        row = matching[0]
        contains = chk.pop("evidence_contains", [])
        for part in contains:
            assert part in row["evidence"], row["evidence"]
        for field, value in chk.items():
            if isinstance(value, str) and "{" in value:
                value = value.format_map({a: p["id"] for a, p in people.items()})
            if isinstance(value, float):
                assert row[field] is not None and math.isclose(row[field], value), (field, row[field])
            else:
                assert row[field] == value, (field, row[field])


def test_every_rule_has_fail_and_pass_fixtures() -> None:
    for rule in RULES:
        path = FIXTURES / f"{rule.code}.toml"
        assert path.exists(), f"{rule.code} has no fixture file"
        names = [c["name"] for c in _load(path)["case"]]
        assert any(n.startswith("fail") for n in names), f"{rule.code} has no failing case"
        assert any(n.startswith("pass") for n in names), f"{rule.code} has no passing case"


def test_fixture_files_name_registered_rules() -> None:
    codes = {r.code for r in RULES}
    assert {p.stem for p in FIXTURES.glob("*.toml")} <= codes
