"""Last month's dibao roll, for M1: this month's households as they were (this month's entries left
out) plus the rows of the people who have left since (`Rolls.previous_rows`).

A household that stays keeps its number; the planted rows repeat the members who stay, and are dropped
for them. Last month's roll declares the members it lists (保障人数) and the amount for them: the
declared-size traps belong to this month's roll.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

PER_PERSON = {"城市": 520.0, "农村": 290.0}  # Rolls.dibao's amounts per declared member


def previous_roll(records: pl.DataFrame, left: pl.DataFrame, month: dt.date) -> pl.DataFrame:
    current = records.filter((pl.col("kind") == "dibao") & (pl.col("start_month") < month))
    start = int(records["rec"].max() or 0) + 1  # past every rec of this month
    left = left.with_columns(rec=pl.int_range(start, start + left.height, dtype=pl.Int64))
    left = left.join(current.select("hh", "pid"), on=["hh", "pid"], how="anti")
    prev = pl.concat([current.select(left.columns), left])
    size = pl.len().over("hh").cast(pl.Int64)
    return prev.with_columns(
        declared_size=size,
        amount=size * pl.col("area_type").replace_strict(PER_PERSON, return_dtype=pl.Float64),
    )
