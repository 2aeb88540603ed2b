"""Comparing two finished runs on their own (`recon diff PREV CURR`): new, persisting, resolved."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from recon.contract import STATUS_NEW, STATUS_PERSISTING, STATUS_RESOLVED, town_expr
from recon.cycle.matching import pair_rows
from recon.cycle.previous import PreviousRun, read_previous

LIST_FIELDS = ("rule", "town", "village", "name", "id_number", "source_kind", "evidence")


@dataclass
class RunDiff:
    previous: PreviousRun
    current: PreviousRun
    new: pl.DataFrame
    persisting: pl.DataFrame  # current rows, first_seen carried from the previous run
    resolved: pl.DataFrame  # previous rows
    counts: pl.DataFrame  # rule, town, new, persisting, resolved

    def totals_by_rule(self) -> pl.DataFrame:
        return self.counts.group_by("rule").agg(pl.col(STATUS_COLUMNS).sum()).sort("rule")


STATUS_COLUMNS = ("new", "persisting", "resolved")
STATUS_ZH = {"new": STATUS_NEW, "persisting": STATUS_PERSISTING, "resolved": STATUS_RESOLVED}


def diff_runs(previous_dir: Path | str, current_dir: Path | str) -> RunDiff:
    prev, cur = read_previous(previous_dir), read_previous(current_dir)
    pairs = pair_rows(cur.findings, prev.findings)
    c = cur.findings.with_row_index("li").with_columns(pl.col("li").cast(pl.Int64))
    p = prev.findings.with_row_index("ri").with_columns(pl.col("ri").cast(pl.Int64))
    first = p.select("ri", pl.col("first_seen").alias("_fs"))
    persisting = (
        c.join(pairs, on="li", how="inner")
        .join(first, on="ri", how="left")
        .with_columns(pl.col("_fs").alias("first_seen"))
        .sort("li")
        .drop("li", "ri", "_fs")
    )
    new = (
        c.join(pairs, on="li", how="anti").drop("li").with_columns(pl.lit(cur.month_text).alias("first_seen"))
    )
    gone = p.join(pairs, on="ri", how="anti").drop("ri")
    # a row kept off this month's list because a review found it untrue was not resolved
    kept_off = pair_rows(gone, cur.excluded)["li"]
    resolved = gone.with_row_index("_g").filter(~pl.col("_g").is_in(kept_off.implode())).drop("_g")
    parts = [
        df.select("rule", town_expr().alias("town"), pl.lit(1).alias(col))
        for df, col in ((new, "new"), (persisting, "persisting"), (resolved, "resolved"))
    ]
    counts = (
        pl.concat(parts, how="diagonal")
        .group_by("rule", "town")
        .agg(pl.col(c).fill_null(0).sum().cast(pl.Int64) for c in STATUS_COLUMNS)
        .sort("rule", "town")
    )
    return RunDiff(prev, cur, new, persisting, resolved, counts)


def render_text(d: RunDiff, *, list_rows: bool = True) -> str:
    """Plain text for the terminal (and cron logs): counts per rule and town, then the rows."""
    head = f"{d.previous.month_text} → {d.current.month_text}"
    lines = [
        f"疑点比较 {head}：{STATUS_NEW} {d.new.height}，{STATUS_PERSISTING} {d.persisting.height}，"
        f"{STATUS_RESOLVED} {d.resolved.height}",
        "",
        f"规则\t{STATUS_NEW}\t{STATUS_PERSISTING}\t{STATUS_RESOLVED}",
    ]
    lines += [f"{r}\t{n}\t{p}\t{s}" for r, n, p, s in d.totals_by_rule().iter_rows()]
    lines += ["", f"规则\t乡镇（街道）\t{STATUS_NEW}\t{STATUS_PERSISTING}\t{STATUS_RESOLVED}"]
    lines += ["\t".join(str(v) for v in row) for row in d.counts.iter_rows()]
    if list_rows:
        for label, df in (
            (STATUS_NEW, d.new),
            (STATUS_PERSISTING, d.persisting),
            (STATUS_RESOLVED, d.resolved),
        ):
            lines += ["", f"【{label}】{df.height} 条"]
            rows = df.sort("rule", "town", "village", "name", nulls_last=True).select(
                *(pl.col(f).cast(pl.String).fill_null("") for f in LIST_FIELDS[:-1]), "first_seen"
            )
            lines += ["\t".join(row) for row in rows.iter_rows()]
    return "\n".join(lines) + "\n"
