"""Per-1M-row timings of the normalisers on a linked benchmark roll.

    .venv/bin/python benchmarks/normalize_speed.py [/tmp/recon-bench/linked_scale100.parquet] [--rows N]

Dates are benchmarked on the birth dates rendered as "YYYY-MM-DD" text (the dominant form in county
files) and in the sample generator's five formats mixed row by row; amounts on the monthly amount
rendered as text. "reference" lines time the full computation the fast paths must reproduce.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from collections.abc import Callable

import polars as pl

from recon.normalize import (
    add_cert_columns,
    add_id_columns,
    add_name_columns,
    parse_amount_expr,
    parse_date_expr,
)
from recon.normalize.dates import _parse_date_reference
from recon.normalize.ids import _add_id_columns_reference
from recon.normalize.names import _clean_name_reference, clean_name_expr
from recon.sample.mess import DATE_FORMATS

TODAY = dt.date(2026, 11, 1)


def _time(label: str, df: pl.DataFrame, build: Callable[[pl.LazyFrame], pl.LazyFrame], repeat: int) -> None:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        build(df.lazy()).collect()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<28} {best / df.height * 1e6:7.3f} s per 1M rows  ({df.height} rows, best of {repeat})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?", default="/tmp/recon-bench/linked_scale100.parquet")
    parser.add_argument("--rows", type=int, default=0, help="use only the first N rows")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    cols = ["id_raw", "head_id", "name_raw", "cert_number", "birth_date", "monthly_amount"]
    df = pl.read_parquet(args.path, columns=cols)
    if args.rows:
        df = df.head(args.rows)
    df = df.with_columns(
        pl.col("birth_date").dt.to_string("%Y-%m-%d").alias("birth_text"),
        pl.col("monthly_amount").cast(pl.String).alias("amount_text"),
        # numeric-cell flag as the loader passes it: mostly False, a few True
        (pl.int_range(pl.len()) % 997 == 0).alias("numeric"),
        # the generator's five formats mixed row by row: the worst case for the date fast path
        pl.coalesce(
            pl.when(pl.int_range(pl.len()) % len(DATE_FORMATS) == i).then(pl.col("birth_date").dt.strftime(f))
            for i, f in enumerate(DATE_FORMATS)
        ).alias("birth_mixed"),
    )
    r = args.repeat
    _time("add_id_columns", df, lambda lf: add_id_columns(lf, "id_raw", "numeric", today=TODAY), r)
    _time("  reference", df, lambda lf: _add_id_columns_reference(lf, "id_raw", "numeric", today=TODAY), r)
    _time("add_id_columns (head)", df, lambda lf: add_id_columns(lf, "head_id", None, "head_", TODAY), r)
    _time(
        "clean_name_expr", df, lambda lf: lf.with_columns(clean_name_expr(pl.col("name_raw")).alias("n")), r
    )
    _time(
        "  reference", df, lambda lf: lf.with_columns(_clean_name_reference(pl.col("name_raw")).alias("n")), r
    )
    _time("add_name_columns", df, lambda lf: add_name_columns(lf, "name_raw"), r)
    _time("add_cert_columns", df, lambda lf: add_cert_columns(lf, "cert_number"), r)
    _time(
        "parse_date_expr", df, lambda lf: lf.with_columns(parse_date_expr(pl.col("birth_text")).alias("d")), r
    )
    _time(
        "  reference",
        df,
        lambda lf: lf.with_columns(_parse_date_reference(pl.col("birth_text")).alias("d")),
        r,
    )
    _time(
        "parse_date_expr (5 formats)",
        df,
        lambda lf: lf.with_columns(parse_date_expr(pl.col("birth_mixed")).alias("d")),
        r,
    )
    _time(
        "  reference",
        df,
        lambda lf: lf.with_columns(_parse_date_reference(pl.col("birth_mixed")).alias("d")),
        r,
    )
    _time(
        "parse_amount_expr",
        df,
        lambda lf: lf.with_columns(parse_amount_expr(pl.col("amount_text")).alias("a")),
        r,
    )


if __name__ == "__main__":
    main()
