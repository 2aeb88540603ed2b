"""E4: the property held by an assisted household (不动产登记), counted per household."""

from __future__ import annotations

import polars as pl

from recon.link.basis import pair_basis
from recon.model import DIBAO, PROPERTY, TEKUN
from recon.rules.base import _RELATED_COLS, Rule, RuleContext
from recon.rules.e_means import _ASSISTED, _BASIS_E, _INFERRED, _any_word, _household_id
from recon.rules.findings import make_findings
from recon.rules.text import area_text, location

# --- E4 -------------------------------------------------------------------------------------------------


def _property_holders(ctx: RuleContext) -> pl.DataFrame:
    """Who holds for which unit: every linkable member of each dibao household, and each tekun person on
    no dibao roll as a unit of their own (`hh_key` "t:<person>"), with the member's roll record (`m_`)."""
    keep = ["name", "name_pinyin", "link_basis", "link_confidence"]
    dib = (
        ctx.households(DIBAO)
        .filter(pl.col("linkable"))
        .unique(subset=["hh_key", "person_key"], keep="first", maintain_order=True)
        .select("hh_key", "person_key", *[pl.col(c).alias(f"m_{c}") for c in keep])
    )
    tek = (
        ctx.assisted()
        .filter(pl.col("programme") == TEKUN)
        .select(
            pl.concat_str([pl.lit("t:"), pl.col("person_key").cast(pl.String)]).alias("hh_key"),
            "person_key",
            *[pl.col(c).alias(f"m_{c}") for c in keep],
        )
    )
    return pl.concat([dib, tek], how="vertical")


def _reported_units(ctx: RuleContext) -> pl.DataFrame:
    """The record each unit's E4 row is reported on: the dibao household's head record with its text,
    or the tekun person's own record."""
    heads = ctx.household_heads(DIBAO).join(
        ctx.household_texts(DIBAO).select("hh_key", "hh_text"), on="hh_key", how="left"
    )
    heads = heads.with_columns(pl.lit(DIBAO).alias("programme"))
    tek = (
        ctx.assisted()
        .filter(pl.col("programme") == TEKUN)
        .with_columns(pl.concat_str([pl.lit("t:"), pl.col("person_key").cast(pl.String)]).alias("hh_key"))
    )
    cols = [*heads.columns]
    return pl.concat([heads, tek.select(cols)], how="vertical")


def check_e4(ctx: RuleContext) -> pl.DataFrame:
    limit = ctx.policy.property_count_limit
    nonres_words = ctx.policy.non_residential_uses
    props = (
        ctx.of_kind(PROPERTY)
        .filter(pl.col("linkable"))
        .select(
            "person_key",
            "property_unit",
            "property_location",
            "property_use",
            "floor_area",
            *[pl.col(c).alias(f"r_{c}") for c in _RELATED_COLS],
        )
    )
    pairs = _property_holders(ctx).join(props, on="person_key", how="inner")
    basis, conf = pair_basis("m_", "r_")
    squeeze = lambda e: e.str.replace_all(r"\s", "")  # noqa: E731
    # one property however many members (or rows) hold it: its unit number, else its location
    pkey = pl.coalesce(
        pl.lit("u:") + squeeze(pl.col("property_unit")),
        pl.lit("l:") + squeeze(pl.col("property_location")),
        pl.lit("r:") + pl.col("r_rec_id").cast(pl.String),
    )
    pairs = pairs.with_columns(pkey.alias("_pkey"), basis.alias("_basis"), conf.alias("_conf")).sort(
        ["hh_key", "r_rec_id"]
    )
    props_of_unit = (
        pairs.lazy()
        .group_by(["hh_key", "_pkey"], maintain_order=True)
        .agg(
            pl.col("r_name")
            .fill_null("姓名不详")
            .unique(maintain_order=True)
            .str.join("、")
            .alias("_owners"),
            pl.col("r_name").n_unique().alias("_n_owners"),
            pl.col("property_location").drop_nulls().first().alias("_where"),
            pl.col("property_use").cast(pl.String).drop_nulls().first().alias("_use"),
            pl.col("floor_area").max().alias("_area"),
            location("r_").unique(maintain_order=True).str.join("、").alias("_locs"),
            pl.col("_basis").sort_by("_conf").first().alias("_basis"),
            pl.col("_conf").min().alias("_conf"),
        )
        .with_columns(_any_word(pl.col("_use"), nonres_words).alias("_nonres"))
        .with_columns(
            (~pl.col("_nonres")).sum().over("hh_key").alias("_n_res"),
            pl.col("_nonres").sum().over("hh_key").alias("_n_nonres"),
        )
        # the properties the finding rests on: any non-residential one, the residential ones once enough
        .with_columns((pl.col("_nonres") | (pl.col("_n_res") >= limit)).alias("_trig"))
        .collect()
    )
    use_text = (
        pl.when(pl.col("_use").is_null())
        .then(pl.lit("用途未填（按住宅计）"))
        .when(pl.col("_nonres"))
        .then(pl.concat_str([pl.lit("用途 "), pl.col("_use"), pl.lit("（非住宅）")]))
        .otherwise(pl.concat_str([pl.lit("用途 "), pl.col("_use")]))
    )
    each = pl.concat_str(
        [
            pl.col("_owners"),
            pl.when(pl.col("_n_owners") > 1).then(pl.lit(" 共有")).otherwise(pl.lit(" 名下")),
            pl.lit("："),
            pl.col("_where").fill_null("坐落不详"),
            pl.lit("，"),
            use_text,
            pl.lit("，"),
            area_text(pl.col("_area")),
            pl.lit("（"),
            pl.col("_locs"),
            pl.lit("）"),
        ]
    )
    per_unit = (
        props_of_unit.lazy()
        .with_columns(each.alias("_each"))
        .group_by("hh_key", maintain_order=True)
        .agg(
            pl.len().alias("_n"),
            pl.col("_n_res").first(),
            pl.col("_n_nonres").first(),
            pl.col("_each").str.join("；").alias("_facts"),
            pl.col("_locs").str.join("、").alias("_all_locs"),
            pl.col("_basis").filter(pl.col("_trig")).sort_by(pl.col("_conf").filter(pl.col("_trig"))).first(),
            pl.col("_conf").filter(pl.col("_trig")).min(),
        )
        .filter((pl.col("_n_res") >= limit) | (pl.col("_n_nonres") > 0))
        .collect()
    )
    df = _reported_units(ctx).join(per_unit, on="hh_key", how="inner")
    counts = pl.concat_str(
        [
            pl.when(pl.col("programme") == TEKUN)
            .then(pl.lit("本人名下不动产 "))
            .otherwise(pl.lit("家庭成员名下不动产 ")),
            pl.col("_n").cast(pl.String),
            pl.lit(" 处（住宅 "),
            pl.col("_n_res").cast(pl.String),
            pl.lit(" 处"),
            pl.when(pl.col("_n_res") >= limit).then(pl.lit(f"，达到 {limit} 处")).otherwise(pl.lit("")),
            pl.when(pl.col("_n_nonres") > 0)
            .then(pl.concat_str([pl.lit("；非住宅 "), pl.col("_n_nonres").cast(pl.String), pl.lit(" 处")]))
            .otherwise(pl.lit("")),
            pl.lit("）："),
        ]
    )
    evidence = pl.concat_str(
        [
            counts,
            pl.col("_facts"),
            pl.lit("；"),
            pl.col("hh_text"),
            pl.lit("；待核实：房产是否计入家庭财产，是否符合本地低保家庭住房和财产规定"),
        ]
    )
    return make_findings(
        df,
        "E4",
        evidence=evidence,
        basis=(pl.col("_basis").alias("match_basis"), pl.col("_conf").alias("confidence")),
        # one row per household: its label keeps two households of one head apart, month after month
        key_extra=[_household_id()],
        extra=[pl.col("monthly_amount"), _household_id(), pl.col("_all_locs").alias("related")],
    )


# --- E5 -------------------------------------------------------------------------------------------------


E4 = Rule(
    code="E4",
    title_zh="低保特困家庭有多套或非住宅房产",
    title_en="Assisted household holds property",
    severity="medium",
    needs=(PROPERTY,),
    needs_any=_ASSISTED,
    parameters=("property_count_limit", "non_residential_uses"),
    basis=_BASIS_E + _INFERRED.format(what="住宅合计 2 处及以上，或任何一处商业、办公、商服、工业用途的房产"),
    definition=(
        "一个低保户全体成员（不在低保的特困人员按其本人）名下的不动产，按不动产单元号/权证号去重（没有则按坐落），"
        "两名成员共有的一处只算一处：用途不含 non_residential_uses 中任何一个词的为住宅（用途未填的按住宅计并说明），"
        "住宅达到 property_count_limit 处，或有任何一处非住宅（用途含商业、办公、商服、工业），即为异常。"
        "每户一行，报在户主的低保记录上（没有户主记录则用该户第一条记录），以户主身份证号归档；证据列出每一处房产"
        "（权利人、坐落、用途、面积、文件和行号）和整户成员。"
    ),
    finds="全家合计有多套住房，或有商铺、写字楼、厂房等非住宅房产的低保户和特困人员。",
    why="房产是家庭财产核查的重点；多数省份规定拥有多套住房或非居住类房产的家庭不予认定低保。",
    fail_example="低保户户主张三和妻子李四各有一套住宅：全户 2 处，E4 报在张三的记录上；或儿子名下有一处商服用房：E4。",
    pass_example="张三和李四共有一套住宅（两条登记，同一单元号）：只算 1 处，不算。",
    check=check_e4,
)
