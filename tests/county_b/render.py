"""What every table builder shares: the cell-level rendering of one record for one kind of file, and
the frame around the data (title rows, one- or two-row headers, blank rows, 合计, a signature line)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from tests.county_b import mess
from tests.county_b.people import ALL_TOWNS
from tests.county_b.xl import Cell, NumId, Sheet

STAFF = ("张丽", "王建伟", "李红霞", "刘涛", "陈静", "赵磊")


@dataclass
class Render:
    """Renders records for one physical file: `fmt` is xlsx, xls or csv; `gbk` when the file is GBK."""

    rng: np.random.Generator
    fmt: str
    month: dt.date
    gbk: bool = False
    id_share: float = 0.12
    ids_seen: dict[int, Cell] = field(default_factory=dict)

    @property
    def workbook(self) -> bool:
        return self.fmt in ("xlsx", "xls")

    def id(self, row: dict[str, object], *, in_text: bool = False) -> Cell:
        """The ID cell of a record, rendered once per record (a head's ID shows twice, identically)."""
        rec = int(row["rec"])  # type: ignore[call-overload]
        if rec not in self.ids_seen:
            self.ids_seen[rec] = self._id(row)
        cell = self.ids_seen[rec]
        if in_text:  # inside a list of members: text only, and only mess that keeps the ID one token
            if isinstance(cell, NumId):
                return cell.text()
            if isinstance(cell, str):
                return cell.replace(" ", "").replace("\t", "").replace("'", "").replace("\u00a0", "")
        return cell

    def _id(self, row: dict[str, object]) -> Cell:
        status, text = str(row["id_status"]), str(row["id_text"] or "")
        if status == "float_damaged":
            # most went through Excel (15 digits kept); a few were written by a program (nearest double)
            num = NumId(float(int(text[:15]) * 1000) if self.rng.random() < 0.7 else float(int(text)))
            return num if self.workbook else num.text()
        if status in ("invalid", "missing", "valid15"):
            return text or None  # written exactly as the answer holds it
        tag = row.get("planted")
        return mess.id_text(text, self.rng, gbk=self.gbk, tag=str(tag) if tag else None, share=self.id_share)

    def name(self, row: dict[str, object], kind: str) -> str:
        name = str(row["name"])
        if row["id_status"] != "valid" and row["id_status"] != "valid15":
            return name  # the unique names of Q1/Q3 people are matched as written
        tag = row.get("planted")
        return mess.name_text(name, kind, self.rng, gbk=self.gbk, tag=str(tag) if tag else None)

    def date(self, d: object) -> Cell:
        return mess.date_cell(d if isinstance(d, dt.date) else None, self.rng, workbook=self.workbook)

    def month_(self, d: object) -> Cell:
        return mess.month_cell(d if isinstance(d, dt.date) else None, self.rng, workbook=self.workbook)

    def amount(self, v: object) -> Cell:
        return mess.amount_cell(float(v) if isinstance(v, int | float) else None, self.rng)

    def relation(self, row: dict[str, object]) -> str:
        return mess.relation_text(row.get("relation"), row.get("gender"), self.rng)  # type: ignore[arg-type]

    def footer(self) -> str:
        a, b = self.rng.choice(len(STAFF), size=2, replace=False)
        made = self.month + dt.timedelta(days=int(self.rng.integers(1, 6)))
        return f"制表人：{STAFF[a]}      审核人：{STAFF[b]}      制表日期：{made.year}年{made.month}月{made.day}日"


def ordered(df: pl.DataFrame) -> pl.DataFrame:
    """Rows in the order a roll lists them: by town, village, household (head first), entry."""
    town = pl.col("town").replace_strict({t: i for i, t in enumerate(ALL_TOWNS)}, return_dtype=pl.Int64)
    return (
        df.with_columns(_t=town)
        .sort("_t", "village", "hh", pl.col("relation") != "户主", "rec", nulls_last=True)
        .drop("_t")
    )


def framed(
    name: str,
    titles: list[str],
    headers: list[str],
    body: list[list[Cell]],
    body_merges: list[tuple[int, int, int, int]],
    *,
    groups: tuple[tuple[str, int, int], ...] = (),
    total: list[Cell] | None = None,
    footer: str | None = None,
    date_format: str = "yyyy-mm-dd",
) -> Sheet:
    """Stack titles, header (two rows when `groups` names merged upper cells), body and totals."""
    n = len(headers)
    rows: list[list[Cell]] = []
    merges: list[tuple[int, int, int, int]] = []
    for t in titles:
        merges.append((len(rows), 0, len(rows), n - 1))
        rows.append([t] + [None] * (n - 1))
    h0 = len(rows)
    if groups:
        upper: list[Cell] = [None] * n
        lower: list[Cell] = [None] * n
        grouped: set[int] = set()
        for text, c0, c1 in groups:
            upper[c0] = text
            merges.append((h0, c0, h0, c1))
            for c in range(c0, c1 + 1):
                lower[c] = headers[c]
                grouped.add(c)
        for c, h in enumerate(headers):
            if c not in grouped:
                upper[c] = h
                merges.append((h0, c, h0 + 1, c))
        rows += [upper, lower]
    else:
        rows.append(list(headers))
    b0 = len(rows)
    rows += [list(r) + [None] * (n - len(r)) for r in body]
    merges += [(r0 + b0, c0, r1 + b0, c1) for r0, c0, r1, c1 in body_merges]
    if total is not None:
        rows.append(total + [None] * (n - len(total)))
    if footer:
        rows.append([footer] + [None] * (n - 1))
    return Sheet(name, rows, merges, title_rows=len(titles), header_rows=(h0, b0), date_format=date_format)
