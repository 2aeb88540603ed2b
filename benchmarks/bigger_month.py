"""A month larger than the generator can write on this machine: K provinces side by side.

    .venv/bin/python benchmarks/bigger_month.py SRC_PARQUET_MONTH OUT_DIR --copies K

The generator needs ~11 GB to write the 2000× (province) month, so a 2–3× larger month cannot be
generated here. This script builds one from the Parquet province month instead: copy 0 is the month
as it is, and each further copy is another province — every ID-like cell gets another two-digit
province code (and, where the check character was right, the right new one; where it was wrong, a
wrong new one, so planted errors stay errors), and every town gets a prefix, so the copies share no
person and no town. The findings grow with the copies (the planted anomalies are repeated), but no
copy links to another.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import polars as pl

from recon.normalize.ids import PROVINCES

# Columns of the generator's files that hold an ID number (or start with one: 残疾人证号).
ID_COLUMNS = (
    "户主身份证号",
    "公民身份号码",
    "身份证号码",
    "户主身份证号码",
    "身份证号",
    "证件号码",
    "残疾人证号",
)
# Columns whose values get the copy's prefix: towns, and household numbers (households must not merge).
PREFIXED_COLUMNS = ("乡镇（街道）", "乡镇", "户编号", "低保证号")
_PROVINCES = sorted(PROVINCES)
_FULL_WIDTH = [chr(0xFF10 + d) for d in range(10)]


def _partners(code: str) -> list[str]:
    """Other province codes that leave the check character as it is: the first two digits weigh 7 and 9
    in the checksum, so a change with 7*d0 + 9*d1 divisible by 11 keeps every ID's check right (or
    wrong) without finding the check character in a messy cell."""
    p0, p1 = int(code[0]), int(code[1])
    return [q for q in _PROVINCES if q != code and (7 * (int(q[0]) - p0) + 9 * (int(q[1]) - p1)) % 11 == 0]


def _move_id(col: str, copy: int) -> pl.Expr:
    """The cell with its province code replaced by the copy's partner code, however the cell is written
    (leading apostrophe or space, full-width digits); a cell that does not start with two digits
    (blank, float-damaged "3.7E+17") is left as it is."""
    mapping = {}
    for code in _PROVINCES:
        partners = _partners(code)
        if len(partners) >= copy:
            mapping[code] = partners[copy - 1]
    parts = pl.col(col).str.extract_groups(r"^(\D*)(\d\d)(.*)$")
    digits = parts.struct.field("2")
    code = digits.str.normalize("NFKC")
    moved = code.replace(mapping)
    full_width = digits != code
    rendered = (
        pl.when(full_width)
        .then(moved.str.replace_many([str(d) for d in range(10)], _FULL_WIDTH))
        .otherwise(moved)
    )
    return (
        pl.when(digits.is_not_null())
        .then(parts.struct.field("1") + rendered + parts.struct.field("3"))
        .otherwise(pl.col(col))
        .alias(col)
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("src", type=Path, help="a Parquet month (recon sample --format parquet)")
    ap.add_argument("out", type=Path)
    ap.add_argument("--copies", type=int, default=2)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rows = 0
    for src in sorted(args.src.glob("*.parquet")):
        for k in range(args.copies):
            frame = pl.scan_parquet(src)
            if k:
                names = frame.collect_schema().names()
                frame = frame.with_columns(
                    [_move_id(c, k) for c in ID_COLUMNS if c in names]
                    + [(pl.lit(f"第{k}省") + pl.col(c)).alias(c) for c in PREFIXED_COLUMNS if c in names]
                )
            target = args.out / f"第{k}省_{src.name}"
            frame.sink_parquet(target)
            rows += pl.scan_parquet(target).select(pl.len()).collect().item()
    print(f"{rows:,} rows in {args.out}")


if __name__ == "__main__":
    main()
