"""The answers for county B: the sample's reference computation (recon.sample.answers.expected, the
independent implementation of docs/rule-semantics.md) on county B's clean records.

The clean records carry `declared_size` (保障人数/家庭人口数 as the file states it), so the reference's T1
leaves out a household that lists one member but declares more.

County B's dibao records carry the household's 月保障金 on every member (the files print it once per
household, or repeated on every member row), where the reference reads per-member amounts and adds them
up for P3: it is given each member's share, so that a household paid its amount once is paid in full.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from recon.sample.answers import expected as reference_expected


def declared_not_single(records: pl.DataFrame) -> set[str]:
    """IDs of the one member of each dibao household that lists one person but declares more."""
    person = pl.coalesce("pid", pl.lit("rec:") + pl.col("rec").cast(pl.String))
    hh = (
        records.filter(pl.col("kind") == "dibao")
        .group_by("hh")
        .agg(persons=person.n_unique(), declared=pl.col("declared_size").max(), pid=pl.col("pid").first())
        .filter((pl.col("persons") == 1) & (pl.col("declared") > 1) & pl.col("pid").is_not_null())
    )
    return set(hh["pid"].to_list())


def member_shares(records: pl.DataFrame) -> pl.DataFrame:
    """Dibao amounts split over the household's distinct people (the reference counts each person once)."""
    person = pl.coalesce("pid", pl.lit("rec:") + pl.col("rec").cast(pl.String))
    n = person.n_unique().over("hh")
    return records.with_columns(
        amount=pl.when(pl.col("kind") == "dibao").then(pl.col("amount") / n).otherwise(pl.col("amount"))
    )


def expected(
    records: pl.DataFrame,
    month: dt.date,
    file_names: dict[str, str],
    previous: pl.DataFrame | None = None,
    previous_names: dict[str, str] | None = None,
) -> pl.DataFrame:
    return reference_expected(
        member_shares(records), month, file_names, previous=previous, previous_names=previous_names
    )
