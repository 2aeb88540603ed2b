"""Running the selected rules over one month's linked records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import polars as pl

from recon.config import Policy
from recon.model import KIND_ZH, empty_findings
from recon.rules.base import Rule, RuleContext
from recon.rules.registry import CATALOG_ORDER, RULES


@dataclass
class RulesOutcome:
    findings: pl.DataFrame = field(default_factory=empty_findings)  # FINDING_SCHEMA
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (code, Chinese reason)
    ran: list[str] = field(default_factory=list)  # codes of the rules that ran


def missing_kinds_reason(rule: Rule, present_kinds: set[str] | frozenset[str]) -> str | None:
    missing = [k for k in rule.needs if k not in present_kinds]
    if not missing:
        return None
    return "缺少数据：" + "、".join(KIND_ZH.get(k, k) for k in missing)


def run_rules(
    linked: pl.DataFrame | pl.LazyFrame,
    month: dt.date,
    policy: Policy | None = None,
    rules: list[Rule] | None = None,
    present_kinds: set[str] | None = None,
) -> RulesOutcome:
    """Every selected rule whose needed kinds are present; the others are listed as skipped, not errors."""
    policy = policy or Policy()
    month = month.replace(day=1)
    ctx = RuleContext(linked, month, policy, frozenset())
    if present_kinds is None:
        present_kinds = set(ctx.records.get_column("kind").drop_nulls().unique().to_list())
    ctx.present_kinds = frozenset(present_kinds)
    outcome = RulesOutcome()
    frames = []
    for rule in rules if rules is not None else list(RULES):
        reason = missing_kinds_reason(rule, ctx.present_kinds)
        if reason:
            outcome.skipped.append((rule.code, reason))
            continue
        found = rule.check(ctx).with_columns(pl.lit(rule.severity).alias("severity"))
        frames.append(found)
        outcome.ran.append(rule.code)
    if frames:
        order = pl.col("rule").replace_strict(
            CATALOG_ORDER, default=len(CATALOG_ORDER), return_dtype=pl.Int64
        )
        outcome.findings = pl.concat(frames, how="vertical").sort(
            [order, "town", "village", "name", "source_file", "source_sheet", "source_row"], nulls_last=True
        )
    return outcome
