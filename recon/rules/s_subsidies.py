"""S1–S5: the two disability subsidies (两项补贴) checked against dibao, tekun and the certificates."""

from __future__ import annotations

import polars as pl

from recon.model import DIBAO, DISABILITY, KIND_ZH, SUBSIDY, SUBSIDY_CARE, SUBSIDY_LIVING, TEKUN
from recon.rules.base import Rule, RuleContext
from recon.rules.findings import make_findings
from recon.rules.text import disability_text, location, related_basis

_BASIS_S = (
    "《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》（国发〔2015〕52号）："
    "生活补贴发给低保家庭中的残疾人，护理补贴发给残疾等级为一、二级且需要长期照护的重度残疾人；"
    "纳入特困人员救助供养的不再享受这两项补贴。地方可扩大范围，故可在配置中调整。"
)


def _first_per_person(df: pl.DataFrame) -> pl.DataFrame:
    return df.filter(pl.col("linkable")).unique(subset="person_key", keep="first", maintain_order=True)


def _with_best_cert(ctx: RuleContext, df: pl.DataFrame) -> pl.DataFrame:
    return ctx.with_best_certificate(df)


def _cert_text() -> pl.Expr:
    return disability_text(pl.col("best_type"), pl.col("best_grade"))


def check_s1(ctx: RuleContext) -> pl.DataFrame:
    progs = ctx.policy.living_subsidy_programmes
    living = _first_per_person(ctx.of_kind(SUBSIDY).filter(pl.col("subsidy_type") == SUBSIDY_LIVING))
    df = ctx.with_person_facts(living, tuple(dict.fromkeys([*(f"on_{p}" for p in progs), f"on_{TEKUN}"])))
    on_any = pl.lit(False)
    for prog in progs:
        on_any = on_any | pl.col(f"on_{prog}")
    df = df.filter(~on_any & ~pl.col(f"on_{TEKUN}"))
    names = "、".join(KIND_ZH.get(p, p) for p in progs)
    tekun = "也不在特困名册" if TEKUN in ctx.present_kinds else "特困名册本次未提供，需另行核对"
    evidence = pl.lit(f"领取生活补贴，但不在{names}名册，{tekun}；疑似错发")
    return make_findings(
        df,
        "S1",
        evidence=evidence,
        key_extra=[pl.col("subsidy_type")],
        extra=[pl.col("monthly_amount"), pl.col("subsidy_type")],
    )


def check_s2(ctx: RuleContext) -> pl.DataFrame:
    # the test is on person facts alone: pick the people first, then only their first dibao record
    people = ctx.persons.filter(
        pl.col(f"on_{DISABILITY}") & ~pl.col(f"on_{TEKUN}") & ~pl.col("dead") & ~pl.col("has_living")
    ).get_column("person_key")
    dib = _first_per_person(ctx.of_kind(DIBAO).filter(pl.col("person_key").is_in(people.implode())))
    df = _with_best_cert(ctx, dib)
    evidence = pl.concat_str(
        [
            pl.lit("低保对象，持残疾人证（"),
            _cert_text().fill_null("等级不明"),
            pl.lit("，"),
            location("r_"),
            pl.lit("），但两项补贴名册中没有其生活补贴；疑似漏发"),
        ]
    )
    return make_findings(
        df,
        "S2",
        evidence=evidence,
        basis=related_basis("r_"),
        key_extra=[pl.lit(SUBSIDY_LIVING)],
        extra=[
            pl.lit(SUBSIDY_LIVING).alias("subsidy_type"),
            _cert_text().alias("disability"),
            location("r_").alias("related"),
        ],
    )


def check_s3(ctx: RuleContext) -> pl.DataFrame:
    grades = list(ctx.policy.care_grades)
    care = _first_per_person(ctx.of_kind(SUBSIDY).filter(pl.col("subsidy_type") == SUBSIDY_CARE))
    df = _with_best_cert(ctx, care)
    qualifies = pl.col("best_grade").is_in(grades).fill_null(False)
    df = df.filter(~pl.col(f"on_{DISABILITY}") | ~qualifies)
    grade_list = "、".join(str(g) for g in grades)
    evidence = (
        pl.when(~pl.col(f"on_{DISABILITY}"))
        .then(pl.lit("领取护理补贴，但残疾人证名册中没有此人"))
        .otherwise(
            pl.concat_str(
                [
                    pl.lit("领取护理补贴，但残疾人证为 "),
                    _cert_text().fill_null("等级不明"),
                    pl.lit("（"),
                    location("r_"),
                    pl.lit(f"），不在护理补贴等级（{grade_list}级）内"),
                ]
            )
        )
    )
    return make_findings(
        df,
        "S3",
        evidence=evidence,
        basis=related_basis("r_"),
        key_extra=[pl.col("subsidy_type")],
        extra=[
            pl.col("monthly_amount"),
            pl.col("subsidy_type"),
            _cert_text().alias("disability"),
            pl.when(pl.col("r_rec_id").is_not_null()).then(location("r_")).alias("related"),
        ],
    )


def check_s4(ctx: RuleContext) -> pl.DataFrame:
    grades = list(ctx.policy.care_grades)
    # reported on the holder's first certificate record; the grade tested is their most severe one
    # the test is on person facts alone: pick the people first, then only their first certificate record
    people = ctx.persons.filter(
        pl.col("best_grade").is_in(grades).fill_null(False)
        & ~pl.col("dead")
        & ~pl.col(f"on_{TEKUN}")
        & ~pl.col("has_care")
    ).get_column("person_key")
    first = _first_per_person(ctx.of_kind(DISABILITY).filter(pl.col("person_key").is_in(people.implode())))
    df = ctx.with_person_facts(first, ("best_type", "best_grade"))
    evidence = pl.concat_str(
        [
            pl.lit("持残疾人证（"),
            _cert_text(),
            pl.lit("），两项补贴名册中没有其护理补贴；疑似漏发，是否需要长期照护待核实"),
        ]
    )
    return make_findings(
        df,
        "S4",
        evidence=evidence,
        key_extra=[pl.lit(SUBSIDY_CARE)],
        extra=[pl.lit(SUBSIDY_CARE).alias("subsidy_type"), _cert_text().alias("disability")],
    )


def check_s5(ctx: RuleContext) -> pl.DataFrame:
    excluded = list(ctx.policy.tekun_excluded_subsidies)
    lines = ctx.of_kind(SUBSIDY).filter(pl.col("linkable") & pl.col("subsidy_type").is_in(excluded))
    df = lines.join(ctx.first_of_kind(TEKUN, "r_"), on="person_key", how="inner")
    evidence = pl.concat_str(
        [
            pl.lit("特困供养人员（"),
            location("r_"),
            pl.lit("）领取"),
            pl.col("subsidy_type"),
            pl.lit("；特困供养人员不享受两项补贴"),
        ]
    )
    return make_findings(
        df,
        "S5",
        evidence=evidence,
        basis=related_basis("r_"),
        key_extra=[pl.col("subsidy_type")],
        extra=[pl.col("monthly_amount"), pl.col("subsidy_type"), location("r_").alias("related")],
    )


S1 = Rule(
    code="S1",
    title_zh="生活补贴发给非低保对象",
    title_en="Living subsidy paid outside dibao",
    severity="high",
    needs=(SUBSIDY, DIBAO),
    optional=(TEKUN,),
    parameters=("living_subsidy_programmes",),
    basis=_BASIS_S,
    definition=(
        "领取困难残疾人生活补贴的人，既不在 living_subsidy_programmes 所列名册（默认只有低保）中，"
        "也不在特困名册中"
        "（特困人员领补贴归 S5）。每人一行，报在其生活补贴记录上。"
    ),
    finds="不是低保家庭成员却在领生活补贴的人（疑似错发）。",
    why="生活补贴只发给低保家庭中的残疾人。",
    fail_example="两项补贴名册有张三的生活补贴，低保、特困名册都没有张三：S1。",
    pass_example="张三所在家庭在低保名册：不算；张三在特困名册：归 S5。",
    check=check_s1,
)

S2 = Rule(
    code="S2",
    title_zh="持证低保对象未领生活补贴",
    title_en="Disabled dibao member without living subsidy",
    severity="medium",
    needs=(DIBAO, DISABILITY, SUBSIDY),
    optional=(TEKUN, "cremation"),
    basis=_BASIS_S,
    definition="低保成员持有残疾人证，不在特困名册、未死亡，两项补贴名册中却没有其生活补贴。每人一行，报在其低保记录上。",
    finds="应领未领生活补贴的持证低保对象（疑似漏发）。",
    why="低保家庭中的残疾人都应享受生活补贴，漏发损害群众利益。",
    fail_example="低保成员李四持肢体3级证，补贴名册只有其他人：S2。",
    pass_example="李四已有生活补贴一行：不算；李四在特困名册：不算。",
    check=check_s2,
)

S3 = Rule(
    code="S3",
    title_zh="护理补贴对象等级不符",
    title_en="Care subsidy with a non-qualifying grade",
    severity="high",
    needs=(SUBSIDY, DISABILITY),
    parameters=("care_grades",),
    basis=_BASIS_S,
    definition=(
        "领取重度残疾人护理补贴的人没有残疾人证，或其最重的残疾等级不在 care_grades（默认 1、2 级）之内。"
        "每人一行，报在其护理补贴记录上。"
    ),
    finds="残疾等级不够或没有残疾人证却领护理补贴的人（疑似错发）。",
    why="护理补贴只发给一、二级重度残疾人（地方可扩大，按配置）。",
    fail_example="王五领护理补贴，残疾人证为肢体3级：S3。",
    pass_example="王五为智力2级：不算。",
    check=check_s3,
)

S4 = Rule(
    code="S4",
    title_zh="重度残疾人未领护理补贴",
    title_en="Grade 1-2 holder without care subsidy",
    severity="medium",
    needs=(DISABILITY, SUBSIDY),
    optional=(TEKUN, "cremation"),
    parameters=("care_grades",),
    basis=_BASIS_S,
    definition=(
        "持证人最重的残疾等级在 care_grades（默认 1、2 级）之内，未死亡、不在特困名册，"
        "两项补贴名册中没有其护理补贴。"
        "每人一行，报在其第一条残疾人证记录上；是否需要长期照护仍需核实。"
    ),
    finds="可能应领未领护理补贴的重度残疾人（疑似漏发）。",
    why="一、二级重度残疾人需要长期照护的应享受护理补贴。",
    fail_example="赵六持精神1级证，补贴名册无其护理补贴：S4。",
    pass_example="赵六已领护理补贴，或在特困名册，或已死亡：不算。",
    check=check_s4,
)

S5 = Rule(
    code="S5",
    title_zh="特困人员领取两项补贴",
    title_en="Disability subsidy paid to a tekun person",
    severity="high",
    needs=(SUBSIDY, TEKUN),
    parameters=("tekun_excluded_subsidies",),
    basis=_BASIS_S,
    definition=(
        "特困供养人员在两项补贴名册中有补贴记录，"
        "且补贴类别在 tekun_excluded_subsidies（默认生活补贴、护理补贴都算）之内。"
        "每条补贴记录一行。"
    ),
    finds="已纳入特困供养、却仍在领两项补贴的人（各省规定不同，可配置）。",
    why="国发〔2015〕52号：纳入特困人员救助供养的不再享受两项补贴。",
    fail_example="特困人员孙七领生活补贴：S5。",
    pass_example="孙七不在特困名册：不算（另看 S1）。",
    check=check_s5,
)
