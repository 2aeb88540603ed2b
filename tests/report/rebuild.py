"""The adversary of `--mask`: rebuild full ID numbers from what a masked run prints together.

A masked ID keeps its first 6 and last 4 characters. Whatever else a row of an output carries that
could be digits 7–14 (a date in any spelling, a run of digits) is combined with every masked ID of that
row; a combination that is an ID of the inputs is rebuilt. A row is a CSV line, a sheet row, or a JSON
object with everything nested in it. Nothing here knows how recon masks: it reads the files as a reader
of a posted list would.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import openpyxl

_MASKED = re.compile(r"(\d{6})\*{8}([\dXx]{4})")
_DATES = (
    re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})"),
    re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)"),
)
_DIGITS = re.compile(r"\d{8,}")


def _eights(text: str) -> set[str]:
    """Every 8-digit string a row could lend to a masked ID: dates in any spelling, digit runs."""
    out: set[str] = set()
    for pattern in _DATES:
        for y, m, d in pattern.findall(text):
            out.add(f"{y}{int(m):02d}{int(d):02d}")
    for run in _DIGITS.findall(text):
        out.update(run[i : i + 8] for i in range(len(run) - 7))
    return out


def rebuilt_in_row(cells: list[str], inputs: set[str]) -> set[str]:
    text = " ".join(cells)
    masked = _MASKED.findall(text)
    if not masked:
        return set()
    eights = _eights(text)
    return {p + e + s.upper() for p, s in masked for e in eights if p + e + s.upper() in inputs}


def _cell(v: object) -> str:
    if isinstance(v, dt.datetime | dt.date):
        return v.strftime("%Y-%m-%d")
    return "" if v is None else str(v)


def _json_rows(value: object) -> Iterator[list[str]]:
    """Each JSON object with the strings nested in it (objects inside are rows of their own too)."""
    if isinstance(value, dict):
        yield [str(v) for v in _leaves(value)]
        for v in value.values():
            yield from _json_rows(v)
    elif isinstance(value, list):
        for v in value:
            yield from _json_rows(v)


def _leaves(value: object) -> Iterator[object]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _leaves(v)
    elif isinstance(value, list):
        for v in value:
            yield from _leaves(v)
    else:
        yield value


def output_rows(out_dir: Path) -> Iterator[tuple[str, list[str]]]:
    """(where, cells) for every row of every output file under out_dir."""
    for path in sorted(out_dir.rglob("*")):
        if path.suffix == ".csv":
            with path.open(encoding="utf-8-sig", newline="") as f:
                for i, row in enumerate(csv.reader(f), start=1):
                    yield f"{path.name}:{i}", row
        elif path.suffix == ".xlsx":
            wb = openpyxl.load_workbook(path, read_only=True)
            for ws in wb.worksheets:
                for i, row in enumerate(ws.iter_rows(values_only=True), start=1):
                    yield f"{path.name}/{ws.title}:{i}", [_cell(v) for v in row]
            wb.close()
        elif path.suffix == ".json":
            for row in _json_rows(json.loads(path.read_text(encoding="utf-8"))):
                yield path.name, row


def rebuilt_ids(out_dir: Path, inputs: set[str]) -> dict[str, str]:
    """Input IDs a reader of the outputs can rebuild, each with the first place it can be done."""
    found: dict[str, str] = {}
    for where, cells in output_rows(out_dir):
        for idn in rebuilt_in_row(cells, inputs):
            found.setdefault(idn, where)
    return found
