"""The merged cell ranges of a workbook's sheets, so the loader can give a household's cells to every
member row they were merged over.

calamine hands over a merged range's value in its top-left cell only, and the cells below it empty:
read as they come, a household's 户主 and 保障人数 would stand on its first member alone. The ranges are
read by python-calamine, which numbers columns exactly as the grid reader does; an .xlsx is first
searched for a `<mergeCell` element (streamed), so a workbook without merges costs no second read.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class MergedRange:
    """A merged block: rows are 0-based sheet rows; columns 0-based from the sheet's first used column
    (as calamine numbers a sheet's grid columns)."""

    row0: int
    col0: int
    row1: int
    col1: int

    @property
    def vertical(self) -> bool:
        return self.row1 > self.row0


def _xlsx_has_merges(path: Path) -> bool:
    """Whether any sheet of an .xlsx declares a merged range (streamed: no sheet is held whole)."""
    try:
        with zipfile.ZipFile(path) as z:
            for member in z.namelist():
                if not (member.startswith("xl/worksheets/") and member.endswith(".xml")):
                    continue
                tail = b""
                with z.open(member) as f:
                    while chunk := f.read(1 << 20):
                        if b"<mergeCell " in tail + chunk:
                            return True
                        tail = chunk[-11:]
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return False
    return False


def _calamine_ranges(path: Path) -> dict[str, list[MergedRange]]:
    import python_calamine  # only legacy and binary formats need it

    try:
        wb = python_calamine.CalamineWorkbook.from_path(str(path))
        found: dict[str, list[MergedRange]] = {}
        for name in wb.sheet_names:
            sheet = wb.get_sheet_by_name(name)
            ranges = sheet.merged_cell_ranges or []
            col0 = sheet.start[1] if sheet.start else 0
            found[name] = [MergedRange(r0, c0 - col0, r1, c1 - col0) for (r0, c0), (r1, c1) in ranges]
        return found
    except Exception:  # noqa: BLE001 - a failed second look must not lose the first read
        return {}


def merged_ranges(path: Path) -> dict[str, list[MergedRange]]:
    """Sheet name -> its merged ranges; {} when the file has none or cannot be read this way."""
    with path.open("rb") as f:
        zipped = f.read(2) == b"PK"
    if zipped and path.suffix.lower() in (".xlsx", ".xlsm") and not _xlsx_has_merges(path):
        return {}
    return _calamine_ranges(path)
