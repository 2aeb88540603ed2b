"""The catalog itself: complete docs, selection by code/family/title, rule_info for the reports."""

from __future__ import annotations

import dataclasses

import pytest

from recon.config import Policy
from recon.errors import ConfigError
from recon.model import KINDS
from recon.rules import RULES, get_rule, rule_info, select_rules
from recon.rules.base import FAMILIES, Rule, RuleDefinitionError


def test_codes_in_catalog_order_and_unique() -> None:
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    assert [c[0] for c in codes] == sorted((c[0] for c in codes), key=FAMILIES.index)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_documented(rule: Rule) -> None:
    for f in ("title_zh", "title_en", "basis", "definition", "finds", "why", "fail_example", "pass_example"):
        assert getattr(rule, f).strip(), f
    assert set(rule.needs) <= set(KINDS)


def test_inferred_basis_says_so() -> None:
    assert "推断" in get_rule("X1").basis


def test_rule_without_docs_is_refused() -> None:
    with pytest.raises(RuleDefinitionError, match="why"):
        dataclasses.replace(get_rule("D1"), why=" ")
    with pytest.raises(RuleDefinitionError, match="not a Policy field"):
        dataclasses.replace(get_rule("T1"), parameters=("retirement_age",))


def test_select_by_code_family_and_title_minus_ignore() -> None:
    assert [r.code for r in select_rules("D,T1")] == ["D1", "D2", "D3", "D4", "T1"]
    assert [r.code for r in select_rules("s", "S2,s5")] == ["S1", "S3", "S4"]
    assert [r.code for r in select_rules("同时享受低保和特困")] == ["X1"]
    assert len(select_rules(None, "Q")) == len(RULES) - 4


def test_unknown_code_lists_valid_ones() -> None:
    with pytest.raises(ConfigError) as e:
        select_rules("D1,Z9")
    assert "Z9" in e.value.message and "T1" in (e.value.fix or "")
    with pytest.raises(ConfigError):
        get_rule("D9")


def test_rule_info_carries_current_parameters() -> None:
    info = rule_info(get_rule("T1"), Policy(minor_age=18))
    assert info.family == "T" and info.severity == "medium"
    assert info.parameters["minor_age"] == 18
    assert {"type": 5, "max_grade": 3} in info.parameters["t1_disabilities"]
