"""X1–X2: one person held twice, on dibao and tekun at once or in more than one dibao household."""

from __future__ import annotations

import polars as pl

from recon.model import DIBAO, TEKUN
from recon.normalize.households import household_label
from recon.rules.base import Rule, RuleContext
from recon.rules.findings import make_findings
from recon.rules.text import location, related_basis


def check_x1(ctx: RuleContext) -> pl.DataFrame:
    tekun = ctx.first_of_kind(TEKUN, "r_")
    # only dibao members also on tekun can be reported: narrow to them before taking each one's first
    dib = (
        ctx.of_kind(DIBAO)
        .filter(pl.col("linkable") & pl.col("person_key").is_in(tekun.get_column("person_key").implode()))
        .unique(subset="person_key", keep="first", maintain_order=True)
    )
    df = dib.join(tekun, on="person_key", how="inner")
    evidence = pl.concat_str([pl.lit("低保对象同时在特困名册（"), location("r_"), pl.lit("）")])
    return make_findings(
        df,
        "X1",
        evidence=evidence,
        basis=related_basis("r_"),
        extra=[
            pl.col("monthly_amount"),
            household_label().alias("household_id"),
            location("r_").alias("related"),
        ],
    )


def check_x2(ctx: RuleContext) -> pl.DataFrame:
    # the people held twice are found on the key column alone, and only their records are copied out
    households = ctx.dibao_households
    twice = (
        households.lazy()
        .select("person_key", "linkable")
        .filter(pl.col("linkable"))
        .group_by("person_key")
        .len()
        .filter(pl.col("len") >= 2)
        .collect()
        .get_column("person_key")
    )
    dib = households.filter(pl.col("linkable") & pl.col("person_key").is_in(twice.implode()))
    dib = dib.with_columns(location().alias("loc"), household_label().alias("hh_label"))
    per_person = (
        dib.group_by("person_key", maintain_order=True)
        .agg(
            pl.len().alias("n_records"),
            pl.col("hh_key").n_unique().alias("n_households"),
            pl.col("hh_label").unique(maintain_order=True).alias("labels"),
            pl.col("loc").slice(1).alias("others"),
        )
        .filter(pl.col("n_records") >= 2)
    )
    first = dib.unique(subset="person_key", keep="first", maintain_order=True)
    df = first.join(per_person, on="person_key", how="inner")
    labels = pl.col("labels").list.join("、")
    evidence = (
        pl.when(pl.col("n_households") > 1)
        .then(
            pl.concat_str(
                [
                    pl.lit("同一人在 "),
                    pl.col("n_households").cast(pl.String),
                    pl.lit(" 个低保户中（"),
                    labels,
                    pl.lit("），另见 "),
                    pl.col("others").list.join("、"),
                ]
            )
        )
        .otherwise(
            pl.concat_str(
                [
                    pl.lit("同一人在同一低保户（"),
                    labels,
                    pl.lit("）中登记 "),
                    pl.col("n_records").cast(pl.String),
                    pl.lit(" 次，另见 "),
                    pl.col("others").list.join("、"),
                ]
            )
        )
    )
    return make_findings(
        df,
        "X2",
        evidence=evidence,
        extra=[
            pl.col("monthly_amount"),
            pl.col("hh_label").alias("household_id"),
            pl.col("others").list.join("；").alias("related"),
        ],
    )


X1 = Rule(
    code="X1",
    title_zh="同时享受低保和特困",
    title_en="On dibao and tekun at once",
    severity="medium",
    needs=(DIBAO, TEKUN),
    basis=(
        "（推断）没有国家文件明文禁止同时享受；但《特困人员认定办法》（2021）规定终止特困供养后符合条件的转入低保，"
        "可见两者是互相替代的救助方式。"
    ),
    definition="同一人既在低保名册又在特困名册。每人一行，报在其（第一条）低保记录上。",
    finds="同时领低保和特困供养的人（重复救助）。",
    why="两项救助互相替代，同时享受属于重复保障；单人户已在特困的，也只算 X1 不算 T1。",
    fail_example="周八在低保单人户，又在特困分散供养名册：X1。",
    pass_example="周八只在特困名册：不算。",
    check=check_x1,
)

X2 = Rule(
    code="X2",
    title_zh="重复纳入低保",
    title_en="In more than one dibao household",
    severity="medium",
    needs=(DIBAO,),
    basis="一户只能享受一份低保（城市或农村，不能兼有）；审计常见一人挂在多个低保户编号下。",
    definition=(
        "同一人在低保名册中出现两次及以上：在两个以上低保户中，或在同一户中重复登记。每人一行，报在其第一条低保记录上，"
        "并列出其余记录的位置。"
    ),
    finds="在低保名册里重复出现的人。",
    why="重复纳入会重复发放低保金。",
    fail_example="吴九在城市低保户 A 和农村低保户 B 都有：X2。",
    pass_example="吴九只在一个户中出现一次：不算。",
    check=check_x2,
)
