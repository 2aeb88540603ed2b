"""Money amounts written as text: "350元", "1,050.00", "￥1,050", " 1 050 " -> Float64 yuan."""

from __future__ import annotations

import polars as pl

from recon.normalize.fastpath import named_like, on_distinct

# After NFKC the full-width ￥ is ¥ and the full-width comma is a comma. Spaces inside are thousands
# separators too ("1 050").
_DECORATION_RE = r"[\s\p{Cf},¥元]|RMB|CNY|人民币|/月|每月|/人"
_NUMBER_RE = r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$"


def parse_amount_expr(e: pl.Expr) -> pl.Expr:
    """Text (or a number) -> Float64; blank or unparseable -> null; a negative stays negative.

    Each distinct text is parsed once (`_parse_amount_reference`): a roll repeats a few hundred amounts.
    """
    fast = e.cast(pl.String).map_batches(
        lambda s: on_distinct(s, _parse_amount_batch), return_dtype=pl.Float64, is_elementwise=True
    )
    return named_like(fast, _parse_amount_reference(e))


def _parse_amount_batch(text: pl.Series) -> pl.Series:
    return text.to_frame("t").select(_parse_amount_reference(pl.col("t"))).to_series()


def _parse_amount_reference(e: pl.Expr) -> pl.Expr:
    """The parse behind `parse_amount_expr`, on every row; the oracle for its tests."""
    text = e.cast(pl.String).str.normalize("NFKC").str.to_uppercase().str.replace_all(_DECORATION_RE, "")
    return pl.when(text.str.contains(_NUMBER_RE)).then(text).cast(pl.Float64, strict=False)


def parse_capital_expr(e: pl.Expr, header_unit: str | None = None) -> pl.Expr:
    """Registered capital in yuan: "50万元（认缴）", "500000", "120.5" under a header in 万元 -> Float64."""
    text = e.cast(pl.String).str.normalize("NFKC")
    in_wan = text.str.contains("万") | pl.lit(header_unit == "万元")
    number = (
        text.str.replace_all(r"[,\s]", "")
        .str.extract(r"([+-]?\d+(?:\.\d+)?)", 1)
        .cast(pl.Float64, strict=False)
    )
    return pl.when(in_wan).then(number * 10000).otherwise(number)


def parse_area_expr(e: pl.Expr) -> pl.Expr:
    """A floor area in square metres: "120.5", "120.5㎡", "120.5平方米" -> Float64."""
    text = e.cast(pl.String).str.normalize("NFKC").str.replace_all(r"[,\s]", "")
    return text.str.extract(r"(\d+(?:\.\d+)?)", 1).cast(pl.Float64, strict=False)
