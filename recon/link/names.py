"""How alike two names are, as a declared comparison with ordered levels (Splink style).

A name comparison never links two records by itself (name alone never identifies a
person: 王秀英 and 张伟 are in every county); it is one piece of evidence next to an ID fragment or a birth date and town. The same levels
explain a Q2 finding (one ID, different names) and a fuzzy link, so both say "同音" the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from recon.normalize.names import pinyin_expr

NAME_MISSING = "missing"  # either side has no name: no evidence either way
NAME_EXACT = "exact"
NAME_HOMOPHONE = "homophone"  # different characters, same toneless pinyin (李秀英 / 李秀瑛)
NAME_ONE_CHAR = "one_char"  # same length, one character different, not same-sounding
NAME_DIFFERENT = "different"


@dataclass(frozen=True)
class NameLevel:
    label: str
    zh: str  # how the workbook says it
    evidence: bool  # whether this level counts as name evidence for a fuzzy link


# Ordered from strongest to weakest; the first level whose condition holds applies.
NAME_LEVELS: tuple[NameLevel, ...] = (
    NameLevel(NAME_MISSING, "姓名缺失", False),
    NameLevel(NAME_EXACT, "姓名相同", True),
    NameLevel(NAME_HOMOPHONE, "姓名同音", True),
    NameLevel(NAME_ONE_CHAR, "姓名差一个字", False),
    NameLevel(NAME_DIFFERENT, "姓名不同", False),
)
NAME_LEVEL_ZH: dict[str, str] = {lv.label: lv.zh for lv in NAME_LEVELS}
LINKING_NAME_LEVELS: tuple[str, ...] = tuple(lv.label for lv in NAME_LEVELS if lv.evidence)


def _col(c: str | pl.Expr) -> pl.Expr:
    return pl.col(c) if isinstance(c, str) else c


def _levenshtein_pairs(s: pl.Series) -> pl.Series:
    """Element-wise edit distance of a struct series {l, r}; null where either side is null."""
    left = s.struct.field("l")
    right = s.struct.field("r")
    both = left.is_not_null() & right.is_not_null()
    # cpdist compares row i with row i in C, so no Python loop over the pairs
    dist = process.cpdist(
        left.fill_null("").to_list(),
        right.fill_null("").to_list(),
        scorer=Levenshtein.distance,
        workers=1,
    )
    out = pl.Series(s.name, dist, dtype=pl.Int64)
    return pl.select(pl.when(both).then(out)).to_series()


def name_distance_expr(left_name: str | pl.Expr, right_name: str | pl.Expr) -> pl.Expr:
    """Levenshtein distance between two name columns (characters), null where either is null."""
    return pl.struct(_col(left_name).alias("l"), _col(right_name).alias("r")).map_batches(
        _levenshtein_pairs, return_dtype=pl.Int64, is_elementwise=True
    )


def name_level_expr(
    left_name: str | pl.Expr,
    left_pinyin: str | pl.Expr,
    right_name: str | pl.Expr,
    right_pinyin: str | pl.Expr,
) -> pl.Expr:
    """The NAME_LEVELS label comparing two names, as a String expression.

    Names are compared as normalised (the `name` column); pinyin is the toneless `name_pinyin`.
    A null pinyin on either side rules out the homophone level, never the exact one.
    """
    ln, rn = _col(left_name), _col(right_name)
    lp, rp = _col(left_pinyin), _col(right_pinyin)
    one_char = (ln.str.len_chars() == rn.str.len_chars()) & (name_distance_expr(ln, rn) == 1)
    return (
        pl.when(ln.is_null() | rn.is_null() | (ln == "") | (rn == ""))
        .then(pl.lit(NAME_MISSING))
        .when(ln == rn)
        .then(pl.lit(NAME_EXACT))
        .when(lp.is_not_null() & (lp != "") & (lp == rp))
        .then(pl.lit(NAME_HOMOPHONE))
        .when(one_char)
        .then(pl.lit(NAME_ONE_CHAR))
        .otherwise(pl.lit(NAME_DIFFERENT))
    )


def fill_missing_pinyin(df: pl.DataFrame) -> pl.DataFrame:
    """Fill `name_pinyin` where a name has none (hand-made frames), exactly as the loader writes it."""
    missing = pl.col("name").is_not_null() & pl.col("name_pinyin").is_null()
    if not df.select(missing.any()).item():
        return df
    return df.with_columns(
        pl.when(missing)
        .then(pinyin_expr(pl.col("name")))
        .otherwise(pl.col("name_pinyin"))
        .alias("name_pinyin")
    )
