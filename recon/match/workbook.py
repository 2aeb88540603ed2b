"""The workbook of `recon match --out`: 匹配结果 / 仅在A / 仅在B / 冲突, Chinese headers.

Every text cell goes through write_string on a Workbook created with strings_to_formulas off, so an
ID stays text and a cell like "=1+1" from a source file is never turned into a formula.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import xlsxwriter

from recon.errors import OutputError
from recon.link.labels import basis_zh_expr
from recon.match.pairs import MatchResult
from recon.report.atomic import staged_file
from recon.report.mask import mask_frame

SHEET_MATCHED, SHEET_ONLY_A, SHEET_ONLY_B, SHEET_CONFLICTS = "匹配结果", "仅在A", "仅在B", "冲突"

_SIDE_COLS = (
    ("name", "姓名"),
    ("id_number", "身份证号"),
    ("id_clean", "身份证号（原样）"),
    ("birth_date", "出生日期"),
    ("gender", "性别"),
    ("town", "乡镇"),
    ("village", "村"),
    ("location", "位置"),
)


def _pair_columns(extra: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    cols = [(f"a_{c}", f"A{h}") for c, h in _SIDE_COLS] + [(f"b_{c}", f"B{h}") for c, h in _SIDE_COLS]
    return cols + list(extra)


_MATCHED_COLS = _pair_columns(
    (("match_basis_zh", "匹配依据"), ("confidence", "置信度"), ("person_id", "人员标识"))
)
_CONFLICT_COLS = _pair_columns((("conflict", "不一致之处"),))
_ONLY_COLS = [(c, h) for c, h in _SIDE_COLS] + [("note", "备注")]


def _write_sheet(wb: xlsxwriter.Workbook, name: str, df: pl.DataFrame, cols: list[tuple[str, str]]) -> None:
    ws = wb.add_worksheet(name)
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    for j, (_, header) in enumerate(cols):
        ws.write_string(0, j, header, head)
        ws.set_column(j, j, 20 if "身份证" in header or "位置" in header or "依据" in header else 12)
    data = df.select([pl.col(c) if c in df.columns else pl.lit(None).alias(c) for c, _ in cols])
    for i, row in enumerate(data.iter_rows(), start=1):
        for j, v in enumerate(row):
            if v is None:
                continue
            if isinstance(v, bool):
                ws.write_string(i, j, "是" if v else "否")
            elif isinstance(v, int | float):
                ws.write_number(i, j, v)
            elif isinstance(v, dt.date):
                ws.write_string(i, j, v.isoformat())
            else:
                ws.write_string(i, j, str(v))
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(data.height, 1), len(cols) - 1)


def mask_match(result: MatchResult) -> MatchResult:
    """The match with names, ID numbers and birth dates masked as a posted list shows them."""
    frames = (result.matched, result.only_in_a, result.only_in_b, result.conflicts, result.ambiguous)
    ids = {
        v
        for f in frames
        for c in f.columns
        if "id" in c and f.schema[c] == pl.String()
        for v in f[c].drop_nulls()
    }
    names = {
        v
        for f in frames
        for c in f.columns
        if "name" in c and f.schema[c] == pl.String()
        for v in f[c].drop_nulls()
    }
    return MatchResult(*(mask_frame(f, ids=ids, names=names) for f in frames))


def write_match_workbook(
    result: MatchResult, path: Path, *, mask: bool = False, force: bool = False, shared_perms: bool = False
) -> Path:
    """The match as a workbook at `path`, written whole or not at all (a temporary file renamed into
    place), owner-only unless `shared_perms`; masked for posting with `mask`."""
    if mask:
        result = mask_match(result)
    with staged_file(path, force=force, shared_perms=shared_perms) as tmp:
        _write_match_workbook(result, tmp, path)
    return path


def _write_match_workbook(result: MatchResult, tmp: Path, path: Path) -> None:
    matched = result.matched.with_columns(basis_zh_expr("match_basis").alias("match_basis_zh"))
    conflicts = result.conflicts
    try:
        wb = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_numbers": False})
        _write_sheet(wb, SHEET_MATCHED, matched, _MATCHED_COLS)
        _write_sheet(wb, SHEET_ONLY_A, result.only_in_a, _ONLY_COLS)
        _write_sheet(wb, SHEET_ONLY_B, result.only_in_b, _ONLY_COLS)
        _write_sheet(wb, SHEET_CONFLICTS, conflicts, _CONFLICT_COLS)
        wb.close()
    except (OSError, xlsxwriter.exceptions.XlsxWriterException) as e:
        raise OutputError(
            f"无法写入比对结果：{e}",
            file=str(path),
            fix="关闭在 Excel 中打开的这个文件，或换一个可写的位置",
            en=f"cannot write the match results: {e}",
            fix_en="close this file if it is open in Excel, or choose a writable location",
        ) from e
