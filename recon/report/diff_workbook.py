"""`recon diff --out`: the comparison of two runs as a workbook (counts, then one sheet per status)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from xlsxwriter.workbook import Workbook

from recon.contract import BASE_HEADERS, KEY_HEADER, STATUS_NEW, STATUS_PERSISTING, STATUS_RESOLVED
from recon.cycle.diff import LIST_FIELDS, STATUS_COLUMNS, STATUS_ZH, RunDiff
from recon.report.atomic import staged_file
from recon.report.cells import WORKBOOK_OPTIONS, Column, Formats, set_widths, write_header, write_rows
from recon.report.labels import FIRST_SEEN_HEADER
from recon.report.mask import mask_frame
from recon.report.names import sheet_name


def mask_diff(d: RunDiff) -> RunDiff:
    """The comparison with names and ID numbers masked as a posted list shows them."""
    frames = (d.new, d.persisting, d.resolved)
    ids = {v for f in frames if "id_number" in f.columns for v in f["id_number"].drop_nulls()}
    names = {v for f in frames if "name" in f.columns for v in f["name"].drop_nulls()}
    return dataclasses.replace(
        d,
        new=mask_frame(d.new, ids=ids, names=names),
        persisting=mask_frame(d.persisting, ids=ids, names=names),
        resolved=mask_frame(d.resolved, ids=ids, names=names),
    )


def write_diff_workbook(
    d: RunDiff, path: Path | str, *, mask: bool = False, force: bool = False, shared_perms: bool = False
) -> Path:
    """The comparison as a workbook at `path`, written whole or not at all, owner-only unless
    `shared_perms`; masked for posting with `mask`."""
    path = Path(path)
    if mask:
        d = mask_diff(d)
    with staged_file(path, force=force, shared_perms=shared_perms) as tmp:
        _write(d, tmp)
    return path


def _write(d: RunDiff, path: Path) -> None:
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
