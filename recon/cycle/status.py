"""Status of each finding against the previous run, the reviewers' verdicts, and the look-back list.

- 新增 / 持续: a finding is persisting when the previous run reported it, or kept it off the lists as
  verified untrue (then it is still known, not new); `first_seen` is carried from that run.
- A row a reviewer marked 不属实 *with a reason* (备注 or 整改措施 not empty) moves to the verified
  exclusions while its fingerprint (recon/contract.py) is unchanged; a verdict without a reason
  is not enough to take a row off the list. When the facts changed, the row stays and says what changed.
- A row marked 属实 whose 整改时限 fell before the first day of this roster month and that is still in
  this month's data is overdue (整改超期): the roster of month M shows the state as of M.
- A previous finding not found this month is resolved (已消除), with the reason the data gives.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import polars as pl

from recon.contract import OVERDUE_YES, STATUS_NEW, STATUS_PERSISTING, describe_change, fingerprint_expr
from recon.cycle.matching import pair_rows
from recon.cycle.previous import PreviousRun
from recon.cycle.reviewed import REVIEW_SCHEMA, VERDICT_FALSE, VERDICT_TRUE
from recon.model import KIND_ZH, USABLE_ID_STATUSES
from recon.months import month_text

# codes of the resolution reasons (column resolved_code), in the order they are tried
RESOLVED_SKIPPED = "rule_not_run"
RESOLVED_KIND_ABSENT = "kind_not_provided"
RESOLVED_EXEMPTED = "exempted"
RESOLVED_ID_CORRECTED = "id_corrected"
RESOLVED_LEFT_ROLL = "left_roll"
RESOLVED_CHANGED = "data_changed"
ID_QUALITY_RULES = ("Q1", "Q3")

LEDGER_PREFILL = ("verify_result", "action", "deadline", "owner", "note")
CYCLE_COLUMNS = ("status", "first_seen", "fingerprint", "overdue", "review_note", *LEDGER_PREFILL)
EXCLUDED_COLUMNS = (
    "status",
    "first_seen",
    "fingerprint",
    "exclusion_reason",
    "review_month",
    "review_source",
)


@dataclass
class ResolveContext:
    """What this month's run knows that explains why a previous finding is gone."""

    skipped_rules: dict[str, str] = field(default_factory=dict)  # code -> Chinese reason
    present_kinds: frozenset[str] | None = None  # None: not known
    exempted: pl.DataFrame | None = None  # this month's exempted findings (+ exemption_reason)
    roll: pl.DataFrame | None = (
        None  # this month's roll (model.ROLL_COLUMNS); None: reasons from findings only
    )


@dataclass
class CycleOutcome:
    findings: pl.DataFrame  # reported: the input columns + CYCLE_COLUMNS
    excluded: pl.DataFrame  # verified untrue: the input columns + EXCLUDED_COLUMNS
    resolved: pl.DataFrame  # previous findings gone: their columns + resolved_code, resolved_reason, ledger


def _text(e: pl.Expr) -> pl.Expr:
    """Empty text counts as missing."""
    return pl.when(e.str.strip_chars() != "").then(e.str.strip_chars())


def _review_columns(reviews: pl.DataFrame, prefix: str) -> pl.DataFrame:
    r = reviews.with_columns(
        pl.concat_str([_text(pl.col("note")), _text(pl.col("action"))], separator="；", ignore_nulls=True)
        .replace("", None)
        .alias("reason"),
        pl.concat_str(
            [
                pl.col("review_file"),
                pl.lit(" "),
                pl.col("review_sheet"),
                pl.lit(" 第"),
                pl.col("review_row").cast(pl.String),
                pl.lit("行"),
            ]
        ).alias("source"),
    )
    return r.select(pl.all().name.prefix(prefix))


def _attach_reviews(df: pl.DataFrame, reviews: pl.DataFrame) -> pl.DataFrame:
    """Columns r_* from the review of each row: by key (the previous run's key), else by rule + ID."""
    keyed = _review_columns(reviews.filter(pl.col("key").is_not_null()), "k_")
    loose = _review_columns(
        reviews.filter(pl.col("key").is_null()).unique(subset=["rule", "id_number"], keep="last"), "l_"
    )
    out = df.join(keyed, left_on="match_key", right_on="k_key", how="left", coalesce=False).join(
        loose, left_on=["rule", "id_number"], right_on=["l_rule", "l_id_number"], how="left", coalesce=False
    )
    names = [*REVIEW_SCHEMA, "reason", "source"]
    return out.with_columns(
        pl.when(pl.col("k_order").is_not_null())
        .then(pl.col(f"k_{c}"))
        .otherwise(pl.col(f"l_{c}"))
        .alias(f"r_{c}")
        for c in names
    ).drop([f"k_{c}" for c in names if f"k_{c}" in out.columns] + [f"l_{c}" for c in names])


def _with_previous(cur: pl.DataFrame, previous: PreviousRun | None) -> pl.DataFrame:
    """p_* columns from the matched previous finding and x_* from a matched verified exclusion."""
    null = pl.lit(None, dtype=pl.String)
    if previous is None:
        return cur.with_columns(
            pl.lit(None, dtype=pl.Int64).alias("_pi"),
            *(null.alias(c) for c in ("p_key", "p_first_seen", "p_fp")),
            pl.lit(None, dtype=pl.Int64).alias("_xi"),
            *(null.alias(c) for c in ("x_key", "x_first_seen", "x_fp", "x_reason", "x_month", "x_source")),
        )
    prev = previous.findings
    pairs = pair_rows(cur, prev).rename({"li": "_ci", "ri": "_pi"})
    prev_cols = prev.with_row_index("_pi").select(
        pl.col("_pi").cast(pl.Int64),
        pl.col("key").alias("p_key"),
        pl.col("first_seen").alias("p_first_seen"),
        pl.col("fingerprint").alias("p_fp"),
    )
    cur = cur.join(pairs, on="_ci", how="left").join(prev_cols, on="_pi", how="left")
    unmatched = cur.filter(pl.col("_pi").is_null())
    exc = previous.excluded
    xp = pair_rows(unmatched, exc)
    xp = xp.select(unmatched["_ci"].gather(xp["li"]).alias("_ci"), pl.col("ri").alias("_xi"))
    exc_cols = exc.with_row_index("_xi").select(
        pl.col("_xi").cast(pl.Int64),
        pl.col("key").alias("x_key"),
        pl.col("first_seen").alias("x_first_seen"),
        pl.col("fingerprint").alias("x_fp"),
        pl.col("exclusion_reason").alias("x_reason"),
        pl.col("review_month").alias("x_month"),
        pl.col("review_source").alias("x_source"),
    )
    return cur.join(xp, on="_ci", how="left").join(exc_cols, on="_xi", how="left")


def _changes(df: pl.DataFrame, before: str) -> pl.DataFrame:
    """Column `_change`: what differs between the fingerprint in `before` and this month's."""
    # only the handful of reviewed rows whose facts moved get here: a Python pass over them is cheap
    pairs = df.select(before, "fingerprint").unique()
    text = [describe_change(b, a) for b, a in pairs.iter_rows()]
    return df.join(
        pairs.with_columns(pl.Series("_change", text, dtype=pl.String)),
        on=[before, "fingerprint"],
        how="left",
    )


def classify(
    current: pl.DataFrame,
    month: dt.date,
    previous: PreviousRun | None = None,
    reviews: pl.DataFrame | None = None,
    context: ResolveContext | None = None,
) -> CycleOutcome:
    """Statuses of this month's findings, the verified exclusions, and the look-back list."""
    context = context or ResolveContext()
    reviews = reviews if reviews is not None else pl.DataFrame(schema=REVIEW_SCHEMA)
    columns = list(current.columns)
    this_month = month_text(month)
    prev_month = previous.month_text if previous else None
    cur = current.with_columns(fingerprint_expr(current.schema)).with_row_index("_ci")
    cur = cur.with_columns(pl.col("_ci").cast(pl.Int64))
    cur = _with_previous(cur, previous)
    cur = cur.with_columns(pl.coalesce("p_key", "x_key", "key").alias("match_key"))
    cur = _attach_reviews(cur, reviews)

    verdict = pl.col("r_verdict")
    said_false = (verdict == VERDICT_FALSE).fill_null(False)
    has_reason = pl.col("r_reason").is_not_null()
    # the facts at review time: those of the previous run's row; unknown (no --previous) counts as unchanged
    review_changed = (pl.col("p_fp").is_not_null() & (pl.col("p_fp") != pl.col("fingerprint"))).fill_null(
        False
    )
    fresh = pl.col("r_order").is_not_null()
    carried = pl.col("_xi").is_not_null() & ~(fresh & verdict.is_not_null())
    carried_changed = (
        carried & pl.col("x_fp").is_not_null() & (pl.col("x_fp") != pl.col("fingerprint"))
    ).fill_null(False)
    excl_fresh = said_false & has_reason & ~review_changed
    excl_carried = carried & ~carried_changed
    cur = cur.with_columns(
        excl_fresh.alias("_excl_fresh"),
        excl_carried.alias("_excl_carried"),
        (said_false & has_reason & review_changed).alias("_back_fresh"),
        carried_changed.alias("_back_carried"),
        (said_false & ~has_reason).alias("_no_reason"),
    )
    cur = _changes(
        cur.with_columns(pl.coalesce("p_fp", "x_fp").fill_null("").alias("_fp_before")), "_fp_before"
    )

    status = (
        pl.when(pl.col("_pi").is_not_null() | pl.col("_xi").is_not_null())
        .then(pl.lit(STATUS_PERSISTING))
        .otherwise(pl.lit(STATUS_NEW))
    )
    first_seen = pl.coalesce("p_first_seen", "x_first_seen", pl.lit(this_month))
    deadline_text = pl.coalesce(pl.col("r_deadline").dt.strftime("%Y-%m-%d"), pl.col("r_deadline_text"))
    overdue = ((verdict == VERDICT_TRUE) & (pl.col("r_deadline") < pl.lit(month))).fill_null(False)
    review_month = pl.coalesce(pl.col("r_review_month"), pl.lit(prev_month, dtype=pl.String))
    note = (
        pl.when(pl.col("_back_fresh"))
        .then(
            pl.concat_str(
                [
                    review_month.fill_null("上月"),
                    pl.lit(" 核实为不属实（理由："),
                    pl.col("r_reason"),
                    pl.lit("），但数据已变化："),
                    pl.col("_change"),
                    pl.lit("；请重新核实"),
                ]
            )
        )
        .when(pl.col("_back_carried"))
        .then(
            pl.concat_str(
                [
                    pl.col("x_month").fill_null("此前"),
                    pl.lit(" 核实为不属实（理由："),
                    pl.col("x_reason").fill_null(""),
                    pl.lit("），但数据已变化："),
                    pl.col("_change"),
                    pl.lit("；请重新核实"),
                ]
            )
        )
        .when(pl.col("_no_reason"))
        .then(
            pl.lit(
                "上月标为不属实，但备注和整改措施都没有写理由，本月仍列出；如确不属实，请在备注中写明核实依据"
            )
        )
        .when(pl.col("r_deadline_text").is_not_null() & pl.col("r_deadline").is_null())
        .then(
            pl.concat_str(
                [pl.lit("整改时限“"), pl.col("r_deadline_text"), pl.lit("”读不出日期，无法判断是否超期")]
            )
        )
    )
    # a row asked to be verified again starts with an empty ledger; the others keep last month's entries
    keep_ledger = ~(pl.col("_back_fresh") | pl.col("_no_reason"))
    cur = cur.with_columns(
        status.alias("status"),
        first_seen.alias("first_seen"),
        pl.when(overdue).then(pl.lit(OVERDUE_YES)).alias("overdue"),
        note.alias("review_note"),
        pl.when(keep_ledger).then(verdict).alias("verify_result"),
        pl.when(keep_ledger).then(pl.col("r_action")).alias("action"),
        pl.when(keep_ledger).then(deadline_text).alias("deadline"),
        pl.when(keep_ledger).then(pl.col("r_owner")).alias("owner"),
        pl.when(keep_ledger).then(pl.col("r_note")).alias("note"),
        pl.when(pl.col("_excl_fresh"))
        .then(pl.col("r_reason"))
        .otherwise(pl.col("x_reason"))
        .alias("exclusion_reason"),
        pl.when(pl.col("_excl_fresh")).then(review_month).otherwise(pl.col("x_month")).alias("review_month"),
        pl.when(pl.col("_excl_fresh"))
        .then(pl.col("r_source"))
        .otherwise(pl.col("x_source"))
        .alias("review_source"),
    )
    is_excluded = pl.col("_excl_fresh") | pl.col("_excl_carried")
    findings = cur.filter(~is_excluded).sort("_ci").select(*columns, *CYCLE_COLUMNS)
    excluded = cur.filter(is_excluded).sort("_ci").select(*columns, *EXCLUDED_COLUMNS)
    resolved = _resolved(cur, previous, reviews, context)
    return CycleOutcome(findings, excluded, resolved)


def _roll_ids(records: pl.DataFrame) -> pl.DataFrame:
    """(kind, ident): every ID text under which a record of that kind is on this month's rolls."""
    cols = [c for c in ("id_number", "person_id", "id_clean") if c in records.columns]
    return (
        pl.concat(
            [records.select(pl.col("kind").cast(pl.String), pl.col(c).alias("ident")) for c in cols],
            how="vertical",
        )
        .drop_nulls()
        .unique()
    )


def _valid_by_name(records: pl.DataFrame) -> pl.DataFrame:
    """(kind, name, town) -> a usable ID that record now carries (for 'the ID was corrected')."""
    return (
        records.filter(pl.col("id_status").is_in(list(USABLE_ID_STATUSES)) & pl.col("name").is_not_null())
        .select(
            pl.col("kind").cast(pl.String),
            "name",
            pl.col("town").cast(pl.String).fill_null("").alias("_town"),
            pl.col("id_number").alias("_new_id"),
        )
        .unique(subset=["kind", "name", "_town"], keep="first", maintain_order=True)
    )


def _resolved(
    cur: pl.DataFrame, previous: PreviousRun | None, reviews: pl.DataFrame, ctx: ResolveContext
) -> pl.DataFrame:
    if previous is None:
        return pl.DataFrame()
    prev = previous.findings.with_row_index("_pi").with_columns(pl.col("_pi").cast(pl.Int64))
    gone = prev.join(cur.select("_pi").drop_nulls(), on="_pi", how="anti")
    gone = _attach_reviews(gone.with_columns(pl.col("key").alias("match_key")), reviews)
    kind_zh = pl.col("source_kind").replace_strict(
        KIND_ZH, default=pl.col("source_kind"), return_dtype=pl.String
    )

    skipped = pl.col("rule").replace_strict(ctx.skipped_rules, default=None, return_dtype=pl.String)
    absent = (
        ~pl.col("source_kind").is_in(list(ctx.present_kinds))
        if ctx.present_kinds is not None
        else pl.lit(False)
    )
    ex = ctx.exempted if ctx.exempted is not None and ctx.exempted.height else None
    if ex is not None:
        by_key = ex.select("key", pl.col("exemption_reason").alias("_ex1")).unique("key", keep="first")
        by_id = ex.select("rule", "id_number", pl.col("exemption_reason").alias("_ex2")).unique(
            ["rule", "id_number"], keep="first"
        )
        gone = gone.join(by_key, on="key", how="left").join(by_id, on=["rule", "id_number"], how="left")
        exempt_reason = pl.coalesce("_ex1", "_ex2")
    else:
        exempt_reason = pl.lit(None, dtype=pl.String)
    recs = ctx.roll
    if recs is not None:
        roll = _roll_ids(recs).with_columns(pl.lit(True).alias("_on_roll"))
        gone = gone.join(roll, left_on=["source_kind", "id_number"], right_on=["kind", "ident"], how="left")
        gone = gone.with_columns(pl.col("town").fill_null("").alias("_town")).join(
            _valid_by_name(recs),
            left_on=["source_kind", "name", "_town"],
            right_on=["kind", "name", "_town"],
            how="left",
        )
        on_roll = pl.col("_on_roll").fill_null(False)
        new_id: pl.Expr = pl.when(pl.col("rule").is_in(ID_QUALITY_RULES)).then(pl.col("_new_id"))
        known = pl.lit(True)
    else:
        on_roll, new_id, known = pl.lit(True), pl.lit(None, dtype=pl.String), pl.lit(False)

    code = (
        pl.when(skipped.is_not_null())
        .then(pl.lit(RESOLVED_SKIPPED))
        .when(absent)
        .then(pl.lit(RESOLVED_KIND_ABSENT))
        .when(exempt_reason.is_not_null())
        .then(pl.lit(RESOLVED_EXEMPTED))
        .when(new_id.is_not_null())
        .then(pl.lit(RESOLVED_ID_CORRECTED))
        .when(known & ~on_roll)
        .then(pl.lit(RESOLVED_LEFT_ROLL))
        .otherwise(pl.lit(RESOLVED_CHANGED))
    )
    reason = (
        pl.when(skipped.is_not_null())
        .then(pl.concat_str([pl.lit("本月未运行该规则（"), skipped, pl.lit("）")]))
        .when(absent)
        .then(pl.concat_str([pl.lit("本月未提供"), kind_zh, pl.lit("数据")]))
        .when(exempt_reason.is_not_null())
        .then(pl.concat_str([pl.lit("已列入豁免名单："), exempt_reason]))
        .when(new_id.is_not_null())
        .then(pl.concat_str([pl.lit("身份证号已更正为 "), new_id]))
        .when(known & ~on_roll)
        .then(pl.concat_str([pl.lit("人员已不在"), kind_zh, pl.lit("名册")]))
        .when(known)
        .then(pl.concat_str([pl.lit("数据已变化（仍在"), kind_zh, pl.lit("名册，但本规则的条件已不成立）")]))
        .otherwise(pl.lit("数据已变化"))
    )
    deadline_text = pl.coalesce(pl.col("r_deadline").dt.strftime("%Y-%m-%d"), pl.col("r_deadline_text"))
    own = [c for c in previous.findings.columns if c not in (*LEDGER_PREFILL, "overdue", "review_note")]
    return gone.sort("_pi").select(
        *own,
        code.alias("resolved_code"),
        reason.alias("resolved_reason"),
        pl.col("r_verdict").alias("verify_result"),
        pl.col("r_action").alias("action"),
        deadline_text.alias("deadline"),
        pl.col("r_owner").alias("owner"),
        pl.col("r_note").alias("note"),
    )
