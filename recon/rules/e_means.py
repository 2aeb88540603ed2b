"""E1–E5: the household's means as the other offices record them — a public-funded job, a vehicle, a
business, property, a pension or wage — held by a person on dibao or tekun.

The lists link like any record (by ID, else the fuzzy fallback with its safety), so a namesake on the
vehicle list meets no one. Each finding is reported on the assisted person's reported record
(`RuleContext.assisted`: first dibao record, else first tekun record), E4 on the household's head record;
its evidence names every list row that triggered it and the household, since eligibility is decided
per household. None of the rules looks at deaths: that a member has died is D1/D2's finding, and the
list row (a car still registered, a pension still paid) needs explaining all the same, so both are
reported.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from recon.model import BUSINESS, DIBAO, PENSION, PUBLIC_EMPLOYEE, TEKUN, VEHICLE
from recon.normalize.households import household_label
from recon.rules.base import _RELATED_COLS, Rule, RuleContext
from recon.rules.findings import make_findings
from recon.rules.text import amount_text, location, month_text, or_unknown, related_basis

_ASSISTED = ((DIBAO, TEKUN),)

_BASIS_E = (
    "民政部《最低生活保障审核确认办法》（民发〔2021〕57号）：低保以家庭为单位，审核确认时须核查共同生活家庭成员的"
    "收入和财产状况（财产包括机动车辆、房屋、经营性资产等），并通过居民家庭经济状况核对机制比对公安、住建/自然资源、"
    "市场监管、人力资源社会保障等部门的信息；家庭财产状况的具体认定办法由省级民政部门制定。各省实施细则把"
    "财政供养人员、拥有非生活必需的机动车辆、拥有多套或非居住类房产、经营企业或达到一定规模的个体工商户、"
    "有稳定的养老金或工资收入列为不予认定或须重新核算、说明的情形。"
)
_INFERRED = (
    "具体标准各省不同：本规则的默认值（{what}）是按常见省级规定推断的，须按本省实施细则在 [policy] 中调整。"
)


def _any_word(expr: pl.Expr, words: Sequence[str]) -> pl.Expr:
    """True where the text contains one of `words` literally; False for a null text or an empty list."""
    if not words:
        return pl.lit(False)
    return expr.cast(pl.String).str.contains_any(list(words)).fill_null(False)


def _household_id() -> pl.Expr:
    # a tekun person on no dibao roll has no household to name
    return pl.when(pl.col("programme") == DIBAO).then(household_label()).alias("household_id")


def _per_person(ctx: RuleContext, rows: pl.DataFrame, fact: pl.Expr) -> pl.DataFrame:
    """One row per assisted person with ≥ 1 of `rows` (list rows that qualify): the assisted person's
    reported record, `_facts` (each row's `fact` and place, in rec_id order), `_locs`, and the first
    row's related columns (`r_`) for the pair basis."""
    assisted = ctx.assisted()
    per = (
        rows.lazy()
        .filter(pl.col("linkable") & pl.col("person_key").is_in(assisted.get_column("person_key").implode()))
        .with_columns(
            pl.concat_str([fact, pl.lit("（"), location(), pl.lit("）")]).alias("_fact"),
            location().alias("_loc"),
        )
        .group_by("person_key", maintain_order=True)
        .agg(
            pl.col("_fact").str.join("；").alias("_facts"),
            pl.col("_loc").str.join("、").alias("_locs"),
            *[pl.col(c).first().alias(f"r_{c}") for c in _RELATED_COLS],
        )
        .collect()
    )
    return assisted.join(per, on="person_key", how="inner")


def _person_findings(df: pl.DataFrame, code: str, lead: str, tail: str) -> pl.DataFrame:
    evidence = pl.concat_str(
        [pl.lit(lead), pl.col("_facts"), pl.lit("；"), pl.col("hh_text"), pl.lit(f"；{tail}")]
    )
    return make_findings(
        df,
        code,
        evidence=evidence,
        basis=related_basis("r_"),
        extra=[pl.col("monthly_amount"), _household_id(), pl.col("_locs").alias("related")],
    )


# --- E1 -------------------------------------------------------------------------------------------------


def check_e1(ctx: RuleContext) -> pl.DataFrame:
    fact = pl.concat_str(
        [
            pl.lit("单位 "),
            or_unknown(pl.col("unit")),
            pl.lit("，人员类别 "),
            or_unknown(pl.col("staff_type"), "未注明"),
        ]
    )
    df = _per_person(ctx, ctx.of_kind(PUBLIC_EMPLOYEE), fact)
    return _person_findings(
        df,
        "E1",
        "本人在财政供养人员名单上：",
        "待核实：是否在编在岗领取财政工资，工资收入是否已计入家庭收入，是否仍符合保障条件",
    )


# --- E2 -------------------------------------------------------------------------------------------------


def check_e2(ctx: RuleContext) -> pl.DataFrame:
    vehicles = ctx.of_kind(VEHICLE)
    exempt = _any_word(pl.col("vehicle_type"), ctx.policy.exempt_vehicle_types)
    # in_use is null when the list gives no status: the vehicle is taken as still owned, and said so
    rows = vehicles.filter(pl.col("in_use").fill_null(True) & ~exempt)
    vtype = (
        pl.when(pl.col("vehicle_type").is_null())
        .then(pl.lit("车辆类型不详（按应计入计）"))
        .otherwise(pl.col("vehicle_type").cast(pl.String))
    )
    status = (
        pl.when(pl.col("vehicle_status").is_null())
        .then(pl.lit("未提供机动车状态（按在用计）"))
        .otherwise(pl.concat_str([pl.lit("状态 "), pl.col("vehicle_status").cast(pl.String)]))
    )
    fact = pl.concat_str(
        [pl.lit("号牌 "), or_unknown(pl.col("plate")), pl.lit("，"), vtype, pl.lit("，"), status]
    )
    df = _per_person(ctx, rows, fact)
    return _person_findings(
        df,
        "E2",
        "本人名下有在用机动车：",
        "待核实：车辆是否为生活或残疾人代步必需、价值多少，是否符合本地低保家庭车辆规定",
    )


# --- E3 -------------------------------------------------------------------------------------------------

# a name with one of these is a firm, not a 个体工商户, when the list gives no type and no credit code
_FIRM_WORDS = r"公司|有限|企业|合作社|厂"


def check_e3(ctx: RuleContext) -> pl.DataFrame:
    threshold = ctx.policy.business_capital_threshold
    etype = pl.col("entity_type").cast(pl.String)
    code = pl.col("credit_code").str.strip_chars()
    # the type says it where given; else the credit code (92… is a 个体工商户's); else the name
    how = (
        pl.when(etype.is_not_null())
        .then(pl.lit("type"))
        .when(code.is_not_null())
        .then(pl.lit("code"))
        .otherwise(pl.lit("name"))
    )
    getihu = (
        pl.when(etype.is_not_null())
        .then(etype.str.contains("个体"))
        .when(code.is_not_null())
        .then(code.str.starts_with("92"))
        .otherwise(~pl.col("entity_name").fill_null("").str.contains(_FIRM_WORDS))
    )
    bus = ctx.of_kind(BUSINESS).with_columns(how.alias("_how"), getihu.alias("_getihu"))
    big_enough = (pl.col("capital") >= threshold).fill_null(False)
    rows = bus.filter(pl.col("in_use").fill_null(True) & (~pl.col("_getihu") | big_enough))
    type_text = (
        pl.when(pl.col("_how") == "type")
        .then(etype)
        .when(pl.col("_getihu") & (pl.col("_how") == "code"))
        .then(pl.lit("个体工商户（按统一社会信用代码 92 开头判断）"))
        .when(pl.col("_how") == "code")
        .then(pl.lit("类型未注明（统一社会信用代码不是 92 开头，按企业计）"))
        .when(pl.col("_getihu"))
        .then(pl.lit("类型未注明（名称不含公司、企业等字样，按个体工商户计）"))
        .otherwise(pl.lit("类型未注明（名称含公司、企业等字样，按企业计）"))
    )
    capital = (
        pl.when(pl.col("capital").is_null())
        .then(pl.lit("注册资本/资金数额不详"))
        .otherwise(
            pl.concat_str(
                [
                    pl.lit("注册资本/资金数额 "),
                    amount_text(pl.col("capital")),
                    pl.lit(" 元"),
                    pl.when(pl.col("_getihu"))
                    .then(pl.lit(f"（不低于 {threshold:,.2f} 元）"))
                    .otherwise(pl.lit("")),
                ]
            )
        )
    )
    status = (
        pl.when(pl.col("entity_status").is_null())
        .then(pl.lit("未提供登记状态（按在营计）"))
        .when(pl.col("in_use").is_null())
        .then(
            pl.concat_str(
                [
                    pl.lit("登记状态 "),
                    pl.col("entity_status").cast(pl.String),
                    pl.lit("（未能识别，按在营计）"),
                ]
            )
        )
        .otherwise(pl.concat_str([pl.lit("登记状态 "), pl.col("entity_status").cast(pl.String)]))
    )
    fact = pl.concat_str(
        [
            or_unknown(pl.col("entity_name"), "（无名称）"),
            pl.lit("，"),
            type_text,
            pl.lit("，"),
            capital,
            pl.lit("，"),
            status,
        ]
    )
    df = _per_person(ctx, rows, fact)
    return _person_findings(
        df,
        "E3",
        "本人是在营市场主体的法定代表人/经营者：",
        "待核实：经营收入和经营性资产是否已计入家庭收入和财产，是否仍符合保障条件",
    )


def check_e5(ctx: RuleContext) -> pl.DataFrame:
    threshold = ctx.policy.pension_monthly_threshold
    assisted = ctx.assisted()
    line = pl.concat_str(
        [
            or_unknown(pl.col("pension_type"), "类别不详"),
            pl.when(pl.col("unit").is_not_null())
            .then(pl.concat_str([pl.lit("（"), pl.col("unit"), pl.lit("）")]))
            .otherwise(pl.lit("")),
            pl.lit(" "),
            pl.when(pl.col("monthly_amount").is_not_null())
            .then(pl.concat_str([amount_text(pl.col("monthly_amount")), pl.lit(" 元")]))
            .otherwise(pl.lit("金额不详")),
            pl.lit("（"),
            location(),
            pl.lit("）"),
        ]
    )
    # lines of one month are one income (a pension and a wage, or two pensions, add up); lines without a
    # month are one group of their own
    months = (
        ctx.of_kind(PENSION)
        .lazy()
        .filter(pl.col("linkable") & pl.col("person_key").is_in(assisted.get_column("person_key").implode()))
        .with_columns(line.alias("_line"), location().alias("_loc"))
        .group_by(["person_key", "pay_month"], maintain_order=True)
        .agg(
            pl.col("monthly_amount").sum().alias("_total"),
            pl.len().alias("_lines"),
            pl.col("_line").str.join("、").alias("_lines_text"),
            pl.col("_loc").str.join("、").alias("_locs"),
            *[pl.col(c).first().alias(f"r_{c}") for c in _RELATED_COLS],
        )
        .rename({"pay_month": "_month"})
        .with_columns(pl.len().over("person_key").alias("_months"))
        # the person's highest month; of equal ones the latest
        .sort(["person_key", "_total", "_month"], descending=[False, True, True], nulls_last=True)
        .unique(subset="person_key", keep="first", maintain_order=True)
        .filter(pl.col("_total") >= threshold)
        .collect()
    )
    df = assisted.join(months, on="person_key", how="inner")
    facts = pl.concat_str(
        [
            pl.when(pl.col("_month").is_not_null())
            .then(month_text(pl.col("_month")))
            .otherwise(pl.lit("发放月份未注明")),
            pl.lit("："),
            pl.col("_lines_text"),
            pl.when(pl.col("_lines") > 1)
            .then(pl.concat_str([pl.lit("，合计 "), amount_text(pl.col("_total")), pl.lit(" 元")]))
            .otherwise(pl.lit("")),
            pl.lit(f"，不低于 {threshold:,.2f} 元/月"),
            pl.when(pl.col("_months") > 1)
            .then(
                pl.concat_str(
                    [
                        pl.lit("（名单共 "),
                        pl.col("_months").cast(pl.String),
                        pl.lit(" 个月份，取最高的一个月）"),
                    ]
                )
            )
            .otherwise(pl.lit("")),
        ]
    )
    df = df.with_columns(facts.alias("_facts"))
    return _person_findings(df, "E5", "本人领取养老金/工资：", "家庭收入需重新核算")


# --- the catalog ----------------------------------------------------------------------------------------

E1 = Rule(
    code="E1",
    title_zh="财政供养人员享受低保特困",
    title_en="Assisted person paid from public funds",
    severity="high",
    needs=(PUBLIC_EMPLOYEE,),
    needs_any=_ASSISTED,
    basis=_BASIS_E
    + "财政供养人员（机关事业单位在编在岗人员）有稳定的财政工资收入，须计入家庭收入；多数省份规定其家庭原则上不予认定（据各省实施细则推断，以本省规定为准）。",
    definition=(
        "低保成员或特困人员出现在财政供养人员名单上（按身份证号关联，没有身份证号的按模糊匹配及其安全条件关联，"
        "同名不同人不算）。每人一行，报在其低保记录上（不在低保的报在特困记录上），证据列出名单上的每一行"
        "（单位、人员类别、文件和行号）和整户成员。与是否死亡无关：已死亡的另由 D1/D2 报告。"
    ),
    finds="本人在机关事业单位在编在岗、由财政发工资，却在享受低保或特困供养的人。",
    why="财政供养人员有稳定工资收入，是审计和专项治理中“优亲厚友”“错保”的典型问题，应核实后清退或重新核算。",
    fail_example="低保户成员李四在财政供养人员名单（城关镇中心小学，在编教师）：E1，证据列出户主和其他成员。",
    pass_example="名单上有一个与李四同名、但身份证号不同的人：不是同一人，不算。",
    check=check_e1,
)

E2 = Rule(
    code="E2",
    title_zh="低保特困对象名下有车",
    title_en="Assisted household owns a vehicle",
    severity="medium",
    needs=(VEHICLE,),
    needs_any=_ASSISTED,
    parameters=("exempt_vehicle_types",),
    basis=_BASIS_E
    + _INFERRED.format(
        what="两、三轮摩托车和轻便摩托车、残疾人专用车、三轮汽车、低速货车/低速载货汽车、拖拉机不计入"
    ),
    definition=(
        "低保成员或特困人员名下有一辆在用的机动车：机动车状态不是注销、报废、转出、灭失（车管所代码 B/E/M/P），"
        "没有状态列的按在用计并在证据中说明；车辆类型（没有则按号牌种类代码读出的名称）不含 exempt_vehicle_types "
        "中的任何一个词，类型不详的也计入并说明。每人一行，证据列出每一辆车（号牌、类型、状态、文件和行号）和整户成员。"
    ),
    finds="名下有小汽车、货车等在用机动车的低保成员和特困人员。",
    why="多数省份规定拥有非生活必需机动车的家庭不予认定低保；家庭经济状况核对须比对公安车辆登记。",
    fail_example="低保户成员王五名下小型普通客车鲁N12345，状态正常：E2。",
    pass_example="名下只有一辆两、三轮摩托车，或一辆已注销、已报废的轿车：不算。",
    check=check_e2,
)

E3 = Rule(
    code="E3",
    title_zh="低保特困对象经营企业或个体工商户",
    title_en="Assisted household runs a business",
    severity="medium",
    needs=(BUSINESS,),
    needs_any=_ASSISTED,
    parameters=("business_capital_threshold",),
    basis=_BASIS_E + _INFERRED.format(what="个体工商户资金数额达到 10 万元才计入，其他市场主体一律计入"),
    definition=(
        "低保成员或特困人员是一个在营市场主体的法定代表人或经营者：登记状态为存续、在业、开业、在营、正常"
        "（注销、吊销、撤销、迁出、停业、清算的不算；没有状态的按在营计并说明）。个体工商户（市场主体类型含“个体”；"
        "没有类型的看统一社会信用代码是否 92 开头；两者都没有、名称又不含公司/有限/企业/合作社/厂的也按个体工商户计）"
        "只有资金数额不低于 business_capital_threshold 才计入，资金数额不详的不计；其他类型的市场主体一律计入。"
        "资金数额以万元填写的已换算为元。每人一行，证据列出每个市场主体（名称、类型、资金数额、状态、文件和行号）和整户成员。"
    ),
    finds="开办公司、合作社等企业，或经营较大个体工商户的低保成员和特困人员。",
    why="经营性收入和资产须计入家庭收入和财产；多数省份规定开办企业或经营一定规模个体工商户的家庭不予认定。",
    fail_example="低保户成员赵六是某某商贸有限公司（存续）的法定代表人：E3；或其个体工商户资金数额 20 万元：E3。",
    pass_example="个体工商户资金数额 3 万元，或名下公司已注销、已吊销：不算。",
    check=check_e3,
)

E5 = Rule(
    code="E5",
    title_zh="低保特困对象领取养老金或工资",
    title_en="Assisted person has a pension or wage",
    severity="medium",
    needs=(PENSION,),
    needs_any=_ASSISTED,
    parameters=("pension_monthly_threshold",),
    basis=_BASIS_E
    + _INFERRED.format(what="每月 1000 元；城乡居民基础养老金通常远低于此，不触发")
    + "养老金、工资属于家庭收入，须计入后重新核算家庭人均收入。",
    definition=(
        "低保成员或特困人员在养老金/工资名单上：同一发放月份的各行金额相加（没有发放月份的各行合为一组），"
        "取金额最高的一个月，不低于 pension_monthly_threshold 即为异常。每人一行，证据列出该月的每一行"
        "（险种、发放单位、金额、文件和行号）和整户成员，并注明“家庭收入需重新核算”。"
    ),
    finds="每月领取较高养老金或工资的低保成员和特困人员。",
    why="养老金、工资是家庭收入，收入超过标准的家庭不再符合低保条件；审计常见“领取养老金仍享受低保”问题。",
    fail_example="低保户成员钱七 2020年3月 企业职工基本养老金 1,850.00 元：E5。",
    pass_example="城乡居民基础养老金每月 150 元：不算。",
    check=check_e5,
)
