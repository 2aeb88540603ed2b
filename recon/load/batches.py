"""Stacking the planned sheets' rows into batches, normalising each batch, numbering the records and
keeping every sheet's row accounting (read = used + rejected + skipped)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from recon.load.issues import sheet_issue
from recon.load.normalise import normalise
from recon.load.plan import SheetPlan
from recon.load.rows import sheet_rows
from recon.model import KINDS, RECORD_SCHEMA, empty_issues

# Rows normalised together. Large enough that a county's many small sheets share one pass, small enough
# that a province file's temporary columns never all exist at once.
BATCH_ROWS = 1_000_000


_NO_TEXT = {"__sheet": pl.Int32, "__i": pl.UInt32, "__joined": pl.String}


def records_of(
    base: pl.DataFrame, row_text: pl.DataFrame, today: dt.date, drop: frozenset[str] = frozenset()
) -> tuple[pl.DataFrame, ...]:
    """(records without the columns in `drop`, issues, counts) of one batch of raw rows."""
    df, used, issues, counts = normalise(base, row_text, today)
    records = (
        df.lazy()
        .filter(used)
        .select(
            [
                pl.col(c).cast(t) if c in df.columns else pl.lit(None, dtype=t).alias(c)
                for c, t in RECORD_SCHEMA.items()
                if c != "rec_id" and c not in drop
            ]
        )
        .collect()
    )
    return records, issues, counts


def load_plans(
    plans: list[SheetPlan], today: dt.date, drop: frozenset[str] = frozenset()
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Records (without rec_id) and issues of planned sheets, with each sheet's row accounting.

    Sheets are read, cut into batches and normalised one after another, so at any time only one file's
    raw cells, one batch's temporary columns and the records made so far are in memory.
    """
    # Sheets of one kind are loaded together, so each kind's records form one contiguous block of the
    # frame (in file order within the kind) and the rule stage can take a kind as a slice, not a copy.
    kind_rank = {k: i for i, k in enumerate(KINDS)}
    plans = sorted(plans, key=lambda p: kind_rank.get(p.kind or "", len(kind_rank)))
    issue_parts: list[pl.DataFrame] = []
    texts: list[pl.DataFrame] = []
    record_parts: list[pl.DataFrame] = []
    count_parts: list[pl.DataFrame] = []
    pending: list[pl.DataFrame] = []
    pending_rows = 0
    columns = [c for c in RECORD_SCHEMA if c not in drop]

    def flush() -> None:
        nonlocal pending_rows
        if not pending:
            return
        batch = pl.concat(pending, how="vertical")
        pending.clear()
        pending_rows = 0
        row_text = pl.concat(texts) if texts else pl.DataFrame(schema=_NO_TEXT)
        records, issues, counts = records_of(batch, row_text, today, drop)
        # numbered per part: a rec_id column added to the concatenated frame would not share its
        # chunking and would make polars copy every column (4.5 GB at a province's 10M rows)
        offset = sum(p.height for p in record_parts)
        records = records.with_columns(
            (pl.int_range(pl.len(), dtype=pl.Int64) + offset).alias("rec_id")
        ).select(columns)
        record_parts.append(records)
        issue_parts.append(issues)
        count_parts.append(counts)

    for i, plan in enumerate(plans):
        base, sheet_issues = sheet_rows(plan, i)
        issue_parts.extend(sheet_issues)
        # the sheet's cells are in `base` now; the grid would only hold memory until the run ends
        plan.raw.grid = plan.raw.grid.clear()
        if base is None:
            continue
        if plan.row_text is not None:
            texts.append(plan.row_text)
        for start in range(0, base.height, BATCH_ROWS):
            part = base.slice(start, BATCH_ROWS)
            pending.append(part)
            pending_rows += part.height
            if pending_rows >= BATCH_ROWS:
                flush()
        del base
    flush()
    counts = (
        pl.concat(count_parts, how="vertical_relaxed").group_by("__sheet", "what").agg(pl.col("n").sum())
        if count_parts
        else pl.DataFrame(schema={"__sheet": pl.Int32, "what": pl.String, "n": pl.UInt32})
    )
    per_sheet: dict[int, dict[str, int]] = {}
    for sheet, what, n in counts.select("__sheet", "what", "n").iter_rows():
        per_sheet.setdefault(sheet, {})[what] = n
    for i, plan in enumerate(plans):
        if plan.header is None:
            continue
        c = per_sheet.get(i, {})
        stats = plan.stats
        stats.rows_rejected = c.pop("__rejected", 0)
        stats.rows_used = c.pop("__rows_used", 0)
        unknown = c.pop("__subsidy_unknown", 0)
        stats.id_status_counts = dict(sorted(c.items()))
        stats.records = sum(c.values())
        if unknown:
            stats.problems.append(f"{unknown} 行无法判断补贴类别（生活补贴/护理补贴）")
        if stats.rows_used == 0:
            problem = "没有可用的数据行（只有表头，或每行都被剔除/跳过）"
            stats.problems.append(problem)
            issue_parts.append(sheet_issue(plan, "no_data_rows", problem))
    records = (
        one_chunk(record_parts)
        if record_parts
        else pl.DataFrame(schema={c: RECORD_SCHEMA[c] for c in columns})
    )
    return records, pl.concat([p for p in issue_parts if p.height] or [empty_issues()], how="vertical")


def one_chunk(parts: list[pl.DataFrame]) -> pl.DataFrame:
    """The parts stacked into one chunk per column, emptying `parts`.

    One chunk per column, because the later stages add columns and polars would otherwise re-copy the
    whole frame at each of them. Copied column by column, each column's parts released as soon as it is
    copied: a whole-frame rechunk holds the parts and the copy at once (twice the records' memory).
    """
    columns = {c: [p.get_column(c) for p in parts] for c in parts[0].columns}
    parts.clear()
    out = []
    for name in list(columns):
        out.append(pl.concat(columns.pop(name)).rechunk())
    return pl.DataFrame(out)
