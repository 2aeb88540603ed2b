"""Turning the records a rule selected into finding rows with the FINDING_SCHEMA columns."""

from __future__ import annotations

import polars as pl

from recon.model import conform_findings


def person_id_number() -> pl.Expr:
    """The ID a finding is filed under: the person's ID, else the record's ID as it was found."""
    return (
        pl.when(pl.col("linkable"))
        .then(pl.col("person_id"))
        .otherwise(pl.coalesce(pl.col("id_number"), pl.col("id_clean"), pl.col("id_raw")))
    )


def make_findings(
    df: pl.DataFrame,
    code: str,
    *,
    evidence: pl.Expr,
    basis: tuple[pl.Expr, pl.Expr] | None = None,
    id_number: pl.Expr | None = None,
    key_extra: list[pl.Expr] | None = None,
    extra: list[pl.Expr] | None = None,
) -> pl.DataFrame:
    """Finding rows of rule `code` reported on the records of `df` (the record columns are unprefixed).

    The severity is filled in by `run_rules` from the rule's declaration.

    `basis` defaults to the record's own link basis; `key_extra` parts are appended to
    "rule|id_number|source_kind" to make the key stable across months.
    """
    idn = (id_number if id_number is not None else person_id_number()).alias("id_number")
    if basis is None:
        basis = (pl.col("link_basis").alias("match_basis"), pl.col("link_confidence").alias("confidence"))
    out = df.with_columns(idn).select(
        pl.lit(code).alias("rule"),
        pl.col("id_number"),
        "name",
        "town",
        "village",
        pl.col("kind").alias("source_kind"),
        "source_file",
        "source_sheet",
        "source_row",
        *basis,
        evidence.alias("evidence"),
        *(extra or []),
        pl.concat_str(
            [
                pl.lit(code),
                pl.col("id_number").fill_null(""),
                pl.col("kind"),
                *[e.cast(pl.String).fill_null("") for e in (key_extra or [])],
            ],
            separator="|",
            ignore_nulls=False,
        ).alias("key"),
    )
    return conform_findings(out)
