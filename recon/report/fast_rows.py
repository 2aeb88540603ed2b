"""A table's rows rendered as sheet XML by polars and streamed into xlsxwriter's row file.

xlsxwriter's `constant_memory` mode writes each cell through a Python call (checks, a cell tuple, an
escape, an f-string): ~100k cells a second, most of a big run's time. Here the same XML is built column by
column with polars expressions — inline strings escaped exactly as xlsxwriter escapes them (& < >, control
characters as _xHHHH_, a literal _xHHHH_ guarded, xml:space="preserve" for edge whitespace), numbers and
dates as values with the column's format — and written to the worksheet's row file in large blocks.
The output is the XML xlsxwriter itself writes for the same cells (tests/report/test_fast_rows.py
compares the sheet XML byte for byte), so every safety of the typed writers holds: text is never a
formula, IDs stay text, the formats and row heights are the same.

Written by hand because no maintained writer offers it: polars' own `write_excel` goes through the same
per-cell calls, and a Rust-backed writer would be a new binary dependency for the offline wheelhouse.
It relies on two internals of xlsxwriter's constant_memory mode (the row file `fh`, and the row
bookkeeping `previous_row`/`dim_*`); the version is pinned in pyproject.toml and the byte-for-byte test
fails on any change in them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

# how a planned cell is written: inline text, a number, or a date as its Excel serial number
CELL_TEXT, CELL_NUMBER, CELL_DATE = "text", "number", "date"

_BLOCK = 20_000  # rows rendered and written per block: bounded memory at any table size
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_CONTROL = [chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20))]
_MAX_CHARS = 32767
_ESCAPE_FROM = [*_CONTROL, "&", "<", ">"]
_ESCAPE_TO = [*(f"_x{ord(ch):04X}_" for ch in _CONTROL), "&amp;", "&lt;", "&gt;"]


def _text_cell(col: str, ref: str, xf: int) -> pl.Expr:
    s = pl.col(col).cast(pl.String).str.slice(0, _MAX_CHARS)
    s = s.str.replace_all(r"(_x[0-9a-fA-F]{4}_)", "_x005F$1")
    # one pass for every character xlsxwriter escapes: none of the replacements holds another's pattern
    s = s.str.replace_many(_ESCAPE_FROM, _ESCAPE_TO)
    preserve = pl.col(col).cast(pl.String).str.contains(r"^\s|\s$")
    open_t = pl.when(preserve).then(pl.lit('<t xml:space="preserve">')).otherwise(pl.lit("<t>"))
    cell = pl.concat_str(
        [
            pl.lit('<c r="'),
            pl.lit(ref),
            pl.col("_r"),
            pl.lit(f'" s="{xf}" t="inlineStr"><is>'),
            open_t,
            s,
            pl.lit("</t></is></c>"),
        ]
    )
    raw = pl.col(col).cast(pl.String)
    return pl.when(raw.is_null() | (raw == "")).then(pl.lit("")).otherwise(cell)


def _number_cell(value: pl.Expr, ref: str, xf: int) -> pl.Expr:
    cell = pl.concat_str(
        [pl.lit('<c r="'), pl.lit(ref), pl.col("_r"), pl.lit(f'" s="{xf}"><v>'), value, pl.lit("</v></c>")]
    )
    return pl.when(value.is_null()).then(pl.lit("")).otherwise(cell)


def _g16(expr: pl.Expr) -> pl.Expr:
    """A float as Python's f"{x:.16G}" writes it for the values a sheet holds (integers without ".0")."""
    f = expr.cast(pl.Float64)
    whole = (f == f.round(0)) & (f.abs() < 1e15)
    return pl.when(whole).then(f.cast(pl.Int64).cast(pl.String)).otherwise(f.cast(pl.String))


def _cell_expr(field: str, how: str, j: int, xf: int) -> pl.Expr:
    ref = xl_col_to_name(j)
    if how == CELL_TEXT:
        return _text_cell(field, ref, xf)
    if how == CELL_DATE:
        days = (pl.col(field).cast(pl.Date) - pl.lit(_EXCEL_EPOCH)).dt.total_days()
        return _number_cell(days.cast(pl.String), ref, xf)
    return _number_cell(_g16(pl.col(field)), ref, xf)


def stream_rows(
    ws: Worksheet, df: pl.DataFrame, plan: list[tuple[int, str, str, Any]], first_row: int, lines: list[int]
) -> int:
    """Write `df` from `first_row` on (0-based) as xlsxwriter would; returns the last row index.

    `plan`: (column index, frame column, CELL_* kind, the cell format) per written column;
    `lines`: the number of text lines per row (a row of more than one gets the height of that many)."""
    if df.height == 0:
        return first_row - 1
    if ws.previous_row < first_row:
        ws._write_single_row(first_row)  # flush the header row xlsxwriter still holds
    height = pl.col("_n").clip(1, 8) * 15
    row_open = pl.when(pl.col("_n") > 1).then(
        pl.concat_str([pl.lit('<row r="'), pl.col("_r"), pl.lit('" ht="'), height.cast(pl.String)])
    )
    frame = df.select(list(dict.fromkeys(field for _, field, _, _ in plan))).with_columns(
        pl.int_range(first_row + 1, first_row + 1 + df.height).cast(pl.String).alias("_r"),
        pl.Series("_n", lines, dtype=pl.Int64),
    )
    # a format's index is handed out on first use: after the header row, as xlsxwriter itself would
    cells = [_cell_expr(field, how, j, fmt._get_xf_index()) for j, field, how, fmt in plan]
    xml = pl.concat_str(
        [
            pl.when(pl.col("_n") > 1)
            .then(pl.concat_str([row_open, pl.lit('" customHeight="1">')]))
            .otherwise(pl.concat_str([pl.lit('<row r="'), pl.col("_r"), pl.lit('">')])),
            *cells,
            pl.lit("</row>"),
        ]
    ).alias("xml")
    fh: Any = ws.fh
    for start in range(0, frame.height, _BLOCK):
        block = frame.slice(start, _BLOCK).select(xml).get_column("xml")
        fh.write("".join(block.to_list()))
    last = first_row + df.height - 1
    ws.dim_rowmax = max(ws.dim_rowmax or 0, last)
    ws.dim_rowmin = 0 if ws.dim_rowmin is None else ws.dim_rowmin
    ws.dim_colmin = 0 if ws.dim_colmin is None else ws.dim_colmin
    ws.dim_colmax = max(ws.dim_colmax or 0, max((j for j, *_ in plan), default=0))
    ws.previous_row = last + 1
    return last
