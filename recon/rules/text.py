"""Expressions that render facts as the plain Chinese an auditor reads in the evidence column."""

from __future__ import annotations

import polars as pl

from recon.link.basis import pair_basis
from recon.model import KIND_ZH

DISABILITY_TYPE_ZH: dict[int, str] = {
    1: "视力",
    2: "听力",
    3: "言语",
    4: "肢体",
    5: "智力",
    6: "精神",
    7: "多重",
}


def date_text(expr: pl.Expr) -> pl.Expr:
    return expr.dt.strftime("%Y-%m-%d")


def amount_text(expr: pl.Expr) -> pl.Expr:
    """1050 -> "1,050.00": thousands separators built from integer arithmetic, vectorised."""
    cents = (expr * 100).round(0).cast(pl.Int64)
    whole = cents // 100
    frac = (cents % 100).cast(pl.String).str.zfill(2)
    g1 = (whole % 1000).cast(pl.String).str.zfill(3)
    g2 = ((whole // 1000) % 1000).cast(pl.String).str.zfill(3)
    grouped = (
        pl.when(whole >= 1_000_000)
        .then(pl.concat_str([(whole // 1_000_000).cast(pl.String), g2, g1], separator=","))
        .when(whole >= 1000)
        .then(pl.concat_str([(whole // 1000).cast(pl.String), g1], separator=","))
        .otherwise(whole.cast(pl.String))
    )
    return pl.concat_str([grouped, frac], separator=".")


def area_text(expr: pl.Expr) -> pl.Expr:
    """89.5 -> "89.50㎡"; an unknown area reads as "面积不详"."""
    return pl.when(expr.is_not_null()).then(amount_text(expr) + pl.lit("㎡")).otherwise(pl.lit("面积不详"))


def month_text(expr: pl.Expr) -> pl.Expr:
    """2020-03-01 -> "2020年3月" (a month as the lists write it, without a zero pad)."""
    return pl.concat_str(
        [expr.dt.year().cast(pl.String), pl.lit("年"), expr.dt.month().cast(pl.String), pl.lit("月")]
    )


def or_unknown(expr: pl.Expr, unknown: str = "不详") -> pl.Expr:
    """A text cell (categoricals included) for a sentence: the value, else `unknown`."""
    return expr.cast(pl.String).fill_null(unknown)


def disability_text(type_expr: pl.Expr, grade_expr: pl.Expr) -> pl.Expr:
    """(5, 2) -> "智力2级"; a type without a known name is shown as "类别N"."""
    type_name = type_expr.replace_strict(
        DISABILITY_TYPE_ZH,
        default=pl.lit("类别") + type_expr.cast(pl.String) + pl.lit("/"),
        return_dtype=pl.String,
    )
    return (
        pl.when(grade_expr.is_not_null() & type_expr.is_not_null())
        .then(pl.concat_str([type_name, grade_expr.cast(pl.String), pl.lit("级")]))
        .when(grade_expr.is_not_null())
        .then(pl.concat_str([pl.lit("残疾"), grade_expr.cast(pl.String), pl.lit("级")]))
        .when(type_expr.is_not_null())
        .then(pl.concat_str([type_name, pl.lit("（等级不明）")]))
    )


def kind_text(expr: pl.Expr) -> pl.Expr:
    return expr.replace_strict(KIND_ZH, default=expr, return_dtype=pl.String)


def location(prefix: str = "") -> pl.Expr:
    """Where a record is: "火化记录.csv 第12行", or "低保.xlsx（城关镇）第5行" when it has a sheet."""
    c = lambda n: pl.col(f"{prefix}{n}")  # noqa: E731
    sheet = pl.when(c("source_sheet").is_not_null()).then(
        pl.concat_str([pl.lit("（"), c("source_sheet"), pl.lit("）")])
    )
    return pl.concat_str(
        [
            c("source_file").fill_null("?"),
            sheet.fill_null(" "),
            pl.lit("第"),
            c("source_row").cast(pl.String).fill_null("?"),
            pl.lit("行"),
        ]
    )


def related_basis(prefix: str = "r_") -> tuple[pl.Expr, pl.Expr]:
    """match_basis/confidence of a row reported on a record joined to a related one (may be missing)."""
    basis, conf = pair_basis("", prefix)
    has = pl.col(f"{prefix}rec_id").is_not_null()
    return (
        pl.when(has).then(basis).otherwise(pl.col("link_basis")).alias("match_basis"),
        pl.when(has).then(conf).otherwise(pl.col("link_confidence")).alias("confidence"),
    )
