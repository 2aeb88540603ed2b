"""The data-quality checks of loading, declared as lists: cell checks per sheet (two columns naming one
field, overlong cells, formulas), the rule that rejects a row, and the warnings about rows that are used.

Every warning is a `RowCheck`; all of them are evaluated in one pass over a batch and only the rows that
fail one are kept (a filter of the whole batch per check cost more than the rest of normalising).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from recon.kinds import field_label
from recon.load.issues import issue_frame, sheet_issue
from recon.load.plan import HOUSEHOLD_KINDS, SheetPlan, duplicate_problems
from recon.model import ID_MISSING, SUBSIDY, empty_issues, issue_rows
from recon.normalize.households import household_key, household_label

LONG_CELL = 500  # characters: no name, ID, place or amount is this long; a pasted note or a broken export is

# the code of the warning whose count a sheet's accounting also reports
SUBSIDY_UNKNOWN = "subsidy_unknown"
HOUSEHOLD_SIZE_MISMATCH = "household_size_mismatch"


@dataclass(frozen=True)
class RowCheck:
    """A warning about a used row: `test` is true on the rows that fail it."""

    code: str
    column: str  # the field as the 数据质量 sheet names it
    reason: pl.Expr | str
    test: pl.Expr
    value: pl.Expr | None


def _given(src: str) -> pl.Expr:
    return pl.col(src).str.strip_chars().str.len_chars().fill_null(0).gt(0)


def row_checks(today: dt.date) -> tuple[RowCheck, ...]:
    """Every warning about used rows, over the parsed batch (raw fields keep their `__` names)."""
    checks = [
        RowCheck(
            "id_missing",
            "身份证号",
            "身份证号空白，只能按姓名+出生日期+乡镇关联",
            pl.col("id_status") == ID_MISSING,
            None,
        ),
        RowCheck(
            "region_unknown",
            "身份证号",
            pl.format(
                "身份证号前6位 {} 不在行政区划代码表中（旧代码仍然有效，仅提示）",
                pl.col("id_number").str.slice(0, 6),
            ),
            pl.col("id_region_known").not_(),
            pl.col("id_number"),
        ),
    ]
    for src, bad, label in (
        ("__birth", _given("__birth") & pl.col("__birth_unparsed"), "出生日期"),
        ("__death", _given("__death") & pl.col("death_date").is_null(), "死亡日期"),
        ("__cremation", _given("__cremation") & pl.col("cremation_date").is_null(), "火化日期"),
        ("__start", _given("__start") & pl.col("start_month").is_null(), "保障起始年月"),
    ):
        checks.append(RowCheck("bad_date", label, f"{label}无法识别，按空白处理", bad, pl.col(src)))
    for out, label in (("death_date", "死亡日期"), ("cremation_date", "火化日期")):
        checks.append(
            RowCheck(
                "future_date",
                label,
                f"{label}晚于今天，请核对",
                pl.col(out) > pl.lit(today),
                pl.col(out).cast(pl.String),
            )
        )
    for src, out, label in (
        ("__amount", "monthly_amount", "金额"),
        ("__income", "income_per_capita", "人均纯收入"),
    ):
        checks.append(
            RowCheck(
                "bad_amount",
                label,
                f"{label}无法识别，按空白处理",
                _given(src) & pl.col(out).is_null(),
                pl.col(src),
            )
        )
        checks.append(
            RowCheck("negative_amount", label, f"{label}为负数，请核对", pl.col(out) < 0, pl.col(src))
        )
    checks.append(
        RowCheck(
            SUBSIDY_UNKNOWN,
            "补贴类别",
            "无法判断补贴类别（生活补贴/护理补贴），该行不参与 S 类规则",
            (pl.col("kind") == SUBSIDY) & pl.col("subsidy_type").is_null(),
            pl.col("__subsidy"),
        )
    )
    return tuple(checks)


def check_rows(
    df: pl.DataFrame, row_text: pl.DataFrame, today: dt.date
) -> tuple[pl.Expr, pl.DataFrame, pl.DataFrame]:
    """(the mask of rows used, issues, per-sheet counts) of one parsed batch.

    A row that names no one (no name, no ID) is rejected; the others are used, with a warning for each
    check they fail. The counts are per sheet: rejected rows, used rows per ID status, and rows whose
    subsidy type is unknown.
    """
    no_one = pl.col("name").is_null() & (pl.col("id_status") == ID_MISSING)
    rejected = df.filter(no_one).join(row_text, on=["__sheet", "__i"], how="left")
    parts = [
        issue_frame(
            rejected,
            "rejected",
            "no_name_no_id",
            "既没有姓名也没有身份证号，无法使用",
            None,
            column=None,
            value=pl.col("__joined"),
        )
    ]
    used = ~no_one
    checks = row_checks(today)
    flags = {f"__warn{i}": c for i, c in enumerate(checks)}
    flagged = (
        df.lazy()
        .with_columns([(used & c.test).fill_null(False).alias(f) for f, c in flags.items()])
        .filter(pl.any_horizontal(list(flags)))
        .collect()
    )
    for f, c in flags.items():
        parts.append(
            issue_frame(
                flagged.filter(pl.col(f)), "warning", c.code, c.reason, None, column=c.column, value=c.value
            )
        )
    unknown_subsidy = next(f for f, c in flags.items() if c.code == SUBSIDY_UNKNOWN)
    # a household row may make several records: a row is used when one of its records is
    rows = (
        df.select("__sheet", "__i", used.alias("__used"))
        .group_by("__sheet", "__i")
        .agg(pl.col("__used").any())
    )
    counts = pl.concat(
        [
            rows.group_by("__sheet").agg(
                (~pl.col("__used")).sum().alias("n"), pl.lit("__rejected").alias("what")
            ),
            rows.group_by("__sheet").agg(
                pl.col("__used").sum().alias("n"), pl.lit("__rows_used").alias("what")
            ),
            df.select("__sheet", "id_status", used.alias("__used"))
            .filter("__used")
            .group_by("__sheet", "id_status")
            .agg(pl.len().alias("n"))
            .rename({"id_status": "what"}),
            flagged.filter(pl.col(unknown_subsidy))
            .group_by("__sheet")
            .agg(pl.len().alias("n"), pl.lit("__subsidy_unknown").alias("what")),
        ],
        how="diagonal_relaxed",
    )
    issues = pl.concat([p for p in parts if p.height] or [empty_issues()], how="vertical")
    return used, issues, counts


def cell_warnings(plan: SheetPlan, data: pl.LazyFrame) -> list[pl.DataFrame]:
    """Warnings about cells of data rows (rejected rows included: the officer fixes the file either way)."""
    assert plan.header is not None
    names = plan.header.names
    out = [
        sheet_issue(plan, "duplicate_column", problem, column=names[dup])
        for (_u, dup, _f), problem in zip(plan.duplicates, duplicate_problems(plan), strict=True)
    ]
    for used, dup, _fld in plan.duplicates:
        a, b = pl.col(f"c{used}").str.strip_chars(), pl.col(f"c{dup}").str.strip_chars()
        differs = (a.is_null() | (a != b)).fill_null(True)
        differ = data.filter((b.str.len_chars() > 0).fill_null(False) & differs).collect()
        out.append(
            issue_frame(
                differ,
                "warning",
                "duplicate_column_differs",
                f"第 {used + 1} 列「{names[used]}」和第 {dup + 1} 列「{names[dup]}」的值不一致，"
                f"使用了第 {used + 1} 列的值",
                plan,
                column=names[dup],
                value=pl.col(f"c{dup}").str.slice(0, 200),
            )
        )
    for i, fld in plan.columns.items():
        c = pl.col(f"c{i}")
        long = data.filter(c.str.len_chars().fill_null(0) > LONG_CELL).collect()
        out.append(
            issue_frame(
                long,
                "warning",
                "long_cell",
                pl.format(
                    "{}内容异常地长（{} 个字符），请核对原表", pl.lit(field_label(fld)), c.str.len_chars()
                ),
                plan,
                column=names[i],
                value=c.str.slice(0, 200),
            )
        )
    if plan.raw.formulas:
        cells = pl.DataFrame(
            {
                "__i": [x.row for x in plan.raw.formulas],
                "__col": [x.col for x in plan.raw.formulas],
                "__formula": [x.formula for x in plan.raw.formulas],
            },
            schema={"__i": data.collect_schema()["__i"], "__col": pl.Int64, "__formula": pl.String},
        )
        # one pass per column that holds formulas (a handful at most)
        for i in sorted(set(cells.filter(pl.col("__col").is_between(0, len(names) - 1))["__col"].to_list())):
            hit = data.join(cells.filter(pl.col("__col") == i).lazy(), on="__i").collect()
            shown = pl.col(f"c{i}").fill_null("（空）").str.slice(0, 100)
            out.append(
                issue_frame(
                    hit,
                    "warning",
                    "formula_cell",
                    pl.format(
                        "单元格是公式 {}，按文件中保存的结果「{}」读取（recon 不计算公式），请核对",
                        pl.col("__formula").str.slice(0, 200),
                        shown,
                    ),
                    plan,
                    column=names[i] or f"第 {i + 1} 列",
                    value=pl.col("__formula").str.slice(0, 200),
                )
            )
    return out


def household_size_issues(records: pl.DataFrame) -> pl.DataFrame:
    """A warning for each household whose declared size (保障人数, 家庭人口数) differs from the members
    its file lists: a member left out, or one too many, or a misread layout (a household's rows taken
    for households of their own would each show a declared size above one)."""
    if "household_size" not in records.columns:
        return empty_issues()
    rows = records.filter(pl.col("kind").cast(pl.String).is_in(list(HOUSEHOLD_KINDS)))
    if rows.height == 0 or rows.get_column("household_size").null_count() == rows.height:
        return empty_issues()
    member = pl.coalesce(pl.col("id_number"), pl.col("id_clean"), pl.col("name"))
    households = (
        rows.with_columns(household_key().alias("__hh"))
        .group_by("source_file", "__hh")
        .agg(
            pl.col("household_size").max().alias("declared"),
            member.n_unique().alias("found"),
            pl.col("source_sheet").first(),
            pl.col("source_row").min(),
            household_label().first().alias("label"),
        )
        .filter(pl.col("declared").is_not_null() & (pl.col("declared") != pl.col("found")))
        .sort("source_file", "source_sheet", "source_row", nulls_last=True)
    )
    return issue_rows(
        households,
        "warning",
        HOUSEHOLD_SIZE_MISMATCH,
        pl.format(
            "{}：表中声明 {} 人，名册列出 {} 人，请核对是否漏登、多登成员（单人户判断以声明人数为准）",
            pl.col("label"),
            pl.col("declared"),
            pl.col("found"),
        ),
        source_file=pl.col("source_file"),
        source_sheet=pl.col("source_sheet"),
        source_row=pl.col("source_row"),
        column="保障人数",
        value=pl.format("声明 {}，列出 {}", pl.col("declared"), pl.col("found")),
    )
