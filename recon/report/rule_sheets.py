"""One sheet per rule with findings: the rows an auditor verifies, plus the ledger columns they fill."""

from __future__ import annotations

import datetime as dt

import polars as pl
from xlsxwriter.worksheet import Worksheet

from recon.model import KIND_ZH, SEVERITY_ZH
from recon.report.cells import FIELD_KINDS, TEXT, Column, Formats, set_widths, write_header, write_rows
from recon.report.labels import (
    BASE_HEADERS,
    BASIS_ZH,
    DEADLINE_HEADER,
    EXEMPTION_HEADER,
    KEY_COMMENT,
    KEY_HEADER,
    LEDGER_HEADERS,
    OPTIONAL_BASE,
    OPTIONAL_HEADERS,
    VERIFY_CHOICES,
    VERIFY_HEADER,
)

LEDGER_WIDTHS = {VERIFY_HEADER: 10, DEADLINE_HEADER: 12}


def for_display(df: pl.DataFrame) -> pl.DataFrame:
    """Codes in words, rows sorted by town, village, name (the order towns work through a list)."""
    return df.with_columns(
        pl.col("severity").replace(SEVERITY_ZH),
        pl.col("source_kind").replace(KIND_ZH),
        pl.col("match_basis").replace(BASIS_ZH),
    ).sort("town", "village", "name", "source_file", "source_row", nulls_last=True, maintain_order=True)


def finding_columns(df: pl.DataFrame) -> list[Column]:
    """Base columns, then the optional ones this frame fills."""
    used = {c for c in df.columns if df[c].null_count() < df.height}
    cols = [
        Column(f, h, FIELD_KINDS.get(f, TEXT))
        for f, h in BASE_HEADERS.items()
        if f not in OPTIONAL_BASE or f in used
    ]
    cols += [Column(f, h, FIELD_KINDS.get(f, TEXT)) for f, h in OPTIONAL_HEADERS.items() if f in used]
    return cols


def _header(ws: Worksheet, fmts: Formats, cols: list[Column]) -> None:
    write_header(ws, 0, cols, fmts.header, ledger_fmt=fmts.ledger_header)
    # constant_memory drops a comment on a row already flushed: it must go with the header row
    ws.write_comment(0, len(cols) - 1, KEY_COMMENT, {"x_scale": 2, "y_scale": 1.5})


def _finish_table(ws: Worksheet, last_row: int, n_cols: int) -> None:
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(last_row, 1), n_cols - 1)


def write_rule_sheet(ws: Worksheet, fmts: Formats, findings: pl.DataFrame) -> None:
    df = for_display(findings)
    cols = finding_columns(df)
    ledger = [
        Column(None, h, "date" if h == DEADLINE_HEADER else TEXT, LEDGER_WIDTHS.get(h, 14))
        for h in LEDGER_HEADERS
    ]
    cols += ledger + [Column("key", KEY_HEADER, TEXT, 8)]
    set_widths(ws, fmts, df, cols)
    ws.set_row(0, 30)
    _header(ws, fmts, cols)
    last = write_rows(ws, fmts, df, cols, 1)
    headers = [c.header for c in cols]
    verify, deadline = headers.index(VERIFY_HEADER), headers.index(DEADLINE_HEADER)
    if last >= 1:
        ws.data_validation(
            1,
            verify,
            last,
            verify,
            {
                "validate": "list",
                "source": list(VERIFY_CHOICES),
                "input_title": "核实结果",
                "input_message": "从下拉中选择：" + "/".join(VERIFY_CHOICES),
                "error_title": "核实结果",
                "error_message": "请从下拉中选择：" + "/".join(VERIFY_CHOICES),
            },
        )
        ws.data_validation(
            1,
            deadline,
            last,
            deadline,
            {
                "validate": "date",
                "criteria": ">=",
                "value": dt.date(2000, 1, 1),
                "error_title": "整改时限",
                "error_message": "请填写日期，例如 2020-05-31",
            },
        )
    _finish_table(ws, last, len(cols))


def write_exempted_sheet(ws: Worksheet, fmts: Formats, exempted: pl.DataFrame) -> None:
    df = for_display(exempted) if exempted.height else exempted
    cols = finding_columns(df) if df.height else [Column(f, h) for f, h in BASE_HEADERS.items()]
    cols += [Column("exemption_reason", EXEMPTION_HEADER), Column("key", KEY_HEADER, TEXT, 8)]
    set_widths(ws, fmts, df, cols)
    _header(ws, fmts, cols)
    last = write_rows(ws, fmts, df, cols, 1)
    _finish_table(ws, last, len(cols))
