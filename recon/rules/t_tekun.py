"""T1: single-person dibao households whose member appears to meet the tekun criteria (该吃五保吃低保)."""

from __future__ import annotations

import polars as pl

from recon.model import DIBAO, DISABILITY, TEKUN
from recon.months import day_zh
from recon.normalize.households import household_label
from recon.rules.base import Rule, RuleContext, age_at
from recon.rules.findings import make_findings
from recon.rules.text import date_text, disability_text


def check_t1(ctx: RuleContext) -> pl.DataFrame:
    p = ctx.policy
    # a household the roll lists with one member but that declares more is not established as single
    declared_single = pl.col("hh_declared").is_null() | (pl.col("hh_declared") <= 1)
    single = ctx.dibao_households.filter(
        (pl.col("hh_size") == 1) & declared_single & pl.col("linkable")
    ).unique(subset="hh_key", keep="first", maintain_order=True)
    facts = (f"on_{TEKUN}", "dead", "t1_disability", "best_type", "best_grade")
    df = ctx.with_person_facts(single, facts).with_columns(
        age_at(ctx.month, pl.col("birth_date")).alias("age")
    )
    elderly = (pl.col("age") >= p.elderly_age).fill_null(False)
    minor = (pl.col("age") < p.minor_age).fill_null(False)
    disabled = pl.col("t1_disability")
    df = df.filter(~pl.col(f"on_{TEKUN}") & ~pl.col("dead") & (elderly | minor | disabled))

    born = pl.concat_str([pl.lit("（"), date_text(pl.col("birth_date")), pl.lit(" 出生）")])
    dis_text = disability_text(pl.col("best_type"), pl.col("best_grade"))
    reasons = pl.concat_str(
        [
            pl.when(elderly).then(
                pl.concat_str(
                    [
                        pl.lit(f"{day_zh(ctx.month)}年满 "),
                        pl.col("age").cast(pl.String),
                        pl.lit(" 岁"),
                        born,
                    ]
                )
            ),
            pl.when(minor).then(
                pl.concat_str(
                    [
                        pl.lit(f"{day_zh(ctx.month)}未满 {p.minor_age} 岁（"),
                        pl.col("age").cast(pl.String),
                        pl.lit(" 岁，"),
                        date_text(pl.col("birth_date")),
                        pl.lit(" 出生）"),
                    ]
                )
            ),
            pl.when(disabled).then(pl.concat_str([pl.lit("持残疾人证（"), dis_text, pl.lit("）")])),
        ],
        separator="，",
        ignore_nulls=True,
    )
    not_tekun = (
        "未在特困名册" if TEKUN in ctx.present_kinds else "未在特困名册（本次未提供特困名册，需另行核对）"
    )
    supporter = pl.when(minor).then(pl.lit("法定抚养人")).otherwise(pl.lit("法定赡养（扶养）人"))
    evidence = pl.concat_str(
        [pl.lit("单人户，"), reasons, pl.lit(f"；{not_tekun}。待核实：有无"), supporter, pl.lit("、收入财产")]
    )
    return make_findings(
        df,
        "T1",
        evidence=evidence,
        extra=[
            pl.col("monthly_amount"),
            pl.col("age"),
            pl.when(disabled).then(dis_text).alias("disability"),
            household_label().alias("household_id"),
        ],
    )


T1 = Rule(
    code="T1",
    title_zh="低保单人户符合特困条件",
    title_en="Single-person dibao household meeting tekun criteria",
    severity="medium",
    needs=(DIBAO,),
    optional=(DISABILITY, TEKUN),
    parameters=("elderly_age", "minor_age", "t1_disabilities"),
    basis=(
        "《特困人员认定办法》（2021）：无劳动能力、无生活来源、无法定赡养抚养扶养义务人（或其无履行能力）的，"
        "认定为特困人员；工作方案要求对低保系统中的单人户逐人排查，将符合条件的纳入特困供养范围。"
    ),
    definition=(
        "低保户只有一名成员（按户编号、户主身份证号或户主姓名+乡镇+村识别，按不同的人计数），此人不在特困名册、"
        "未死亡，且从数据看无劳动能力：名册月份第一天年满 elderly_age 岁（默认 60），"
        "或未满 minor_age 岁（默认 16），或持有计入的残疾人证（默认：智力、精神 1–3 级，"
        "肢体 1–2 级，视力 1 级）。每户一行，写明数据已确定的情况和"
        "仍需核实的事项（法定义务人、收入财产）。"
    ),
    finds="可能“该吃五保吃低保”的单人低保户。",
    why="符合特困条件的人吃低保，待遇偏低且不享受供养照料；工作方案要求逐人排查。",
    fail_example="单人户，1960-04-01 出生，名册月份 2020-04：2020年4月1日年满 60 岁，T1。",
    pass_example=(
        "单人户，1960-04-02 出生（59 岁）、无残疾人证：不算；"
        "两口之家有一位老人：不算；已在特困名册：是 X1 不是 T1。"
    ),
    check=check_t1,
)
