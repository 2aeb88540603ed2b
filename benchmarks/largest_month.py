"""The largest month this machine runs: the province month (2000×) repeated as 2, 3, ... provinces.

    .venv/bin/python benchmarks/largest_month.py [--copies 2,3] [--runs 1] [--rss-limit-mb 21000]

The generator cannot write a month much above 2000× here (it needs ~11 GB for that one), so the larger
months are built from the Parquet province month by `bigger_month.py` (each copy has its own counties,
towns and households: nothing links across copies, and the findings are exactly the province's times
the copies). A run whose RSS passes the limit is stopped and reported as not fitting.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from _harness import DATA, month_run, sample_dir, save


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", default="2,3")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--rss-limit-mb", type=float, default=21_000)
    args = ap.parse_args()
    province = sample_dir(2000, "parquet")
    rows = []
    print(
        "| provinces | records | findings | median s | peak RSS MB | KB/record | load | link | rules | write |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for copies in (int(c) for c in args.copies.split(",")):
        month = DATA / f"provinces{copies}_parquet"
        if not month.exists():
            here = Path(__file__).parent
            subprocess.run(
                [
                    sys.executable,
                    str(here / "bigger_month.py"),
                    str(province),
                    str(month),
                    "--copies",
                    str(copies),
                ],
                check=True,
            )
        try:
            t = month_run(month, DATA / f"out_provinces{copies}", args.runs, args.rss_limit_mb)
        except SystemExit as stopped:
            print(f"| {copies} | | | {stopped} | | | | | | |", flush=True)
            rows.append({"copies": copies, "stopped": str(stopped)})
            continue
        rep = t.reports[-1]
        st = rep["stages_s"]
        kb = t.peak_mb * 1024 / rep["records"]
        print(
            f"| {copies} | {rep['records']:,} | {rep['findings']:,} | {t.median:.2f} | {t.peak_mb:,.0f} | "
            f"{kb:.2f} | {st.get('load')} | {st.get('link')} | {st.get('rules')} | {st.get('write')} |",
            flush=True,
        )
        rows.append({"copies": copies, **t.as_dict()})
        save("largest_month", {"runs": rows})


if __name__ == "__main__":
    main()
