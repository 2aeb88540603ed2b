"""County month: the committed-sample shape at scale 10 (about 50k rows in xlsx/xls/csv), full run,
against the read floor of the same files, whole processes timed alternately.

    .venv/bin/python benchmarks/county_month.py [--runs 3] [--scale 10]

Target (issue 18): the whole run (start, load, link, every rule, CSV + workbook) <= 2x the read floor
(`read_floor.py`: every file read as text by calamine/polars, nothing else) measured in the same run.
"""

from __future__ import annotations

import argparse
import statistics

from _harness import DATA, PYTHON, ROOT, month_run, run_timed, sample_dir, save


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--scale", type=float, default=10)
    args = ap.parse_args()
    src = sample_dir(args.scale, "mixed")
    floor_cmd = [PYTHON, str(ROOT / "benchmarks" / "read_floor.py"), str(src)]
    runs, floors, rss = [], [], []
    rep: dict[str, object] = {}
    for _ in range(args.runs):  # alternately, so a busy spell of the machine weighs on both sides
        t = month_run(src, DATA / "out_county", 1)
        f = run_timed(floor_cmd, 1)
        runs.append(t.walls[0])
        rss.append(t.rss_mb[0])
        floors.append(f.walls[0])
        rep = t.reports[-1]
    run_s, floor_s = statistics.median(runs), statistics.median(floors)
    print(f"county month (scale {args.scale:g}, mixed): {rep['records']} records, {rep['findings']} findings")
    print(
        f"  recon run: median {run_s:.2f} s over {runs}, peak RSS {max(rss):.0f} MB, stages {rep['stages_s']}"
    )
    print(f"  read floor: median {floor_s:.2f} s over {floors}")
    print(f"  ratio recon / read floor: {run_s / floor_s:.2f} (target <= 2)")
    save(
        "county_month",
        {
            "scale": args.scale,
            "format": "mixed",
            "run_walls": runs,
            "floor_walls": floors,
            "median_s": run_s,
            "floor_median_s": floor_s,
            "ratio": run_s / floor_s,
            "peak_rss_mb": max(rss),
            "last_report": rep,
        },
    )


if __name__ == "__main__":
    main()
