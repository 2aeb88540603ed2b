"""Last month's dibao roll, for M1: this month's households as they were (the entries of this month
left out) plus the rows of the people who have left since (`Planter.previous_rows`)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from recon.sample.records import conform

PREVIOUS_DIR = "_上月"


def previous_roll(records: pl.DataFrame, planted_rows: pl.DataFrame, month: dt.date) -> pl.DataFrame:
    current = records.filter(pl.col("kind") == "dibao", pl.col("start_month").fill_null(month) < month)
    start = records.height  # past every rec of this month (recs are row numbers)
    left = conform(planted_rows).with_columns(
        rec=pl.int_range(start, start + planted_rows.height, dtype=pl.Int64)
    )
    # a household that stays lists its members once: the planted rows repeat those who stay
    left = left.join(current.select("hh", "pid"), on=["hh", "pid"], how="anti")
    return pl.concat([current.select(left.columns), left])
