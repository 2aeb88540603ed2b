"""One sheet per rule with findings: the rows an auditor verifies, plus the ledger columns they fill."""

from __future__ import annotations

import datetime as dt

import polars as pl
from xlsxwriter.worksheet import Worksheet

from recon.contract import (
    BASE_HEADERS,
    DEADLINE_HEADER,
    KEY_HEADER,
    OPTIONAL_HEADERS,
    VERIFY_CHOICES,
    VERIFY_HEADER,
)
from recon.model import KIND_ZH, SEVERITY_ZH
from recon.report.cells import FIELD_KINDS, TEXT, Column, Formats, set_widths, write_header, write_rows
from recon.report.labels import (
    BASIS_ZH,
    CYCLE_HEADERS,
    EXCLUDED_REASON_HEADER,
    EXEMPTION_HEADER,
    FIRST_SEEN_HEADER,
    KEY_COMMENT,
    LEDGER_FIELDS,
    OPTIONAL_BASE,
    PREVIOUS_VERDICT_HEADER,
    RESOLVED_REASON_HEADER,
    REVIEW_MONTH_HEADER,
    REVIEW_SOURCE_HEADER,
    STATUS_HEADER,
)

LEDGER_WIDTHS = {VERIFY_HEADER: 10, DEADLINE_HEADER: 12}
CYCLE_WIDTHS = {"status": 8, "first_seen": 10, "overdue": 8}


def cycle_columns(df: pl.DataFrame) -> list[Column]:
    """状态, 首次发现月份, 整改超期, 核实说明: present once the monthly cycle has run."""
    return [Column(f, h, TEXT, CYCLE_WIDTHS.get(f)) for f, h in CYCLE_HEADERS.items() if f in df.columns]


def ledger_columns(df: pl.DataFrame) -> list[Column]:
    """The ledger the auditors fill; prefilled (as text) where the cycle carried last month's entries."""
    out = []
    for f, h in LEDGER_FIELDS.items():
        prefilled = f in df.columns
        kind = "date" if h == DEADLINE_HEADER and not prefilled else TEXT
        out.append(Column(f if prefilled else None, h, kind, LEDGER_WIDTHS.get(h, 14), ledger=True))
    return out


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


def _write_table(ws: Worksheet, fmts: Formats, df: pl.DataFrame, cols: list[Column]) -> None:
    """A plain list sheet (已豁免, 回头看, 已核实排除): header with the key comment, rows, frozen, filtered."""
    set_widths(ws, fmts, df, cols)
    _header(ws, fmts, cols)
    last = write_rows(ws, fmts, df, cols, 1)
    _finish_table(ws, last, len(cols))


def write_rule_sheet(ws: Worksheet, fmts: Formats, findings: pl.DataFrame) -> None:
    df = for_display(findings)
    cols = finding_columns(df) + cycle_columns(df)
    cols += ledger_columns(df) + [Column("key", KEY_HEADER, TEXT, 8)]
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
    _write_table(ws, fmts, df, cols)


def write_resolved_sheet(ws: Worksheet, fmts: Formats, resolved: pl.DataFrame) -> None:
    """回头看: last month's findings no longer found, why, and what the review had said about them."""
    df = for_display(resolved) if resolved.height else resolved
    base = ("rule", "severity", "id_number", "name", "town", "village", "source_kind", "evidence")
    cols = [Column(f, BASE_HEADERS[f], TEXT) for f in base]
    cols[-1] = Column("evidence", "上月说明", TEXT)
    cols += [
        Column("first_seen", FIRST_SEEN_HEADER, TEXT, 10),
        Column("resolved_reason", RESOLVED_REASON_HEADER, TEXT),
        Column("verify_result", PREVIOUS_VERDICT_HEADER, TEXT, 10),
        Column("action", LEDGER_FIELDS["action"], TEXT),
        Column("deadline", LEDGER_FIELDS["deadline"], TEXT, 12),
        Column("owner", LEDGER_FIELDS["owner"], TEXT),
        Column("note", LEDGER_FIELDS["note"], TEXT),
        Column("key", KEY_HEADER, TEXT, 8),
    ]
    cols = [c for c in cols if c.field in df.columns]
    _write_table(ws, fmts, df, cols)


def write_verified_sheet(ws: Worksheet, fmts: Formats, excluded: pl.DataFrame) -> None:
    """已核实排除: rows a reviewer found untrue, kept off the lists while their facts stay the same."""
    df = for_display(excluded) if excluded.height else excluded
    cols = finding_columns(df) if df.height else [Column(f, h) for f, h in BASE_HEADERS.items()]
    cols += [
        Column("status", STATUS_HEADER, TEXT, 8),
        Column("first_seen", FIRST_SEEN_HEADER, TEXT, 10),
        Column("exclusion_reason", EXCLUDED_REASON_HEADER, TEXT),
        Column("review_month", REVIEW_MONTH_HEADER, TEXT, 10),
        Column("review_source", REVIEW_SOURCE_HEADER, TEXT),
        Column("key", KEY_HEADER, TEXT, 8),
    ]
    _write_table(ws, fmts, df, cols)
