"""anomalies.csv: every finding, contract columns first, safe to open in Excel."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from recon.model import CONTRACT_COLUMNS, FINDING_COLUMNS, conform_findings

# OWASP CSV injection: a cell starting with one of these is taken by spreadsheets as a formula.
FORMULA_START = r"^[=+\-@\t\r]"


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
    return [*CONTRACT_COLUMNS, *(c for c in FINDING_COLUMNS if c not in CONTRACT_COLUMNS)]


def write_anomalies_csv(findings: pl.DataFrame, path: Path) -> Path:
    df = conform_findings(findings).select(csv_columns())
    neutralise_formulas(df).write_csv(path, include_bom=True, date_format="%Y-%m-%d")
    return path
