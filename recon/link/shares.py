"""How much of each source links to the others: a self-check that exposes a misread roll.

A roll whose ID column was mistaken for another column, or a file of another county or month, links to
almost nothing; a subsidy roll whose recipients mostly hold no certificate was probably read as the
wrong kind. The share is computed per source (file and sheet) over all its records: a record that has
no person or whose person appears in no other source does not link.
"""

from __future__ import annotations

import polars as pl

from recon.model import DISABILITY, SUBSIDY


def link_shares(linked: pl.DataFrame) -> pl.DataFrame:
    """source_file, source_sheet, kind, records, linked (share of records whose person is also in
    another source), to_disability (share found on a certificate roll; subsidy sources only)."""
    src = pl.concat_str(
        [pl.col("source_file").cast(pl.String), pl.col("source_sheet").cast(pl.String).fill_null("")],
        separator="\x1f",
    )
    df = linked.select(
        "source_file",
        "source_sheet",
        pl.col("kind").cast(pl.String),
        "person_key",
        "linkable",
        src.alias("__src"),
    )
    persons = (
        df.filter("linkable")
        .group_by("person_key")
        .agg(
            pl.col("__src").n_unique().alias("__sources"),
            (pl.col("kind") == DISABILITY).any().alias("__certified"),
        )
    )
    joined = df.join(persons, on="person_key", how="left")
    return (
        joined.group_by("source_file", "source_sheet", "kind", maintain_order=True)
        .agg(
            pl.len().alias("records"),
            (pl.col("linkable") & (pl.col("__sources") > 1)).fill_null(False).mean().alias("linked"),
            pl.when(pl.col("kind").first() == SUBSIDY)
            .then((pl.col("linkable") & pl.col("__certified")).fill_null(False).mean())
            .alias("to_disability"),
        )
        .with_columns(pl.col("source_file").cast(pl.String), pl.col("source_sheet").cast(pl.String))
    )
