"""The person key the linker hands the rules: one Int64 per person, beside the person's ID text.

Rules join and group by person many times over millions of records, and comparing 8-byte integers is
several times faster than comparing 18-character strings. An ID's key is its base-11 value (the one the
ID-edit blocking uses), so distinct IDs never share a key; a record linked to no one ("rec:N", a person
of its own) is -1-N.
"""

from __future__ import annotations

import polars as pl

from recon.link.blocking import id_value_expr

UNLINKED_PREFIX = "rec:"


def person_keys(person_ids: pl.Series) -> pl.Series:
    """An Int64 key per person, equal exactly when the person IDs are equal.

    Any text that is neither an ID nor "rec:N" (hand-made test frames) falls back to a dense rank.
    """
    p = pl.col("p")
    keys = (
        pl.DataFrame({"p": person_ids})
        .select(
            pl.when(p.str.starts_with(UNLINKED_PREFIX))
            .then(-1 - p.str.slice(len(UNLINKED_PREFIX)).cast(pl.Int64, strict=False))
            .otherwise(id_value_expr(p))
        )
        .to_series()
    )
    if keys.null_count() != person_ids.null_count():
        return person_ids.rank("dense").cast(pl.Int64)
    return keys


def with_person_keys(df: pl.DataFrame) -> pl.DataFrame:
    """`linkable` (linked to a person with an ID) and `person_key` beside `person_id`.

    A frame linked elsewhere (the Python API, tests) may leave a record without a person: it is then a
    person of its own, "rec:<rec_id>".
    """
    if df.get_column("person_id").null_count():
        own = pl.lit(UNLINKED_PREFIX) + pl.col("rec_id").cast(pl.String)
        df = df.with_columns(pl.coalesce(pl.col("person_id"), own).alias("person_id"))
    pid = df.get_column("person_id")
    return df.with_columns(
        (~pid.str.starts_with(UNLINKED_PREFIX)).alias("linkable"),
        person_keys(pid).alias("person_key"),
    )
