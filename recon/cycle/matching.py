"""Pairing this month's findings with last month's, one to one.

First on the finding's `key`; what is left, on rule + ID + source kind + name, because a key that
names a source file ("Q1|…|2020年4月低保.xlsx") changes when next month's file carries next month's name.
Rows sharing the same match values are paired in source order, so duplicates pair up one to one.
"""

from __future__ import annotations

import polars as pl

STAGES: tuple[tuple[str, ...], ...] = (("key",), ("rule", "id_number", "source_kind", "name"))
_ORDER = ("source_file", "source_sheet", "source_row")


def _occurrence(df: pl.DataFrame, cols: tuple[str, ...]) -> pl.DataFrame:
    order = [c for c in _ORDER if c in df.columns]
    return (
        df.filter(pl.all_horizontal(pl.col(c).is_not_null() for c in cols))
        .sort(order, nulls_last=True, maintain_order=True)
        .with_columns(pl.int_range(pl.len()).over(list(cols)).alias("_occ"))
    )


def pair_rows(
    left: pl.DataFrame, right: pl.DataFrame, stages: tuple[tuple[str, ...], ...] = STAGES
) -> pl.DataFrame:
    """(li, ri): row positions of `left` and `right` that are the same finding; each at most once."""
    li = left.with_row_index("li").with_columns(pl.col("li").cast(pl.Int64))
    ri = right.with_row_index("ri").with_columns(pl.col("ri").cast(pl.Int64))
    found = pl.DataFrame(schema={"li": pl.Int64, "ri": pl.Int64})
    for cols in stages:
        if not all(c in left.columns and c in right.columns for c in cols):
            continue
        lu = _occurrence(li.join(found, on="li", how="anti"), cols).select(*cols, "_occ", "li")
        ru = _occurrence(ri.join(found, on="ri", how="anti"), cols).select(*cols, "_occ", "ri")
        pairs = lu.join(ru, on=[*cols, "_occ"], how="inner").select("li", "ri")
        found = pl.concat([found, pairs])
    return found
