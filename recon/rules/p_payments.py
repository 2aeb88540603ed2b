"""P1–P5: the 一本通/一卡通 payment file against the rolls — what was actually paid, to whom, and how much.

Only the roster month's lines are compared: a line whose 发放月份 (or the month of its file's title) is
another month is counted and set aside in 数据质量, never mixed in; a line with no month at all is taken
as the roster month's. A dibao household is paid as one — any member may be the payee — and its paid
total is compared with its approved 月保障金: the household's amount once when the roll gives one per
household (a 户月保障金 column, or one amount over merged cells), else the sum of its members' amounts. A
tekun person is paid alone, their 月供养金 (basic and care together) against their tekun lines.

Payment lines link like any record (by ID, else the fuzzy fallback with its safety); a line linked to no
one is not compared (its ID is reported by the Q rules) — a P1 on an unreadable ID would send someone to
look for a person who may well be on the roll.
"""

from __future__ import annotations

import polars as pl

from recon.model import (
    CREMATION,
    DEATH,
    DIBAO,
    PAYMENT,
    POVERTY,
    SUBSIDY_CARE,
    SUBSIDY_LIVING,
    TEKUN,
    empty_findings,
    issue_rows,
)
from recon.months import month_zh
from recon.normalize.households import household_label
from recon.normalize.names import clean_name_expr, pinyin_expr
from recon.rules.base import Rule, RuleContext, age_at, related_as
from recon.rules.findings import make_findings
from recon.rules.text import (
    amount_text,
    date_text,
    kind_text,
    location,
    month_text,
    or_unknown,
    related_basis,
)

_ROLLS = [DIBAO, TEKUN]
_KNOWN_PROGRAMMES = [DIBAO, TEKUN, SUBSIDY_LIVING, SUBSIDY_CARE]

_BASIS_P = (
    "工作方案：低保金“按月社会化发放”，“通过财政惠民‘一本通’系统按月发放”。《最低生活保障审核确认办法》"
    "（民发〔2021〕57号）规定低保金按审核确认的金额按月发放；审计对一本通/一卡通发放的通报把应发未发、"
    "发放金额与审批不符、代领冒领、对象死亡后仍发放列为常见问题。"
)


def _prog() -> pl.Expr:
    return pl.col("programme").cast(pl.String)


def _programme_text(expr: pl.Expr) -> pl.Expr:
    """dibao -> 低保金, tekun -> 特困供养金; a subsidy or an unknown 项目 as written."""
    named = kind_text(expr)
    return (
        pl.when(expr == DIBAO)
        .then(pl.lit("低保金"))
        .when(expr == TEKUN)
        .then(pl.lit("特困供养金"))
        .otherwise(named.fill_null("项目不详"))
    )


def month_lines(ctx: RuleContext) -> pl.DataFrame:
    """The payment lines of the roster month, with `_prog` (programme as text) and `_acct` (账户名
    cleaned as names are). The other months' lines are noted per file and month, and left out."""

    def build() -> pl.DataFrame:
        pay = ctx.of_kind(PAYMENT)
        this = pl.col("pay_month").is_null() | (pl.col("pay_month") == ctx.month)
        other = pay.filter(~this)
        if other.height:
            per_month = (
                other.group_by("source_file", "source_sheet", "pay_month")
                .agg(pl.len().alias("_n"), pl.col("source_row").min().alias("_first"))
                .sort("source_file", "source_sheet", "pay_month", nulls_last=True)
                .with_columns(
                    pl.concat_str(
                        [
                            month_text(pl.col("pay_month")),
                            pl.lit(" "),
                            pl.col("_n").cast(pl.String),
                            pl.lit(" 行"),
                        ]
                    ).alias("_each")
                )
            )
            per = per_month.group_by("source_file", "source_sheet", maintain_order=True).agg(
                pl.col("_n").sum(), pl.col("_first").min(), pl.col("_each").str.join("、")
            )
            reason = pl.concat_str(
                [
                    pl.lit("本表有 "),
                    pl.col("_n").cast(pl.String),
                    pl.lit(f" 行不是名册月份（{month_zh(ctx.month)}）的发放："),
                    pl.col("_each"),
                    pl.lit("；已计数并放在一边，不参与本月的 P 规则比对"),
                ]
            )
            ctx.note("payment_other_month", _issues(per, "payment_other_month", "发放月份", reason))
        lines = pay.filter(this).with_columns(
            _prog().alias("_prog"), clean_name_expr(pl.col("account_name")).alias("_acct")
        )
        unknown = lines.filter(~pl.col("_prog").is_in(_KNOWN_PROGRAMMES) | pl.col("_prog").is_null())
        if unknown.height:
            per = unknown.group_by("source_file", "source_sheet", "_prog", maintain_order=True).agg(
                pl.len().alias("_n"), pl.col("source_row").min().alias("_first")
            )
            reason = pl.concat_str(
                [
                    pl.lit("项目“"),
                    pl.col("_prog").fill_null("（未写）"),
                    pl.lit("”不是低保、特困供养或两项补贴，"),
                    pl.col("_n").cast(pl.String),
                    pl.lit(" 行不参与 P1–P3（P4、P5 照常比对）；若是低保或特困，请在配置中写明该文件的项目"),
                ]
            )
            ctx.note("payment_programme_unknown", _issues(per, "payment_programme_unknown", "项目", reason))
        return lines

    return ctx.shared("payment_month_lines", build)


def _issues(per: pl.DataFrame, code: str, column: str, reason: pl.Expr) -> pl.DataFrame:
    """One warning per row of `per` (a file and sheet with `_first`, its first row concerned)."""
    place = {"source_file": pl.col("source_file"), "source_sheet": pl.col("source_sheet")}
    return issue_rows(per, "warning", code, reason, **place, source_row=pl.col("_first"), column=column)


def _line_text(prefix: str = "") -> pl.Expr:
    """One payment line as the evidence names it: "张三 730.00 元（账户名 张三，一本通.xlsx 第5行）"."""
    c = lambda n: pl.col(f"{prefix}{n}")  # noqa: E731
    return pl.concat_str(
        [
            or_unknown(c("name"), "姓名不详"),
            pl.lit(" "),
            pl.when(c("monthly_amount").is_not_null())
            .then(amount_text(c("monthly_amount")) + pl.lit(" 元"))
            .otherwise(pl.lit("金额不详")),
            pl.lit("（"),
            pl.when(c("account_name").is_not_null())
            .then(pl.concat_str([pl.lit("账户名 "), c("account_name"), pl.lit("，")]))
            .otherwise(pl.lit("")),
            location(prefix),
            pl.lit("）"),
        ]
    )


def paid_by_person(ctx: RuleContext) -> pl.DataFrame:
    """Per linkable person and roll programme (dibao, tekun): `_paid` (this month's total), `_n_lines`
    and `_paid_text` (each line), and the first line's columns (`r_`) for the pair basis."""

    def build() -> pl.DataFrame:
        lines = month_lines(ctx).filter(pl.col("linkable") & pl.col("_prog").is_in(_ROLLS))
        return (
            lines.lazy()
            .with_columns(_line_text().alias("_text"))
            .group_by("person_key", "_prog", maintain_order=True)
            .agg(
                pl.col("monthly_amount").sum().alias("_paid"),
                pl.len().alias("_n_lines"),
                pl.col("_text").str.join("；").alias("_paid_text"),
                *[pl.col(c).first().alias(f"r_{c}") for c in ("rec_id", "kind", "name", "name_pinyin")],
                *[
                    pl.col(c).first().alias(f"r_{c}")
                    for c in ("link_basis", "link_confidence", "source_file", "source_sheet", "source_row")
                ],
            )
            .collect()
        )

    return ctx.shared("payment_paid_by_person", build)


def dibao_household_payments(ctx: RuleContext) -> pl.DataFrame:
    """Per dibao household: `_approved` (the household amount once, else the members' sum; null when no
    member has an amount), `_reading` (how), `_paid` (the dibao lines of its members), `_n_payees`,
    `_paid_text`, `_all_dead` and `_town`; with the head record's columns and `hh_text`."""

    def build() -> pl.DataFrame:
        hh = ctx.households(DIBAO)
        members = hh.unique(subset=["hh_key", "person_key"], keep="first", maintain_order=True)
        paid = paid_by_person(ctx).filter(pl.col("_prog") == DIBAO).drop("_prog")
        dead = ctx.persons.select("person_key", "dead")
        per = (
            members.lazy()
            .join(paid.lazy(), on="person_key", how="left")
            .join(dead.lazy(), on="person_key", how="left")
            .group_by("hh_key", maintain_order=True)
            .agg(
                pl.col("amount_household").fill_null(False).any().alias("_hh_amount"),
                pl.col("monthly_amount").max().alias("_max"),
                pl.col("monthly_amount").sum().alias("_sum"),
                pl.col("monthly_amount").is_not_null().sum().alias("_n_amounts"),
                pl.len().alias("_n_members"),
                pl.col("_paid").sum().alias("_paid"),
                pl.col("_paid").is_not_null().sum().alias("_n_payees"),
                pl.col("_paid_text").drop_nulls().str.join("；").alias("_paid_text"),
                pl.col("dead").fill_null(False).all().alias("_all_dead"),
                pl.col("monthly_amount").drop_nulls().n_unique().alias("_n_distinct"),
                pl.col("source_file").cast(pl.String).first().alias("_roll_file"),
                pl.col("source_sheet").cast(pl.String).first().alias("_roll_sheet"),
                *[pl.col(f"r_{c}").drop_nulls().first() for c in ("rec_id", "kind", "name", "name_pinyin")],
                *[
                    pl.col(f"r_{c}").drop_nulls().first()
                    for c in ("link_basis", "link_confidence", "source_file", "source_sheet", "source_row")
                ],
            )
            .collect()
        )
        per = _read_household_amounts(ctx, per)
        per = (
            per.lazy()
            .with_columns(
                pl.when(pl.col("_n_amounts") == 0)
                .then(pl.lit(None, dtype=pl.Float64))
                .when(pl.col("_hh_amount"))
                .then(pl.col("_max"))
                .otherwise(pl.col("_sum"))
                .alias("_approved"),
                pl.when(pl.col("_n_amounts") == 0)
                .then(pl.lit("名册未填月保障金"))
                .when(pl.col("_hh_amount"))
                .then(pl.lit("户月保障金"))
                .when(pl.col("_n_amounts") < pl.col("_n_members"))
                .then(
                    pl.concat_str(
                        [
                            pl.lit("成员月保障金合计，"),
                            (pl.col("_n_members") - pl.col("_n_amounts")).cast(pl.String),
                            pl.lit(" 人未填金额"),
                        ]
                    )
                )
                .otherwise(pl.concat_str([pl.col("_n_members").cast(pl.String), pl.lit(" 人月保障金合计")]))
                .alias("_reading"),
            )
            .collect()
        )
        heads = ctx.household_heads(DIBAO).join(
            ctx.household_texts(DIBAO).select("hh_key", "hh_text"), on="hh_key", how="left"
        )
        return heads.join(per, on="hh_key", how="inner")

    return ctx.shared("payment_dibao_households", build)


def _read_household_amounts(ctx: RuleContext, per: pl.DataFrame) -> pl.DataFrame:
    """The payment file says how a roll's amounts are meant when its header does not: a sheet whose
    multi-member households each show one amount on every member row, and are paid that amount rather
    than the sum far more often than the reverse, holds household amounts (户月保障金 under a plain
    保障金额 header). Those households' `_hh_amount` is set, and the reading noted for the sheet."""
    tol = ctx.policy.payment_tolerance
    uniform = (pl.col("_n_members") >= 2) & (pl.col("_n_amounts") == pl.col("_n_members"))
    uniform = uniform & (pl.col("_n_distinct") == 1) & ~pl.col("_hh_amount") & (pl.col("_n_payees") > 0)
    as_one = (pl.col("_paid") - pl.col("_max")).abs() <= tol
    as_sum = (pl.col("_paid") - pl.col("_sum")).abs() <= tol
    votes = (
        per.filter(uniform)
        .group_by("_roll_file", "_roll_sheet")
        .agg((as_one & ~as_sum).sum().alias("_one"), (as_sum & ~as_one).sum().alias("_sum_votes"))
        # two households at least, and four in five of those the two readings tell apart
        .filter((pl.col("_one") >= 2) & (pl.col("_one") >= 4 * pl.col("_sum_votes")))
    )
    if votes.is_empty():
        return per
    reason = pl.concat_str(
        [
            pl.lit("本表的月保障金按户金额读：多人户每名成员行上都写着同一个金额，本月有 "),
            pl.col("_one").cast(pl.String),
            pl.lit(" 户的实发等于这个金额而不是各行之和（等于各行之和的 "),
            pl.col("_sum_votes").cast(pl.String),
            pl.lit(" 户）；P3 与汇总的应发按户计一次。若本表金额确是每人的，请在配置中写明该列"),
        ]
    )
    rows = issue_rows(
        votes,
        "warning",
        "amount_read_as_household",
        reason,
        source_file=pl.col("_roll_file"),
        source_sheet=pl.col("_roll_sheet"),
        source_row=pl.lit(None, dtype=pl.Int64),
        column="月保障金",
    )
    ctx.note("amount_read_as_household", rows)
    flagged = votes.select("_roll_file", "_roll_sheet", pl.lit(True).alias("_by_payment"))
    return (
        per.join(flagged, on=["_roll_file", "_roll_sheet"], how="left", nulls_equal=True)
        .with_columns(
            (pl.col("_hh_amount") | (pl.col("_by_payment").fill_null(False) & uniform)).alias("_hh_amount")
        )
        .drop("_by_payment")
    )


def tekun_payments(ctx: RuleContext) -> pl.DataFrame:
    """Per linkable tekun person (their first tekun record): `_approved` (月供养金), `_paid`, `_paid_text`
    and `dead`."""

    def build() -> pl.DataFrame:
        tek = ctx.of_kind(TEKUN).filter(pl.col("linkable"))
        tek = tek.unique(subset="person_key", keep="first", maintain_order=True)
        paid = paid_by_person(ctx).filter(pl.col("_prog") == TEKUN).drop("_prog")
        return (
            tek.join(paid, on="person_key", how="left")
            .join(ctx.persons.select("person_key", "dead"), on="person_key", how="left")
            .with_columns(
                pl.col("monthly_amount").alias("_approved"),
                pl.col("dead").fill_null(False),
                pl.col("_n_lines").is_not_null().cast(pl.Int64).alias("_n_payees"),
            )
        )

    return ctx.shared("payment_tekun", build)


def _difference_text() -> pl.Expr:
    diff = pl.col("_paid") - pl.col("_approved")
    return (
        pl.when(diff < 0)
        .then(pl.concat_str([pl.lit("少发 "), amount_text(-diff), pl.lit(" 元")]))
        .otherwise(pl.concat_str([pl.lit("多发 "), amount_text(diff), pl.lit(" 元")]))
    )


_AMOUNTS = (pl.col("_approved").alias("monthly_amount"), pl.col("_paid").alias("paid_amount"))


# --- P1 -------------------------------------------------------------------------------------------------


def check_p1(ctx: RuleContext) -> pl.DataFrame:
    lines = month_lines(ctx).filter(pl.col("linkable") & pl.col("_prog").is_in(_ROLLS))
    facts = ctx.with_person_facts(lines, ("on_dibao", "on_tekun"))
    off = ((pl.col("_prog") == DIBAO) & ~pl.col("on_dibao")) | (
        (pl.col("_prog") == TEKUN) & ~pl.col("on_tekun")
    )
    df = (
        facts.filter(off)
        .with_columns(_line_text().alias("_text"))
        .group_by("person_key", "_prog", maintain_order=True)
        .agg(
            pl.all().exclude("_text").first(),
            pl.col("monthly_amount").sum().alias("_paid"),
            pl.col("_text").str.join("；").alias("_lines"),
            location().str.join("、").alias("_locs"),
        )
    )
    roll_zh = pl.when(pl.col("_prog") == DIBAO).then(pl.lit("低保")).otherwise(pl.lit("特困"))
    other = (
        pl.when((pl.col("_prog") == DIBAO) & pl.col("on_tekun"))
        .then(pl.lit("（本人在特困名册：应按特困发放，或重复发放）"))
        .when((pl.col("_prog") == TEKUN) & pl.col("on_dibao"))
        .then(pl.lit("（本人在低保名册：应按低保发放，或重复发放）"))
        .otherwise(pl.lit("（也不在另一名册）"))
    )
    evidence = pl.concat_str(
        [
            pl.lit(f"{month_zh(ctx.month)}一本通发放明细有本人的"),
            _programme_text(pl.col("_prog")),
            pl.lit("："),
            pl.col("_lines"),
            pl.lit("；本人不在本月"),
            roll_zh,
            pl.lit("名册"),
            other,
            pl.lit("；待核实：是否已停保仍在发放、是否冒领，或名册漏录"),
        ]
    )
    return make_findings(
        df,
        "P1",
        evidence=evidence,
        key_extra=[pl.col("_prog")],
        extra=[pl.col("_paid").alias("paid_amount"), pl.col("_locs").alias("related")],
    )


# --- P2 -------------------------------------------------------------------------------------------------


def check_p2(ctx: RuleContext) -> pl.DataFrame:
    frames = []
    if DIBAO in ctx.present_kinds:
        hh = dibao_household_payments(ctx).filter((pl.col("_n_payees") == 0) & ~pl.col("_all_dead"))
        evidence = pl.concat_str(
            [
                pl.lit(f"{month_zh(ctx.month)}一本通发放明细中，本户没有任何成员的低保金发放记录（应发 "),
                pl.when(pl.col("_approved").is_not_null())
                .then(amount_text(pl.col("_approved")) + pl.lit(" 元，") + pl.col("_reading"))
                .otherwise(pl.lit("金额不详：名册未填月保障金")),
                pl.lit("）；"),
                pl.col("hh_text"),
                pl.lit("；待核实：是否应发未发、是否在其他账户或其他乡镇发放"),
            ]
        )
        frames.append(
            make_findings(
                hh,
                "P2",
                evidence=evidence,
                key_extra=[household_label()],
                extra=[*_AMOUNTS, household_label().alias("household_id")],
            )
        )
    if TEKUN in ctx.present_kinds:
        tek = tekun_payments(ctx).filter((pl.col("_n_payees") == 0) & ~pl.col("dead"))
        evidence = pl.concat_str(
            [
                pl.lit(f"{month_zh(ctx.month)}一本通发放明细中没有本人的特困供养金发放记录（应发 "),
                pl.when(pl.col("_approved").is_not_null())
                .then(amount_text(pl.col("_approved")) + pl.lit(" 元"))
                .otherwise(pl.lit("金额不详"))
                .fill_null("金额不详"),
                pl.lit("）；待核实：是否应发未发、是否在其他账户或其他乡镇发放"),
            ]
        )
        frames.append(make_findings(tek, "P2", evidence=evidence, extra=list(_AMOUNTS)))
    return pl.concat(frames, how="vertical") if frames else empty_findings()


# --- P3 -------------------------------------------------------------------------------------------------


def _differs(ctx: RuleContext) -> pl.Expr:
    return (
        (pl.col("_n_payees") > 0)
        & pl.col("_approved").is_not_null()
        & ((pl.col("_paid") - pl.col("_approved")).abs() > ctx.policy.payment_tolerance)
    )


def check_p3(ctx: RuleContext) -> pl.DataFrame:
    frames = []
    if DIBAO in ctx.present_kinds:
        hh = dibao_household_payments(ctx).filter(_differs(ctx))
        evidence = pl.concat_str(
            [
                pl.lit("本户应发 "),
                amount_text(pl.col("_approved")),
                pl.lit(" 元（"),
                pl.col("_reading"),
                pl.lit(f"），{month_zh(ctx.month)}实发 "),
                amount_text(pl.col("_paid")),
                pl.lit(" 元，"),
                _difference_text(),
                pl.lit("：实发 "),
                pl.col("_paid_text"),
                pl.lit("；"),
                pl.col("hh_text"),
                pl.lit("；待核实：保障金额是否调整、是否漏发或多发"),
            ]
        )
        frames.append(
            make_findings(
                hh,
                "P3",
                evidence=evidence,
                basis=related_basis("r_"),
                key_extra=[household_label()],
                extra=[*_AMOUNTS, household_label().alias("household_id")],
            )
        )
    if TEKUN in ctx.present_kinds:
        tek = tekun_payments(ctx).filter(_differs(ctx))
        evidence = pl.concat_str(
            [
                pl.lit("特困供养金应发 "),
                amount_text(pl.col("_approved")),
                pl.lit(f" 元，{month_zh(ctx.month)}实发 "),
                amount_text(pl.col("_paid")),
                pl.lit(" 元，"),
                _difference_text(),
                pl.lit("："),
                pl.col("_paid_text"),
                pl.lit("；待核实：供养方式或标准是否调整、是否漏发或多发"),
            ]
        )
        frames.append(
            make_findings(tek, "P3", evidence=evidence, basis=related_basis("r_"), extra=list(_AMOUNTS))
        )
    return pl.concat(frames, how="vertical") if frames else empty_findings()


# --- P4 -------------------------------------------------------------------------------------------------


def _own_and_household_names(ctx: RuleContext) -> pl.DataFrame:
    """(person_key, _ok): every name a person's records carry, and the name of every member of each
    dibao or poverty-monitored household the person belongs to — the accounts a line may be paid into."""
    own = (
        ctx.records.lazy()
        .filter(pl.col("linkable"))
        .select("person_key", pl.col("name").alias("_ok"))
        .drop_nulls()
        .unique()
    )
    parts = [own]
    for kind in (DIBAO, POVERTY):
        if kind not in ctx.present_kinds:
            continue
        hh = ctx.households(kind).lazy().select("hh_key", "person_key", "name", "linkable")
        mates = (
            hh.filter(pl.col("linkable"))
            .select("hh_key", "person_key")
            .join(hh.select("hh_key", pl.col("name").alias("_ok")), on="hh_key", how="inner")
            .select("person_key", "_ok")
            .drop_nulls()
        )
        parts.append(mates)
    names = pl.concat(parts, how="vertical").unique().collect()
    return names.with_columns(pinyin_expr(pl.col("_ok")).alias("_ok_py"))


def _other_accounts(ctx: RuleContext) -> pl.DataFrame:
    """This month's linked lines paid into an account named neither for the beneficiary nor for a member
    of the beneficiary's household, with `_minor` (under `adult_min_age` in the roster month)."""

    def build() -> pl.DataFrame:
        lines = month_lines(ctx).filter(
            pl.col("linkable")
            & pl.col("_acct").is_not_null()
            & (pl.col("_acct") != pl.col("name").fill_null(""))
        )
        # a name is the same name when its pinyin is (账户名 typed with a homophone, 李四 / 李泗)
        lines = lines.with_columns(pinyin_expr(pl.col("_acct")).alias("_acct_py"))
        ok = _own_and_household_names(ctx)
        lines = lines.join(ok, left_on=["person_key", "_acct"], right_on=["person_key", "_ok"], how="anti")
        lines = lines.join(
            ok.select("person_key", "_ok_py").drop_nulls().unique(),
            left_on=["person_key", "_acct_py"],
            right_on=["person_key", "_ok_py"],
            how="anti",
        )
        age = age_at(ctx.month, pl.col("birth_date"))
        return lines.with_columns(
            age.alias("age"), (age < ctx.policy.adult_min_age).fill_null(False).alias("_minor")
        )

    return ctx.shared("payment_other_accounts", build)


def check_p4(ctx: RuleContext) -> pl.DataFrame:
    lines = _other_accounts(ctx)
    minors = lines.filter(pl.col("_minor"))
    if minors.height:
        reason = pl.concat_str(
            [
                pl.lit("未成年人 "),
                or_unknown(pl.col("name"), "姓名不详"),
                pl.lit("（"),
                pl.col("age").cast(pl.String),
                pl.lit(" 岁）的"),
                _programme_text(pl.col("_prog")),
                pl.lit("打入 "),
                pl.col("account_name"),
                pl.lit(
                    " 的账户，此人不在其家庭成员中：未成年人由监护人代领是常态，不作为 P4 报告；请核实监护关系"
                ),
            ]
        )
        where = {"source_file": pl.col("source_file"), "source_sheet": pl.col("source_sheet")}
        rows = issue_rows(
            minors,
            "warning",
            "payment_guardian_account",
            reason,
            **where,
            source_row=pl.col("source_row"),
            column="账户名",
            value=pl.col("account_name"),
        )
        ctx.note("payment_guardian_account", rows)
    adults = lines.filter(~pl.col("_minor"))
    hh = ctx.assisted().select("person_key", "hh_text")
    df = (
        adults.join(hh, on="person_key", how="left")
        .with_columns(_line_text().alias("_text"))
        .group_by("person_key", "_prog", maintain_order=True)
        .agg(
            pl.all().exclude("_text").first(),
            pl.col("monthly_amount").sum().alias("_paid"),
            pl.col("_text").str.join("；").alias("_lines"),
            pl.col("account_name").unique(maintain_order=True).str.join("、").alias("_accounts"),
            pl.col("account_no").drop_nulls().unique(maintain_order=True).str.join("、").alias("_numbers"),
        )
    )
    evidence = pl.concat_str(
        [
            pl.lit(f"{month_zh(ctx.month)}"),
            _programme_text(pl.col("_prog")),
            pl.lit("打入 "),
            pl.col("_accounts"),
            pl.lit(" 的账户"),
            pl.when(pl.col("_numbers") != "")
            .then(pl.concat_str([pl.lit("（账号 "), pl.col("_numbers"), pl.lit("）")]))
            .otherwise(pl.lit("")),
            pl.lit("，账户名既不是本人，也不是本人所在低保户或监测户的成员（疑似代领）："),
            pl.col("_lines"),
            pl.lit("；"),
            pl.col("hh_text").fill_null("本人不在低保户或特困名册中"),
            pl.lit("；待核实：是否有委托代领手续，是否冒领"),
        ]
    )
    return make_findings(
        df,
        "P4",
        evidence=evidence,
        key_extra=[pl.col("_prog")],
        extra=[pl.col("_paid").alias("paid_amount"), pl.col("age"), location().alias("related")],
    )


# --- P5 -------------------------------------------------------------------------------------------------


def check_p5(ctx: RuleContext) -> pl.DataFrame:
    lines = month_lines(ctx).filter(pl.col("linkable"))
    # no grace here: the line shows money actually paid for a month that began after the death
    died = ctx.deaths.filter(pl.col("death_date_p") < ctx.month)
    dead = lines.join(died, on="person_key", how="inner").with_columns(
        *related_as("c_"), _line_text().alias("_text")
    )
    df = dead.group_by("person_key", "_prog", maintain_order=True).agg(
        pl.all().exclude("_text").first(),
        pl.col("monthly_amount").sum().alias("_paid"),
        pl.col("_text").str.join("；").alias("_lines"),
    )
    evidence = pl.concat_str(
        [
            pl.col("death_label"),
            pl.lit(" "),
            date_text(pl.col("death_date_p")),
            pl.lit("（"),
            pl.col("death_sources"),
            pl.lit(f"）；{month_zh(ctx.month)}仍通过一本通发放"),
            _programme_text(pl.col("_prog")),
            pl.lit("："),
            pl.col("_lines"),
            pl.lit("；对象死亡后的发放属确定多发，应追回"),
        ]
    )
    return make_findings(
        df,
        "P5",
        evidence=evidence,
        basis=related_basis("r_"),
        key_extra=[pl.col("_prog")],
        extra=[
            pl.col("_paid").alias("paid_amount"),
            pl.col("_paid").alias("overpaid_amount"),
            pl.col("months_since_death"),
            pl.col("death_date_p").alias("death_date"),
            pl.when(pl.col("_prog").is_in([SUBSIDY_LIVING, SUBSIDY_CARE]))
            .then(pl.col("_prog"))
            .alias("subsidy_type"),
            location("r_").alias("related"),
        ],
    )


# --- the catalog ----------------------------------------------------------------------------------------

_NEEDS_ROLL = ((DIBAO, TEKUN),)
_MONTH_ONLY = (
    "只比对名册月份的发放行；其他月份的行计数后放在一边（数据质量表列出），没有发放月份的行按名册月份计。"
)

P1 = Rule(
    code="P1",
    title_zh="有发放无名册",
    title_en="Paid but not on the roll",
    severity="high",
    needs=(PAYMENT,),
    needs_any=_NEEDS_ROLL,
    basis=_BASIS_P,
    definition=(
        "一本通发放明细中项目为低保或特困供养的发放行，其人不在本月该项目的名册上（低保行对低保名册，特困行对特困名册），"
        "即为有发放无名册。每人每项目一行，报在发放行上，列出每一笔发放。" + _MONTH_ONLY
    ),
    finds="一本通本月发了低保金或特困供养金、但本月名册里没有的人。",
    why="名册外的发放可能是停保后未停发、冒领，或名册漏录，都须逐一核实。",
    fail_example="发放明细有张三 730 元城乡低保，4 月低保名册没有张三：P1。",
    pass_example="张三只有 3 月的发放行（4 月名册已无此人）：不算，3 月的行放在一边。",
    check=check_p1,
)

P2 = Rule(
    code="P2",
    title_zh="有名册无发放",
    title_en="On the roll but not paid",
    severity="high",
    needs=(PAYMENT,),
    needs_any=_NEEDS_ROLL,
    basis=_BASIS_P,
    definition=(
        "低保户按户比对：户内任何一名成员（户主、配偶或其他成员都可能是领取人）都没有本月的低保金发放行，即为应发未发，"
        "报在户主记录上；全户成员都已死亡的不报（是 D1 的问题）。特困人员按人比对：本人没有本月的特困供养金发放行，"
        "且未死亡。" + _MONTH_ONLY
    ),
    finds="本月名册上有、但一本通没有发放记录的低保户和特困人员（应发未发）。",
    why="低保金、特困供养金应按月足额发放；应发未发是审计通报的常见问题。",
    fail_example="李四户（2 人）在 4 月低保名册，一本通 4 月没有这户任何人的发放：P2。",
    pass_example="王五户的低保金由其妻子领取（发放行是妻子的名字）：不算。",
    check=check_p2,
)

P3 = Rule(
    code="P3",
    title_zh="发放金额与审批不符",
    title_en="Paid amount differs from the approved amount",
    severity="medium",
    needs=(PAYMENT,),
    needs_any=_NEEDS_ROLL,
    parameters=("payment_tolerance",),
    basis=_BASIS_P,
    definition=(
        "低保户本月实发合计（户内各成员的低保金发放行之和）与应发（名册按户给出月保障金时取户金额一次——每名成员行都写同一户金额也只算一次；"
        "否则为成员月保障金之和）相差超过 payment_tolerance 元；特困人员本月特困供养金实发与月供养金（基本生活费与照料护理费合计）"
        "相差超过 payment_tolerance 元。没有发放行的是 P2，名册未填金额的不比。" + _MONTH_ONLY
    ),
    finds="一本通实发金额和名册审批金额对不上的低保户和特困人员。",
    why="发放金额应与审核确认的保障金额一致；不一致的可能是标准调整未同步、漏发或多发。",
    fail_example="3 人户每人 365 元，应发 1,095 元，4 月实发 730 元：P3（少发 365 元）。",
    pass_example="户月保障金 1,095 元写在每名成员行上，实发 1,095 元：不算。",
    check=check_p3,
)

P4 = Rule(
    code="P4",
    title_zh="发放到他人账户",
    title_en="Paid into someone else's account",
    severity="medium",
    needs=(PAYMENT,),
    parameters=("adult_min_age",),
    basis=_BASIS_P,
    definition=(
        "本月发放行的账户名既不是本人（本人在任一名单上的姓名），也不是本人所在低保户或监测户的任一成员（姓名规范化后比较，拼音相同视为同名），即为疑似代领。"
        "未满 adult_min_age 岁的对象打入他人账户的，是监护人代领的常态，只在数据质量表作提示，不报 P4。"
        "每人每项目一行，列出账户名、账号和每一笔发放。" + _MONTH_ONLY
    ),
    finds="低保金、特困供养金或补贴打进了本人和家人以外的人的账户。",
    why="代领、冒领是一本通发放审计的重点；家庭成员之间代领是常态，外人代领须有手续。",
    fail_example="赵六（64 岁）的低保金打入同村钱七的账户，钱七不是赵六户的成员：P4。",
    pass_example="10 岁的孩子名下的低保金打入同户母亲的账户：不算。",
    check=check_p4,
)

P5 = Rule(
    code="P5",
    title_zh="死亡后仍发放",
    title_en="Paid after death",
    severity="high",
    needs=(PAYMENT,),
    needs_any=((CREMATION, DEATH),),
    basis=_BASIS_P + "民政部《特困人员认定办法》等规定对象死亡的终止救助，死亡后的发放属多发。",
    definition=(
        "本月发放行（任何项目）的对象死亡日期（死亡日期，没有则火化或注销日期；多条死亡记录取最早）早于名册月份第一天"
        "（不用宽限月数：发放明细记录的是实际发出的钱）。发放金额即确定的多发金额（D 规则的多发是按月数估算的）。每人每项目一行。"
        + _MONTH_ONLY
    ),
    finds="已经死亡、本月一本通还在给其发钱的人，以及确定多发的金额。",
    why="对象死亡后仍发放是审计最先查的问题；发放明细给出的是实际多发的钱，应追回。",
    fail_example="2020-02-06 火化，4 月一本通仍发特困供养金 590 元：P5，多发 590 元。",
    pass_example="2020-04-12 死亡（名册当月），4 月仍有发放：不算。",
    check=check_p5,
)


# --- 汇总: approved against paid, per town ----------------------------------------------------------------

PAYMENT_COLUMNS = (
    "town",
    "dibao_approved",
    "dibao_paid",
    "tekun_approved",
    "tekun_paid",
    "off_roll_paid",
    "approved",
    "paid",
    "difference",
)  # 汇总's headers: report/labels.py


def payments_by_town(ctx: RuleContext) -> pl.DataFrame:
    """Per town (the roll's town; a line paid to no one on its programme's roll, the line's own town):
    approved and paid this month for dibao households and tekun people, and what was paid off the rolls,
    so every yuan of the month's dibao and tekun lines is in one column."""
    town = pl.col("town").cast(pl.String)
    parts: list[pl.DataFrame] = []
    matched: list[pl.DataFrame] = []
    if DIBAO in ctx.present_kinds:
        hh = dibao_household_payments(ctx)
        parts.append(
            hh.group_by(town).agg(
                pl.col("_approved").sum().alias("dibao_approved"), pl.col("_paid").sum().alias("dibao_paid")
            )
        )
        members = ctx.households(DIBAO).filter(pl.col("linkable")).select("person_key").unique()
        matched.append(members.with_columns(pl.lit(DIBAO).alias("_prog")))
    if TEKUN in ctx.present_kinds:
        tek = tekun_payments(ctx)
        parts.append(
            tek.group_by(town).agg(
                pl.col("_approved").sum().alias("tekun_approved"), pl.col("_paid").sum().alias("tekun_paid")
            )
        )
        matched.append(tek.select("person_key").unique().with_columns(pl.lit(TEKUN).alias("_prog")))
    lines = month_lines(ctx).filter(pl.col("_prog").is_in(_ROLLS))
    on_roll = pl.concat(matched, how="vertical") if matched else None
    off = lines if on_roll is None else lines.join(on_roll, on=["person_key", "_prog"], how="anti")
    parts.append(off.group_by(town).agg(pl.col("monthly_amount").sum().alias("off_roll_paid")))
    out = pl.concat([p.select("town") for p in parts]).unique()
    for p in parts:
        out = out.join(p, on="town", how="left", nulls_equal=True)
    money = [c for c in PAYMENT_COLUMNS if c not in ("town", "approved", "paid", "difference")]
    missing = [pl.lit(0.0).alias(c) for c in money if c not in out.columns]
    out = out.with_columns(missing).with_columns([pl.col(c).fill_null(0.0) for c in money])
    return (
        out.with_columns(
            (pl.col("dibao_approved") + pl.col("tekun_approved")).alias("approved"),
            (pl.col("dibao_paid") + pl.col("tekun_paid") + pl.col("off_roll_paid")).alias("paid"),
        )
        .with_columns((pl.col("paid") - pl.col("approved")).alias("difference"))
        .select(list(PAYMENT_COLUMNS))
        .sort("town", nulls_last=True)
    )
