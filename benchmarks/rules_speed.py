"""Time and memory of the rule catalog on one linked-records parquet file.

    .venv/bin/python benchmarks/rules_speed.py /tmp/recon-bench/linked_scale1000.parquet
    .venv/bin/python benchmarks/rules_speed.py /tmp/recon-bench/linked_scale100.parquet --write REF.parquet
    .venv/bin/python benchmarks/rules_speed.py /tmp/recon-bench/linked_scale100.parquet --check REF.parquet

Per-rule times include the shared per-run facts (persons, deaths, ...) the rule is the first to ask for.
ru_maxrss is the process peak, so the loaded input is part of it; the RSS before the rules run is printed too.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import resource
import time
from collections.abc import Callable

import polars as pl
from polars.testing import assert_frame_equal

from recon.config import Policy
from recon.rules import RULES, run_rules
from recon.rules.base import Rule, RuleContext


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _current_rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def _timed(rule: Rule, times: dict[str, float]) -> Rule:
    inner: Callable[[RuleContext], pl.DataFrame] = rule.check

    def check(ctx: RuleContext) -> pl.DataFrame:
        t = time.perf_counter()
        out = inner(ctx)
        times[rule.code] = time.perf_counter() - t
        return out

    return dataclasses.replace(rule, check=check)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("linked", help="linked records parquet (LINKED_SCHEMA)")
    ap.add_argument("--month", default="2020-04-01")
    ap.add_argument("--check", help="reference findings parquet: assert the findings are identical")
    ap.add_argument("--write", help="write the findings here (to serve as a later --check reference)")
    args = ap.parse_args()

    t = time.perf_counter()
    linked = pl.read_parquet(args.linked)
    load_s = time.perf_counter() - t
    rss_loaded = _current_rss_mb()
    print(f"loaded {linked.height:,} records in {load_s:.2f} s; RSS {rss_loaded:,.0f} MB")

    times: dict[str, float] = {}
    rules = [_timed(r, times) for r in RULES]
    t = time.perf_counter()
    outcome = run_rules(linked, dt.date.fromisoformat(args.month), Policy(), rules)
    total = time.perf_counter() - t
    peak = _rss_mb()

    families: dict[str, float] = {}
    for code, s in times.items():
        families[code[0]] = families.get(code[0], 0.0) + s
    print("per rule: " + "  ".join(f"{c} {s:.2f}" for c, s in times.items()))
    print("per family: " + "  ".join(f"{f} {s:.2f}" for f, s in families.items()))
    print(
        f"rules ran: {len(outcome.ran)}, skipped: {len(outcome.skipped)}, findings: {outcome.findings.height:,}"
    )
    print(
        f"TOTAL run_rules {total:.2f} s; peak RSS {peak:,.0f} MB (+{peak - rss_loaded:,.0f} MB over loaded)"
    )

    found = outcome.findings
    if args.write:
        found.write_parquet(args.write)
        print(f"wrote {args.write}")
    if args.check:
        ref = pl.read_parquet(args.check)
        assert_frame_equal(
            found.sort("key", "source_file", "source_row"), ref.sort("key", "source_file", "source_row")
        )
        assert_frame_equal(found, ref)  # the run's own order must not change either
        print(f"CHECK OK: identical to {args.check} ({ref.height:,} findings)")


if __name__ == "__main__":
    main()
