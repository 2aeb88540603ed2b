"""Finding the header under title rows, including two-row headers built from merged cells.

Agencies put a title ("阳谷县2020年4月农村低保花名册") and sometimes a unit/date line above the table,
and group columns under merged cells ("户主信息" over 户主姓名 / 户主身份证号). calamine gives a merged
value only in its top-left cell, so a two-row header is read as: for each column, the lower cell where
it names a field, else the upper one (vertically merged headers such as 序号 sit in the upper row only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from recon.kinds import NON_FIELDS, field_for_header

MAX_HEADER_CHARS = 100  # no column name is longer; a longer cell (a pasted note, a 1 MB cell) is data


@lru_cache(maxsize=65536)
def _field(text: str) -> str | None:
    # header search looks at every cell of the first 30 rows, often the same texts on every sheet
    return field_for_header(text) if len(text) <= MAX_HEADER_CHARS else None


@dataclass(frozen=True)
class Header:
    first: int  # grid index of the first header row
    last: int  # grid index of the last header row (data starts after it)
    names: list[str]  # one header text per grid column ("" where none)
    fields_found: int

    @property
    def n_rows(self) -> int:
        return self.last - self.first + 1


def _cell(v: str | None) -> str:
    return "" if v is None else str(v).strip()


def _score(names: list[str]) -> int:
    return len({f for f in (_field(n) for n in names) if f and f not in NON_FIELDS})


# values no header cell holds: ID numbers, amounts, dates, phone numbers
_DATA_VALUE = re.compile(r"^\d{6,}[\dXx*]*$|^\d+\.\d+$|^\d{4}[-/.年]\d{1,2}")


def _could_be_header_row(row: list[str]) -> bool:
    """A lower header row names fields in most of its cells and holds no data value.

    A first data row can hold cells that are also header words (关系 "配偶", 职务 "村委会主任",
    类别 "城乡低保"); taking it for the second header row would lose that record.
    """
    filled = [c for c in row if c]
    if not filled or any(_DATA_VALUE.match(c) for c in filled):
        return False
    return 2 * sum(1 for c in filled if _field(c)) > len(filled)


def _combine(upper: list[str], lower: list[str]) -> list[str]:
    out = []
    for u, lo in zip(upper, lower, strict=True):
        if lo and _field(lo):
            out.append(lo)
        elif u and _field(u):
            out.append(u)
        else:
            out.append(lo or u)
    return out


def detect_header(
    preview: list[list[str | None]], explicit_row: int | None = None, first_row: int = 1
) -> Header | None:
    """The most field-rich header among the first rows; None when no row names two known fields.

    `explicit_row` is the 1-based sheet row the config names as the (last) header row.
    """
    rows = [[_cell(v) for v in r] for r in preview]
    if not rows:
        return None
    if explicit_row is not None:
        k = explicit_row - first_row
        if 0 <= k < len(rows):
            return Header(k, k, rows[k], _score(rows[k]))
        return None
    best: Header | None = None
    for k, row in enumerate(rows):
        if sum(1 for c in row if c) < 2:
            continue
        cands = [Header(k, k, row, _score(row))]
        if k + 1 < len(rows) and _could_be_header_row(rows[k + 1]):
            both = _combine(row, rows[k + 1])
            cands.append(Header(k, k + 1, both, _score(both)))
        for c in cands:
            # a two-row header must add fields over either of its rows alone, or it is a header + data
            if c.n_rows == 2 and c.fields_found <= max(_score(row), _score(rows[k + 1])):
                continue
            if best is None or c.fields_found > best.fields_found:
                best = c
    if best is None or best.fields_found < 2:
        return None
    return best
