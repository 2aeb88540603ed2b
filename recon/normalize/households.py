"""Which household a record belongs to, and how a household is named to a person.

A household is its 户编号 where the roll gives one; else its 户主's ID; else its 户主's name in its town
and village; a record with none of them is a household of its own (docs/rule-semantics.md).
"""

from __future__ import annotations

import polars as pl


def household_key(prefix: str = "") -> pl.Expr:
    """Household identity per rule-semantics.md: household_id, else head_id, else head name + place.

    The prefixes keep the three namespaces apart; a record with none of them is a household of its own.
    """
    c = lambda name: pl.col(f"{prefix}{name}")  # noqa: E731
    by_place = pl.when(c("head_name").is_not_null()).then(
        pl.concat_str(
            [pl.lit("n:"), c("head_name"), c("town"), c("village")], separator="|", ignore_nulls=True
        )
    )
    return pl.coalesce(
        pl.lit("h:") + c("household_id"),
        pl.lit("i:") + c("head_id"),
        by_place,
        pl.lit("r:") + c("rec_id").cast(pl.String),
    )


def household_label(prefix: str = "") -> pl.Expr:
    """How a household is named to a person: its number, else its head."""
    c = lambda name: pl.col(f"{prefix}{name}")  # noqa: E731
    return pl.coalesce(
        c("household_id"),
        pl.concat_str([pl.lit("户主 "), pl.coalesce(c("head_name"), c("head_id"))]),
        pl.lit("无户编号"),
    )
