"""County month: the committed-sample shape at scale 10 (about 49k rows in xlsx/xls/csv), full run.

    .venv/bin/python benchmarks/county_month.py [--runs 3]

Target: median wall time <= 3 s (whole process: start, load, link, rules, CSV + workbook).
"""

from __future__ import annotations

import argparse

from _harness import DATA, month_run, sample_dir, save


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--scale", type=float, default=10)
    args = ap.parse_args()
    src = sample_dir(args.scale, "mixed")
    t = month_run(src, DATA / "out_county", args.runs)
    rep = t.reports[-1]
    print(f"county month (scale {args.scale:g}, mixed): {rep['records']} records, {rep['findings']} findings")
    print(f"  median {t.median:.2f} s over {t.walls}, peak RSS {t.peak_mb:.0f} MB, stages {rep['stages_s']}")
    save("county_month", {"scale": args.scale, "format": "mixed", **t.as_dict()})


if __name__ == "__main__":
    main()
