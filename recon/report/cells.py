"""Typed columns written cell by cell: IDs as text, amounts as numbers, dates as dates.

Workbooks are written in xlsxwriter's constant_memory mode (row by row, low memory for 100k findings),
so a table is written strictly top to bottom and every cell through a typed writer: `write_string`
for text (a name such as "=1+1" stays text), `write_number`, `write_datetime`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import polars as pl
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from recon.report.fast_rows import CELL_DATE, CELL_NUMBER, CELL_TEXT, stream_rows

TEXT, INT, MONEY, DATE, RATIO = "text", "int", "money", "date", "ratio"
WRAP = "wrap"  # long text read in full on screen and on paper: wrapped in a column of fixed width
WRAP_WIDTH = 48.0

FIELD_KINDS: dict[str, str] = {
    "source_row": INT,
    "months_since_death": INT,
    "age": INT,
    "monthly_amount": MONEY,
    "overpaid_amount": MONEY,
    "paid_amount": MONEY,
    "income_per_capita": MONEY,
    "standard": MONEY,
    "confidence": RATIO,
    "evidence": WRAP,
    "related": WRAP,
    "death_date": DATE,
    "birth_date": DATE,
    "cremation_date": DATE,
}

WORKBOOK_OPTIONS: dict[str, Any] = {
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
    "constant_memory": True,
}


@dataclass(frozen=True)
class Column:
    field: str | None  # frame column; None for a ledger column the auditors fill
    header: str
    kind: str = TEXT
    width: float | None = None  # None: fitted to the content
    ledger: bool = False  # a column the auditors fill (prefilled from last month's review when field is set)


class Formats:
    def __init__(self, wb: Workbook) -> None:
        self.header = wb.add_format(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "vcenter"}
        )
        self.ledger_header = wb.add_format(
            {"bold": True, "bg_color": "#FFF2CC", "border": 1, "text_wrap": True, "valign": "vcenter"}
        )
        self.title = wb.add_format({"bold": True, "font_size": 14})
        self.section = wb.add_format({"bold": True, "font_size": 11})
        self.bold = wb.add_format({"bold": True})
        self.note = wb.add_format({"font_color": "#C00000", "bold": True})
        self.wrap = wb.add_format({"text_wrap": True, "valign": "top"})
        self.text = wb.add_format({"num_format": "@", "valign": "top"})
        self.wrapped_text = wb.add_format({"num_format": "@", "text_wrap": True, "valign": "top"})
        self.int = wb.add_format({"num_format": "0", "valign": "top"})
        self.money = wb.add_format({"num_format": "#,##0.00", "valign": "top"})
        self.date = wb.add_format({"num_format": "yyyy-mm-dd", "valign": "top"})
        self.ratio = wb.add_format({"num_format": "0.00", "valign": "top"})
        self.percent = wb.add_format({"num_format": "0.0%", "valign": "top"})
        self.total_money = wb.add_format({"num_format": "#,##0.00", "bold": True})

    def of(self, kind: str) -> Any:
        return {
            TEXT: self.text,
            WRAP: self.wrapped_text,
            INT: self.int,
            MONEY: self.money,
            DATE: self.date,
            RATIO: self.ratio,
        }[kind]


def display_width(df: pl.DataFrame, col: str) -> float:
    """Widest cell in Excel character units: a CJK character counts double (UTF-8: 3 bytes, 1 char)."""
    if df.height == 0 or col not in df.columns:
        return 0.0
    s = pl.col(col).cast(pl.String)
    w = df.select(((s.str.len_bytes() + s.str.len_chars()) / 2).max()).item()
    return float(w or 0.0)


def text_width(text: str) -> float:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def fit_width(df: pl.DataFrame, col: Column, *, cap: float = 50.0) -> float:
    if col.width is not None:
        return col.width
    if col.kind == WRAP:
        return min(
            max(display_width(df, col.field) if col.field else 0.0, text_width(col.header)) + 2, WRAP_WIDTH
        )
    content = display_width(df, col.field) if col.field else 0.0
    if col.kind == MONEY:
        content += 3  # thousands separators and decimals added by the format
    if col.kind == DATE:
        content = 10
    return min(max(content, text_width(col.header), 4.0) + 2, cap)


def write_header(ws: Worksheet, row: int, columns: list[Column], fmt: Any, *, ledger_fmt: Any = None) -> None:
    for j, col in enumerate(columns):
        is_ledger = col.field is None or col.ledger
        ws.write_string(row, j, col.header, ledger_fmt if (is_ledger and ledger_fmt) else fmt)


def write_rows(ws: Worksheet, fmts: Formats, df: pl.DataFrame, columns: list[Column], first_row: int) -> int:
    """Write `df` under a header; returns the index of the last row written (first_row - 1 if none).

    In constant_memory mode the rows are rendered by polars and streamed (report/fast_rows.py); the
    cell-by-cell path below is the reference it is tested against, and serves other modes."""
    return write_rows_cellwise(ws, fmts, df, columns, first_row, fast=bool(ws.constant_memory))


def row_lines(df: pl.DataFrame, columns: list[Column]) -> list[int]:
    """Text lines each row needs: Excel does not grow a row for wrapped text written by a program."""
    wrapped = [c.field for c in columns if c.kind == WRAP and c.field in df.columns]
    if not wrapped or not df.height:
        return [1] * df.height
    return (
        df.select(
            pl.max_horizontal(
                (
                    (pl.col(f).cast(pl.String).str.len_bytes() + pl.col(f).cast(pl.String).str.len_chars())
                    / 2
                    / (WRAP_WIDTH - 2)
                )
                .ceil()
                .fill_null(1)
                for f in wrapped
            )
            .cast(pl.Int64)
            .alias("n")
        )
        .to_series()
        .to_list()
    )


def write_rows_cellwise(
    ws: Worksheet,
    fmts: Formats,
    df: pl.DataFrame,
    columns: list[Column],
    first_row: int,
    *,
    fast: bool = False,
) -> int:
    lines = row_lines(df, columns)
    if fast:
        how = {TEXT: CELL_TEXT, WRAP: CELL_TEXT, DATE: CELL_DATE}
        fast_plan = [
            (j, c.field, how.get(c.kind, CELL_NUMBER), fmts.of(c.kind))
            for j, c in enumerate(columns)
            if c.field is not None and c.field in df.columns
        ]
        return stream_rows(ws, df, fast_plan, first_row, lines)
    plan: list[tuple[int, Callable[..., Any], Any, Callable[[Any], Any]]] = []
    for j, col in enumerate(columns):
        if col.field is None or col.field not in df.columns:
            continue
        if col.kind in (TEXT, WRAP):
            plan.append((j, ws.write_string, fmts.of(col.kind), str))
        elif col.kind == DATE:
            plan.append((j, ws.write_datetime, fmts.date, _same))
        else:
            plan.append((j, ws.write_number, fmts.of(col.kind), float))
    fields = [columns[j].field for j, *_ in plan]
    r = first_row - 1
    for r, values in enumerate(df.select(fields).iter_rows(), start=first_row):
        n = lines[r - first_row]
        if n > 1:
            ws.set_row(r, 15 * min(n, 8))
        for (j, write, fmt, conv), v in zip(plan, values, strict=True):
            if v is not None and v != "":
                write(r, j, conv(v), fmt)
    return r


def _same(v: dt.date) -> dt.date:
    return v


def set_widths(ws: Worksheet, fmts: Formats, df: pl.DataFrame, columns: list[Column]) -> None:
    for j, col in enumerate(columns):
        ws.set_column(j, j, fit_width(df, col), fmts.of(col.kind))
