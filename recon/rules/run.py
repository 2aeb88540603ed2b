"""Running the selected rules over one month's linked records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import polars as pl

from recon.config import Policy
from recon.model import DEATH_KINDS, DIBAO, PAYMENT, TEKUN, empty_findings, empty_issues
from recon.rules.base import Rule, RuleContext
from recon.rules.m_movement import movement_by_town
from recon.rules.p_payments import payments_by_town
from recon.rules.registry import CATALOG_ORDER, RULES


@dataclass
class RulesOutcome:
    findings: pl.DataFrame = field(default_factory=empty_findings)  # FINDING_SCHEMA
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (code, Chinese reason)
    ran: list[str] = field(default_factory=list)  # codes of the rules that ran
    # data-quality rows the rules' shared facts revealed (death records that disagree on the date)
    issues: pl.DataFrame = field(default_factory=empty_issues)
    # the families' tables for 汇总: "payments" (approved vs paid per town), "movement" (the dibao roll)
    tables: dict[str, pl.DataFrame] = field(default_factory=dict)


def missing_kinds_reason(
    rule: Rule, present_kinds: set[str] | frozenset[str], has_previous: bool = False
) -> str | None:
    return rule.missing_text(present_kinds, has_previous)


def run_rules(
    linked: pl.DataFrame | pl.LazyFrame,
    month: dt.date,
    policy: Policy | None = None,
    rules: list[Rule] | None = None,
    present_kinds: set[str] | None = None,
    previous_roll: pl.DataFrame | None = None,
    on_rule: Callable[[int, int], None] | None = None,
) -> RulesOutcome:
    """Every selected rule whose needed kinds are present; the others are listed as skipped, not errors."""
    policy = policy or Policy()
    month = month.replace(day=1)
    ctx = RuleContext(linked, month, policy, frozenset(), previous_roll)
    if present_kinds is None:
        present_kinds = set(ctx.records.get_column("kind").drop_nulls().unique().to_list())
    ctx.present_kinds = frozenset(present_kinds)
    outcome = RulesOutcome()
    frames = []
    chosen = rules if rules is not None else list(RULES)
    for done, rule in enumerate(chosen, start=1):
        if on_rule is not None:
            on_rule(done, len(chosen))
        reason = missing_kinds_reason(rule, ctx.present_kinds, previous_roll is not None)
        if not reason and rule.applies is not None:
            reason = rule.applies(policy, month)
        if reason:
            outcome.skipped.append((rule.code, reason))
            continue
        found = rule.check(ctx).with_columns(pl.lit(rule.severity).alias("severity"))
        frames.append(found)
        outcome.ran.append(rule.code)
    families = {r.family for r in chosen}
    if "P" in families and PAYMENT in ctx.present_kinds and ctx.present_kinds & {DIBAO, TEKUN}:
        outcome.tables["payments"] = payments_by_town(ctx)
    if "M" in families and previous_roll is not None and DIBAO in ctx.present_kinds:
        outcome.tables["movement"] = movement_by_town(ctx)
    issues = [ctx.death_conflicts] if any(k in ctx.present_kinds for k in DEATH_KINDS) else []
    issues += list(ctx.notes.values())
    if issues:
        outcome.issues = pl.concat(issues, how="vertical")
    if frames:
        order = pl.col("rule").replace_strict(
            CATALOG_ORDER, default=len(CATALOG_ORDER), return_dtype=pl.Int64
        )
        outcome.findings = pl.concat(frames, how="vertical").sort(
            [order, "town", "village", "name", "source_file", "source_sheet", "source_row"], nulls_last=True
        )
    return outcome
