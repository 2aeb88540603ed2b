"""The read floor of a month: every input file read as text and nothing else — what any tool pays before
it can compare anything. One child process, as a recon run is one.

    .venv/bin/python benchmarks/read_floor.py INPUT_DIR

xlsx/xls/et through calamine (fastexcel: polars' Excel engine), every sheet, every cell as text; CSV with
polars as text (GBK transcoded first, as any reader must); Parquet scanned. Folders starting with "_"
(answers, last month) are skipped, as recon skips them. Prints one JSON line: files, sheets, cells.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polars as pl


def _csv(path: Path) -> pl.DataFrame:
    raw = path.read_bytes()
    try:
        raw.decode("utf-8")
        data = raw
    except UnicodeDecodeError:
        data = raw.decode("gb18030").encode("utf-8")
    return pl.read_csv(data, infer_schema=False, has_header=False, truncate_ragged_lines=True)


def main() -> None:
    root = Path(sys.argv[1])
    files = [
        p
        for p in sorted(root.rglob("*"))
        if p.is_file() and not any(part.startswith("_") for part in p.relative_to(root).parts)
    ]
    sheets = cells = 0
    for p in files:
        ext = p.suffix.lower()
        frames: list[pl.DataFrame] = []
        if ext in (".xlsx", ".xls", ".xlsm", ".et"):
            import fastexcel

            reader = fastexcel.read_excel(str(p))
            for name in reader.sheet_names:
                frames.append(reader.load_sheet(name, header_row=None, dtypes="string").to_polars())
        elif ext == ".csv":
            frames.append(_csv(p))
        elif ext == ".parquet":
            frames.append(pl.read_parquet(p))
        sheets += len(frames)
        cells += sum(f.height * f.width for f in frames)
    print(json.dumps({"files": len(files), "sheets": sheets, "cells": cells}))


if __name__ == "__main__":
    main()
