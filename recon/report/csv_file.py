"""anomalies.csv: every finding, contract columns first, safe to open in Excel."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from recon.contract import CYCLE_CSV_COLUMNS, FORMULA_START, STATUS_NEW, fingerprint_expr
from recon.model import (
    CONTRACT_COLUMNS,
    FINDING_COLUMNS,
    ISSUE_SCHEMA,
    conform_findings,
    issues_in_source_order,
)


def neutralise_formulas(df: pl.DataFrame) -> pl.DataFrame:
    """Prefix an apostrophe to text cells that a spreadsheet would run; numbers stay numbers."""
    text = [c for c, t in df.schema.items() if t == pl.String()]
    return df.with_columns(
        pl.when(pl.col(c).str.contains(FORMULA_START))
        .then(pl.concat_str([pl.lit("'"), pl.col(c)]))
        .otherwise(pl.col(c))
        .alias(c)
        for c in text
    )


def csv_columns() -> list[str]:
    return [*CONTRACT_COLUMNS, *(c for c in FINDING_COLUMNS if c not in CONTRACT_COLUMNS), *CYCLE_CSV_COLUMNS]


def with_cycle_columns(findings: pl.DataFrame, month: str | None) -> pl.DataFrame:
    """The findings with status/first_seen/fingerprint; a run without a previous one: all new this month."""
    df = findings
    if "fingerprint" not in df.columns:
        df = df.with_columns(fingerprint_expr(conform_findings(df).schema))
    if "status" not in df.columns:
        df = df.with_columns(pl.lit(STATUS_NEW).alias("status"))
    if "first_seen" not in df.columns:
        df = df.with_columns(pl.lit(month, dtype=pl.String).alias("first_seen"))
    return df


def write_anomalies_csv(
    findings: pl.DataFrame, path: Path, *, month: str | None = None, extra: tuple[str, ...] = ()
) -> Path:
    """anomalies.csv (and the cycle's CSVs, which add `extra` columns after the standard ones)."""
    df = with_cycle_columns(findings, month)
    df = conform_findings(df).hstack(df.select(*CYCLE_CSV_COLUMNS, *extra)).select(*csv_columns(), *extra)
    neutralise_formulas(df).write_csv(path, include_bom=True, date_format="%Y-%m-%d")
    return path


def write_quality_csv(issues: pl.DataFrame, path: Path) -> Path:
    """data_quality.csv: every issue row (rejected, skipped, warning), in the order of the sources.

    The workbook's 数据质量 sheet lists the rejected rows and warnings too, but a sheet holds at most
    about a million rows, and a province month can carry more warnings than that: this file is the
    complete list, whatever its length.
    """
    df = issues_in_source_order(issues.select(list(ISSUE_SCHEMA)))
    neutralise_formulas(df).write_csv(path, include_bom=True)
    return path
