"""summary.json: the counts a scheduled job or a dashboard reads without opening the workbook."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import polars as pl

from recon.contract import ROLL_SNAPSHOT, STATUS_NEW, STATUS_PERSISTING, town_expr
from recon.months import month_text
from recon.result import RunResult


def rule_order(result: RunResult) -> list[str]:
    """Selected rules in catalog order, then any code found that the rule list does not name."""
    codes = [r.code for r in result.rules]
    extra = sorted(set(result.findings["rule"].drop_nulls().to_list()) - set(codes))
    return codes + extra


def counts_by_rule_town(findings: pl.DataFrame) -> pl.DataFrame:
    """rule, town, n — one row per pair that has findings."""
    return (
        findings.group_by(pl.col("rule"), town_expr().alias("town"))
        .agg(pl.len().alias("n"))
        .sort("rule", "town")
    )


def cycle_counts(result: RunResult) -> dict[str, dict[str, int]] | None:
    """rule -> {new, persisting, resolved, verified_excluded, overdue}; None when the cycle did not run."""
    f = result.findings
    if "status" not in f.columns:
        return None
    parts = [
        f.select("rule", (pl.col("status") == STATUS_NEW).alias("new")),
        f.select("rule", (pl.col("status") == STATUS_PERSISTING).alias("persisting")),
        f.select("rule", pl.col("overdue").is_not_null().alias("overdue")),
    ]
    if result.resolved is not None and result.resolved.height:
        parts.append(result.resolved.select("rule", pl.lit(True).alias("resolved")))
    if result.verified_excluded is not None and result.verified_excluded.height:
        parts.append(result.verified_excluded.select("rule", pl.lit(True).alias("verified_excluded")))
    both = pl.concat(parts, how="diagonal")
    names = ("new", "persisting", "resolved", "verified_excluded", "overdue")
    both = both.with_columns(pl.lit(False).alias(n) for n in names if n not in both.columns)
    agg = both.group_by("rule").agg(pl.col(n).fill_null(False).sum().alias(n) for n in names)
    per = {r["rule"]: {n: int(r[n]) for n in names} for r in agg.iter_rows(named=True)}
    order = rule_order(result) + sorted(set(per) - set(rule_order(result)))
    return {code: per.get(code, dict.fromkeys(names, 0)) for code in order}


def source_rows(result: RunResult) -> list[dict[str, Any]]:
    warnings = (
        result.issues.filter(pl.col("level") == "warning")
        .group_by("source_file", "source_sheet")
        .agg(pl.len().alias("n"))
    )
    warn = {(r["source_file"], r["source_sheet"]): r["n"] for r in warnings.iter_rows(named=True)}
    return [
        {
            "source_file": s.source_file,
            "source_sheet": s.source_sheet,
            "kind": s.kind,
            "rows_read": s.rows_read,
            "rows_used": s.rows_used,
            "rows_rejected": s.rows_rejected,
            "rows_skipped": s.rows_skipped,
            "problems": list(s.problems),
            "warnings": warn.get((s.source_file, s.source_sheet), 0),
            "records": s.records,
            "link_share": None if s.link_share is None else round(s.link_share, 4),
            "kind_doubt": s.doubt,
        }
        for s in result.sources
    ]


def notice_rows(result: RunResult) -> list[dict[str, Any]]:
    return [dataclasses.asdict(n) for n in result.notices]


def not_read_rows(result: RunResult) -> list[dict[str, Any]]:
    return [
        {
            "path": f.path,
            "sheet": f.sheet,
            "code": f.code,
            "reason": f.reason,
            "fix": f.fix,
            "same_as": f.same_as,
        }
        for f in result.not_read
    ]


def build_summary(result: RunResult, *, masked: bool = False) -> dict[str, Any]:
    f = result.findings
    pairs = counts_by_rule_town(f)
    by_rule = {code: 0 for code in rule_order(result)}
    by_rule_town: dict[str, dict[str, int]] = {code: {} for code in by_rule}
    for row in pairs.iter_rows(named=True):
        by_rule[row["rule"]] += row["n"]
        by_rule_town[row["rule"]][row["town"]] = row["n"]
    by_town = dict(pairs.group_by("town").agg(pl.col("n").sum()).sort("town").iter_rows())
    overpaid = f.group_by("rule").agg(pl.col("overpaid_amount").sum()).filter(pl.col("overpaid_amount") > 0)
    overpaid_by_rule = {r: round(v, 2) for r, v in overpaid.sort("rule").iter_rows()}
    level_counts = dict(result.issues.group_by("level").agg(pl.len()).iter_rows())
    cycle = cycle_counts(result)
    cycle_part: dict[str, Any] = {}
    if cycle is not None:
        totals = {n: sum(c[n] for c in cycle.values()) for n in next(iter(cycle.values()), {})}
        cycle_part = {
            "cycle": {
                "previous_month": month_text(result.previous_month) if result.previous_month else None,
                "totals": totals,
                "by_rule": cycle,
            }
        }
    return {
        "month": month_text(result.month),
        "version": result.version,
        "masked": masked,
        "total_findings": f.height,
        "by_rule": by_rule,
        "by_town": by_town,
        "by_rule_town": by_rule_town,
        # the D rules' estimates (months x amount); P5's certain overpayments (what the payment file shows
        # paid after death) are the same money seen from the other side, so they are totalled apart
        "overpaid_total": round(float(f.filter(pl.col("rule") != "P5")["overpaid_amount"].sum() or 0.0), 2),
        "overpaid_certain_total": round(
            float(f.filter(pl.col("rule") == "P5")["overpaid_amount"].sum() or 0.0), 2
        ),
        "overpaid_by_rule": overpaid_by_rule,
        "exempted": result.exempted.height,
        "issues": {lvl: int(level_counts.get(lvl, 0)) for lvl in ("rejected", "skipped", "warning")},
        "rows": {
            what: sum(getattr(s, f"rows_{what}") for s in result.sources)
            for what in ("read", "used", "rejected", "skipped")
        },
        "sources": source_rows(result),
        "notices": notice_rows(result),
        "not_read": not_read_rows(result),
        "unread_files": sorted({f.path for f in result.not_read if f.unread}),
        "skipped_rules": [{"rule": code, "reason": reason} for code, reason in result.skipped_rules],
        **cycle_part,
        "previous_roll": result.previous_roll_source,
        "roll_snapshot": snapshot_status(result, masked),
        **{f"{name}_by_town": table.to_dicts() for name, table in result.tables.items()},
    }


def snapshot_status(result: RunResult, masked: bool) -> dict[str, Any]:
    """Whether this folder keeps the rolls for next month's --previous (M1), and if not, why."""
    if masked:
        return {
            "written": False,
            "reason": "--mask：名册快照含完整身份证号，脱敏输出不保存；下月 M1 请用 --previous 指向局里保存的未脱敏输出目录，"
            "或用 --previous-input 指向本月的输入目录",
        }
    if result.roll_snapshot is None:
        return {"written": False, "reason": "本次运行没有读取低保、特困名册"}
    return {"written": True, "file": ROLL_SNAPSHOT, "records": result.roll_snapshot.height}


def dump_json(data: Any, path: Path) -> Path:
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def write_summary(result: RunResult, path: Path, *, masked: bool = False) -> Path:
    return dump_json(build_summary(result, masked=masked), path)
