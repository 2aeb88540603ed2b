"""Reading back the workbooks auditors returned: find columns by header text and rows by 记录键.

Auditors insert, move and rename things: columns are found by their header text (recon/report/labels.py),
the header row by scanning the first rows of every sheet (rows may have been inserted above it), the rule
sheets by their headers, not their names, and rows by 记录键 — or, where that column was deleted, by
rule + 身份证号. Only the ledger a reviewer fills is taken from a row; the facts come from the data.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from recon.contract import (
    ACTION_HEADER,
    BASE_HEADERS,
    DEADLINE_HEADER,
    KEY_HEADER,
    NOTE_HEADER,
    OWNER_HEADER,
    VERIFY_CHOICES,
    VERIFY_HEADER,
)
from recon.errors import ReviewedWorkbookError
from recon.kinds import header_key
from recon.model import empty_issues, issue_rows
from recon.months import month_text
from recon.normalize.dates import parse_date_expr
from recon.normalize.ids import clean_id_expr

HEADER_SCAN_ROWS = 30
VERDICT_TRUE, VERDICT_FALSE, VERDICT_PENDING = VERIFY_CHOICES
MONTH_LABEL = "比对月份"  # the 说明 sheet's row that names the month of the workbook

# frame column -> header it is read from
_COLUMNS: dict[str, str] = {
    "key": KEY_HEADER,
    "rule": BASE_HEADERS["rule"],
    "id_number": BASE_HEADERS["id_number"],
    "name": BASE_HEADERS["name"],
    "verdict": VERIFY_HEADER,
    "action": ACTION_HEADER,
    "deadline_text": DEADLINE_HEADER,
    "owner": OWNER_HEADER,
    "note": NOTE_HEADER,
}
LEDGER_COLUMNS = ("verdict", "action", "deadline_text", "owner", "note")

REVIEW_SCHEMA: dict[str, pl.DataType] = {
    **{c: pl.String() for c in _COLUMNS},
    "deadline": pl.Date(),
    "review_file": pl.String(),
    "review_sheet": pl.String(),
    "review_row": pl.Int64(),
    "review_month": pl.String(),  # "YYYY-MM" of the reviewed workbook, when it says
    "order": pl.Int64(),  # later files and rows win over earlier ones
}
_RULE_IN_SHEET_NAME = re.compile(r"^\s*([A-Z]\d{1,2})\b")
_MONTH_ONLY = r"^\d{4}\s*[-/.年]\s*\d{1,2}\s*月?$|^\d{6}$"
_MONTH_VALUE = re.compile(r"(\d{4})\D{1,3}(\d{1,2})")


@dataclass
class Reviews:
    rows: pl.DataFrame  # REVIEW_SCHEMA, one row per reviewed finding that has any ledger entry
    issues: pl.DataFrame  # ISSUE_SCHEMA: deadlines that could not be read, and the like


_HEADER_LOOKUP = {header_key(h): col for col, h in _COLUMNS.items()}


def header_map(row: tuple[object, ...]) -> dict[str, int]:
    """frame column -> 0-based position, for the cells of one row that are known headers."""
    found: dict[str, int] = {}
    for j, cell in enumerate(row):
        h = header_key(cell)
        if not h:
            continue
        col = _HEADER_LOOKUP.get(h)
        if col is None:
            # an auditor's "核实结果（属实/不属实）" still names the column it started as
            col = next((c for k, c in _HEADER_LOOKUP.items() if h.startswith(k)), None)
        if col is not None and col not in found:
            found[col] = j
    return found


def is_rule_sheet_header(found: dict[str, int]) -> bool:
    return "verdict" in found and ("key" in found or "id_number" in found)


def cell_text(value: object) -> str | None:
    """A cell as the text the reviewer meant: dates as ISO dates, whole numbers without ".0"."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    # the reviewer's own words stay as typed; codes and IDs are normalised where they are compared
    text = str(value).strip()
    return text or None


class _Sheet:
    """A sheet of a legacy .xls or WPS .et workbook, with the few openpyxl calls the reader makes."""

    def __init__(self, title: str, rows: list[list[Any]]) -> None:
        self.title, self._rows = title, rows

    def iter_rows(
        self,
        min_row: int = 1,
        max_row: int | None = None,
        max_col: int | None = None,
        values_only: bool = True,
    ) -> Any:
        for row in self._rows[min_row - 1 : max_row]:
            yield tuple(row[:max_col] if max_col else row)


class _Book:
    def __init__(self, sheets: list[_Sheet]) -> None:
        self.worksheets = sheets
        self.sheetnames = [s.title for s in sheets]

    def close(self) -> None:
        pass


def _open_legacy(path: Path) -> _Book:
    """An .xls or .et workbook through calamine (openpyxl reads .xlsx only): values as Excel shows them."""
    import python_calamine

    try:
        wb = python_calamine.CalamineWorkbook.from_path(str(path))
        sheets = []
        for name in wb.sheet_names:
            rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
            # calamine gives "" for an empty cell where openpyxl gives None
            sheets.append(_Sheet(name, [[None if v == "" else v for v in r] for r in rows]))
        return _Book(sheets)
    except Exception as e:
        raise ReviewedWorkbookError(
            "不是可读的工作簿（文件损坏、不是 Excel/WPS 文件，或设置了打开密码）",
            file=str(path),
            fix="用 Excel 或 WPS 打开确认能看到内容；如设置了密码请先取消，再另存一份",
            en="not a readable workbook (the file is damaged, not an Excel/WPS file, or has an open password)",
            fix_en="open it in Excel or WPS to check the content shows; remove any password, then save a copy",
        ) from e


def _open(path: Path) -> Any:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    if not path.is_file():
        raise ReviewedWorkbookError(
            "找不到这个已核实的工作簿",
            file=str(path),
            fix="检查 --reviewed 给的路径",
            en="this reviewed workbook cannot be found",
            fix_en="check the path given to --reviewed",
        )
    with path.open("rb") as f:
        zipped = f.read(2) == b"PK"
    if not zipped and path.suffix.lower() in (".xls", ".et"):
        # towns still save in Excel 2003 format, or in WPS's own
        return _open_legacy(path)
    try:
        # a file object: openpyxl refuses a WPS .et name even when the workbook inside is an .xlsx
        with path.open("rb") as f:
            return openpyxl.load_workbook(io.BytesIO(f.read()), read_only=False, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as e:
        raise ReviewedWorkbookError(
            "不是可读的 .xlsx 工作簿（文件损坏、不是 Excel 文件，或设置了打开密码）",
            file=str(path),
            fix="用 Excel 打开确认能看到内容；如设置了密码请先取消，再另存为 .xlsx",
            en="not a readable .xlsx workbook (the file is damaged, not an Excel file, or has an open password)",
            fix_en="open it in Excel to check the content shows; remove any password, then save as .xlsx",
        ) from e


def _workbook_month(wb: Any) -> str | None:
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=1, max_row=HEADER_SCAN_ROWS, max_col=2, values_only=True):
            if header_key(row[0]) == header_key(MONTH_LABEL) and len(row) > 1 and row[1] is not None:
                m = _MONTH_VALUE.search(cell_text(row[1]) or "")
                if m:
                    return month_text(dt.date(int(m.group(1)), int(m.group(2)), 1))
    return None


def _sheet_rows(ws: Any, path: Path, month: str | None) -> dict[str, list[Any]] | None:
    """The reviewed rows of one sheet as columns, or None when it is no rule sheet."""
    rows = ws.iter_rows(values_only=True)
    header_at, found = None, {}
    for i, row in enumerate(rows, start=1):
        if i > HEADER_SCAN_ROWS:
            break
        found = header_map(row)
        if is_rule_sheet_header(found):
            header_at = i
            break
    if header_at is None:
        return None
    sheet_rule = _RULE_IN_SHEET_NAME.match(ws.title)
    out: dict[str, list] = {c: [] for c in (*_COLUMNS, "review_row")}
    # the generator continues after the header row: reading the sheet is unavoidably row by row
    for i, row in enumerate(rows, start=header_at + 1):
        values = {c: cell_text(row[j]) if j < len(row) else None for c, j in found.items()}
        if not any(values.get(c) for c in ("key", "id_number")):
            continue
        for c in _COLUMNS:
            out[c].append(values.get(c))
        if not values.get("rule") and sheet_rule and not values.get("key"):
            out["rule"][-1] = sheet_rule.group(1)
        out["review_row"].append(i)
    out["review_sheet"] = [ws.title] * len(out["review_row"])
    out["review_file"] = [str(path)] * len(out["review_row"])
    out["review_month"] = [month] * len(out["review_row"])
    return out


def read_reviewed_workbook(path: Path | str) -> pl.DataFrame:
    """Every row of every rule sheet of one returned workbook (ledger empty or not)."""
    path = Path(path)
    wb = _open(path)
    try:
        month = _workbook_month(wb)
        parts = [p for ws in wb.worksheets if (p := _sheet_rows(ws, path, month)) is not None]
    finally:
        wb.close()
    if not parts:
        raise ReviewedWorkbookError(
            f"工作簿里没有认得出的疑点表（各表都找不到“{VERIFY_HEADER}”和“{KEY_HEADER}”或“"
            f"{BASE_HEADERS['id_number']}”表头）；现有工作表：{'、'.join(wb.sheetnames)}",
            file=str(path),
            fix=f"请交回 recon 生成的 anomalies.xlsx（或 按乡镇 下的分册），表头文字不要改动，"
            f"至少保留“{KEY_HEADER}”或“{BASE_HEADERS['id_number']}”列和“{VERIFY_HEADER}”列",
            en=f"no findings sheet recognised in the workbook (no sheet has the “{VERIFY_HEADER}” header and "
            f"“{KEY_HEADER}” or “{BASE_HEADERS['id_number']}”); sheets present: {', '.join(wb.sheetnames)}",
            fix_en=f"return the anomalies.xlsx recon produced (or the per-town files under 按乡镇) with the headers "
            f"unchanged, keeping at least the “{KEY_HEADER}” or “{BASE_HEADERS['id_number']}” column "
            f"and the “{VERIFY_HEADER}” column",
        )
    schema = {c: t for c, t in REVIEW_SCHEMA.items() if c not in ("deadline", "order")}
    frames = [pl.DataFrame(p, schema={c: schema[c] for c in p}) for p in parts]
    df = pl.concat(frames, how="diagonal").select(list(schema))
    # the rule of a row: its 规则 cell, else the first part of its key, else the sheet name
    return df.with_columns(
        pl.coalesce(pl.col("rule"), pl.col("key").str.split("|").list.first())
        .str.to_uppercase()
        .alias("rule"),
        clean_id_expr(pl.col("id_number")).alias("id_number"),
        pl.col("key").str.normalize("NFKC").str.strip_chars(),
        pl.col("verdict").str.normalize("NFKC").str.replace_all(r"\s", ""),
    )


def parse_deadline_expr(text: pl.Expr) -> pl.Expr:
    """A deadline in any form parse_date_expr reads; a month alone means the end of that month."""
    parsed = parse_date_expr(text)
    month_only = text.str.normalize("NFKC").str.strip_chars().str.contains(_MONTH_ONLY)
    return pl.when(month_only).then(parsed.dt.month_end()).otherwise(parsed)


def read_reviews(paths: list[Path]) -> Reviews:
    """The filled-in rows of all returned workbooks, one per finding (later files win).

    Every file is read before any error is raised, so one message lists every unreadable workbook.
    """
    frames, errors = [], []
    for p in paths:
        try:
            frames.append(read_reviewed_workbook(p))
        except ReviewedWorkbookError as e:
            errors.append(e)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        first = errors[0]
        raise ReviewedWorkbookError(
            f"{len(errors)} 个已核实工作簿无法读取：\n" + "\n".join(e.render() for e in errors),
            fix=first.fix,
            en=f"{len(errors)} reviewed workbooks cannot be read:\n"
            + "\n".join(e.render("en") for e in errors),
            fix_en=first.fix_en,
        )
    if not frames:
        return Reviews(pl.DataFrame(schema=REVIEW_SCHEMA), empty_issues())
    df = (
        pl.concat(frames, how="vertical").with_row_index("order").with_columns(pl.col("order").cast(pl.Int64))
    )
    filled = pl.any_horizontal(pl.col(c).is_not_null() for c in LEDGER_COLUMNS)
    df = df.filter(filled).with_columns(parse_deadline_expr(pl.col("deadline_text")).alias("deadline"))
    # a whole workbook and a town's copy may both come back: the filled-in, later one wins
    ident = pl.coalesce(pl.col("key"), pl.concat_str([pl.col("rule"), pl.lit("||"), pl.col("id_number")]))
    df = (
        df.with_columns(ident.alias("_ident"))
        .sort("order")
        .unique(subset="_ident", keep="last", maintain_order=True)
        .select(list(REVIEW_SCHEMA))
    )
    bad = df.filter(pl.col("deadline_text").is_not_null() & pl.col("deadline").is_null())
    issues = issue_rows(
        bad,
        "warning",
        "deadline_unparsed",
        f"整改时限读不出日期，无法判断是否超期；请写成 2020-05-31 这样的日期（{VERIFY_HEADER}、整改措施照常采用）",
        source_file=pl.col("review_file"),
        source_sheet=pl.col("review_sheet"),
        source_row=pl.col("review_row"),
        column=DEADLINE_HEADER,
        value=pl.col("deadline_text"),
    )
    return Reviews(df, issues)
