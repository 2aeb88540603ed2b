"""Low-level writers: one laid-out table into an xlsx sheet (xlsxwriter), an xls sheet (xlwt), CSV text or
Parquet. What goes into the table is decided in write.py; this module only knows cells and layout."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import xlsxwriter
import xlwt

from recon.sample import ids
from recon.sample.mess import NumericId, Serial

Cell = object


@dataclass
class Table:
    headers: list[str]
    columns: Sequence[Sequence[Cell]]  # column-major data cells
    title: tuple[str, ...] = ()  # text rows above the header
    groups: tuple[tuple[str, int, int], ...] = ()  # merged upper header (text, first col, last col)
    blank_after: frozenset[int] = frozenset()  # data rows followed by an empty row
    subtotals: dict[int, list[Cell]] = field(default_factory=dict)  # data row -> a 小计 row after it
    total: list[Cell] | None = None  # the 合计 row at the bottom
    date_format: str = "yyyy-mm-dd"

    @property
    def n_rows(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    def row(self, i: int) -> list[Cell]:
        return [col[i] for col in self.columns]


def _plain(v: Cell) -> str:
    """A cell as the text a CSV export holds."""
    if v is None:
        return ""
    if isinstance(v, NumericId):
        return ids.float_text(str(v))
    if isinstance(v, Serial):
        return (dt.date(1899, 12, 30) + dt.timedelta(days=int(v))).isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else f"{v:.2f}"
    return str(v)


def _layout_rows(t: Table, plain: bool) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for i in range(t.n_rows):
        rows.append(t.row(i))
        if plain:
            continue
        if i in t.subtotals:
            rows.append(t.subtotals[i])
        if i in t.blank_after:
            rows.append([None] * len(t.headers))
    if t.total is not None and not plain:
        rows.append(t.total)
    return rows


def _typed(v: Cell) -> tuple[str, object]:
    """How a laid-out cell is stored in a workbook: an ID planted as a number (the float-damage mess),
    text, a real date cell, or a number (Serial dates are bare numbers)."""
    if v is None:
        return "blank", None
    if isinstance(v, NumericId):
        return "number", float(v)
    if isinstance(v, str):
        return "text", v
    if isinstance(v, dt.date):
        return "date", dt.datetime(v.year, v.month, v.day)
    return "number", float(v)  # type: ignore[arg-type]  # the remaining cells are numbers


def write_xlsx(path: Path, sheets: list[tuple[str, Table]]) -> None:
    # strings never become formulas, URLs or numbers: the writer keeps exactly the text we planted
    wb = xlsxwriter.Workbook(
        str(path), {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    )
    # a fixed creation time keeps the bytes identical run to run (the committed sample stays unchanged)
    wb.set_properties({"created": dt.datetime(2020, 1, 1)})
    title_fmt = wb.add_format({"bold": True, "font_size": 14, "align": "center"})
    head_fmt = wb.add_format({"bold": True, "align": "center", "valign": "vcenter", "border": 1})
    fmts: dict[str, object] = {}
    for name, t in sheets:
        ws = wb.add_worksheet(name)
        date_fmt = fmts.setdefault(t.date_format, wb.add_format({"num_format": t.date_format}))
        ncol = len(t.headers)
        r = 0
        for line in t.title:
            ws.merge_range(r, 0, r, ncol - 1, line, title_fmt)
            r += 1
        if t.groups:
            grouped = set()
            for text, c0, c1 in t.groups:
                ws.merge_range(r, c0, r, c1, text, head_fmt)
                for c in range(c0, c1 + 1):
                    ws.write_string(r + 1, c, t.headers[c], head_fmt)
                    grouped.add(c)
            for c, h in enumerate(t.headers):
                if c not in grouped:
                    ws.merge_range(r, c, r + 1, c, h, head_fmt)
            r += 2
        else:
            for c, h in enumerate(t.headers):
                ws.write_string(r, c, h, head_fmt)
            r += 1
        for row in _layout_rows(t, plain=False):
            for c, v in enumerate(row):
                kind, value = _typed(v)
                if kind == "text":
                    ws.write_string(r, c, value)
                elif kind == "date":
                    ws.write_datetime(r, c, value, date_fmt)
                elif kind == "number":
                    ws.write_number(r, c, value)
            r += 1
        ws.set_column(0, ncol - 1, 14)
    wb.close()


def write_xls(path: Path, sheets: list[tuple[str, Table]]) -> None:
    wb = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    bold = xlwt.easyxf("font: bold on; align: horiz center")
    for name, t in sheets:
        ws = wb.add_sheet(name)
        ncol = len(t.headers)
        r = 0
        for line in t.title:
            ws.write_merge(r, r, 0, ncol - 1, line, bold)
            r += 1
        for c, h in enumerate(t.headers):
            ws.write(r, c, h, bold)
        r += 1
        for row in _layout_rows(t, plain=False):
            for c, v in enumerate(row):
                kind, value = _typed(v)
                if kind == "date":
                    ws.write(r, c, value, date_style)
                elif kind != "blank":
                    ws.write(r, c, value)
            r += 1
    wb.save(str(path))


def csv_text(t: Table, *, with_layout: bool) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if with_layout:
        for line in t.title:
            w.writerow([line] + [""] * (len(t.headers) - 1))
    w.writerow(t.headers)
    for row in _layout_rows(t, plain=not with_layout):
        w.writerow([_plain(v) for v in row])
    return buf.getvalue()


def write_csv(path: Path, t: Table, *, encoding: str, with_layout: bool) -> None:
    if not with_layout and encoding == "utf-8":
        # plain exports (the benchmark formats) reach millions of rows: polars writes them, quoting as
        # the csv module does (only where a separator, quote or line break needs it)
        _plain_frame(t, blank_as_null=True).write_csv(path, line_terminator="\r\n", null_value="")
        return
    # GBK files are encoded strictly: a character outside GBK is a generator bug, not something to hide
    path.write_bytes(csv_text(t, with_layout=with_layout).encode(encoding))


def write_parquet(path: Path, t: Table) -> None:
    _plain_frame(t, blank_as_null=True).write_parquet(path)


def _plain_column(col: Sequence[Cell]) -> pl.Series:
    """A column as text, as `_plain` gives it; text columns (most of them) go straight to polars.
    Plain formats never hold NumericId cells (they exist only when writing workbooks)."""
    try:
        return pl.Series(col, dtype=pl.String)
    except TypeError:
        return pl.Series([_plain(v) for v in col], dtype=pl.String)


def _plain_frame(t: Table, *, blank_as_null: bool) -> pl.DataFrame:
    cols = {h: _plain_column(col) for h, col in zip(t.headers, t.columns, strict=True)}
    df = pl.DataFrame(cols, schema={h: pl.String for h in t.headers})
    if blank_as_null:
        df = df.with_columns(pl.all().replace("", None))
    return df
