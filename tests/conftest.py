"""Small builders shared by the tests: valid ID numbers and spreadsheets written the messy way."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import xlsxwriter

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def check_char(first17: str) -> str:
    """The GB 11643 check character, computed here independently of recon's code (the tests' oracle)."""
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, WEIGHTS, strict=True)) % 11]


def with_check(first17: str) -> str:
    return first17 + check_char(first17)


def make_id(region: str = "371521", birth: str = "19500101", seq: str = "123") -> str:
    """A valid 18-character ID with a correct check character."""
    return with_check(region + birth + seq)


def write_xlsx(
    path: Path,
    sheets: dict[str, list[list[object]]],
    numeric_cols: dict[str, set[int]] | None = None,
    merges: dict[str, list[tuple[int, int, int, int, str]]] | None = None,
) -> Path:
    """Write rows as text cells (numbers as numbers only in `numeric_cols`), with optional merged ranges."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for r0, c0, r1, c1, text in (merges or {}).get(name, []):
            ws.merge_range(r0, c0, r1, c1, text)
        merged_cells = {
            (r, c)
            for (r0, c0, r1, c1, _) in (merges or {}).get(name, [])
            for r in range(r0, r1 + 1)
            for c in range(c0, c1 + 1)
        }
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is None or (r, c) in merged_cells:
                    continue
                if c in (numeric_cols or {}).get(name, set()) and isinstance(v, (int, float)):
                    ws.write_number(r, c, v)
                elif isinstance(v, dt.date):
                    ws.write_datetime(
                        r, c, dt.datetime(v.year, v.month, v.day), wb.add_format({"num_format": "yyyy-mm-dd"})
                    )
                else:
                    ws.write_string(r, c, str(v))
    wb.close()
    return path


@pytest.fixture
def ids() -> list[str]:
    return [make_id(birth=f"19{50 + i:02d}0{1 + i % 9}1{i % 9}", seq=f"{100 + i:03d}") for i in range(10)]
