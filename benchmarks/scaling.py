"""Scaling curve: full monthly runs at 1x, 10x, 100x, 1000x (and more with --scales) of the county month,
from plain CSV and Parquet (the generator's --format csv|parquet).

    .venv/bin/python benchmarks/scaling.py [--scales 1,10,100,1000] [--formats csv,parquet] [--runs 3]

Prints one markdown row per (scale, format): records, findings, median wall, peak RSS, per-stage seconds
and microseconds per record (flat means linear).
"""

from __future__ import annotations

import argparse

from _harness import DATA, month_run, sample_dir, save


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scales", default="1,10,100,1000")
    ap.add_argument("--formats", default="csv,parquet")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--name", default="scaling")
    ap.add_argument("--rss-limit-mb", type=float, default=20_000, help="kill a run whose RSS passes this")
    args = ap.parse_args()
    rows = []
    print(
        "| scale | format | records | findings | median s | peak RSS MB | µs/record "
        "| load | link | rules | write |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for scale in (float(s) for s in args.scales.split(",")):
        for fmt in args.formats.split(","):
            src = sample_dir(scale, fmt)
            try:
                t = month_run(src, DATA / f"out_{fmt}_{scale:g}", args.runs, args.rss_limit_mb)
            except SystemExit as stopped:  # a month too big for the machine: say so, go on
                print(f"| {scale:g} | {fmt} | | | {stopped} | | | | | | |", flush=True)
                rows.append({"scale": scale, "format": fmt, "stopped": str(stopped)})
                save(args.name, {"runs": rows})
                continue
            rep = t.reports[-1]
            st = rep["stages_s"]
            per = t.median / rep["records"] * 1e6
            print(
                f"| {scale:g} | {fmt} | {rep['records']:,} | {rep['findings']:,} | {t.median:.2f} | "
                f"{t.peak_mb:,.0f} | {per:.1f} | {st.get('load')} | {st.get('link')} | {st.get('rules')} | "
                f"{st.get('write')} |",
                flush=True,
            )
            rows.append({"scale": scale, "format": fmt, **t.as_dict()})
            save(args.name, {"runs": rows})  # after every row: a later run may be stopped


if __name__ == "__main__":
    main()
