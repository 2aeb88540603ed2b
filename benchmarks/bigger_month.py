"""A month larger than the generator can write on this machine: K provinces side by side.

    .venv/bin/python benchmarks/bigger_month.py SRC_PARQUET_MONTH OUT_DIR --copies K

The generator needs ~11 GB to write the 2000× (province) month, so a 2–3× larger month cannot be
generated here. This script builds one from the Parquet province month instead: copy 0 is the month
as it is, and each further copy is another set of counties — every ID-like cell gets another county
code chosen so that its check character stays right (or stays wrong), and every town and household
number gets a prefix, so the copies share no person, household or town. The findings grow with the copies (the planted anomalies are repeated), but no
copy links to another.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import polars as pl

from recon.normalize.ids import known_region_codes

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
_WEIGHTS = (7, 9, 10, 5, 8, 4)  # checksum weights of an ID's first six digits (the county code)
_FULL_WIDTH = [chr(0xFF10 + d) for d in range(10)]


def _partners(region: str, known: frozenset[str], present: set[str]) -> list[str]:
    """Other county codes of the same province that leave the check character as it is (their weighted
    digit difference is divisible by 11) and are as known or unknown as `region`: every copy keeps the
    same valid IDs, the same planted errors and the same unknown-county warnings. Codes the month
    already uses are never taken (an ID moved there could meet a real one)."""
    out = []
    for tail in range(10000):
        cand = f"{region[:2]}{tail:04d}"
        diff = sum(w * (int(a) - int(b)) for w, a, b in zip(_WEIGHTS, cand, region, strict=True))
        if cand not in present and diff % 11 == 0 and (cand in known) == (region in known):
            out.append(cand)
    return out


_REGION_RE = r"^(\D*)(\d{6})(.*)$"


def _regions(frame: pl.DataFrame, columns: list[str]) -> set[str]:
    found: set[str] = set()
    for col in columns:
        digits = frame.select(pl.col(col).str.extract(_REGION_RE, 2).str.normalize("NFKC")).to_series()
        found.update(digits.drop_nulls().unique().to_list())
    return found


def _move_ids(frame: pl.DataFrame, columns: list[str], mapping: dict[str, str]) -> pl.DataFrame:
    """The ID cells with their county code replaced by the copy's partner code, however the cell is
    written (leading apostrophe or space, full-width digits); a cell that does not start with six
    digits (blank, float-damaged "3.7E+17") is left as it is."""
    exprs = []
    for col in columns:
        parts = pl.col(col).str.extract_groups(_REGION_RE)
        code = parts.struct.field("2").str.normalize("NFKC")
        moved = code.replace(mapping)
        full_width = parts.struct.field("2") != code
        rendered = (
            pl.when(full_width)
            .then(moved.str.replace_many([str(d) for d in range(10)], _FULL_WIDTH))
            .otherwise(moved)
        )
        exprs.append(
            pl.when(code.is_not_null())
            .then(parts.struct.field("1") + rendered + parts.struct.field("3"))
            .otherwise(pl.col(col))
            .alias(col)
        )
    return frame.with_columns(exprs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("src", type=Path, help="a Parquet month (recon sample --format parquet)")
    ap.add_argument("out", type=Path)
    ap.add_argument("--copies", type=int, default=2)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rows = 0
    known = known_region_codes()
    sources = sorted(args.src.glob("*.parquet"))
    present: set[str] = set()
    for src in sources:  # only the ID columns: every county code in the month, before any is moved
        ids = [c for c in ID_COLUMNS if c in pl.read_parquet_schema(src)]
        present |= _regions(pl.read_parquet(src, columns=ids), ids)
    # one county code per (code, copy), never given twice: no two moved IDs can meet
    taken = set(present)
    moves: list[dict[str, str]] = [{}]
    for _ in range(1, args.copies):
        mapping = {}
        for region in sorted(present):
            mapping[region] = next(c for c in _partners(region, known, taken) if c not in taken)
            taken.add(mapping[region])
        moves.append(mapping)
    for src in sources:
        original = pl.read_parquet(src)
        for k in range(args.copies):
            frame = original
            if k:
                frame = _move_ids(frame, [c for c in ID_COLUMNS if c in frame.columns], moves[k])
                frame = frame.with_columns(
                    (pl.lit(f"第{k}省") + pl.col(c)).alias(c) for c in PREFIXED_COLUMNS if c in frame.columns
                )
            frame.write_parquet(args.out / f"第{k}省_{src.name}")
            rows += frame.height
    print(f"{rows:,} rows in {args.out}")


if __name__ == "__main__":
    main()
