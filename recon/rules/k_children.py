"""K1, K2: people the rolls and the other offices' lists show in need of protection but left out (应保未保).

K1: a child whose parents listed in the household are all recorded dead, not on the child-welfare roster
(孤儿 / 事实无人抚养儿童 candidates). K2: a severely disabled adult of working age in a monitored poverty
household that nobody in it is on dibao or tekun for (成年无业重度残疾人 单独纳入低保 candidates).

Who is whose parent is read from 与户主关系 (recon.normalize.relations, words in `[policy]`), never guessed
from ages: a relation no list names determines no parents, so an unusual roll can only hide a case.
"""

from __future__ import annotations

import polars as pl

from recon.config import Policy
from recon.link.basis import pair_basis
from recon.model import BASIS_ID, CHILD_WELFARE, CREMATION, DEATH, DIBAO, DISABILITY, POVERTY, TEKUN
from recon.months import day_zh
from recon.normalize.households import household_label
from recon.normalize.relations import (
    ROLE_CHILD,
    ROLE_CHILD_IN_LAW,
    ROLE_GRANDCHILD,
    ROLE_HEAD,
    ROLE_OTHER,
    ROLE_PARENT,
    ROLE_SPOUSE,
    policy_relation_role,
)
from recon.rules.base import Rule, RuleContext, age_at, related_as
from recon.rules.findings import make_findings
from recon.rules.text import amount_text, date_text, disability_text, location, related_basis

# a parent's columns carried beside the child: its household record (`p_`), as pair_basis reads them
_P_COLS = ("rec_id", "name", "name_pinyin", "link_basis", "link_confidence")
_HH_KINDS = (DIBAO, POVERTY)


def severe_disability_expr(
    policy: Policy, type_col: str = "disability_type", grade_col: str = "disability_grade"
) -> pl.Expr:
    """Whether a certificate's (type, grade) is in `severe_disability`; type 0 there means any type, a
    certificate of unknown type included (its grade alone decides)."""
    counts = pl.lit(False)
    for d in policy.severe_disability:
        grade_ok = pl.col(grade_col) <= d.max_grade
        counts = counts | (grade_ok if d.type == 0 else (pl.col(type_col) == d.type) & grade_ok)
    return counts.fill_null(False)


# ---------------------------------------------------------------------------------------------------
# K1
# ---------------------------------------------------------------------------------------------------


def _members(ctx: RuleContext, kind: str) -> pl.DataFrame:
    """The members of the households of `kind` that hold a child under the age limit, one row per
    (household, person), with `role` (head, spouse, child, parent, grandchild, child_in_law, other).

    Only those households: reading every relation cell of a province's roll for the few households
    with a child would be most of the rule's time."""
    limit = ctx.policy.child_age_limit
    hh = ctx.households(kind).with_columns(age_at(ctx.month, pl.col("birth_date")).alias("age"))
    with_child = hh.filter(pl.col("linkable") & (pl.col("age") < limit).fill_null(False)).select("hh_key")
    hh = hh.join(with_child.unique(), on="hh_key", how="semi")
    role = policy_relation_role(pl.col("relation"), ctx.policy)
    # The 户主身份证号 names the head on a row whose relation says nothing (blank, or a word no list
    # holds); a row whose relation names another role keeps it, the cell being the household's own word.
    by_head_id = (pl.col("id_number") == pl.col("head_id")).fill_null(False)
    hh = hh.with_columns(role.alias("role")).with_columns(
        pl.when((pl.col("role") == ROLE_OTHER) & by_head_id)
        .then(pl.lit(ROLE_HEAD))
        .otherwise(pl.col("role"))
        .alias("role")
    )
    # a member listed twice in one household counts once, with the first row's relation
    hh = hh.unique(subset=["hh_key", "person_key"], keep="first", maintain_order=True)
    return hh.select(
        pl.lit(kind).alias("hh_kind"),
        (pl.lit(f"{kind}|") + pl.col("hh_key")).alias("hkey"),
        "hh_key",
        "role",
        pl.col("relation").cast(pl.String).alias("relation_text"),
        "age",
        "person_key",
        "linkable",
        "head_id",
        "head_name",
        *_P_COLS,
    )


def _absent_heads(ctx: RuleContext, members: pl.DataFrame) -> pl.DataFrame:
    """A parent row for the head of each household whose head is not among its member rows.

    A child (子/女) of such a household still has the head as a parent. The head is known by the
    户主身份证号 when the roll gives one, and then their death is looked up like any member's (a dead
    head dropped from the roll while the child stays on it is exactly the case to find); known by name
    only, the head cannot be looked up, counts as not recorded dead, and the child is not K1."""
    heads = (
        members.group_by("hkey", maintain_order=True)
        .agg(
            (pl.col("role") == ROLE_HEAD).any().alias("_has_head"),
            pl.col("hh_kind").first(),
            pl.col("head_id").drop_nulls().first(),
            pl.col("head_name").drop_nulls().first(),
        )
        .filter(~pl.col("_has_head"))
    )
    # the person a 户主身份证号 names, through the death records of that ID (only a death matters here)
    dead_ids = pl.concat(
        [
            ctx.of_kind(k).filter(pl.col("linkable")).select("person_id", "person_key")
            for k in (CREMATION, DEATH)
        ]
    ).unique(subset="person_id")
    heads = heads.join(dead_ids, left_on="head_id", right_on="person_id", how="left")
    return heads.select(
        "hh_kind",
        "hkey",
        pl.lit(ROLE_HEAD).alias("role"),
        pl.lit("户主，不在名册成员中").alias("relation_text"),
        "person_key",
        pl.col("person_key").is_not_null().alias("linkable"),
        pl.lit(None, dtype=pl.Int64).alias("rec_id"),
        pl.coalesce(pl.col("head_name"), pl.lit("户主")).alias("name"),
        pl.lit(None, dtype=pl.String).alias("name_pinyin"),
        pl.lit(None, dtype=pl.String).alias("link_basis"),
        pl.lit(None, dtype=pl.Float64).alias("link_confidence"),
    )


def _parent_of(child_role: pl.Expr, parent_role: pl.Expr) -> pl.Expr:
    """rule-semantics.md: the child is the head -> the members with a parent relation; a child of the
    head -> the head and the spouses; a grandchild -> every child and child-in-law of the head (which of
    them is the parent is for the visit)."""
    return (
        ((child_role == ROLE_HEAD) & (parent_role == ROLE_PARENT))
        | ((child_role == ROLE_CHILD) & parent_role.is_in([ROLE_HEAD, ROLE_SPOUSE]))
        | ((child_role == ROLE_GRANDCHILD) & parent_role.is_in([ROLE_CHILD, ROLE_CHILD_IN_LAW]))
    )


def check_k1(ctx: RuleContext) -> pl.DataFrame:
    p = ctx.policy
    members = pl.concat([_members(ctx, k) for k in _HH_KINDS], how="vertical")
    members = ctx.with_person_facts(members, ("dead", f"on_{CHILD_WELFARE}"))
    children = members.filter(
        pl.col("linkable")
        & (pl.col("age") < p.child_age_limit).fill_null(False)
        & ~pl.col("dead")
        & ~pl.col(f"on_{CHILD_WELFARE}")
        & pl.col("role").is_in([ROLE_HEAD, ROLE_CHILD, ROLE_GRANDCHILD])
    ).select("hkey", "person_key", pl.col("role").alias("child_role"))
    absent = _absent_heads(ctx, members)
    pool = pl.concat([members.select(absent.columns), absent], how="vertical_relaxed").rename(
        {c: f"p_{c}" for c in ("role", "relation_text", "person_key", "linkable", *_P_COLS)}
    )
    pairs = children.join(pool, on="hkey", how="inner").filter(
        _parent_of(pl.col("child_role"), pl.col("p_role"))
        & pl.col("p_person_key").ne_missing(pl.col("person_key"))
    )
    # The parents of a child are those of every household the child is in (a dibao and a poverty
    # household usually list the same people): one living parent on any roll is enough to be no orphan.
    # A parent listed in two households counts once; an unknown head (null key) is never dead.
    deaths = ctx.deaths.filter(pl.col("dead")).select(
        "person_key", "death_date_p", "death_label", "death_sources", pl.col("^c_.*$")
    )
    pairs = pairs.sort(["person_key", "hh_kind", "p_rec_id"], nulls_last=True)
    # every household the parents were read from, before a parent listed in two of them counts once
    households = pairs.select("person_key", "hkey").unique(maintain_order=True)
    pairs = pairs.unique(subset=["person_key", "p_person_key"], keep="first", maintain_order=True).join(
        deaths, left_on="p_person_key", right_on="person_key", how="left"
    )
    parent_text = pl.concat_str(
        [
            pl.col("p_name").fill_null("（无姓名）"),
            pl.lit("（"),
            pl.col("p_relation_text").fill_null("关系不详"),
            pl.lit("）"),
            pl.col("death_label"),
            pl.lit(" "),
            date_text(pl.col("death_date_p")),
            pl.lit("（"),
            pl.col("death_sources"),
            pl.lit("）"),
        ]
    )
    per_child = (
        pairs.group_by("person_key", maintain_order=True)
        .agg(
            pl.col("death_date_p").is_not_null().all().alias("_all_dead"),
            parent_text.str.join("、").alias("_parents"),
            location("c_").str.join("；").alias("related"),
            # the first parent: their household record and death record explain the match
            *[pl.col(f"p_{c}").first() for c in _P_COLS],
            pl.col("^c_.*$").first(),
        )
        .filter(pl.col("_all_dead"))
    )
    # who else lives there: the text of each household the parents were read from
    texts = pl.concat(
        [
            ctx.household_texts(k).select((pl.lit(f"{k}|") + pl.col("hh_key")).alias("hkey"), "hh_text")
            for k in _HH_KINDS
        ],
        how="vertical",
    )
    hh_texts = (
        households.join(per_child.select("person_key"), on="person_key", how="semi")
        .join(texts, on="hkey", how="left")
        .group_by("person_key", maintain_order=True)
        .agg(pl.col("hh_text").drop_nulls().str.join("；").alias("hh_text"))
    )
    per_child = per_child.join(hh_texts, on="person_key", how="left")
    df = _reported_records(ctx, per_child.select("person_key")).join(per_child, on="person_key", how="inner")
    df = df.with_columns(age_at(ctx.month, pl.col("birth_date")).alias("age"), *related_as("c_"))

    cw = (
        "未在儿童保障名册（孤儿、事实无人抚养儿童）"
        if CHILD_WELFARE in ctx.present_kinds
        else "本次未提供儿童保障名册，是否已纳入孤儿、事实无人抚养儿童保障需另行核对"
    )
    evidence = pl.concat_str(
        [
            pl.lit(f"{day_zh(ctx.month)}未满 {p.child_age_limit} 岁（"),
            pl.col("age").cast(pl.String),
            pl.lit(" 岁，"),
            date_text(pl.col("birth_date")),
            pl.lit(" 出生）；户内登记的父母均已死亡："),
            pl.col("_parents"),
            pl.lit(f"；{cw}；"),
            pl.col("hh_text"),
            pl.lit("。待核实：实际抚养人，是否符合孤儿或事实无人抚养儿童认定条件"),
        ]
    )
    return make_findings(
        df,
        "K1",
        evidence=evidence,
        basis=_k1_basis(),
        extra=[
            pl.col("age"),
            household_label().alias("household_id"),
            pl.col("related"),
        ],
    )


def _k1_basis() -> tuple[pl.Expr, pl.Expr]:
    """The link a K1 row rests on: the first parent's household record to that parent's death record
    (both the parent; a head known only by the 户主身份证号: the death record's own link). A child linked
    fuzzily shows that too: the finding is also only as sure as the child is the one on the roll.

    Not the child's record against the parent's death record, as D rows pair two records: those are two
    people, and their names differ by nature."""
    parent, parent_conf = pair_basis("p_", "r_")
    parent = pl.when(pl.col("p_rec_id").is_not_null()).then(parent).otherwise(pl.col("r_link_basis"))
    parent_conf = (
        pl.when(pl.col("p_rec_id").is_not_null()).then(parent_conf).otherwise(pl.col("r_link_confidence"))
    )
    child = pl.col("link_basis")
    basis = pl.when(child == BASIS_ID).then(parent).otherwise(pl.concat_str([child, parent], separator=" / "))
    conf = pl.min_horizontal(pl.col("link_confidence"), parent_conf)
    return basis.alias("match_basis"), conf.alias("confidence")


def _reported_records(ctx: RuleContext, keys: pl.DataFrame) -> pl.DataFrame:
    """Each person's first dibao record (rec_id order), else their first poverty record."""
    dib = ctx.households(DIBAO).join(keys, on="person_key", how="semi").filter(pl.col("linkable"))
    dib = dib.unique(subset="person_key", keep="first", maintain_order=True)
    pov = ctx.households(POVERTY).join(keys, on="person_key", how="semi").filter(pl.col("linkable"))
    pov = pov.unique(subset="person_key", keep="first", maintain_order=True).join(
        dib.select("person_key"), on="person_key", how="anti"
    )
    cols = [c for c in dib.columns if c in pov.columns]
    return pl.concat([dib.select(cols), pov.select(cols)], how="vertical")


# ---------------------------------------------------------------------------------------------------
# K2
# ---------------------------------------------------------------------------------------------------


def check_k2(ctx: RuleContext) -> pl.DataFrame:
    p = ctx.policy
    pov = ctx.with_person_facts(ctx.households(POVERTY), (f"on_{DIBAO}", f"on_{TEKUN}", "dead"))
    covered = (pl.col("linkable") & (pl.col(f"on_{DIBAO}") | pl.col(f"on_{TEKUN}"))).any().over("hh_key")
    pov = pov.with_columns(covered.alias("covered"), age_at(ctx.month, pl.col("birth_date")).alias("age"))
    in_age = (pl.col("age") >= p.adult_min_age) & (pl.col("age") <= p.adult_max_age)
    cand = pov.filter(pl.col("linkable") & ~pl.col("covered") & ~pl.col("dead") & in_age.fill_null(False))
    # the household's category and income: the head's where it gives them, else the first member's
    # (only the households with a candidate: the roll's others are never shown)
    firsts = (
        pov.join(cand.select("hh_key").unique(), on="hh_key", how="semi")
        .sort(["hh_key", "is_head", "rec_id"], descending=[False, True, False])
        .group_by("hh_key", maintain_order=True)
        .agg(
            pl.col("poverty_category").cast(pl.String).drop_nulls().first().alias("household_category"),
            pl.col("income_per_capita").drop_nulls().first().alias("hh_income"),
        )
    )
    # any certificate of theirs that counts, the most severe of those shown (then the first listed)
    certs = (
        ctx.of_kind(DISABILITY)
        .filter(pl.col("linkable") & severe_disability_expr(p))
        .sort(["person_key", "disability_grade", "rec_id"], nulls_last=True)
        .unique(subset="person_key", keep="first", maintain_order=True)
        .select(
            "person_key",
            pl.col("disability_type").alias("k_type"),
            pl.col("disability_grade").alias("k_grade"),
            *related_as(""),
        )
    )
    df = (
        cand.join(certs, on="person_key", how="inner")
        .sort("rec_id")
        .unique(subset="person_key", keep="first", maintain_order=True)
        .join(firsts, on="hh_key", how="left")
        .join(ctx.household_texts(POVERTY).select("hh_key", "hh_text"), on="hh_key", how="left")
    )
    dis = disability_text(pl.col("k_type"), pl.col("k_grade"))
    income = pl.col("hh_income")
    income_text = (
        pl.when(income.is_null())
        .then(pl.lit("人均纯收入不详"))
        .otherwise(pl.concat_str([pl.lit("人均纯收入 "), amount_text(income), pl.lit(" 元")]))
    )
    rolls = "低保、特困名册" if TEKUN in ctx.present_kinds else "低保名册（本次未提供特困名册，需另行核对）"
    evidence = pl.concat_str(
        [
            pl.lit(f"{day_zh(ctx.month)}年满 "),
            pl.col("age").cast(pl.String),
            pl.lit(" 岁（"),
            date_text(pl.col("birth_date")),
            pl.lit(" 出生），持残疾人证（"),
            dis,
            pl.lit("，"),
            location("r_"),
            pl.lit("）；监测户类别 "),
            pl.col("household_category").fill_null("不详"),
            pl.lit("，"),
            income_text,
            pl.lit(f"，家庭成员均不在{rolls}；"),
            pl.col("hh_text"),
            pl.lit("。待核实：无业、家庭供养情况（生活困难靠家庭供养且无法单独立户的，可单独纳入低保）"),
        ]
    )
    return make_findings(
        df,
        "K2",
        evidence=evidence,
        basis=related_basis("r_"),
        extra=[
            pl.col("age"),
            dis.alias("disability"),
            household_label().alias("household_id"),
            pl.col("household_category"),
            pl.col("hh_income").alias("income_per_capita"),
            location("r_").alias("related"),
        ],
    )


_RELATION_PARAMETERS = (
    "head_relations",
    "spouse_relations",
    "child_relations",
    "parent_relations",
    "grandchild_relations",
    "child_in_law_relations",
)

K1 = Rule(
    code="K1",
    title_zh="父母均已死亡的儿童未纳入儿童保障",
    title_en="Child whose parents are all recorded dead, not under child protection",
    severity="high",
    needs=(),
    needs_any=((DIBAO, POVERTY), (CREMATION, DEATH)),
    optional=(CHILD_WELFARE,),
    parameters=("child_age_limit", "death_grace_months", *_RELATION_PARAMETERS),
    definition=(
        "低保户或扶贫监测户中名册月份第一天未满 child_age_limit 岁（默认 18）、未死亡、能关联到身份证号的儿童，"
        "户内登记的父母都有死亡记录（火化记录或其他部门的死亡名单，死于名册月份之前；注销原因为迁出等的不算），"
        "且不在儿童保障名册（孤儿、事实无人抚养儿童）中。父母按“与户主关系”认定："
        "儿童是户主（户主/本人）——户内的父亲、母亲（父亲/母亲/父/母/之父/之母/养父母/继父母）；"
        "儿童是户主的子女（子/女/儿子/女儿/长子/次女/之子/之女/养子/继女 等）——户主和户内的配偶（配偶/妻/夫/丈夫/之妻/之夫/老伴 等）；"
        "儿童是孙辈（孙子/孙女/孙/外孙/外孙子/外孙女）——户内所有子女和儿媳、女婿（儿媳/媳/儿媳妇/女婿/之媳/之婿），"
        "谁是亲生父母留待入户核实。称谓整格比对（去掉空格后整格相同才算：儿媳不会当成儿，侄子不会当成子），侄子、外甥、兄弟、其他或空白"
        "不认定父母，不列为 K1；称谓列表可在配置中修改。户主不在成员名单中时，有户主身份证号则按该号查死亡记录，"
        "只有姓名则视为未登记死亡。儿童同在低保户和监测户的，两户登记的父母合并计算，任何一户有父母未登记死亡即不算。"
        "每名儿童一行，报在其低保记录上（没有则用监测户记录）；父母的死亡日期写在说明里（“死亡日期”列留空，免得看成儿童本人的）。"
        "数据只能说明父母已死亡、尚未纳入保障；实际由谁抚养、是否符合孤儿认定条件，须入户核实。"
    ),
    finds="户内登记的父母都已死亡（有火化或死亡注销记录）、但不在孤儿和事实无人抚养儿童保障名册中的未成年人。",
    why=(
        "父母双亡的儿童应纳入孤儿基本生活保障；漏保的儿童既无保障金，也可能无人监护。"
        "工作方案要求在身份认定上加强部门信息比对，做到应保尽保。"
    ),
    basis=(
        "工作方案：“健全完善加强事实无人抚养儿童保障工作的政策措施，在身份认定等方面，加强部门信息比对，"
        "优化查验确认流程，切实做到应保尽保”，并要求将符合条件的人员纳入孤儿、事实无人抚养儿童基本生活保障范围。"
        "《国务院办公厅关于加强孤儿保障工作的意见》（国办发〔2010〕54号）：孤儿是失去父母、查找不到生父母的"
        "未满18周岁的未成年人；民政部等《关于进一步加强事实无人抚养儿童保障工作的意见》（民发〔2019〕62号）"
        "把父母一方死亡、另一方重残重病服刑失联等的儿童纳入保障。本规则只比对死亡记录，找的是孤儿候选；"
        "以“户内登记的父母均有死亡记录”作为候选条件是推断，事实无人抚养的其他情形（重残、服刑、失联）数据看不出，不在此列。"
    ),
    fail_example=(
        "2020年4月低保户：户主 王建国 2019-05-01 火化，妻 李秀英 2018-11-20 户籍死亡注销，"
        "长子 王小明 2008 年出生（11 岁），不在儿童保障名册：K1。"
    ),
    pass_example=(
        "同一户母亲仍在世（无死亡记录）：不算；王小明已在儿童保障名册：不算；父亲 2020-04-10 死亡（名册当月）："
        "不算；死亡名单中父亲的注销原因为迁出：不算；关系为侄子：不认定父母，不算。"
    ),
    check=check_k1,
)

K2 = Rule(
    code="K2",
    title_zh="监测户重度残疾成年人未纳入低保",
    title_en="Severely disabled adult in a monitored household left outside assistance",
    severity="medium",
    needs=(POVERTY, DISABILITY, DIBAO),
    optional=(TEKUN, CREMATION, DEATH),
    parameters=("adult_min_age", "adult_max_age", "severe_disability", "death_grace_months"),
    definition=(
        "扶贫监测户中名册月份第一天年满 adult_min_age 岁、不超过 adult_max_age 岁（默认 18–59 岁）、未死亡、"
        "能关联到身份证号的成员，持有重度残疾的残疾人证（severe_disability，默认：任何类别 1–2 级，智力、精神 3 级；"
        "有几张证时任何一张符合即可，证据列最重的那张），而这个监测户没有一名成员（含本人）在低保或特困名册中。"
        "每人一行，报在其监测户记录上，列出残疾类别等级、监测户类别、人均纯收入和家庭成员。"
        "是否无业、是否靠家庭供养、能否单独立户，数据看不出，须入户核实。"
    ),
    finds="家里没人享受低保、特困的监测户中，劳动年龄段的重度残疾人（成年无业重度残疾人单独纳入低保的候选）。",
    why=(
        "生活困难、靠家庭供养且无法单独立户的成年无业重度残疾人可以单独纳入低保；"
        "家庭整体收入略高于标准时，这类人最容易被漏掉。"
    ),
    basis=(
        "工作方案：重点检查“是否将符合条件的因残疾、患重病等造成的支出型贫困家庭、生活困难靠家庭供养且无法单独立户的"
        "成年无业重度残疾人纳入低保范围”。“成年”取 18 岁、“无业”以未满 60 岁近似（劳动年龄段内才有是否就业的问题，"
        "60 岁以上的另见 T1、C 类规则），“重度残疾”取一、二级及三级智力、精神残疾（多地低保文件的口径），"
        "均为推断，都是参数。"
    ),
    fail_example=(
        "边缘易致贫户 3 口人，人均纯收入 5,800 元，儿子 30 岁持智力3级残疾人证，全家不在低保、特困名册：K2。"
    ),
    pass_example=(
        "同一户母亲在低保名册（已单人保）：不算；60 岁：不算；持肢体3级证：不算；本人在特困名册：不算。"
    ),
    check=check_k2,
)
