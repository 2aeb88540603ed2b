"""The answers for county B: the sample's reference computation (recon.sample.answers.expected, the
independent implementation of docs/rule-semantics.md) on county B's clean records.

The clean records carry `declared_size` (保障人数/家庭人口数 as the file states it), so the reference's T1
leaves out a household that lists one member but declares more.
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


def expected(records: pl.DataFrame, month: dt.date, file_names: dict[str, str]) -> pl.DataFrame:
    return reference_expected(records, month, file_names)
