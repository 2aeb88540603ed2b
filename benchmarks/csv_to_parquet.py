"""Rewrite a generated plain-CSV month as Parquet (the same cells: both formats hold text, blanks as null).

    .venv/bin/python benchmarks/csv_to_parquet.py SRC_CSV_DIR DST_DIR [--check GENERATED_PARQUET_DIR]

At province scale this takes seconds where a second generator run takes minutes and ~10 GB; `--check`
compares the result with what `recon sample --format parquet` wrote for the same seed and scale.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import polars as pl


def convert(src: Path, dst: Path) -> list[Path]:
    dst.mkdir(parents=True, exist_ok=True)
    out = []
    for f in sorted(src.glob("*.csv")):
        target = dst / f"{f.stem}.parquet"
        pl.scan_csv(f, infer_schema=False).sink_parquet(target)
        out.append(target)
    if (src / "_answers").is_dir():
        shutil.copytree(src / "_answers", dst / "_answers", dirs_exist_ok=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("src", type=Path)
    ap.add_argument("dst", type=Path)
    ap.add_argument("--check", type=Path)
    args = ap.parse_args()
    files = convert(args.src, args.dst)
    if args.check:
        for f in files:
            a, b = pl.read_parquet(f), pl.read_parquet(args.check / f.name)
            assert a.equals(b), f"{f.name} differs from the generator's Parquet"
        print(f"{len(files)} files identical to {args.check}")


if __name__ == "__main__":
    main()
