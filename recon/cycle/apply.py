"""apply_cycle: this month's RunResult, told against the previous run and last month's reviews."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import polars as pl

from recon.cycle.previous import read_previous
from recon.cycle.reviewed import read_reviews
from recon.cycle.status import ResolveContext, classify
from recon.result import RunResult

REVIEWED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et")


def expand_reviewed(paths: list[Path] | list[str] | tuple[Path, ...]) -> list[Path]:
    """Files as given; a folder gives its workbooks (.xlsx, .xls, WPS .et; sub-folders too), skipping
    Excel's ~$ lock files."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(
                f
                for f in p.rglob("*")
                if f.suffix.lower() in REVIEWED_SUFFIXES and not f.name.startswith("~$") and f.is_file()
            )
        else:
            out.append(p)
    return out


def apply_cycle(
    result: RunResult,
    previous: Path | str | None,
    reviewed: list[Path] | list[str] | tuple[Path, ...] = (),
) -> RunResult:
    """A copy of `result` with statuses, verified exclusions and the look-back list.

    `previous`: the previous run's output folder (anomalies.csv, summary.json). `reviewed`: the
    workbooks auditors returned (whole or per town; a folder means its .xlsx files). The result's
    `roll` lets a resolved finding say "left the roll" or "ID corrected"; without it the reason says less.
    Raises InputError / ReviewedWorkbookError naming the file when an input cannot be read.
    """
    prev = read_previous(previous) if previous is not None else None
    reviews = read_reviews(expand_reviewed(reviewed))
    context = ResolveContext(
        skipped_rules=dict(result.skipped_rules),
        present_kinds=frozenset(s.kind for s in result.sources if s.kind) if result.sources else None,
        exempted=result.exempted,
        roll=result.roll,
    )
    outcome = classify(result.findings, result.month, prev, reviews.rows, context)
    issues = result.issues
    if reviews.issues.height:
        issues = pl.concat([issues, reviews.issues], how="vertical")
    arguments = {
        **result.arguments,
        "previous": str(previous) if previous is not None else None,
        "reviewed": [str(p) for p in reviewed],
    }
    return dataclasses.replace(
        result,
        findings=outcome.findings,
        issues=issues,
        resolved=outcome.resolved if prev is not None else None,
        verified_excluded=outcome.excluded,
        previous_month=prev.month if prev is not None else None,
        arguments=arguments,
    )
