"""Reading an HTML table saved with an Excel extension.

Web systems (the 低保 and 残联 online platforms among them) "export to Excel" by sending an HTML page
named .xls. Excel opens it with a warning, so officers pass it on as it is. It holds real data: recon reads
every <table> in it as one sheet, with the standard library's html.parser (no new dependency).

Merged cells follow calamine's convention for real workbooks: the value sits in the top-left cell only,
and the cells a colspan/rowspan covers stay blank, so header detection sees the same grid either way.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser
from pathlib import Path

import polars as pl

from recon.errors import InputError

_CHARSET_RE = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_MAX_SPAN = 1000  # a span beyond this is a broken page, not a layout: treat it as 1
_WS_RE = re.compile(r"\s+")


def looks_like_html(head: bytes) -> bool:
    """True for a page (not an XML spreadsheet or another markup) judged from the first bytes."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<!doctype html", b"<html", b"<table", b"<meta", b"<head", b"<body")) or (
        text.startswith(b"<") and b"<table" in head.lower()
    )


def _decode(data: bytes, display: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    m = _CHARSET_RE.search(data[:4096])
    declared = m.group(1).decode("ascii").lower() if m else None
    if declared in ("gbk", "gb2312", "gb_2312-80", "x-gbk"):
        declared = "gb18030"  # a page declared GBK may hold characters only GB18030 can decode (such as 䶮)
    for enc in ([declared] if declared else []) + ["utf-8", "gb18030"]:
        try:
            return data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError(
        "这个网页格式（HTML）的表格文件编码无法识别",
        file=display,
        fix="在 Excel 中打开后另存为 .xlsx 再运行",
        en="the encoding of this web-page (HTML) table file cannot be recognised",
        fix_en="open it in Excel, save as .xlsx and run again",
    )


def _span(value: str | None) -> int:
    try:
        n = int((value or "1").strip())
    except ValueError:
        return 1
    return n if 1 <= n <= _MAX_SPAN else 1


class _TableParser(HTMLParser):
    """Collects the cell texts of every table; a nested table's text stays inside its outer cell."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[tuple[str, int, int]]]] = []  # rows of (text, colspan, rowspan)
        self._stack: list[list[list[tuple[str, int, int]]]] = []
        self._cell: list[str] | None = None
        self._spans = (1, 1)
        self._depth_in_cell = 0  # nesting depth of the table that owns the open cell

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            if self._cell is not None:
                self._depth_in_cell += 1  # nested table: its text joins the outer cell
                return
            self._stack.append([])
        elif self._depth_in_cell:
            return
        elif tag == "tr" and self._stack:
            self._close_cell()
            self._stack[-1].append([])
        elif tag in ("td", "th") and self._stack:
            self._close_cell()
            if not self._stack[-1]:
                self._stack[-1].append([])
            a = dict(attrs)
            self._cell = []
            self._spans = (_span(a.get("colspan")), _span(a.get("rowspan")))
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            if self._depth_in_cell:
                self._depth_in_cell -= 1
                return
            self._close_cell()
            if self._stack:
                self.tables.append(self._stack.pop())
        elif self._depth_in_cell:
            return
        elif tag in ("td", "th"):
            self._close_cell()

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def _close_cell(self) -> None:
        if self._cell is None or not self._stack:
            self._cell = None
            return
        text = _WS_RE.sub(" ", "".join(self._cell)).strip()
        self._stack[-1][-1].append((text, *self._spans))
        self._cell = None


def _grid(rows: list[list[tuple[str, int, int]]]) -> list[list[str | None]]:
    """Place cells on a grid honouring colspan/rowspan (covered cells stay None)."""
    taken: set[tuple[int, int]] = set()
    out: list[list[str | None]] = []
    for r, cells in enumerate(rows):
        line: dict[int, str | None] = {}
        c = 0
        for text, colspan, rowspan in cells:
            while (r, c) in taken:
                c += 1
            line[c] = text or None
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, c + dc))
            c += colspan
        width = max([k + 1 for k in line] + [k[1] + 1 for k in taken if k[0] == r] + [0])
        out.append([line.get(i) for i in range(width)])
    return out


def read_html_tables(path: Path, display: str) -> list[tuple[str, pl.DataFrame]]:
    """(sheet name, grid of String columns c0…) for every non-empty table in the page."""
    text = _decode(path.read_bytes(), display)
    parser = _TableParser()
    try:
        parser.feed(text)
        parser.close()
    except Exception as e:  # html.parser is lenient: anything it still raises is a broken page
        raise InputError(
            f"网页格式（HTML）的表格文件无法解析：{e}",
            file=display,
            fix="在 Excel 中打开后另存为 .xlsx 再运行",
            en=f"this web-page (HTML) table file cannot be parsed: {e}",
            fix_en="open it in Excel, save as .xlsx and run again",
        ) from e
    sheets = []
    for n, rows in enumerate(t for t in parser.tables if any(t)):
        grid = _grid(rows)
        width = max((len(r) for r in grid), default=0)
        if width == 0:
            continue
        cols = {f"c{i}": [row[i] if i < len(row) else None for row in grid] for i in range(width)}
        sheets.append((f"表格{n + 1}", pl.DataFrame(cols, schema={c: pl.String() for c in cols})))
    if not sheets:
        raise InputError(
            "这个文件是网页（HTML）格式，里面没有表格",
            file=display,
            fix="确认导出的是名册本身；在 Excel 中打开后另存为 .xlsx 再运行",
            en="this file is a web page (HTML) with no table in it",
            fix_en="make sure the export is the roll itself; open it in Excel, save as .xlsx and run again",
        )
    return sheets
