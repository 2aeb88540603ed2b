"""Reading a previous run back from its output folder (anomalies.csv, summary.json, the cycle's CSVs).

The cycle reads earlier *outputs*, never the pipeline's internals: any OUT_DIR written by `recon run`
can be the previous month, including one written before the cycle existed (no status columns yet).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from recon.contract import (
    ANOMALIES_CSV,
    EXCLUDED_CSV,
    EXCLUDED_EXTRA,
    NEUTRALISED,
    SUMMARY_JSON,
    fingerprint_expr,
)
from recon.errors import InputError
from recon.model import FINDING_SCHEMA
from recon.months import month_text


@dataclass
class PreviousRun:
    out_dir: Path
    month: dt.date
    findings: pl.DataFrame  # FINDING_SCHEMA + status, first_seen, fingerprint
    excluded: pl.DataFrame  # the same + exclusion_reason, review_month, review_source (may be empty)
    skipped_rules: list[tuple[str, str]] = field(default_factory=list)

    @property
    def month_text(self) -> str:
        return month_text(self.month)


def findings_from_csv(path: Path, default_month: str) -> pl.DataFrame:
    """A findings CSV written by recon, typed back to FINDING_SCHEMA, with the cycle columns filled."""
    raw = pl.read_csv(path, infer_schema=False)
    raw = raw.with_columns(pl.col(c).str.replace(NEUTRALISED, "$1") for c in raw.columns)
    exprs = []
    for col, dtype in FINDING_SCHEMA.items():
        if col not in raw.columns:
            exprs.append(pl.lit(None, dtype=dtype).alias(col))
        elif dtype == pl.Date():
            exprs.append(pl.col(col).str.to_date("%Y-%m-%d", strict=False))
        else:
            exprs.append(pl.col(col).cast(dtype, strict=False))
    extra = [c for c in raw.columns if c not in FINDING_SCHEMA]
    df = raw.select(*exprs, *extra)
    if "fingerprint" not in df.columns:
        df = df.with_columns(fingerprint_expr(df.schema))
    for col in ("status", "first_seen"):
        if col not in df.columns:
            df = df.with_columns(pl.lit(None, dtype=pl.String).alias(col))
    return df.with_columns(
        pl.col("first_seen").fill_null(default_month).replace("", default_month),
        pl.col("fingerprint").fill_null(""),
    )


def _month_of(out_dir: Path, summary: dict) -> dt.date:
    text = summary.get("month")
    if not text:
        manifest = out_dir / "manifest.json"
        if manifest.exists():
            data = json.loads(manifest.read_text(encoding="utf-8"))
            text = (data.get("arguments") or {}).get("month") or data.get("month")
    try:
        year, month = str(text).split("-")[:2]
        return dt.date(int(year), int(month), 1)
    except (ValueError, TypeError):
        raise InputError(
            "上次比对结果中找不到比对月份",
            file=str(out_dir / SUMMARY_JSON),
            fix="--previous 要指向上个月 recon run 的输出目录（含 summary.json）",
            en="the month of the previous run cannot be found in its results",
            fix_en="point --previous at last month's recon run output folder (with summary.json)",
        ) from None


def read_previous(out_dir: Path | str) -> PreviousRun:
    """The previous run in `out_dir`; InputError naming the missing file when it is not a recon output."""
    out_dir = Path(out_dir)
    csv, summary_path = out_dir / ANOMALIES_CSV, out_dir / SUMMARY_JSON
    for p in (csv, summary_path):
        if not p.is_file():
            raise InputError(
                f"上次比对结果目录里没有 {p.name}",
                file=str(out_dir),
                fix="--previous 要指向上个月 recon run --out 写出的目录（含 anomalies.csv 和 summary.json）",
                en=f"the previous results folder has no {p.name}",
                fix_en="point --previous at the folder last month's recon run --out wrote "
                "(with anomalies.csv and summary.json)",
            )
    try:
        summary = json.loads(summary_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise InputError(
            f"读不了 summary.json：{e}", file=str(summary_path), en=f"cannot read summary.json: {e}"
        ) from e
    month = _month_of(out_dir, summary)
    findings = findings_from_csv(csv, month_text(month))
    excluded_path = out_dir / EXCLUDED_CSV
    if excluded_path.is_file():
        excluded = findings_from_csv(excluded_path, month_text(month))
        for col in EXCLUDED_EXTRA:
            if col not in excluded.columns:
                excluded = excluded.with_columns(pl.lit(None, dtype=pl.String).alias(col))
    else:
        excluded = findings.clear().with_columns(
            pl.lit(None, dtype=pl.String).alias(c) for c in EXCLUDED_EXTRA
        )
    skipped = [(s.get("rule", ""), s.get("reason", "")) for s in summary.get("skipped_rules") or []]
    return PreviousRun(out_dir, month, findings, excluded, skipped)
