"""Reading agency files as they really are: every cell as text, every sheet, nothing guessed away.

A reader returns `RawSheet`s: the whole grid of a sheet as strings (header rows included), with the
row number the user sees in Excel for each grid row. Deciding where the header is and what the columns
mean happens later (`recon.io.header`, `recon.kinds`). Excel files go through calamine (fastexcel),
which reads .xlsx and legacy .xls; CSV through polars after the encoding is decided.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import fastexcel
import polars as pl

from recon.errors import InputError
from recon.io.encoding import detect_csv_encoding, encoding_error
from recon.io.formulas import FormulaCell, formula_cells
from recon.io.html_table import looks_like_html, read_html_tables
from recon.io.merges import MergedRange, merged_ranges

# .et is WPS Spreadsheets' own format (an .xls or .xlsx inside); calamine reads it by content
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".et"}
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
PARQUET_SUFFIXES = {".parquet"}
SUPPORTED_SUFFIXES = EXCEL_SUFFIXES | CSV_SUFFIXES | PARQUET_SUFFIXES

PREVIEW_ROWS = 30  # header rows are looked for among the first rows only
LAZY_BYTES = 16 << 20  # files larger than this are read whole only when their turn comes


@dataclass
class RawSheet:
    path: Path
    display: str  # the file name as shown to users (relative to the input folder)
    sheet: str | None  # None for CSV / Parquet
    grid: pl.DataFrame  # every column String, named c0, c1, …
    first_row: int = 1  # the user-visible row number of grid row 0
    numeric_source: tuple[Any, str] | None = None  # (reader, sheet): which cells were numbers (Excel)
    typed: dict[str, pl.DataType] = field(default_factory=dict)  # Parquet: original dtypes per column
    formulas: list[FormulaCell] = field(default_factory=list)  # .xlsx cells holding a formula
    merges: list[MergedRange] = field(default_factory=list)  # merged cell ranges (Excel only)
    field_counts: pl.Series | None = None  # CSV: fields per grid row (None when rows and lines differ)
    notes: list[str] = field(default_factory=list)  # how the file was read, worth saying (an encoding)
    # A large CSV/Parquet file is planned from its first rows only and read whole when its turn comes,
    # so a province's files are never all in memory at once.
    loader: Callable[[], pl.DataFrame | tuple[pl.DataFrame, pl.Series | None]] | None = None

    def load(self) -> pl.DataFrame:
        """The whole grid (reading it now if only the first rows were read so far)."""
        if self.loader is not None:
            got, self.loader = self.loader(), None
            if isinstance(got, tuple):
                self.grid, self.field_counts = got
            else:
                self.grid = got
        return self.grid

    def preview(self) -> list[list[str | None]]:
        return [list(r) for r in self.grid.head(PREVIEW_ROWS).iter_rows()]

    def numeric_flags(self, col_index: int) -> pl.Series | None:
        """True where the cell in this column was stored as a number (Excel), else None.

        A numeric cell holding an 18-digit ID has lost its last digits for good; calamine renders it as
        plausible integer text, so only the cell's storage type tells. Read as boolean, calamine gives
        non-null exactly for numeric (and boolean) cells and null for text cells.
        """
        if self.numeric_source is None:
            return None
        reader, sheet_name = self.numeric_source
        try:
            s = reader.load_sheet(
                sheet_name, header_row=None, skip_rows=0, dtypes="boolean", use_columns=[col_index]
            ).to_polars()
        except Exception:  # noqa: BLE001 - a failed second look must not lose the first read
            return None
        if s.width == 0:
            return None
        flags = s.to_series(0).is_not_null()
        # the first read and this one cover the same rows from row 1
        return flags.head(self.grid.height).extend_constant(False, max(0, self.grid.height - flags.len()))


def _named(df: pl.DataFrame) -> pl.DataFrame:
    return df.rename({c: f"c{i}" for i, c in enumerate(df.columns)})


_FIX_RESAVE = "确认文件完整（重新下载或重新拷贝），在 Excel 中能打开后另存为 .xlsx 再运行"
_FIX_RESAVE_EN = "make sure the file is complete (download or copy it again); once Excel opens it, save as .xlsx and run again"


def _excel_error(path: Path, display: str, e: Exception) -> InputError:
    text = str(e)
    with path.open("rb") as f:
        data = f.read(8)
    suffix = path.suffix.lower()
    if data.startswith(b"\xd0\xcf\x11\xe0") and suffix in {".xlsx", ".xlsm"}:
        return InputError(
            "这个 .xlsx 文件是加密（设了打开密码）的，或其实是旧版 .xls 文件",
            file=display,
            fix="在 Excel 中打开，取消密码（文件-信息-保护工作簿），另存为 .xlsx 后再运行",
            en="this .xlsx file is encrypted (has an open password), or is really an old .xls file",
            fix_en="open it in Excel, remove the password (File > Info > Protect Workbook), save as .xlsx and run again",
        )
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return InputError(
            "这个 .xls 文件打不开：可能设了打开密码，或文件已损坏",
            file=display,
            fix="在 Excel 中打开，如有密码先取消（文件-信息-保护工作簿），另存为 .xlsx 后再运行",
            en="this .xls file cannot be opened: it may have an open password, or it is damaged",
            fix_en="open it in Excel, remove any password (File > Info > Protect Workbook), save as .xlsx and run again",
        )
    if data.startswith(b"PK") and suffix in {".xlsx", ".xlsm", ".ods"}:
        try:
            names = zipfile.ZipFile(path).namelist()
        except zipfile.BadZipFile:
            return InputError(
                "文件不完整或已损坏（可能下载或拷贝时中断）",
                file=display,
                fix=_FIX_RESAVE,
                en="the file is incomplete or damaged (a download or copy may have been cut off)",
                fix_en=_FIX_RESAVE_EN,
            )
        if any(n.startswith("word/") for n in names):
            return InputError(
                "这是一个 Word 文档（.docx），只是扩展名写成了 Excel",
                file=display,
                fix="请向报送单位索取 Excel 格式的名册",
                en="this is a Word document (.docx) with an Excel file extension",
                fix_en="ask the sender for the roll in Excel format",
            )
        if any(n.startswith("ppt/") for n in names):
            return InputError(
                "这是一个 PowerPoint 文档，只是扩展名写成了 Excel",
                file=display,
                fix="请向报送单位索取 Excel 格式的名册",
                en="this is a PowerPoint document with an Excel file extension",
                fix_en="ask the sender for the roll in Excel format",
            )
        if "xl/workbook.xml" not in names:
            return InputError(
                "这个压缩文件不是 Excel 工作簿",
                file=display,
                fix="请向报送单位索取 Excel 格式的名册",
                en="this zip file is not an Excel workbook",
                fix_en="ask the sender for the roll in Excel format",
            )
    if data.lstrip()[:1] == b"<":
        return InputError(
            "这个文件是网页或 XML 格式，不是真正的 Excel 文件，其中也没有可读的表格",
            file=display,
            fix="在 Excel 中打开后另存为 .xlsx",
            en="this file is a web page or XML, not a real Excel file, and has no readable table",
            fix_en="open it in Excel and save as .xlsx",
        )
    first = text.splitlines()[0] if text else type(e).__name__
    return InputError(
        f"Excel 文件打不开（{first[:200]}）",
        file=display,
        fix=_FIX_RESAVE,
        en=f"the Excel file cannot be opened ({first[:200]})",
        fix_en=_FIX_RESAVE_EN,
    )


def _empty_file_error(display: str) -> InputError:
    return InputError(
        "文件是空的（0 字节）",
        file=display,
        fix="重新向报送单位索取这个文件；如果它不是名册，把它移出输入目录",
        en="the file is empty (0 bytes)",
        fix_en="ask the sender for this file again; if it is not a roll, move it out of the input folder",
    )


def read_excel(path: Path, display: str) -> list[RawSheet]:
    with path.open("rb") as f:
        head = f.read(4096)
    if not head.strip():
        raise _empty_file_error(display)
    if looks_like_html(head):
        return [
            RawSheet(path=path, display=display, sheet=name, grid=grid)
            for name, grid in read_html_tables(path, display)
        ]
    try:
        reader = fastexcel.read_excel(str(path))
        names = list(reader.sheet_names)
    except Exception as e:  # calamine raises its own error types for every kind of broken file
        raise _excel_error(path, display, e) from e
    formulas = formula_cells(path) if head.startswith(b"PK") else {}
    merges = merged_ranges(path)
    sheets = []
    for name in names:
        try:
            df = reader.load_sheet(name, header_row=None, skip_rows=0, dtypes="string").to_polars()
        except Exception as e:
            if "empty" in str(e).lower():
                df = pl.DataFrame()
            else:
                raise InputError(
                    f"工作表读取失败（{str(e)[:200]}）",
                    file=display,
                    sheet=name,
                    fix="在 Excel 中打开检查这个工作表，另存为 .xlsx 再运行",
                    en=f"the sheet cannot be read ({str(e)[:200]})",
                    fix_en="open it in Excel to check this sheet, save as .xlsx and run again",
                ) from e
        sheets.append(
            RawSheet(
                path=path,
                display=display,
                sheet=name,
                grid=_named(df),
                numeric_source=(reader, name),
                formulas=formulas.get(name, []),
                merges=merges.get(name, []),
            )
        )
    return sheets


def _sniff_delimiter(text_head: str) -> str:
    """The delimiter of a CSV file: a comma, unless the first lines hold none and another one instead."""
    lines = text_head.splitlines()[:PREVIEW_ROWS]
    counts = {d: sum(line.count(d) for line in lines) for d in (",", "\t", ";", "|")}
    if counts[","] == 0 and max(counts.values()) > 0:
        return max(counts, key=lambda d: counts[d])
    return ","


def _nth_newline(data: bytes, n: int) -> int:
    """The offset just past the n-th line break (or the end): where the first n lines stop."""
    pos = 0
    for _ in range(n):
        nxt = data.find(b"\n", pos)
        if nxt < 0:
            return len(data)
        pos = nxt + 1
    return pos


_QUOTED = r'"(?:[^"]|"")*"'
MULTILINE_SPAN = 20  # a quoted cell longer than this many lines is an unbalanced quote, not a cell


def _line_profile(source: Path | bytes, delim: str) -> pl.DataFrame:
    """Per line of the file: `fields` (delimiters outside quotes + 1; null for an empty line) and
    `odd` (an odd number of quote characters: a quoted cell that spans lines, or an unbalanced quote).

    Read as whole lines (no quoting) by polars, so a gigabyte file is counted without Python per line.
    """
    src = io.BytesIO(source) if isinstance(source, bytes) else source
    line = pl.col("l")
    unquoted = line.str.replace_all(_QUOTED, "")
    try:
        return (
            pl.scan_csv(
                src,
                has_header=False,
                separator="\x1f",  # a line is one value (the unit separator occurs in no roll)
                quote_char=None,
                schema={"l": pl.String},
                truncate_ragged_lines=True,
                extra_columns="ignore",
            )
            .select(
                (unquoted.str.count_matches(re.escape(delim)) + 1).cast(pl.Int32).alias("fields"),
                (line.str.count_matches('"') % 2 == 1).fill_null(False).alias("odd"),
            )
            .collect()
        )
    except pl.exceptions.PolarsError:
        # the grid read reports what is wrong with such a file; without a profile nothing is lost
        return pl.DataFrame(schema={"fields": pl.Int32, "odd": pl.Boolean})


def _check_quotes(profile: pl.DataFrame, display: str) -> bool:
    """True when quoted cells span lines (the field counts then do not line up with rows). An
    unbalanced quote, which would swallow the rest of the file into one cell, is an error naming the
    line."""
    odd = profile.with_row_index("line").filter("odd")["line"].to_list()
    for k in range(0, len(odd), 2):
        start = odd[k]
        end = odd[k + 1] if k + 1 < len(odd) else None
        if end is None or end - start > MULTILINE_SPAN:
            raise InputError(
                f"第 {start + 1} 行的双引号不成对：从这一行起的内容会被读成一个单元格，其后的行全部丢失",
                file=display,
                row=start + 1,
                fix=f"用记事本或 Excel 打开，检查第 {start + 1} 行，删去多余的引号（或补全），另存为 CSV",
                en=f"line {start + 1} has an unbalanced double quote: everything after it would be read as one cell",
                fix_en=f"open the file, fix the quote on line {start + 1}, and save it as CSV again",
            )
    return bool(odd)


def read_csv(path: Path, display: str, encoding: str | None = None) -> list[RawSheet]:
    data = path.read_bytes()
    if not data:
        raise _empty_file_error(display)
    if not data.strip():
        return [RawSheet(path=path, display=display, sheet=None, grid=pl.DataFrame())]
    enc, note = detect_csv_encoding(data, display, encoding)
    head_end = _nth_newline(data, PREVIEW_ROWS + 1)
    delim = _sniff_delimiter(data[:head_end].decode(enc, errors="replace")[:20000])
    utf8_in_place = enc in ("utf-8-sig", "utf-8")

    def body(raw: bytes, n_rows: int | None = None) -> tuple[pl.DataFrame, pl.Series | None]:
        try:
            utf8 = raw.removeprefix(b"\xef\xbb\xbf") if utf8_in_place else raw.decode(enc).encode()
        except UnicodeDecodeError as e:
            raise encoding_error(display, enc, e) from e
        del raw
        if n_rows is None:
            profile = _line_profile(utf8 if not utf8_in_place else path, delim)
            spans_lines = _check_quotes(profile, display)
        else:
            # the first lines only, to plan the sheet; the whole file is checked when it is read
            profile = _line_profile(utf8[: _nth_newline(utf8, n_rows)], delim)
            spans_lines = True
        # As many columns as the widest line: a row with a stray delimiter keeps its last field (and is
        # reported), where a table as wide as its first line would drop it in silence.
        width = profile.select(pl.col("fields").max()).item()
        shape: dict[str, Any] = (
            {
                "schema": {f"column_{i}": pl.String for i in range(1, int(width) + 1)},
                "missing_columns": "insert",
            }
            if width
            else {}
        )
        try:
            grid = pl.read_csv(
                io.BytesIO(utf8),
                has_header=False,
                infer_schema=False,
                separator=delim,
                quote_char='"',
                n_rows=n_rows,
                truncate_ragged_lines=True,
                **shape,
            )
        except pl.exceptions.PolarsError as e:
            raise InputError(
                f"CSV 文件格式有误：{str(e).splitlines()[0]}",
                file=display,
                fix="用 Excel 打开检查后另存为 CSV（逗号分隔）",
                en=f"the CSV file is malformed: {str(e).splitlines()[0]}",
                fix_en="open it in Excel to check it, then save as CSV (comma delimited)",
            ) from e
        counts = None if spans_lines or profile.height != grid.height else profile["fields"]
        return _named(grid), counts

    if len(data) <= LAZY_BYTES:
        grid, counts = body(data)
        return [RawSheet(path=path, display=display, sheet=None, grid=grid, field_counts=counts, notes=note)]
    head, counts = body(data, n_rows=PREVIEW_ROWS)
    del data
    return [
        RawSheet(
            path=path,
            display=display,
            sheet=None,
            grid=head,
            field_counts=counts,
            notes=note,
            loader=lambda: body(path.read_bytes()),
        )
    ]


def _parquet_error(display: str, e: Exception) -> InputError:
    return InputError(
        f"Parquet 文件打不开：{e}",
        file=display,
        fix="重新导出这个文件",
        en=f"the Parquet file cannot be opened: {e}",
        fix_en="export this file again",
    )


def read_parquet(path: Path, display: str) -> list[RawSheet]:
    def grid(n_rows: int | None = None) -> pl.DataFrame:
        try:
            df = pl.read_parquet(path, n_rows=n_rows)
        except Exception as e:
            raise _parquet_error(display, e) from e
        # Parquet has real column names: the header is row 0 of the grid like everywhere else.
        header = pl.DataFrame({f"c{i}": [c] for i, c in enumerate(df.columns)})
        body = df.select([pl.col(c).cast(pl.String).alias(f"c{i}") for i, c in enumerate(df.columns)])
        return pl.concat([header, body])

    head = grid(PREVIEW_ROWS)
    try:
        typed = dict(pl.read_parquet_schema(path))
    except Exception as e:
        raise _parquet_error(display, e) from e
    if path.stat().st_size <= LAZY_BYTES:
        return [RawSheet(path=path, display=display, sheet=None, grid=grid(), typed=typed)]
    return [RawSheet(path=path, display=display, sheet=None, grid=head, typed=typed, loader=grid)]


def read_file(path: Path, display: str | None = None, encoding: str | None = None) -> list[RawSheet]:
    display = display or path.name
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        return read_excel(path, display)
    if suffix in CSV_SUFFIXES:
        return read_csv(path, display, encoding)
    if suffix in PARQUET_SUFFIXES:
        return read_parquet(path, display)
    raise InputError(
        f"不支持的文件类型 {suffix or '(无扩展名)'}",
        file=display,
        fix="recon 读取 .xlsx、.xls、.csv 和 .parquet 文件",
        en=f"unsupported file type {suffix or '(no extension)'}",
        fix_en="recon reads .xlsx, .xls, .csv and .parquet files",
    )
