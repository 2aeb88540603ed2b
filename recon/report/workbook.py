"""anomalies.xlsx, the auditors' workbook (in Chinese): 汇总, one sheet per rule, 数据质量, 已豁免, 说明."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable
from pathlib import Path

import polars as pl
from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from recon.contract import NO_TOWN, town_expr
from recon.report.cells import WORKBOOK_OPTIONS, Formats
from recon.report.info_sheets import write_about_sheet, write_quality_sheet
from recon.report.labels import (
    ABOUT_SHEET,
    EXEMPTED_SHEET,
    LOOKBACK_SHEET,
    QUALITY_SHEET,
    SUMMARY_SHEET,
    VERIFIED_SHEET,
)
from recon.report.names import sheet_name
from recon.report.rule_sheets import (
    write_exempted_sheet,
    write_resolved_sheet,
    write_rule_sheet,
    write_verified_sheet,
)
from recon.report.summary import rule_order
from recon.report.summary_sheet import write_summary_sheet
from recon.result import RunResult

# Rows under the header row that one sheet can hold (Excel's limit is 1,048,576 rows in all).
SHEET_DATA_ROWS = 1_048_575


def short_title(title: str) -> str:
    """Sheet-name length: the title up to its first comma or bracket."""
    for sep in ("（", "(", "，", ",", "：", ":"):
        title = title.split(sep, 1)[0]
    return title.strip()


def only_town(result: RunResult, town: str) -> RunResult:
    """The part of a run that concerns one town (issues carry no town: the quality sheet summarises)."""

    def mine(df: pl.DataFrame | None) -> pl.DataFrame | None:
        return None if df is None else df.filter(town_expr() == town) if df.height else df

    return dataclasses.replace(
        result,
        findings=result.findings.filter(town_expr() == town),
        exempted=result.exempted.filter(town_expr() == town),
        resolved=mine(result.resolved),
        verified_excluded=mine(result.verified_excluded),
    )


def towns_of(result: RunResult) -> list[str]:
    frames = [result.findings, result.exempted, result.resolved, result.verified_excluded]
    both = pl.concat([f.select(town_expr()) for f in frames if f is not None and "town" in f.columns])
    return sorted(both["town"].unique().to_list())


def _print_setup(ws: Worksheet, *, header_row: bool) -> None:
    """Auditors print their lists: A4 landscape, one page wide, the header on every page."""
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    ws.set_footer("&C第 &P 页，共 &N 页")
    if header_row:
        ws.repeat_rows(0)


def write_workbook(
    result: RunResult,
    path: Path,
    *,
    masked: bool = False,
    town: str | None = None,
    tmpdir: Path | None = None,
    on_rows: Callable[[int, int], None] | None = None,
) -> Path:
    """Write the workbook; with `town`, only that town's rows (NO_TOWN for rows without one)."""
    if town is not None:
        result = only_town(result, town)
    options = {**WORKBOOK_OPTIONS, **({"tmpdir": str(tmpdir)} if tmpdir else {})}
    wb = Workbook(str(path), options)
    try:
        fmts = Formats(wb)
        taken: set[str] = set()
        summary = wb.add_worksheet(sheet_name(SUMMARY_SHEET, taken))
        titles = {r.code: r.title_zh for r in result.rules}
        by_rule = result.findings.partition_by("rule", as_dict=True, maintain_order=True)
        rule_sheets = []
        for code in rule_order(result):
            rows = by_rule.get((code,))
            if rows is None or rows.height == 0:
                continue
            title = short_title(titles.get(code, ""))
            # a sheet holds 1,048,576 rows: a longer list goes on in "续2", "续3" sheets, never cut
            for n, start in enumerate(range(0, rows.height, SHEET_DATA_ROWS), start=1):
                label = f"{code} {title}" if n == 1 else f"{code}续{n} {title}"
                rule_sheets.append(
                    (wb.add_worksheet(sheet_name(label, taken)), rows.slice(start, SHEET_DATA_ROWS))
                )
        quality = wb.add_worksheet(sheet_name(QUALITY_SHEET, taken))
        exempted = wb.add_worksheet(sheet_name(EXEMPTED_SHEET, taken))
        # the monthly cycle's sheets, only when it ran (a first month has nothing to look back on)
        lookback = (
            wb.add_worksheet(sheet_name(LOOKBACK_SHEET, taken)) if result.resolved is not None else None
        )
        verified = (
            wb.add_worksheet(sheet_name(VERIFIED_SHEET, taken))
            if result.verified_excluded is not None
            else None
        )
        about = wb.add_worksheet(sheet_name(ABOUT_SHEET, taken))

        write_summary_sheet(wb, summary, fmts, result, masked=masked, town=town if town != NO_TOWN else None)
        written = 0
        for ws, rows in rule_sheets:
            write_rule_sheet(ws, fmts, rows)
            written += rows.height
            if on_rows is not None:
                on_rows(written, result.findings.height)
        write_quality_sheet(quality, fmts, result, detail=town is None)
        write_exempted_sheet(exempted, fmts, result.exempted)
        if lookback is not None and result.resolved is not None:
            write_resolved_sheet(lookback, fmts, result.resolved)
        if verified is not None and result.verified_excluded is not None:
            write_verified_sheet(verified, fmts, result.verified_excluded)
        write_about_sheet(about, fmts, result, masked=masked)
        for ws in wb.worksheets():
            _print_setup(ws, header_row=any(ws is r for r, _ in rule_sheets))
        summary.activate()
    except BaseException:
        with contextlib.suppress(Exception):  # the temp folder goes anyway: keep the first error
            wb.close()
        raise
    try:
        wb.close()
    except FileCreateError as e:
        # xlsxwriter wraps the OSError (disk full, read-only): unwrap it so it reads as an output error
        cause = e.args[0] if e.args and isinstance(e.args[0], OSError) else OSError(str(e))
        raise cause from e
    return path
