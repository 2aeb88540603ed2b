"""Few-valued fields as agencies write them, folded to the canonical values every stage compares.

Each takes the cell text and gives the canonical value, or the text as found when it names something
recon has no canonical value for (a poverty category such as 一般户 stays readable).
"""

from __future__ import annotations

import polars as pl

from recon.model import (
    DIBAO,
    POVERTY_LIFTED,
    POVERTY_MARGINAL,
    POVERTY_SUDDEN,
    POVERTY_UNSTABLE,
    SUBSIDY_CARE,
    SUBSIDY_LIVING,
    TEKUN,
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


# 公安户籍注销: only a death is a death (迁出, 服兵役, 出国定居 … are not); a list without a reason is a list
# of deaths (卫健 死亡医学证明, 殡葬 burials)
_DEATH_WORDS = r"死亡|去世|身故|亡故|病故|死"


def is_death_expr(reason: pl.Expr) -> pl.Expr:
    return pl.when(reason.is_null()).then(True).otherwise(reason.cast(pl.String).str.contains(_DEATH_WORDS))


# 机动车状态: text (正常, 注销, 报废, 转出 …) or the letter codes of 车管所 exports, combined as in "GQ"
# (A 正常, B 转出, E 注销, M 强制注销, P 达到报废标准 …; C 被盗抢, G 违法未处理 and the like stay owned)
_VEHICLE_GONE_WORDS = r"注销|报废|转出|转移登记|灭失|回收"
_VEHICLE_GONE_CODES = r"^[A-Q]*[BEMP][A-Q]*$"


def vehicle_in_use_expr(status: pl.Expr) -> pl.Expr:
    """True for a vehicle the owner still has, False for one gone; null when no status is given."""
    s = status.cast(pl.String).str.normalize("NFKC").str.replace_all(r"\s", "").str.to_uppercase()
    gone = s.str.contains(_VEHICLE_GONE_WORDS) | s.str.contains(_VEHICLE_GONE_CODES)
    return pl.when(s.is_null() | (s == "")).then(None).otherwise(~gone)


# 登记状态 / 经营状态 as 工商 exports spell them
_ENTITY_ENDED = r"注销|吊销|撤销|迁出|迁移|停业|歇业|清算|终止"
_ENTITY_ACTIVE = r"存续|在业|开业|在营|正常|登记成立|确立"


def entity_in_operation_expr(status: pl.Expr) -> pl.Expr:
    """True for an entity in operation, False for one ended or moved away; null when not stated."""
    s = status.cast(pl.String).str.normalize("NFKC")
    return (
        pl.when(s.str.contains(_ENTITY_ENDED))
        .then(False)
        .when(s.str.contains(_ENTITY_ACTIVE))
        .then(True)
        .otherwise(pl.lit(None, dtype=pl.Boolean))
    )


# 号牌种类 codes (GA 24.7), for a list that gives the code where a type is expected
PLATE_TYPES = {
    "01": "大型汽车",
    "02": "小型汽车",
    "03": "使馆汽车",
    "04": "领馆汽车",
    "05": "境外汽车",
    "06": "外籍汽车",
    "07": "两、三轮摩托车",
    "08": "轻便摩托车",
    "09": "使馆摩托车",
    "10": "领馆摩托车",
    "11": "境外摩托车",
    "12": "外籍摩托车",
    "13": "低速货车",
    "14": "拖拉机",
    "15": "挂车",
    "16": "教练汽车",
    "17": "教练摩托车",
}


def vehicle_type_expr(e: pl.Expr) -> pl.Expr:
    """The type as written, a 号牌种类 code read as its name ("07" -> 两、三轮摩托车)."""
    s = text_or_null(e.cast(pl.String))
    code = s.str.extract(r"^(\d{2})", 1)
    return pl.coalesce(code.replace_strict(PLATE_TYPES, default=None, return_dtype=pl.String), s)


def programme_expr(e: pl.Expr) -> pl.Expr:
    """A payment line's programme: dibao, tekun, 生活补贴, 护理补贴, or the 项目 as written."""
    s = e.cast(pl.String)
    return (
        pl.when(s.str.contains("护理补贴"))
        .then(pl.lit(SUBSIDY_CARE))
        .when(s.str.contains("生活补贴"))
        .then(pl.lit(SUBSIDY_LIVING))
        .when(s.str.contains("低保|最低生活保障"))
        .then(pl.lit(DIBAO))
        .when(s.str.contains("特困|五保|供养"))
        .then(pl.lit(TEKUN))
        .otherwise(s)
    )


def child_category_expr(e: pl.Expr) -> pl.Expr:
    s = e.cast(pl.String)
    return (
        pl.when(s.str.contains("事实无人抚养"))
        .then(pl.lit("事实无人抚养儿童"))
        .when(s.str.contains("孤儿"))
        .then(pl.lit("孤儿"))
        .otherwise(s)
    )
