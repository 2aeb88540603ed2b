"""Data-quality rows about the rows and sheets being loaded (model.ISSUE_SCHEMA)."""

from __future__ import annotations

import polars as pl

from recon.load.plan import SheetPlan
from recon.model import issue_rows


def issue_frame(
    df: pl.DataFrame,
    level: str,
    code: str,
    reason: pl.Expr | str,
    plan: SheetPlan | None,
    column: str | None = None,
    value: pl.Expr | None = None,
) -> pl.DataFrame:
    """Issue rows for the rows of `df`; without a plan, df carries source_file/source_sheet itself."""
    return issue_rows(
        df,
        level,
        code,
        reason,
        source_file=pl.lit(plan.raw.display) if plan else pl.col("source_file"),
        source_sheet=pl.lit(plan.raw.sheet, dtype=pl.String) if plan else pl.col("source_sheet"),
        source_row=pl.col("source_row"),
        column=column,
        value=value,
    )


def sheet_issue(plan: SheetPlan, code: str, reason: str, column: str | None = None) -> pl.DataFrame:
    """A warning about a whole sheet, placed on its header row so the 数据质量 sheet shows it."""
    row = plan.stats.header_row
    return issue_frame(
        pl.DataFrame({"source_row": [row]}, schema={"source_row": pl.Int64}),
        "warning",
        code,
        reason,
        plan,
        column=column,
    )
