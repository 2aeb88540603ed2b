"""What a rule is: its code, documentation, the data it needs, its parameters and its check.

A rule is data plus one `check` function; its declaration is checked at import, so a rule missing its
documentation, a family letter or a known parameter never reaches a run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import polars as pl

from recon.config import Policy
from recon.model import KIND_ZH, KINDS, SEVERITIES
from recon.result import RuleInfo

# the order of the catalog, the workbook and 汇总: the families of DOMAIN.md, data quality last
PREVIOUS_ROLL_ZH = "上月名册（--previous 上月输出目录，或 --previous-input 上月输入目录）"

FAMILIES = ("D", "T", "C", "S", "X", "E", "R", "P", "M", "K", "Q")
_DOC_FIELDS = ("title_zh", "title_en", "basis", "definition", "finds", "why", "fail_example", "pass_example")


class RuleDefinitionError(Exception):
    """A rule was declared without its complete documentation (a programming error, caught at import)."""


@dataclass(frozen=True)
class Rule:
    code: str
    title_zh: str
    title_en: str
    severity: str
    needs: tuple[str, ...]
    basis: str
    definition: str
    finds: str
    why: str
    fail_example: str
    pass_example: str
    # called with the run's RuleContext (rules/base.py, which imports this module: named loosely here)
    check: Callable[[Any], pl.DataFrame]
    optional: tuple[str, ...] = ()
    parameters: tuple[str, ...] = ()
    # each inner tuple: at least one of these kinds ("dibao or tekun", "cremation or death")
    needs_any: tuple[tuple[str, ...], ...] = ()
    # the previous month's rolls (`--previous` with a roll snapshot, or `--previous-input`)
    needs_previous: bool = False
    # why the rule does not apply to this month under this policy (M1 outside `exit_suspension`), in
    # Chinese; None when it applies. The rule is then listed as not run, with that reason.
    applies: Callable[[Policy, dt.date], str | None] | None = None

    def __post_init__(self) -> None:
        problems = [f for f in _DOC_FIELDS if not str(getattr(self, f) or "").strip()]
        if not self.code or self.code[0] not in FAMILIES:
            problems.append(f"code {self.code!r} does not start with a family letter {FAMILIES}")
        if self.severity not in SEVERITIES:
            problems.append(f"severity {self.severity!r} not in {SEVERITIES}")
        for kind in (*self.needs, *self.optional, *(k for alts in self.needs_any for k in alts)):
            if kind not in KINDS:
                problems.append(f"unknown kind {kind!r}")
        policy_fields = {f.name for f in dataclasses.fields(Policy)}
        for p in self.parameters:
            if p not in policy_fields:
                problems.append(f"parameter {p!r} is not a Policy field")
        if problems:
            raise RuleDefinitionError(f"rule {self.code or '?'} is incomplete: {'; '.join(problems)}")

    @property
    def family(self) -> str:
        return self.code[0]

    def missing_kinds(self, present: set[str] | frozenset[str]) -> list[str]:
        """The needed kinds not present; an alternative counts as one entry, its first kind named."""
        out = [k for k in self.needs if k not in present]
        out += [alts[0] for alts in self.needs_any if not any(k in present for k in alts)]
        return out

    def missing_text(self, present: set[str] | frozenset[str], has_previous: bool) -> str | None:
        """Why the rule cannot run on this data, in Chinese; None when it can."""
        parts = [KIND_ZH.get(k, k) for k in self.needs if k not in present]
        parts += [
            "或".join(KIND_ZH.get(k, k) for k in alts)
            for alts in self.needs_any
            if not any(k in present for k in alts)
        ]
        if self.needs_previous and not has_previous:
            parts.append(PREVIOUS_ROLL_ZH)
        return "缺少数据：" + "、".join(parts) if parts else None


def _plain(value: Any) -> Any:
    """Policy values as JSON-friendly data (tuples of dataclasses become lists of dicts)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


def rule_parameters(rule: Rule, policy: Policy) -> dict[str, Any]:
    return {p: _plain(getattr(policy, p)) for p in rule.parameters}


def rule_info(rule: Rule, policy: Policy) -> RuleInfo:
    return RuleInfo(
        code=rule.code,
        title_zh=rule.title_zh,
        title_en=rule.title_en,
        severity=rule.severity,
        family=rule.family,
        needs=rule.needs,
        needs_any=rule.needs_any,
        needs_previous=rule.needs_previous,
        definition=rule.definition,
        basis=rule.basis,
        parameters=rule_parameters(rule, policy),
        optional=rule.optional,
        finds=rule.finds,
        why=rule.why,
        fail_example=rule.fail_example,
        pass_example=rule.pass_example,
    )
