"""M1 and the movement of the dibao roll: who was on last month's roll and is not on this month's, and
why — died (any death source, up to the end of the roster month), moved to tekun, or neither.

Last month's roll is `RuleContext.previous_roll` (model.SNAPSHOT_SCHEMA): the snapshot the previous run
kept (`--previous`), or last month's input folder read as a run reads it (`--previous-input`). People
are followed by their linked ID; a record of last month linked to no one (no usable ID) cannot be
followed and is counted apart, never guessed at.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from recon.config import Policy
from recon.model import BASIS_ID, DIBAO, TEKUN, issue_rows
from recon.months import add_months, month_zh
from recon.normalize.households import household_key, household_label
from recon.rules.base import Rule, RuleContext
from recon.rules.findings import make_findings
from recon.rules.text import location

EXPLAIN_DIED, EXPLAIN_TEKUN, EXPLAIN_NEITHER = "死亡", "转入特困", "其他"
# a town losing at least this share of last month's roll (and this many people) is more likely a roll
# not delivered this month than exits: said before anyone reads the M1 list
_LOST_SHARE, _LOST_MIN = 0.5, 5


def _ym(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def suspension_window(policy: Policy, month: dt.date) -> tuple[str, str] | None:
    """The `exit_suspension` window (first, last "YYYY-MM", inclusive) the month falls in, if any."""
    ym = _ym(month)
    return next(((a, b) for a, b in policy.exit_suspension if a <= ym <= b), None)


def windows_text(policy: Policy) -> str:
    return "、".join(f"{a} 至 {b}" for a, b in policy.exit_suspension) or "未设置"


def outside_suspension(policy: Policy, month: dt.date) -> str | None:
    """Why M1 does not apply this month (outside every window), in Chinese; None inside one."""
    if suspension_window(policy, month) is not None:
        return None
    return (
        f"名册月份 {_ym(month)} 不在暂停退出期（exit_suspension：{windows_text(policy)}）内："
        "退出不是疑点；退出人员按原因计入汇总的“低保名册变动”表"
    )


def _last_roll(ctx: RuleContext) -> pl.DataFrame:
    """Last month's dibao records with `rec_id` (row order) and `hh_key`."""
    prev = ctx.previous_roll
    assert prev is not None
    return (
        prev.filter(pl.col("kind") == DIBAO)
        .with_row_index("rec_id")
        .with_columns(pl.col("rec_id").cast(pl.Int64))
        .with_columns(household_key().alias("hh_key"))
    )


def exits(ctx: RuleContext) -> pl.DataFrame:
    """One row per person (linked ID) on last month's dibao roll and not on this month's, on their first
    record of last month, with `_why` (死亡 / 转入特困 / 其他), the death (`death_date_p`,
    `death_sources`) and `_stayed_mates` (members of their household still on this month's roll)."""

    def build() -> pl.DataFrame:
        last = _last_roll(ctx)
        people = last.filter(pl.col("person_id").is_not_null())
        first = people.unique(subset="person_id", keep="first", maintain_order=True)
        now = (
            ctx.records.lazy().filter(pl.col("linkable")).select("person_id", pl.col("kind").cast(pl.String))
        )
        on_dibao = now.filter(pl.col("kind") == DIBAO).select("person_id").unique().collect()
        on_tekun = now.filter(pl.col("kind") == TEKUN).select("person_id").unique().collect()
        ids = ctx.records.lazy().select("person_key", "person_id").unique(subset="person_key").collect()
        died = (
            ctx.deaths.join(ids, on="person_key", how="inner")
            .filter(pl.col("death_date_p") < add_months(ctx.month, 1))
            .select("person_id", "death_date_p", "death_label", "death_sources")
        )
        left = first.join(on_dibao, on="person_id", how="anti")
        stayed = (
            people.join(on_dibao, on="person_id", how="semi")
            .group_by("hh_key")
            .agg(pl.col("person_id").n_unique().alias("_stayed_mates"))
        )
        return (
            left.join(died, on="person_id", how="left")
            .join(on_tekun.with_columns(pl.lit(True).alias("_tekun")), on="person_id", how="left")
            .join(stayed, on="hh_key", how="left")
            .with_columns(
                pl.when(pl.col("death_date_p").is_not_null())
                .then(pl.lit(EXPLAIN_DIED))
                .when(pl.col("_tekun").fill_null(False))
                .then(pl.lit(EXPLAIN_TEKUN))
                .otherwise(pl.lit(EXPLAIN_NEITHER))
                .alias("_why"),
                pl.col("_stayed_mates").fill_null(0),
            )
        )

    return ctx.shared("movement_exits", build)


def check_m1(ctx: RuleContext) -> pl.DataFrame:
    window = suspension_window(ctx.policy, ctx.month)
    df = exits(ctx).filter(pl.col("_why") == EXPLAIN_NEITHER)
    _note_lost_towns(ctx)
    last_month = month_zh(add_months(ctx.month, -1))
    mates = (
        pl.when(pl.col("_stayed_mates") > 0)
        .then(
            pl.concat_str(
                [pl.lit("同户 "), pl.col("_stayed_mates").cast(pl.String), pl.lit(" 人仍在本月名册")]
            )
        )
        .otherwise(pl.lit("同户成员都已不在本月名册"))
    )
    evidence = pl.concat_str(
        [
            pl.lit(f"{last_month}在低保名册（"),
            location(),
            pl.lit("，"),
            household_label(),
            pl.lit(f"），{month_zh(ctx.month)}低保名册已无此人；未查到死亡记录，也不在本月特困名册；"),
            mates,
            pl.lit(
                f"；名册月份在暂停退出期（{window[0] if window else ''} 至 {window[1] if window else ''}）内："
                "疫情防控期间暂停开展低保对象退出工作；待核实：退出原因和审批手续，是否应恢复保障"
            ),
        ]
    )
    df = df.with_columns(
        pl.lit(True).alias("linkable"),
        pl.lit(None, dtype=pl.String).alias("id_raw"),
        pl.lit(DIBAO).alias("kind"),
        pl.lit(BASIS_ID).alias("link_basis"),
        pl.lit(1.0).alias("link_confidence"),
    )
    return make_findings(
        df,
        "M1",
        evidence=evidence,
        extra=[pl.col("monthly_amount"), household_label().alias("household_id")],
    )


def _note_lost_towns(ctx: RuleContext) -> None:
    """A town that lost most of last month's roll: a roll not delivered is likelier than mass exits."""
    last = _last_roll(ctx).filter(pl.col("person_id").is_not_null())
    size = last.group_by("town").agg(pl.col("person_id").n_unique().alias("_size"))
    gone = exits(ctx).group_by("town").agg(pl.len().alias("_gone"), pl.col("source_file").first())
    lost = size.join(gone, on="town", how="inner").filter(
        (pl.col("_gone") >= _LOST_MIN) & (pl.col("_gone") >= pl.col("_size") * _LOST_SHARE)
    )
    if lost.is_empty():
        return
    reason = pl.concat_str(
        [
            pl.lit("上月名册中 "),
            pl.col("town").fill_null("乡镇不详"),
            pl.lit(" 的 "),
            pl.col("_size").cast(pl.String),
            pl.lit(" 人里有 "),
            pl.col("_gone").cast(pl.String),
            pl.lit(
                " 人不在本月低保名册：更可能是本月少交了该乡镇的名册，而不是成批退出；请先核对输入文件，再看 M1 清单"
            ),
        ]
    )
    where = {"source_file": pl.col("source_file"), "source_sheet": pl.lit(None, dtype=pl.String)}
    rows = issue_rows(
        lost,
        "warning",
        "roll_town_lost",
        reason,
        **where,
        source_row=pl.lit(None, dtype=pl.Int64),
        column="乡镇",
        value=pl.col("town"),
    )
    ctx.note("roll_town_lost", rows)


MOVEMENT_COLUMNS = (
    "town",
    "last_size",
    "this_size",
    "entered",
    "left_died",
    "left_tekun",
    "left_other",
    "stayed",
    "not_followed",
)  # 汇总's headers: report/labels.py


def movement_by_town(ctx: RuleContext) -> pl.DataFrame:
    """Per town: last month's and this month's dibao roll size (people), who entered, who left by
    explanation, who stayed, and last month's records that could not be followed (no usable ID)."""
    _note_lost_towns(ctx)
    last = _last_roll(ctx)
    unfollowed = (
        last.filter(pl.col("person_id").is_null()).group_by("town").agg(pl.len().alias("not_followed"))
    )
    last_people = last.filter(pl.col("person_id").is_not_null()).unique(
        subset="person_id", keep="first", maintain_order=True
    )
    now = (
        ctx.of_kind(DIBAO)
        .filter(pl.col("linkable"))
        .unique(subset="person_id", keep="first", maintain_order=True)
        .select("person_id", pl.col("town").cast(pl.String))
    )
    by = lambda df, name: df.group_by("town").agg(pl.len().cast(pl.Int64).alias(name))  # noqa: E731
    gone = exits(ctx)
    parts = [
        by(last_people, "last_size"),
        by(now, "this_size"),
        by(now.join(last_people.select("person_id"), on="person_id", how="anti"), "entered"),
        by(gone.filter(pl.col("_why") == EXPLAIN_DIED), "left_died"),
        by(gone.filter(pl.col("_why") == EXPLAIN_TEKUN), "left_tekun"),
        by(gone.filter(pl.col("_why") == EXPLAIN_NEITHER), "left_other"),
        by(now.join(last_people.select("person_id"), on="person_id", how="semi"), "stayed"),
        unfollowed.with_columns(pl.col("not_followed").cast(pl.Int64)),
    ]
    towns = pl.concat([p.select(pl.col("town").cast(pl.String)) for p in parts]).unique()
    out = towns
    for p in parts:
        out = out.join(
            p.with_columns(pl.col("town").cast(pl.String)), on="town", how="left", nulls_equal=True
        )
    counts = [c for c in MOVEMENT_COLUMNS if c != "town"]
    return (
        out.with_columns([pl.col(c).fill_null(0) for c in counts])
        .select(list(MOVEMENT_COLUMNS))
        .sort("town", nulls_last=True)
    )


M1 = Rule(
    code="M1",
    title_zh="暂停退出期间退出低保",
    title_en="Exit during a suspension of exits",
    severity="high",
    needs=(DIBAO,),
    needs_previous=True,
    parameters=("exit_suspension",),
    applies=outside_suspension,
    basis=(
        "工作方案：“疫情防控期间，暂停开展低保对象退出工作”。暂停的起止月份各地不同，默认 2020-02 至 2020-06 "
        "是按方案发布时间推断的，须按本地通知在 [policy] exit_suspension 中调整（可写多个时段）。"
    ),
    definition=(
        "上月低保名册上有、本月低保名册没有的人（按关联后的身份证号比对），逐一说明原因：死亡（任一死亡来源，"
        "死亡日期在本月月底前）、转入特困（在本月特困名册），或两者都不是。名册月份在 exit_suspension 的某个时段内时，"
        "两者都不是的即为 M1，报在其上月的名册记录上。时段外退出不是疑点，但每次都在汇总的“低保名册变动”表里按乡镇"
        "列出新进入、各原因退出、保留和两个月的人数。上月身份证号无效的记录无法跟踪，单独计数。"
        "某乡镇上月的人一半以上（且至少 5 人）都不在本月名册时，数据质量表先提示可能少交了该乡镇的名册。"
    ),
    finds="疫情防控暂停退出期间，从低保名册上消失、又不是因为死亡或转入特困的人。",
    why="暂停退出期间不应有人被退出低保；这样的退出可能违反规定，也可能是名册漏录。",
    fail_example="王五 3 月在低保名册，4 月名册没有，没有死亡记录，也不在特困名册：M1。",
    pass_example="李六 3 月在低保名册，3 月 20 日火化，4 月名册没有：不算（因死亡退出）。",
    check=check_m1,
)
