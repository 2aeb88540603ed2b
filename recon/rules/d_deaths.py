"""D1–D4: people who have died (a cremation record, or a death known to another office: 公安户籍注销,
死亡医学证明, 土葬 burials) but are still on a roll or hold a live certificate."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from recon.model import CREMATION, DEATH, DIBAO, DISABILITY, SUBSIDY, TEKUN
from recon.months import month_zh
from recon.rules.base import Rule, RuleContext, related_as
from recon.rules.findings import make_findings
from recon.rules.text import amount_text, date_text, location, related_basis

_BASIS_D = (
    "民政部《特困人员认定办法》（2021）规定特困人员死亡的终止救助供养，低保、两项补贴政策同样随对象死亡终止；"
    "审计把“死亡仍领取补贴”列为首要问题。"
)

_STILL_ON = {
    DIBAO: "仍在低保名册",
    TEKUN: "仍在特困名册",
    SUBSIDY: "仍在两项补贴名册",
    DISABILITY: "残疾人证仍未注销",
}


def _dead_records(ctx: RuleContext, kind: str) -> pl.DataFrame:
    # joined before filtering: the join keeps only the dead, where a filter of the whole roll first
    # would copy every column of it (an unlinkable record's own key never matches a death)
    recs = ctx.of_kind(kind).join(ctx.deaths.filter(pl.col("dead")), on="person_key", how="inner")
    return recs.filter(pl.col("linkable")).with_columns(related_as("c_"))


def _per_person(ctx: RuleContext, df: pl.DataFrame) -> pl.DataFrame:
    """`amount`: the dead member's monthly amount. A household amount (one per household) is shared
    out over the household's members (the larger of those found and those declared): the household is
    still paid for the others."""
    if df.get_column("amount_household").any():
        sizes = ctx.dibao_households.select("rec_id", "hh_size", "hh_declared")
        df = df.join(sizes, on="rec_id", how="left")
    else:
        df = df.with_columns(
            pl.lit(None, dtype=pl.UInt32).alias("hh_size"), pl.lit(None, dtype=pl.Int64).alias("hh_declared")
        )
    size = pl.max_horizontal(pl.col("hh_size").cast(pl.Int64), pl.col("hh_declared")).fill_null(1)
    shared = pl.col("amount_household").fill_null(False) & (size > 1)
    return df.with_columns(
        pl.when(shared)
        .then(pl.col("monthly_amount") / size)
        .otherwise(pl.col("monthly_amount"))
        .alias("amount"),
        pl.when(shared).then(size).alias("_shared_by"),
    )


def _check(code: str, kind: str, ctx: RuleContext) -> pl.DataFrame:
    df = (
        _per_person(ctx, _dead_records(ctx, kind))
        if kind == DIBAO
        else _dead_records(ctx, kind).with_columns(
            pl.col("monthly_amount").alias("amount"), pl.lit(None, dtype=pl.Int64).alias("_shared_by")
        )
    )
    months = pl.col("months_since_death")
    overpaid = months.cast(pl.Float64) * pl.col("amount")
    which = pl.concat_str([pl.col("death_label"), pl.lit(" ")])
    still: pl.Expr = pl.lit(_STILL_ON[kind])
    if kind == SUBSIDY:
        still = pl.concat_str(
            [pl.lit("仍在两项补贴名册（"), pl.col("subsidy_type").fill_null("补贴类别不明"), pl.lit("）")]
        )
    if kind == DISABILITY:
        tail = pl.concat_str([pl.lit("距死亡已 "), months.cast(pl.String), pl.lit(" 个月")])
    else:
        paid = pl.concat_str([pl.lit("已多发 "), months.cast(pl.String), pl.lit(" 个月")])
        share = pl.concat_str(
            [
                pl.lit("（户月保障金 "),
                amount_text(pl.col("monthly_amount")),
                pl.lit(" 元，"),
                pl.col("_shared_by").cast(pl.String),
                pl.lit(" 人户，按人均 "),
                amount_text(pl.col("amount")),
                pl.lit(" 元估算）"),
            ]
        )
        tail = (
            pl.when(pl.col("amount").is_not_null())
            .then(
                pl.concat_str(
                    [
                        paid,
                        pl.lit("，约 "),
                        amount_text(overpaid),
                        pl.lit(" 元"),
                        pl.when(pl.col("_shared_by").is_not_null()).then(share).otherwise(pl.lit("")),
                    ]
                )
            )
            .otherwise(pl.concat_str([paid, pl.lit("（月发放金额不详）")]))
        )
    evidence = pl.concat_str(
        [
            which,
            date_text(pl.col("death_date_p")),
            pl.lit("（"),
            pl.col("death_sources"),
            pl.lit("）；"),
            pl.lit(month_zh(ctx.month)),
            still,
            pl.lit("；"),
            tail,
        ]
    )
    return make_findings(
        df,
        code,
        evidence=evidence,
        basis=related_basis("r_"),
        key_extra=[pl.col("subsidy_type")] if kind == SUBSIDY else None,
        extra=[
            pl.col("amount").alias("monthly_amount"),
            months,
            overpaid.alias("overpaid_amount"),
            pl.col("death_date_p").alias("death_date"),
            pl.col("subsidy_type"),
            location("r_").alias("related"),
        ],
    )


def _checker(kind: str, code: str) -> Callable[[RuleContext], pl.DataFrame]:
    def check(ctx: RuleContext) -> pl.DataFrame:
        return _check(code, kind, ctx)

    return check


_PARAMETERS = ("death_grace_months",)
_DEATH_SOURCES = ((CREMATION, DEATH),)
_SOURCES_TEXT = (
    "死亡信息来自火化记录和其他部门的死亡名单（公安户籍死亡注销、死亡医学证明、土葬登记；注销原因不是死亡的，"
    "如迁出、服兵役，不算）。同一人有多条死亡记录时取最早的日期，证据列出每一条来源。"
)

D1 = Rule(
    code="D1",
    title_zh="已死亡仍在低保",
    title_en="Deceased, still on dibao",
    severity="high",
    needs=(DIBAO,),
    needs_any=_DEATH_SOURCES,
    definition=(
        "低保成员的死亡日期（死亡日期，没有则用火化日期或户籍注销日期；多条取最早）早于名册月份第一天"
        "（减去宽限月数），即为已死亡仍在低保。每条低保记录一行，列出死亡至名册月份的月数和估算多发金额"
        "（月数 × 月保障金）。死于名册当月的不算。" + _SOURCES_TEXT
    ),
    finds="火化记录或其他部门的死亡名单显示已死亡、但本月低保名册里还有的人。",
    why="对象死亡后低保应停发，继续发放就是多发，是审计最先查的问题。",
    fail_example="2020-01-12 火化，2020年4月低保名册仍有此人：D1，已多发 3 个月。",
    pass_example="2020-04-10 火化（名册当月死亡），2020年4月名册仍有：不算异常。",
    check=_checker(DIBAO, "D1"),
    basis=_BASIS_D,
    parameters=_PARAMETERS,
)

D2 = Rule(
    code="D2",
    title_zh="已死亡仍在特困供养",
    title_en="Deceased, still on tekun",
    severity="high",
    needs=(TEKUN,),
    needs_any=_DEATH_SOURCES,
    definition=(
        "特困人员的死亡日期（死亡日期，没有则火化日期或户籍注销日期；多条取最早）早于名册月份第一天"
        "（减去宽限月数）。每条特困记录一行，列出多发月数和估算多发金额。" + _SOURCES_TEXT
    ),
    finds="火化记录或其他部门的死亡名单显示已死亡、但仍在特困供养名册的人。",
    why="《特困人员认定办法》规定特困人员死亡的终止救助供养。",
    fail_example="2019-12-30 死亡，2020年4月特困名册仍有此人：D2，已多发 4 个月。",
    pass_example="特困人员无火化记录：不算。",
    check=_checker(TEKUN, "D2"),
    basis=_BASIS_D,
    parameters=_PARAMETERS,
)

D3 = Rule(
    code="D3",
    title_zh="已死亡仍领两项补贴",
    title_en="Deceased, still paid a disability subsidy",
    severity="high",
    needs=(SUBSIDY,),
    needs_any=_DEATH_SOURCES,
    definition=(
        "两项补贴发放对象的死亡日期早于名册月份第一天（减去宽限月数）。每条补贴记录（生活补贴、护理补贴各算一条）一行，"
        "列出多发月数和估算多发金额。" + _SOURCES_TEXT
    ),
    finds="已死亡但仍在领取残疾人生活补贴或护理补贴的人，每项补贴一行。",
    why="补贴随对象死亡终止；工作方案要求把两项补贴数据与火化数据逐一比对。",
    fail_example="2020-02-03 火化，4月仍发生活补贴和护理补贴：D3 两行。",
    pass_example="2020-04-01 当天死亡，4月名册仍有：不算（死于名册当月）。",
    check=_checker(SUBSIDY, "D3"),
    basis=_BASIS_D,
    parameters=_PARAMETERS,
)

D4 = Rule(
    code="D4",
    title_zh="已死亡残疾人证未注销",
    title_en="Deceased, disability certificate not cancelled",
    severity="low",
    needs=(DISABILITY,),
    needs_any=_DEATH_SOURCES,
    definition=(
        "残疾人证持证人的死亡日期早于名册月份第一天（减去宽限月数），证仍在残联名册中。每条持证记录一行。"
        + _SOURCES_TEXT
    ),
    finds="已死亡但残疾人证还没注销的人（需要更新残联档案）。",
    why="证件不注销，两项补贴等待遇可能继续按证发放；属于档案更新。",
    fail_example="2019-08-01 火化，残疾人证名册仍有：D4。",
    pass_example="火化记录没有此人：不算。",
    check=_checker(DISABILITY, "D4"),
    basis=_BASIS_D,
    parameters=_PARAMETERS,
)
