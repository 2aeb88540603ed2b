"""Run a normaliser's full (slow) expression only on the rows its fast path could not settle.

polars evaluates every branch of a when/then on every row, and its string kernels pay per row even
for empty or null text, so blanking the fast rows does not make the slow branch cheap. Filtering does:
inside one batch, the slow expression runs on the filtered rows and its results are scattered back.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl


def patch_slow_rows(
    fast_values: pl.Series, slow_rows: pl.Series, source: pl.Series, slow: Callable[[pl.Expr], pl.Expr]
) -> pl.Series:
    """`fast_values`, with the rows where `slow_rows` is True replaced by `slow` applied to `source`."""
    mask = slow_rows.fill_null(True)
    if not mask.any():
        return fast_values
    fixed = source.filter(mask).to_frame("v").select(slow(pl.col("v"))).to_series()
    return fast_values.clone().scatter(mask.arg_true(), fixed.cast(fast_values.dtype))


def named_like(expr: pl.Expr, reference: pl.Expr) -> pl.Expr:
    """`expr` under the output name `reference` would have had, which callers without an alias see."""
    name = reference.meta.output_name(raise_if_undetermined=False)
    return expr.alias(name) if name is not None else expr


def on_distinct(
    text: pl.Series, parse: Callable[[pl.Series], pl.Series], *, min_repeat: float = 4
) -> pl.Series:
    """`parse` applied to each distinct value once and mapped back, when each value repeats on average
    `min_repeat` times or more (1: always); null stays null.

    Months, amounts and names repeat across a roll (a province's million dibao rows hold a few hundred
    start months); their regular expressions cost far more per row than one hash lookup, and a parse
    in Python (pinyin) must never run per row.
    """
    distinct = text.drop_nulls().unique()
    if distinct.len() * min_repeat > text.len():
        return parse(text)
    parsed = parse(distinct)
    return text.replace_strict(distinct, parsed, default=None, return_dtype=parsed.dtype)
