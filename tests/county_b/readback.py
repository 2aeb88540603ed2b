"""Read generated files back without recon, for the generator's own tests: ID-like tokens per file,
cells stored as numbers, and (for .xls, which openpyxl cannot open) merged ranges from the BIFF records."""

from __future__ import annotations

import csv
import io
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import fastexcel
import openpyxl

ID_LIKE = re.compile(r"^(\d{15}|\d{17}[\dX]|\d{17}|\d{19})$")
INVISIBLE = str.maketrans({" ": None, "\t": None, "'": None, "\u3000": None, "\u200b": None, "\u00a0": None})
FULLWIDTH = str.maketrans("０１２３４５６７８９Ｘｘ", "0123456789XX")


def normal_id(text: str) -> str:
    return text.translate(INVISIBLE).translate(FULLWIDTH).upper()


@dataclass
class Scan:
    ids: set[str] = field(default_factory=set)  # ID-like tokens, normalised
    raw: set[str] = field(default_factory=set)  # every text token exactly as written
    floats: int = 0  # ID numbers stored as numbers (number cells >= 1e16, or 4.11421E+17 text)


def _text(scan: Scan, v: str) -> None:
    scan.raw.add(v)
    if ID_LIKE.match(whole := normal_id(v)):
        scan.ids.add(whole)
        return
    parts = [p.split() for p in re.split(r"[；\n，]", v) if p.strip()]
    if len(parts) == 1 and len(parts[0]) == 1:
        scan.floats += "E+17" in v.upper()
        return
    for bits in parts:  # members listed in one cell: "姓名 身份证号；…", or "身份证号，身份证号…"
        scan.raw.update(bits)
        if "E+17" in bits[-1].upper():
            scan.floats += 1
        elif ID_LIKE.match(token := normal_id(bits[-1])):
            scan.ids.add(token)


def scan(path: Path) -> Scan:
    out = Scan()
    if path.suffix == ".xlsx":
        wb = openpyxl.load_workbook(path, read_only=True)
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                for v in row:
                    if isinstance(v, str):
                        _text(out, v)
                    elif isinstance(v, int | float) and not isinstance(v, bool) and v >= 1e16:
                        out.floats += 1
        wb.close()
    elif path.suffix == ".xls":
        reader = fastexcel.read_excel(path)
        for i in range(len(reader.sheet_names)):
            frame = reader.load_sheet(i, header_row=None, dtypes="string").to_polars()
            for col in frame.columns:
                for v in frame[col].to_list():
                    if v:
                        _text(out, v)
        out.floats = sum(s.big_numbers for s in xls_sheets(path))
    else:
        data = path.read_bytes()
        text = data.decode("utf-8-sig") if data.startswith(b"\xef\xbb\xbf") else data.decode("gb18030")
        for row in csv.reader(io.StringIO(text)):
            for v in row:
                if v:
                    _text(out, v)
    return out


# --- .xls: OLE2 compound file -> Workbook stream -> BIFF8 records ----------------------------------------
@dataclass
class XlsSheet:
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, r1, c0, c1
    big_numbers: int = 0


def _stream(data: bytes, name: str) -> bytes:
    sector = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    n_fat, first_dir = struct.unpack_from("<I", data, 0x2C)[0], struct.unpack_from("<I", data, 0x30)[0]
    difat = struct.unpack_from("<109I", data, 0x4C)[:n_fat]  # small files: no DIFAT sectors beyond these

    def sec(i: int) -> bytes:
        return data[(i + 1) * sector : (i + 2) * sector]

    fat = [x for s in difat for x in struct.unpack(f"<{sector // 4}I", sec(s))]

    def chain(start: int) -> bytes:
        out, i = [], start
        while i < 0xFFFFFFFA:
            out.append(sec(i))
            i = fat[i]
        return b"".join(out)

    directory = chain(first_dir)
    for off in range(0, len(directory), 128):
        entry = directory[off : off + 128]
        n = struct.unpack_from("<H", entry, 0x40)[0]
        if entry[: max(n - 2, 0)].decode("utf-16-le") == name:
            start, size = struct.unpack_from("<II", entry, 0x74)
            return chain(start)[:size]
    raise ValueError(f"no {name} stream")


def _records(stream: bytes) -> Iterator[tuple[int, bytes]]:
    i = 0
    while i + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, i)
        yield kind, stream[i + 4 : i + 4 + size]
        i += 4 + size


def xls_sheets(path: Path) -> list[XlsSheet]:
    sheets: list[XlsSheet] = []
    current: XlsSheet | None = None
    for kind, body in _records(_stream(path.read_bytes(), "Workbook")):
        if kind == 0x0809 and struct.unpack_from("<H", body, 2)[0] == 0x0010:  # BOF of a worksheet
            current = XlsSheet()
            sheets.append(current)
        elif current is None:
            continue
        elif kind == 0x00E5:  # MERGEDCELLS
            n = struct.unpack_from("<H", body, 0)[0]
            current.merges += [struct.unpack_from("<4H", body, 2 + 8 * k) for k in range(n)]
        elif kind == 0x0203 and struct.unpack_from("<d", body, 6)[0] >= 1e16:  # NUMBER
            current.big_numbers += 1
        elif kind == 0x000A:
            current = None
    return sheets
