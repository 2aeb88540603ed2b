"""recon's exact-ID rules against the same rules written by hand as DuckDB SQL, on the same normalised,
linked records (what an auditor with DuckDB would write: D1, X1, S1).

    .venv/bin/python benchmarks/peers.py [--scale 100] [--runs 3]

Both sides start from the same Parquet file of linked records (written once, untimed) and produce their
anomaly rows; the ratio is recon / DuckDB (below 1: recon faster). recon's side also builds the evidence
sentence and every output column of FINDING_SCHEMA; the SQL returns only the keys. The fuzzy linking
comparison with Splink is benchmarks/link_quality.py (the linking engineer's), run by `make bench`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time

import duckdb
import polars as pl
from _harness import DATA, sample_dir, save

from recon.config import Config
from recon.link.engine import link_records
from recon.load import load_folder
from recon.rules.registry import select_rules
from recon.rules.run import run_rules

MONTH = dt.date(2020, 4, 1)

SQL = {
    "D1": """
        WITH death AS (
            SELECT person_id, min(coalesce(death_date, cremation_date)) AS d
            FROM recs WHERE kind = 'cremation' GROUP BY person_id)
        SELECT r.person_id FROM recs r JOIN death USING (person_id)
        WHERE r.kind = 'dibao'
          AND (2020 * 12 + 4) - (year(death.d) * 12 + month(death.d)) > 0""",
    "X1": """
        SELECT DISTINCT d.person_id FROM recs d
        WHERE d.kind = 'dibao'
          AND d.person_id IN (SELECT person_id FROM recs WHERE kind = 'tekun')""",
    "S1": """
        SELECT DISTINCT s.person_id FROM recs s
        WHERE s.kind = 'subsidy' AND s.subsidy_type = '生活补贴'
          AND s.person_id NOT IN (SELECT person_id FROM recs WHERE kind IN ('dibao', 'tekun'))""",
}


def _median_time(fn, runs: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=100)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    src = sample_dir(args.scale, "parquet")
    linked_path = DATA / f"linked_scale{args.scale:g}.parquet"
    if not linked_path.exists():
        loaded = load_folder(src, Config())
        link_records(loaded.records, Config().linking).records.write_parquet(linked_path)
    n = pl.scan_parquet(linked_path).select(pl.len()).collect().item()
    kinds = {"dibao", "tekun", "subsidy", "cremation"}
    print(f"peers on {n:,} linked records (scale {args.scale:g}); median of {args.runs} runs, from Parquet")
    print("| rule | recon s | DuckDB s | recon/DuckDB | recon rows | DuckDB rows |")
    print("|---|---:|---:|---:|---:|---:|")
    rows = []
    con = duckdb.connect()
    # a view reads the file at query time, so every timed query includes the Parquet scan (as recon's side)
    con.sql(f"CREATE VIEW recs AS SELECT * FROM read_parquet('{linked_path}')")
    for code, sql in SQL.items():
        rules = select_rules(code)

        def recon_side(rules=rules):
            return run_rules(pl.read_parquet(linked_path), MONTH, rules=rules, present_kinds=kinds).findings

        def duck_side(sql=sql):
            return con.sql(sql).fetchall()

        t_recon, found = _median_time(recon_side, args.runs)
        t_duck, got = _median_time(duck_side, args.runs)
        ratio = t_recon / t_duck
        print(
            f"| {code} | {t_recon:.3f} | {t_duck:.3f} | {ratio:.2f} | {found.height:,} | {len(got):,} |",
            flush=True,
        )
        rows.append(
            {
                "rule": code,
                "recon_s": t_recon,
                "duckdb_s": t_duck,
                "ratio": ratio,
                "recon_rows": found.height,
                "duckdb_rows": len(got),
            }
        )
    save(
        f"peers_scale{args.scale:g}",
        {"scale": args.scale, "records": n, "rules": rows, "duckdb": duckdb.__version__},
    )


if __name__ == "__main__":
    main()
