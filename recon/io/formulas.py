"""Finding the formula cells of an .xlsx sheet, so the loader can say which values were computed.

recon never evaluates a formula: calamine hands over the value Excel saved with the file. That value can
be stale (a workbook saved by a program that does not calculate) or empty, so every formula cell in a
used column becomes a data-quality warning carrying the formula text. The sheet XML is scanned only when
it contains a formula at all (one fast byte search), so ordinary files cost nothing.
"""

from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

_SHEET_RE = re.compile(rb'<sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"', re.S)
_SHEET_RE_ALT = re.compile(rb'<sheet\b[^>]*?\br:id="([^"]*)"[^>]*?\bname="([^"]*)"', re.S)
_REL_RE = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"', re.S)
_REL_RE_ALT = re.compile(rb'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"', re.S)
_CELL_F_RE = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})([0-9]+)"[^>]*?>\s*<f\b([^>]*?)(?:/>|>(.*?)</f>)', re.S)
_DIM_RE = re.compile(rb'<dimension\b[^>]*?\bref="([A-Z]{1,3})[0-9]+', re.S)
_MAX_SCAN = 512 * 1024 * 1024  # an uncompressed sheet beyond this is not scanned (memory)


@dataclass(frozen=True)
class FormulaCell:
    row: int  # 0-based sheet row (Excel row - 1)
    col: int  # 0-based column relative to the sheet's first used column (as calamine numbers them)
    formula: str  # "=…", or "(共享公式)" for a cell that reuses another cell's formula


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n - 1


def _sheet_paths(z: zipfile.ZipFile) -> dict[str, str]:
    wb = z.read("xl/workbook.xml")
    rels = z.read("xl/_rels/workbook.xml.rels")
    targets = {i: t for i, t in _REL_RE.findall(rels)} | {i: t for t, i in _REL_RE_ALT.findall(rels)}
    sheets = {n: i for n, i in _SHEET_RE.findall(wb)} | {n: i for i, n in _SHEET_RE_ALT.findall(wb)}
    out = {}
    for name, rid in sheets.items():
        target = targets.get(rid)
        if target is None:
            continue
        t = target.decode("utf-8")
        path = t.lstrip("/") if t.startswith("/") else str(PurePosixPath("xl") / t)
        out[html.unescape(name.decode("utf-8"))] = path
    return out


def _has_formula(z: zipfile.ZipFile, member: str) -> bool:
    """Stream the sheet looking for a formula element, without holding the whole XML in memory."""
    tail = b""
    with z.open(member) as f:
        while chunk := f.read(1 << 20):
            if b"<f" in tail + chunk:
                return True
            tail = chunk[-1:]
    return False


def formula_cells(path: Path) -> dict[str, list[FormulaCell]]:
    """Sheet name -> its formula cells; {} for files that are not a readable .xlsx or hold no formula."""
    try:
        with zipfile.ZipFile(path) as z:
            found: dict[str, list[FormulaCell]] = {}
            for name, member in _sheet_paths(z).items():
                try:
                    info = z.getinfo(member)
                except KeyError:
                    continue
                if info.file_size > _MAX_SCAN or not _has_formula(z, member):
                    continue
                xml = z.read(member)
                dim = _DIM_RE.search(xml[:4096])
                col0 = _col_index(dim.group(1)) if dim else 0
                cells = []
                for letters, row, _attrs, text in _CELL_F_RE.findall(xml):
                    formula = html.unescape(text.decode("utf-8", errors="replace")) if text else ""
                    cells.append(
                        FormulaCell(
                            int(row) - 1,
                            _col_index(letters) - col0,
                            f"={formula}" if formula else "(共享公式)",
                        )
                    )
                if cells:
                    found[name] = cells
            return found
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return {}
