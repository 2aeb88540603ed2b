"""`recon diff --out`: the comparison of two runs as a workbook (counts, then one sheet per status)."""

from __future__ import annotations

from pathlib import Path

from xlsxwriter.workbook import Workbook

from recon.contract import BASE_HEADERS, KEY_HEADER, STATUS_NEW, STATUS_PERSISTING, STATUS_RESOLVED
from recon.cycle.diff import LIST_FIELDS, STATUS_COLUMNS, STATUS_ZH, RunDiff
from recon.report.cells import WORKBOOK_OPTIONS, Column, Formats, set_widths, write_header, write_rows
from recon.report.labels import FIRST_SEEN_HEADER
from recon.report.names import sheet_name


def write_diff_workbook(d: RunDiff, path: Path | str) -> Path:
    path = Path(path)
    wb = Workbook(str(path), {**WORKBOOK_OPTIONS, "constant_memory": False})
    fmts = Formats(wb)
    taken: set[str] = set()
    ws = wb.add_worksheet(sheet_name("比较汇总", taken))
    ws.write_string(0, 0, f"疑点比较 {d.previous.month_text} → {d.current.month_text}", fmts.title)
    cols = [Column("rule", BASE_HEADERS["rule"]), Column("town", BASE_HEADERS["town"])]
    cols += [Column(c, STATUS_ZH[c], "int") for c in STATUS_COLUMNS]
    set_widths(ws, fmts, d.counts, cols)
    write_header(ws, 2, cols, fmts.header)
    write_rows(ws, fmts, d.counts, cols, 3)
    list_cols = [Column(f, BASE_HEADERS[f]) for f in LIST_FIELDS]
    list_cols += [Column("first_seen", FIRST_SEEN_HEADER, width=10), Column("key", KEY_HEADER, width=8)]
    for label, df in ((STATUS_NEW, d.new), (STATUS_PERSISTING, d.persisting), (STATUS_RESOLVED, d.resolved)):
        sheet = wb.add_worksheet(sheet_name(label, taken))
        set_widths(sheet, fmts, df, list_cols)
        write_header(sheet, 0, list_cols, fmts.header)
        last = write_rows(
            sheet, fmts, df.sort("rule", "town", "village", "name", nulls_last=True), list_cols, 1
        )
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(last, 1), len(list_cols) - 1)
    wb.close()
    return path
