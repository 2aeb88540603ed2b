"""Cells per second of a rule sheet: N findings written as recon writes them, streamed and cell by cell.

    .venv/bin/python benchmarks/workbook_speed.py [--rows 100000] [--cellwise]

Times CPU seconds of this process (time.process_time), so that other jobs on a shared machine change
the figure less than wall time would; the wall time is printed beside it. The findings are D1-like rows
with every base column filled (18 cells a row).
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

import polars as pl
from xlsxwriter.workbook import Workbook

from recon.model import FINDING_SCHEMA
from recon.report import cells
from recon.report.cells import WORKBOOK_OPTIONS, Formats
from recon.report.rule_sheets import finding_columns, for_display, write_rule_sheet


def findings(n: int) -> pl.DataFrame:
    base = pl.DataFrame({c: [None] * n for c in FINDING_SCHEMA}, schema=FINDING_SCHEMA)
    i = pl.int_range(n).cast(pl.String)
    return base.with_columns(
        pl.lit("D1").alias("rule"),
        pl.lit("high").alias("severity"),
        (pl.lit("37152119600101") + i.str.zfill(4)).alias("id_number"),
        pl.lit("张秀英").alias("name"),
        pl.lit("城关镇").alias("town"),
        pl.lit("东街村").alias("village"),
        pl.lit("dibao").alias("source_kind"),
        pl.lit("低保.xlsx").alias("source_file"),
        pl.lit("城关镇").alias("source_sheet"),
        pl.int_range(n).alias("source_row"),
        pl.lit("id").alias("match_basis"),
        pl.lit(1.0).alias("confidence"),
        pl.lit(
            "死亡日期 2020-01-12（火化记录.csv 第12行）；2020年4月仍在低保名册；已多发 3 个月，约 1,095.00 元"
        ).alias("evidence"),
        pl.lit(365.0).alias("monthly_amount"),
        pl.lit(3).alias("months_since_death"),
        pl.lit(1095.0).alias("overpaid_amount"),
        pl.lit(dt.date(2020, 1, 12)).alias("death_date"),
        pl.lit("火化记录.csv 第12行").alias("related"),
        (pl.lit("D1|") + i).alias("key"),
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--cellwise", action="store_true", help="the cell-by-cell reference path instead")
    args = ap.parse_args()
    df = findings(args.rows)
    n_cells = int(
        df.select(
            pl.sum_horizontal(
                pl.col(c.field).is_not_null() for c in finding_columns(for_display(df)) if c.field
            )
        )
        .sum()
        .item()
    )
    if args.cellwise:
        original = cells.write_rows

        def cellwise(ws, fmts, frame, columns, first_row):  # type: ignore[no-untyped-def]
            return cells.write_rows_cellwise(ws, fmts, frame, columns, first_row, fast=False)

        cells.write_rows = cellwise  # type: ignore[assignment]
        import recon.report.rule_sheets as rs

        rs.write_rows = cellwise  # type: ignore[assignment]
    with tempfile.TemporaryDirectory() as tmp:
        cpu0, wall0 = time.process_time(), time.perf_counter()
        wb = Workbook(str(Path(tmp) / "wb.xlsx"), WORKBOOK_OPTIONS)
        ws = wb.add_worksheet("D1")
        write_rule_sheet(ws, Formats(wb), df)
        cpu1 = time.process_time()
        wb.close()
        cpu2, wall2 = time.process_time(), time.perf_counter()
    if args.cellwise:
        cells.write_rows = original  # type: ignore[assignment]
    path = "cell by cell" if args.cellwise else "streamed"
    print(
        f"{path}: {args.rows:,} rows, {n_cells:,} cells; rows {cpu1 - cpu0:.2f} s CPU, zip {cpu2 - cpu1:.2f} s CPU; "
        f"{n_cells / (cpu1 - cpu0):,.0f} cells/s writing rows, {n_cells / (cpu2 - cpu0):,.0f} cells/s with the zip; "
        f"wall {wall2 - wall0:.2f} s"
    )


if __name__ == "__main__":
    main()
