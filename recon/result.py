"""What one run produced, handed from the pipeline to the report writers and the monthly cycle."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from recon.model import FileNotRead, Notice, SourceStats, empty_findings, empty_issues


@dataclass(frozen=True)
class RuleInfo:
    """What the reports say about a rule (kept free of the rule's code so reports need no rules import)."""

    code: str
    title_zh: str
    title_en: str
    severity: str
    family: str  # "D", "T", "C", "S", "X", "E", "R", "P", "M", "K", "Q"
    needs: tuple[str, ...]
    definition: str  # Chinese, one paragraph
    basis: str  # policy basis, Chinese; says so where inferred
    parameters: dict[str, Any] = field(default_factory=dict)
    optional: tuple[str, ...] = ()  # kinds used when present
    finds: str = ""  # the rule's documentation, as `recon rules CODE` prints it
    why: str = ""
    fail_example: str = ""
    pass_example: str = ""
    needs_any: tuple[tuple[str, ...], ...] = ()  # each: at least one of these kinds
    needs_previous: bool = False  # the previous month's rolls


@dataclass(frozen=True)
class InputFile:
    path: str  # as given / relative to the input folder
    size: int
    sha256: str


@dataclass
class RunResult:
    month: dt.date  # first day of the roster month
    findings: pl.DataFrame = field(default_factory=empty_findings)  # FINDING_SCHEMA, exemptions removed
    exempted: pl.DataFrame = field(default_factory=empty_findings)  # + column "exemption_reason"
    issues: pl.DataFrame = field(default_factory=empty_issues)  # ISSUE_SCHEMA: rejected/skipped/warnings
    ambiguous: pl.DataFrame | None = None  # fuzzy candidates that tied: listed for review, never linked
    links: pl.DataFrame | None = None  # every fuzzy link made, with the values compared (LINKS_SCHEMA)
    sources: list[SourceStats] = field(default_factory=list)
    not_read: list[FileNotRead] = field(default_factory=list)  # every file or sheet not read, and why
    notices: list[Notice] = field(default_factory=list)  # what to look at before trusting the lists
    inputs: list[InputFile] = field(default_factory=list)
    rules: list[RuleInfo] = field(default_factory=list)  # every rule that was selected
    skipped_rules: list[tuple[str, str]] = field(default_factory=list)  # (code, reason in Chinese)
    config: dict[str, Any] = field(default_factory=dict)
    arguments: dict[str, Any] = field(default_factory=dict)
    # every name and ID read from the inputs, so --mask can scrub them from free text too
    personal_names: frozenset[str] = frozenset()
    personal_ids: frozenset[str] = frozenset()
    version: str = ""
    started: dt.datetime | None = None
    finished: dt.datetime | None = None
    # the monthly cycle (recon/cycle/), filled by apply_cycle; findings then also carry its columns
    previous_month: dt.date | None = None  # month of the run compared against (--previous)
    resolved: pl.DataFrame | None = None  # previous findings gone this month (回头看), with the reason
    verified_excluded: pl.DataFrame | None = None  # reviewed 不属实 with a reason, facts unchanged
    roll: pl.DataFrame | None = None  # model.ROLL_COLUMNS of this month's linked records
    # the families' tables for 汇总 and summary.json: "payments" (P: approved vs paid per town),
    # "movement" (M: the dibao roll against last month's, per town)
    tables: dict[str, pl.DataFrame] = field(default_factory=dict)
    # the rolls this run read (model.SNAPSHOT_SCHEMA), kept for next month's --previous; None under --mask
    roll_snapshot: pl.DataFrame | None = None
    # where last month's rolls came from (M1, the movement table): a sentence, or None when none given
    previous_roll_source: str | None = None
