"""C1–C3: monitored poverty households of an at-risk category with no member on dibao or tekun."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from recon.model import DIBAO, POVERTY, POVERTY_MARGINAL, POVERTY_SUDDEN, POVERTY_UNSTABLE, TEKUN
from recon.normalize.households import household_label
from recon.rules.base import Rule, RuleContext
from recon.rules.findings import make_findings
from recon.rules.text import amount_text

_MEMO = "_uncovered_poverty_households"


def _uncovered_households(ctx: RuleContext) -> pl.DataFrame:
    """One row per uncovered poverty household: its head's record, category and income. Computed once
    per run and kept on the context: C1, C2 and C3 each filter the same table by category."""
    if _MEMO not in ctx.__dict__:
        ctx.__dict__[_MEMO] = _compute_uncovered(ctx)
    return ctx.__dict__[_MEMO]


def _compute_uncovered(ctx: RuleContext) -> pl.DataFrame:
    pov = ctx.with_person_facts(ctx.poverty_households, (f"on_{DIBAO}", f"on_{TEKUN}"))
    covered = (pl.col("linkable") & (pl.col(f"on_{DIBAO}") | pl.col(f"on_{TEKUN}"))).any().over("hh_key")
    is_head = (pl.col("relation") == "户主") | (pl.col("id_number") == pl.col("head_id"))
    pov = pov.with_columns(covered.alias("covered"), is_head.fill_null(False).alias("is_head")).sort(
        ["hh_key", "is_head", "rec_id"], descending=[False, True, False]
    )
    # the head's value where it has one, else the first member row's that does
    firsts = pov.group_by("hh_key", maintain_order=True).agg(
        pl.col("poverty_category").drop_nulls().first().alias("household_category"),
        pl.col("income_per_capita").drop_nulls().first().alias("hh_income"),
    )
    heads = pov.unique(subset="hh_key", keep="first", maintain_order=True)
    return heads.join(firsts, on="hh_key", how="left").filter(~pl.col("covered"))


def _checker(code: str, category: str) -> Callable[[RuleContext], pl.DataFrame]:
    def check(ctx: RuleContext) -> pl.DataFrame:
        std = ctx.policy.dibao_standard_annual
        df = _uncovered_households(ctx).filter(pl.col("household_category") == category)
        df = df.with_columns(
            pl.col("hh_income").rank("min").cast(pl.Int64).alias("income_rank"),
            pl.len().alias("n_households"),
        )
        income = pl.col("hh_income")
        rolls = (
            "低保、特困名册" if TEKUN in ctx.present_kinds else "低保名册（本次未提供特困名册，需另行核对）"
        )
        income_text = (
            pl.when(income.is_null())
            .then(pl.lit("人均纯收入不详"))
            .otherwise(
                pl.concat_str(
                    [
                        pl.lit("人均纯收入 "),
                        amount_text(income),
                        pl.when(income < std).then(pl.lit(" 元，低于")).otherwise(pl.lit(" 元，不低于")),
                        pl.lit(f"低保标准 {std:,.2f} 元；在未覆盖的 "),
                        pl.col("n_households").cast(pl.String),
                        pl.lit(f" 户{category}中收入从低到高排第 "),
                        pl.col("income_rank").cast(pl.String),
                    ]
                )
            )
        )
        evidence = pl.concat_str(
            [
                pl.lit(f"{category}（"),
                household_label(),
                pl.lit("，"),
                pl.col("hh_size").cast(pl.String),
                pl.lit(f" 人）：家庭成员均不在{rolls}；"),
                income_text,
            ]
        )
        return make_findings(
            df,
            code,
            evidence=evidence,
            key_extra=[household_label()],
            extra=[
                household_label().alias("household_id"),
                pl.col("household_category"),
                pl.col("hh_income").alias("income_per_capita"),
                pl.lit(std).alias("standard"),
            ],
        )

    return check


_BASIS_C = (
    "工作方案：将脱贫不稳定户、边缘易致贫户与低保、特困等救助名册比对，"
    "把符合条件的全部纳入，做到“不漏一户、不落一人”。"
)


def _rule(code: str, category: str, title_en: str) -> Rule:
    return Rule(
        code=code,
        title_zh=f"{category}未纳入低保特困",
        title_en=title_en,
        severity="medium",
        needs=(POVERTY, DIBAO),
        optional=(TEKUN,),
        parameters=("dibao_standard_annual",),
        basis=_BASIS_C,
        definition=(
            f"扶贫监测名册中类别为“{category}”的家庭（按户编号、户主身份证号或户主姓名+乡镇+村识别），"
            "没有一名成员在低保或特困名册中。每户一行，报在户主的记录上（没有户主记录则用第一名成员），"
            "列出人均纯收入和本地低保标准，并按收入从低到高排序号。"
        ),
        finds=f"没有任何成员享受低保或特困的{category}。",
        why="这类家庭返贫致贫风险高，工作方案要求逐户比对，符合条件的纳入救助。",
        fail_example=f"{category}3 口人，人均纯收入 3,200 元，三人都不在低保、特困名册：{code}。",
        pass_example=f"{category}只有一名成员在低保名册（按单人保纳入）：整户已覆盖，不算。",
        check=_checker(code, category),
    )


C1 = _rule("C1", POVERTY_UNSTABLE, "Unstable post-poverty household not covered")
C2 = _rule("C2", POVERTY_MARGINAL, "Marginal household at risk of poverty not covered")
C3 = _rule("C3", POVERTY_SUDDEN, "Household in sudden severe hardship not covered")
