"""Candidate pairs for the fuzzy fallback, found by joins on keys, never by comparing all pairs.

Two blocking rules, declared here:
- `id_edit_pairs`: the record's cleaned ID is one substitution or one adjacent transposition away
  from a usable ID;
- `birth_town_pairs`: same birth date and same town (after `recon.normalize.towns.town_key_expr`).

IDs are compared as integers: the 17 digits and the check character (X = 10) read as one base-11
number fit in an Int64 (11**18 < 2**63). Masking position i is then "subtract digit i times 11**(17-i)",
so the 18 masked keys of a substitution and the 17 swapped variants of a transposition are integer
arithmetic, and the joins are on Int64 keys instead of 18-character strings.
"""

from __future__ import annotations

import polars as pl

ID_SHAPE = r"^[\dX]{18}$"  # any X position: a swap can move the check X inward
ID_LEN = 18
_POW = [11 ** (ID_LEN - 1 - i) for i in range(ID_LEN)]

EDIT_SUBSTITUTION = "substitution"
EDIT_TRANSPOSITION = "transposition"

PAIR_SCHEMA: dict[str, pl.DataType] = {
    "q_rec_id": pl.Int64(),
    "t_rec_id": pl.Int64(),
    "tier": pl.String(),  # "id_edit" or "birth_town"
    "edit_kind": pl.String(),  # EDIT_* for the id_edit tier
    "edit_pos": pl.Int64(),  # 0-based position of the changed (or first swapped) character
}
TIER_ID_EDIT = "id_edit"
TIER_BIRTH_TOWN = "birth_town"


def id_value_expr(id_text: str | pl.Expr) -> pl.Expr:
    """The base-11 Int64 value of an 18-character ID text; null when it is not ID-shaped."""
    e = pl.col(id_text) if isinstance(id_text, str) else id_text
    e = e.str.to_uppercase()
    return (
        pl.when(e.str.contains(ID_SHAPE))
        .then(e.str.replace("X", "A", literal=True).str.to_integer(base=11, strict=False))
        .otherwise(None)
        .cast(pl.Int64)
    )


def _digit(v: pl.Expr, i: int) -> pl.Expr:
    return (v // _POW[i]) % 11


def source_key_expr() -> pl.Expr:
    """One string per source file and sheet, so 'another source' is one comparison."""
    return pl.concat_str(
        [pl.col("source_file").fill_null(""), pl.col("source_sheet").fill_null("")], separator="\x1f"
    )


def id_edit_pairs(queries: pl.LazyFrame, targets: pl.LazyFrame) -> pl.LazyFrame:
    """Pairs whose IDs are one substitution or one adjacent transposition apart.

    queries: q_rec_id, q_value (Int64, base-11 ID); targets: t_rec_id, t_value.
    Substitutions: one join per position on the masked key; exploding all 18 masked keys of every
    usable ID at once would hold 18 rows per record (about 170 million at 10 million records).
    """
    q = queries.filter(pl.col("q_value").is_not_null())
    t = targets.filter(pl.col("t_value").is_not_null())
    parts: list[pl.LazyFrame] = []
    for i in range(ID_LEN):
        qv, tv = pl.col("q_value"), pl.col("t_value")
        qk = q.select("q_rec_id", "q_value", (qv - _digit(qv, i) * _POW[i]).alias("k"))
        tk = t.select("t_rec_id", "t_value", (tv - _digit(tv, i) * _POW[i]).alias("k"))
        parts.append(
            # the records to link are the few: hashing them and streaming the usable IDs past them
            # was 4x faster than letting polars choose (2 cores, 10 million records)
            qk.join(tk, on="k", how="inner", build_side="force_left")
            .filter(pl.col("q_value") != pl.col("t_value"))
            .select(
                "q_rec_id",
                "t_rec_id",
                pl.lit(EDIT_SUBSTITUTION).alias("edit_kind"),
                pl.lit(i, dtype=pl.Int64).alias("edit_pos"),
            )
        )
    # Transpositions: swapping digits i and i+1 adds (d[i+1] - d[i]) * (11**(17-i) - 11**(16-i)).
    swaps: list[pl.LazyFrame] = []
    v = pl.col("q_value")
    for i in range(ID_LEN - 1):
        di, dj = _digit(v, i), _digit(v, i + 1)
        swaps.append(
            q.filter(di != dj).select(
                "q_rec_id",
                (v + (dj - di) * (_POW[i] - _POW[i + 1])).alias("t_value"),
                pl.lit(i, dtype=pl.Int64).alias("edit_pos"),
            )
        )
    parts.append(
        pl.concat(swaps)
        .join(t, on="t_value", how="inner", build_side="force_left")
        .select("q_rec_id", "t_rec_id", pl.lit(EDIT_TRANSPOSITION).alias("edit_kind"), "edit_pos")
    )
    return pl.concat(parts).with_columns(pl.lit(TIER_ID_EDIT).alias("tier")).select(list(PAIR_SCHEMA))


def birth_town_pairs(queries: pl.LazyFrame, targets: pl.LazyFrame) -> pl.LazyFrame:
    """Pairs with the same birth date and town key; a null on either side is no evidence.

    queries: q_rec_id, q_birth, q_town_key[, q_sound]; targets likewise with t_. With the optional
    sound keys (a hash of the pinyin) the block is narrowed to names that sound alike.
    """
    q = queries.filter(pl.col("q_birth").is_not_null() & pl.col("q_town_key").is_not_null())
    t = targets.filter(pl.col("t_birth").is_not_null() & pl.col("t_town_key").is_not_null())
    on_q, on_t = ["q_birth", "q_town_key"], ["t_birth", "t_town_key"]
    if "q_sound" in q.collect_schema() and "t_sound" in t.collect_schema():
        on_q.append("q_sound")
        on_t.append("t_sound")
    return q.join(
        t,
        left_on=on_q,
        right_on=on_t,
        how="inner",
        build_side="force_left",
    ).select(
        "q_rec_id",
        "t_rec_id",
        pl.lit(TIER_BIRTH_TOWN).alias("tier"),
        pl.lit(None, dtype=pl.String).alias("edit_kind"),
        pl.lit(None, dtype=pl.Int64).alias("edit_pos"),
    )
