"""Few-valued fields as agencies write them, folded to the canonical values every stage compares.

Each takes the cell text and gives the canonical value, or the text as found when it names something
recon has no canonical value for (a poverty category such as 一般户 stays readable).
"""

from __future__ import annotations

import polars as pl

from recon.model import (
    POVERTY_LIFTED,
    POVERTY_MARGINAL,
    POVERTY_SUDDEN,
    POVERTY_UNSTABLE,
    SUBSIDY_CARE,
    SUBSIDY_LIVING,
)

_BLANKS = r"[\s\u3000\u200b-\u200f\ufeff]+"


def text_or_null(e: pl.Expr) -> pl.Expr:
    """The cell without any whitespace (inner spaces too: codes and places have none); blank is null."""
    s = e.str.replace_all(_BLANKS, "")
    return pl.when(s == "").then(None).otherwise(s)


def subsidy_type_expr(e: pl.Expr) -> pl.Expr:
    """生活补贴 / 护理补贴 from a cell such as 困难残疾人生活补贴 or 重度残疾人护理补贴; else null."""
    return (
        pl.when(e.str.contains("护理"))
        .then(pl.lit(SUBSIDY_CARE))
        .when(e.str.contains("生活"))
        .then(pl.lit(SUBSIDY_LIVING))
        .otherwise(pl.lit(None, dtype=pl.String))
    )


def subsidy_type_of_names(names: list[str]) -> str | None:
    """The subsidy a file is about when its file, sheet or title names exactly one of the two."""
    joined = " ".join(names)
    has_care, has_living = "护理" in joined, "生活补贴" in joined
    if has_care != has_living:
        return SUBSIDY_CARE if has_care else SUBSIDY_LIVING
    return None


def poverty_category_expr(e: pl.Expr) -> pl.Expr:
    return (
        pl.when(e.str.contains("不稳定"))
        .then(pl.lit(POVERTY_UNSTABLE))
        .when(e.str.contains("边缘"))
        .then(pl.lit(POVERTY_MARGINAL))
        .when(e.str.contains("突发"))
        .then(pl.lit(POVERTY_SUDDEN))
        .when(e.str.contains("脱贫"))
        .then(pl.lit(POVERTY_LIFTED))
        .otherwise(e)
    )


def area_type_expr(e: pl.Expr) -> pl.Expr:
    """城市 / 农村 from 城市低保, 城镇, 农村, 乡村 …; other text as found."""
    return (
        pl.when(e.str.contains("城"))
        .then(pl.lit("城市"))
        .when(e.str.contains("农|乡|村"))
        .then(pl.lit("农村"))
        .otherwise(e)
    )


def support_mode_expr(e: pl.Expr) -> pl.Expr:
    """集中 / 分散 from 集中供养, 分散供养 …; other text as found."""
    return (
        pl.when(e.str.contains("集中"))
        .then(pl.lit("集中"))
        .when(e.str.contains("分散"))
        .then(pl.lit("分散"))
        .otherwise(e)
    )
