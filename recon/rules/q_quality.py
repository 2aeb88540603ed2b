"""Q1–Q4: identity data too broken to match on, or contradicting itself."""

from __future__ import annotations

import polars as pl

from recon.model import (
    BASIS_ID_NAME_DIFFERS,
    BASIS_ID_NAME_HOMOPHONE,
    DISABILITY,
    ID_FLOAT,
    ID_INVALID,
    USABLE_ID_STATUSES,
)
from recon.rules.base import Rule, RuleContext
from recon.rules.findings import make_findings
from recon.rules.text import DISABILITY_TYPE_ZH, kind_text, location

_NO_PAIR = (pl.lit("—").alias("match_basis"), pl.lit(None, dtype=pl.Float64).alias("confidence"))


def _stable_file() -> pl.Expr:
    """The file name without its digits: "2020年4月农村低保花名册.xlsx" and next month's "2020年5月…" give
    one key, so an unfixed Q1/Q3 row is recognised as persisting by the monthly cycle."""
    return pl.col("source_file").cast(pl.String).str.replace_all(r"\d+", "")


def check_q1(ctx: RuleContext) -> pl.DataFrame:
    df = ctx.records.filter(pl.col("id_status") == ID_INVALID).sort("rec_id")
    shown = pl.coalesce(pl.col("id_clean"), pl.col("id_raw"))
    evidence = pl.concat_str(
        [
            pl.lit("身份证号“"),
            shown.fill_null(""),
            pl.lit("”无效："),
            pl.col("id_reason").fill_null("原因不明"),
            pl.lit("；请向原单位核对后更正"),
        ]
    )
    return make_findings(
        df, "Q1", evidence=evidence, basis=_NO_PAIR, id_number=shown, key_extra=[_stable_file()]
    )


def check_q3(ctx: RuleContext) -> pl.DataFrame:
    df = ctx.records.filter(pl.col("id_status") == ID_FLOAT).sort("rec_id")
    shown = pl.coalesce(pl.col("id_clean"), pl.col("id_raw"))
    evidence = pl.concat_str(
        [
            pl.lit("身份证号“"),
            shown.fill_null(""),
            pl.lit("”被表格按数字保存，后几位已丢失、无法恢复；请把该列设为文本，向原单位要回完整号码"),
        ]
    )
    return make_findings(
        df,
        "Q3",
        evidence=evidence,
        basis=_NO_PAIR,
        id_number=shown,
        key_extra=[_stable_file(), pl.col("name")],
    )


def check_q2(ctx: RuleContext) -> pl.DataFrame:
    usable = (
        pl.col("id_status").is_in(list(USABLE_ID_STATUSES))
        & pl.col("id_number").is_not_null()
        & pl.col("name").is_not_null()
    )
    records = ctx.records.lazy().filter(usable)
    # Most IDs carry one name: narrow to the few that do not before copying any record. Grouping on a
    # hash of the ID is much faster than on the 18 characters; a collision only merges groups, which can
    # add a candidate but never lose one, and the exact test below drops such strays.
    hashed = (
        records.select(pl.col("id_number").hash().alias("h"), "name")
        .group_by("h")
        .agg(pl.col("name").n_unique().alias("n"))
        .filter(pl.col("n") >= 2)
        .collect()
        .get_column("h")
    )
    candidates = records.filter(pl.col("id_number").hash().is_in(hashed.implode())).collect()
    multi = (
        candidates.group_by("id_number").agg(pl.col("name").n_unique().alias("n")).filter(pl.col("n") >= 2)
    )
    valid = candidates.join(multi.select("id_number"), on="id_number", how="semi").sort("rec_id")
    # first record of each (ID, name): the names to compare and where each was seen
    per_name = valid.unique(subset=["id_number", "name"], keep="first", maintain_order=True).with_columns(
        pl.concat_str([pl.lit("在 "), kind_text(pl.col("kind")), pl.lit(" 名为 "), pl.col("name")]).alias(
            "seen"
        ),
        location().alias("loc"),
    )
    per_id = (
        per_name.group_by("id_number", maintain_order=True)
        .agg(
            pl.len().alias("n_names"),
            pl.col("name_pinyin").n_unique().alias("n_sounds"),
            pl.col("name_pinyin").null_count().alias("n_no_sound"),
            pl.col("seen").alias("seen"),
            pl.col("loc").slice(1).alias("others"),
            pl.col("rec_id").first().alias("first_rec"),
        )
        .filter(pl.col("n_names") >= 2)
    )
    df = valid.join(per_id, left_on=["id_number", "rec_id"], right_on=["id_number", "first_rec"], how="inner")
    same_sound = (pl.col("n_sounds") == 1) & (pl.col("n_no_sound") == 0)
    evidence = pl.concat_str(
        [
            pl.lit("同一身份证号"),
            pl.col("seen").list.join("、"),
            pl.when(same_sound).then(pl.lit("（读音相同）")).otherwise(pl.lit("（读音不同）")),
        ]
    )
    basis = (
        pl.when(same_sound)
        .then(pl.lit(BASIS_ID_NAME_HOMOPHONE))
        .otherwise(pl.lit(BASIS_ID_NAME_DIFFERS))
        .alias("match_basis"),
        pl.lit(1.0).alias("confidence"),
    )
    return make_findings(
        df,
        "Q2",
        evidence=evidence,
        basis=basis,
        id_number=pl.col("id_number"),
        extra=[pl.col("others").list.join("；").alias("related")],
    )


def _type_name(expr: pl.Expr) -> pl.Expr:
    return expr.replace_strict(DISABILITY_TYPE_ZH, default="未知", return_dtype=pl.String)


def check_q4(ctx: RuleContext) -> pl.DataFrame:
    dis = ctx.of_kind(DISABILITY).filter(
        pl.col("id_status").is_in(list(USABLE_ID_STATUSES)) & pl.col("id_number").is_not_null()
    )
    id_bad = (pl.col("cert_id") != pl.col("id_number")).fill_null(False)
    type_bad = (pl.col("cert_type") != pl.col("disability_type")).fill_null(False)
    grade_bad = (pl.col("cert_grade") != pl.col("disability_grade")).fill_null(False)
    df = dis.filter(id_bad | type_bad | grade_bad)
    evidence = pl.concat_str(
        [
            pl.when(id_bad).then(
                pl.concat_str(
                    [
                        pl.lit("残疾人证号 "),
                        pl.col("cert_number").fill_null(""),
                        pl.lit(" 的前 18 位与身份证号 "),
                        pl.col("id_number"),
                        pl.lit(" 不一致"),
                    ]
                )
            ),
            pl.when(type_bad).then(
                pl.concat_str(
                    [
                        pl.lit("证号中的残疾类别为 "),
                        pl.col("cert_type").cast(pl.String),
                        pl.lit("（"),
                        _type_name(pl.col("cert_type")),
                        pl.lit("），残疾类别列为 "),
                        pl.col("disability_type").cast(pl.String),
                        pl.lit("（"),
                        _type_name(pl.col("disability_type")),
                        pl.lit("）"),
                    ]
                )
            ),
            pl.when(grade_bad).then(
                pl.concat_str(
                    [
                        pl.lit("证号中的残疾等级为 "),
                        pl.col("cert_grade").cast(pl.String),
                        pl.lit(" 级，残疾等级列为 "),
                        pl.col("disability_grade").cast(pl.String),
                        pl.lit(" 级"),
                    ]
                )
            ),
        ],
        separator="；",
        ignore_nulls=True,
    )
    return make_findings(df, "Q4", evidence=evidence, id_number=pl.col("id_number"))


_BASIS_Q = (
    "GB 11643-1999《公民身份号码》（校验码 ISO 7064 MOD 11-2）；身份证号是各部门数据比对的唯一可靠依据。"
)

Q1 = Rule(
    code="Q1",
    title_zh="身份证号无效",
    title_en="Invalid ID number",
    severity="medium",
    needs=(),
    basis=_BASIS_Q,
    definition=(
        "身份证号位数或字符不对、校验码不对、出生日期不存在或在将来、前两位不是省级代码。每条记录一行（同一人在三个文件"
        "中号码都错，就是三行），写明原因。号码无效的记录无法按身份证号比对，可能漏查其他问题。"
    ),
    finds="身份证号写错、无法用于比对的记录。",
    why="号码错了，死亡、重复等问题都比对不出来。",
    fail_example="371521196004010010（校验码应为 X）：Q1，原因“校验码不对”。",
    pass_example="371521196004010016 这类校验正确的号码：不算。",
    check=check_q1,
)

Q2 = Rule(
    code="Q2",
    title_zh="同一身份证号姓名不同",
    title_en="One ID, different names",
    severity="low",
    needs=(),
    basis=_BASIS_Q + "号码相同即为同一人，但姓名不一致须核实是录入错误还是冒用。",
    definition=(
        "同一个有效身份证号在各名册中出现的姓名（规范化后）有两个以上。每个号码一行，报在第一条记录上，"
        "写明各名册里的姓名以及读音是否相同。"
    ),
    finds="同一号码下姓名不一致的记录（同音错字或号码被冒用）。",
    why="同音字多为录入错误，读音不同则可能是号码填错或冒用，都需核实。",
    fail_example="低保名为李秀英、残疾人证名为李秀瑛：Q2（读音相同）。",
    pass_example="各名册都叫李秀英（“李 秀英”空格去掉后相同）：不算。",
    check=check_q2,
)

Q3 = Rule(
    code="Q3",
    title_zh="身份证号被存成数字",
    title_en="ID lost to float storage",
    severity="medium",
    needs=(),
    basis=_BASIS_Q + "表格把号码当数字保存后只保留 15 位有效数字，后几位永久丢失，不能猜测补全。",
    definition="身份证号以 3.71521E+17 这类科学计数形式出现，或后几位因按数字保存而被改变。每条记录一行。",
    finds="身份证号被 Excel 按数字保存、后几位已丢失的记录。",
    why="丢失的数字无法恢复，这些记录无法可靠比对，需向原单位要回完整号码。",
    fail_example="身份证号一栏显示 3.71521E+17：Q3。",
    pass_example="号码以文本保存、18 位完整：不算。",
    check=check_q3,
)

Q4 = Rule(
    code="Q4",
    title_zh="残疾人证号与身份证号或类别等级不一致",
    title_en="Certificate number inconsistent",
    severity="low",
    needs=(DISABILITY,),
    basis="残疾人证号由持证人身份证号加残疾类别、残疾等级各一位组成（中国残联编码规则）。",
    definition=(
        "残疾人证号前 18 位与身份证号不同，或证号中的类别、等级数字与“残疾类别”“残疾等级”列不同"
        "（只在两边都有值且身份证号有效时比较）。每条持证记录一行。"
    ),
    finds="残疾人证号与身份证号、类别或等级对不上的持证记录。",
    why="证号与类别等级不一致，说明等级变更未同步或录入有误，会影响两项补贴的判断。",
    fail_example="证号末两位为 42（肢体2级），残疾等级列为 3 级：Q4。",
    pass_example="证号 = 身份证号 + 42，类别列肢体、等级列 2 级：不算。",
    check=check_q4,
)
