"""R1: village cadres and 经办人员, and the members of their dibao households, on assistance without the
近亲属备案 the rules require.

A cadre reaches a household only through the roll: C's own dibao record puts C in a household, and every
member of that household is concerned. A cadre on no roll concerns no one, even when a relative is on
dibao — the roll does not say they live together, and R1 does not guess.
"""

from __future__ import annotations

import polars as pl

from recon.link.basis import pair_basis
from recon.model import CADRE, DIBAO, FILING, TEKUN
from recon.normalize.households import household_label
from recon.rules.base import _RELATED_COLS, Rule, RuleContext
from recon.rules.findings import make_findings
from recon.rules.text import location, or_unknown

_M = ["name", "name_pinyin", "link_basis", "link_confidence"]


def _cadre_rows(ctx: RuleContext) -> pl.DataFrame:
    """Linkable cadre rows: the cadre's person, how the row names them (`_cadre`), its related columns."""
    place = pl.concat_str(
        [pl.col("town").cast(pl.String), pl.col("village").cast(pl.String)], ignore_nulls=True
    )
    text = pl.concat_str(
        [
            or_unknown(pl.col("name"), "（无姓名）"),
            pl.lit("（"),
            or_unknown(pl.col("position"), "职务不详"),
            pl.when(place != "").then(pl.concat_str([pl.lit("，"), place])).otherwise(pl.lit("")),
            pl.lit("；"),
            location(),
            pl.lit("）"),
        ]
    )
    return (
        ctx.of_kind(CADRE)
        .filter(pl.col("linkable"))
        .select(
            pl.col("person_key").alias("cadre_key"),
            text.alias("_cadre"),
            location().alias("_cloc"),
            *[pl.col(c).alias(f"r_{c}") for c in _RELATED_COLS],
        )
    )


def _concerned(ctx: RuleContext) -> pl.DataFrame:
    """(person, cadre row) pairs: each member of each dibao household a cadre is a member of (the cadre
    included), and a cadre on tekun on no dibao roll. `_basis`/`_conf`: the link of the cadre row to the
    cadre's own roll record, the link the finding rests on; `_relation`, `hh_key`: the household that
    makes the person concerned."""
    cadres = _cadre_rows(ctx)
    members = (
        ctx.households(DIBAO)
        .filter(pl.col("linkable"))
        .unique(subset=["hh_key", "person_key"], keep="first", maintain_order=True)
    )
    basis, conf = pair_basis("k_", "r_")
    cadre_in = cadres.join(
        members.select(
            "hh_key", pl.col("person_key").alias("cadre_key"), *[pl.col(c).alias(f"k_{c}") for c in _M]
        ),
        on="cadre_key",
        how="inner",
    ).with_columns(basis.alias("_basis"), conf.alias("_conf"))
    via_household = cadre_in.join(
        members.select("hh_key", "person_key", pl.col("relation").cast(pl.String).alias("_relation")),
        on="hh_key",
        how="inner",
    )
    tekun_only = ctx.assisted().filter(pl.col("programme") == TEKUN)
    on_tekun = cadres.join(
        tekun_only.select(pl.col("person_key").alias("cadre_key"), *[pl.col(c).alias(f"k_{c}") for c in _M]),
        on="cadre_key",
        how="inner",
    ).with_columns(
        basis.alias("_basis"),
        conf.alias("_conf"),
        pl.col("cadre_key").alias("person_key"),
        pl.lit(None, dtype=pl.String).alias("hh_key"),
        pl.lit(None, dtype=pl.String).alias("_relation"),
    )
    cols = [
        "person_key",
        "cadre_key",
        "hh_key",
        "_relation",
        "_cadre",
        "_cloc",
        "_basis",
        "_conf",
        "r_rec_id",
    ]
    return pl.concat([via_household.select(cols), on_tekun.select(cols)], how="vertical")


def check_r1(ctx: RuleContext) -> pl.DataFrame:
    pairs = _concerned(ctx)
    filed = FILING in ctx.present_kinds
    if filed:
        # a filing row's own person is the relative who receives assistance
        filings = ctx.of_kind(FILING).filter(pl.col("linkable")).select("person_key").unique()
        pairs = pairs.join(filings, on="person_key", how="anti")
    per_person = (
        pairs.lazy()
        .sort(["person_key", "r_rec_id", "hh_key"], nulls_last=True)
        .group_by("person_key", maintain_order=True)
        .agg(
            (pl.col("cadre_key") == pl.col("person_key")).any().alias("_self"),
            pl.col("_cadre").unique(maintain_order=True).str.join("、").alias("_cadres"),
            pl.col("cadre_key").n_unique().alias("_n_cadres"),
            pl.col("_cloc").unique(maintain_order=True).str.join("、").alias("_clocs"),
            pl.col("hh_key").first().alias("_hh_key"),
            pl.col("_relation").first(),
            pl.col("_basis").first(),
            pl.col("_conf").first(),
        )
        .collect()
    )
    texts = ctx.household_texts(DIBAO).select(
        pl.col("hh_key").alias("_hh_key"), pl.col("hh_text").alias("_hh_text")
    )
    df = (
        ctx.assisted()
        .join(per_person, on="person_key", how="inner")
        .join(texts, on="_hh_key", how="left")
        .with_columns(pl.coalesce("_hh_text", "hh_text").alias("_household"))
    )
    lead = (
        pl.when(pl.col("_self") & (pl.col("_n_cadres") > 1))
        .then(pl.lit("本人及同户成员是村干部/经办人员："))
        .when(pl.col("_self"))
        .then(pl.lit("本人是村干部/经办人员："))
        .otherwise(pl.lit("同户成员是村干部/经办人员："))
    )
    relation = (
        pl.when(pl.col("_hh_key").is_null())
        .then(pl.lit(""))
        .otherwise(pl.concat_str([pl.lit("；本人与户主关系："), pl.col("_relation").fill_null("未填")]))
    )
    filing_text = (
        "近亲属备案表中没有本人的备案；待核实：是否已按规定单独登记备案"
        if filed
        else "未提供近亲属备案表，无法核对是否已备案；待核实：是否已按规定单独登记备案"
    )
    evidence = pl.concat_str(
        [lead, pl.col("_cadres"), relation, pl.lit("；"), pl.col("_household"), pl.lit(f"；{filing_text}")]
    )
    household = pl.when(pl.col("_hh_key").is_not_null()).then(household_label())
    return make_findings(
        df,
        "R1",
        evidence=evidence,
        basis=(pl.col("_basis").alias("match_basis"), pl.col("_conf").alias("confidence")),
        extra=[pl.col("monthly_amount"), household.alias("household_id"), pl.col("_clocs").alias("related")],
    )


R1 = Rule(
    code="R1",
    title_zh="村干部或其同户成员享受低保特困未备案",
    title_en="Cadre or cadre's household on assistance, not filed",
    severity="medium",
    needs=(CADRE,),
    needs_any=((DIBAO, TEKUN),),
    optional=(FILING,),
    basis=(
        "民政部《最低生活保障审核审批办法（试行）》（民发〔2012〕220号）：乡镇（街道）经办人员和村（居）委会干部的"
        "近亲属申请低保的，应当单独登记备案；《最低生活保障审核确认办法》（民发〔2021〕57号）延续了这一要求。"
        "特困供养同样适用属于推断（各地专项治理把“村干部及其亲属享受救助未备案”作为同一问题排查）；"
        "同户成员是否即近亲属由本规则按低保户推断，户外的近亲属需用备案表另行核对。"
    ),
    definition=(
        "村干部/经办人员名单上的人（按身份证号关联，没有身份证号的按模糊匹配及其安全条件关联）：本人在低保或特困名册的，"
        "本人算一人；本人在某个低保户中的，该户每一名成员各算一人。其中没有近亲属备案记录的（备案表的享受人员即本人），"
        "每人一行，报在其低保记录上（不在低保的报在特困记录上）。没有提供备案表时，所有这些人都列出，证据注明"
        "“未提供近亲属备案表”。证据列出干部（姓名、职务、乡镇村、名单行号）、本人与户主关系和整户成员。"
        "干部本人不在任何名册的，即使其亲属在低保，也无法从名册判断同户，不算。"
    ),
    finds="村干部、经办人员本人或与其同在一个低保户的家庭成员享受低保、特困，却没有近亲属备案的。",
    why="干部近亲属享受救助须备案公示，防止“优亲厚友”“人情保”；这是专项治理和审计的重点。",
    fail_example="村主任张三与妻子李四同在低保户 H1，备案表没有二人：R1 两行（张三、李四）。",
    pass_example="李四在备案表中（关联干部张三，关系 夫妻）：李四不算；张三本人不在任何名册、只有其母在低保：不算。",
    check=check_r1,
)
