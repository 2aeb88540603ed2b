"""数据质量 and 说明: what could not be used, and how the list was made."""

from __future__ import annotations

import json

import polars as pl
from xlsxwriter.worksheet import Worksheet

from recon.contract import KEY_HEADER, LEDGER_HEADERS, QUALITY_CSV, VERIFY_CHOICES
from recon.model import KIND_ZH, SEVERITY_ZH, issues_in_source_order
from recon.months import month_text
from recon.report.cells import (
    DATE,
    FIELD_KINDS,
    INT,
    MONEY,
    RATIO,
    TEXT,
    WRAP,
    Column,
    Formats,
    fit_width,
    write_header,
    write_rows,
)
from recon.report.labels import (
    BASIS_ZH,
    CANDIDATE_HEADERS,
    CONFIDENTIAL,
    ISSUE_HEADERS,
    LEVEL_ZH,
    LINK_HEADERS,
    MASKED_NOTE,
)
from recon.report.summary import source_rows
from recon.result import RunResult


def skipped_by_source(issues: pl.DataFrame) -> pl.DataFrame:
    return (
        issues.filter((pl.col("level") == "skipped") & ~pl.col("code").str.starts_with("file_"))
        .group_by("source_file", "source_sheet", "reason")
        .agg(pl.len().alias("n"))
        .sort("source_file", "source_sheet", "reason", nulls_last=True)
    )


# Rejected rows and warnings listed one by one on the 数据质量 sheet; past this, the sheet lists the first
# ones and points to data_quality.csv, which always holds them all.
QUALITY_LIST_ROWS = 100_000


def write_quality_sheet(ws: Worksheet, fmts: Formats, result: RunResult, *, detail: bool = True) -> None:
    """Rejected rows and warnings one by one, skipped rows per source, and the tied fuzzy candidates.

    `detail=False` (a town's workbook) leaves out the row-level lists: issues carry no town, and one
    town must not receive another's personal data.
    """
    issue_cols = [Column(f, h, FIELD_KINDS.get(f, TEXT)) for f, h in ISSUE_HEADERS.items()]
    listed = issues_in_source_order(
        result.issues.filter(pl.col("level").is_in(["rejected", "warning"]))
    ).with_columns(pl.col("level").replace(LEVEL_ZH))
    skipped = skipped_by_source(result.issues)
    widths_from = pl.concat([listed, skipped.select("source_file", "source_sheet", "reason")], how="diagonal")
    for j, col in enumerate(issue_cols):
        ws.set_column(j, j, fit_width(widths_from, col, cap=60))
    row = 0
    if result.not_read:
        ws.write_string(row, 0, "〇、未读取的文件和工作表", fmts.section)
        cols = [
            Column("path", "文件"),
            Column("sheet", "工作表"),
            Column("reason", "原因", WRAP),
            Column("fix", "怎么办", WRAP),
        ]
        frame = pl.DataFrame(
            [{"path": f.path, "sheet": f.sheet, "reason": f.reason, "fix": f.fix} for f in result.not_read],
            schema={"path": pl.String, "sheet": pl.String, "reason": pl.String, "fix": pl.String},
        )
        write_header(ws, row + 1, cols, fmts.header)
        row = write_rows(ws, fmts, frame, cols, row + 2) + 2
    if detail:
        ws.write_string(row, 0, "一、未采用的行和警告（逐行）", fmts.section)
        if listed.height > QUALITY_LIST_ROWS:
            # a sheet cannot hold a province's millions of warnings, nor can anyone read them there
            row += 1
            ws.write_string(
                row,
                0,
                f"共 {listed.height:,} 行，本表只列出按来源排序的前 {QUALITY_LIST_ROWS:,} 行；"
                f"完整清单（每一行）见同一目录的 {QUALITY_CSV}",
                fmts.note,
            )
            listed = listed.head(QUALITY_LIST_ROWS)
        write_header(ws, row + 1, issue_cols, fmts.header)
        if row == 0:
            ws.freeze_panes(row + 2, 0)
        last = write_rows(ws, fmts, listed, issue_cols, row + 2)
        ws.autofilter(row + 1, 0, max(last, row + 2), len(issue_cols) - 1)
        if listed.height == 0:
            ws.write_string(row + 2, 0, "无")
            last = row + 2
        row = last + 2
    else:
        ws.write_string(row, 0, "逐行明细见县级总表（本表只含本乡镇的疑点）。", fmts.note)
        row += 2

    ws.write_string(row, 0, "二、跳过的行（空行、标题行、合计行等，按来源汇总）", fmts.section)
    cols = [
        Column("source_file", "来源文件"),
        Column("source_sheet", "工作表"),
        Column("reason", "原因"),
        Column("n", "行数", "int"),
    ]
    write_header(ws, row + 1, cols, fmts.header)
    last = write_rows(ws, fmts, skipped, cols, row + 2)
    if skipped.height == 0:
        ws.write_string(row + 2, 0, "无")
        last = row + 2
    row = last + 2

    if detail and result.ambiguous is not None and result.ambiguous.height:
        amb = result.ambiguous
        ws.write_string(row, 0, "三、无法确定的模糊关联候选（未关联，请人工核对）", fmts.section)
        cols = [Column(c, CANDIDATE_HEADERS.get(c, c), _kind_of(c, t)) for c, t in amb.schema.items()]
        amb = amb.with_columns(_as_text(c, t) for c, t in amb.schema.items() if _kind_of(c, t) == TEXT)
        write_header(ws, row + 1, cols, fmts.header)
        row = max(write_rows(ws, fmts, amb, cols, row + 2), row + 2) + 2

    if detail and result.links is not None and result.links.height:
        links = result.links.select(list(LINK_HEADERS)).with_columns(pl.col("basis").replace(BASIS_ZH))
        ws.write_string(
            row, 0, "四、模糊关联明细（身份证号缺失或有误、按其他证据认定为同一人的记录）", fmts.section
        )
        cols = [Column(c, h, FIELD_KINDS.get(c, TEXT)) for c, h in LINK_HEADERS.items()]
        write_header(ws, row + 1, cols, fmts.header)
        write_rows(ws, fmts, links, cols, row + 2)


def _kind_of(col: str, dtype: pl.DataType) -> str:
    """The candidates frame belongs to the linking stage: its cell types come from its dtypes."""
    if dtype == pl.Date():
        return DATE
    if dtype.is_integer():
        return INT
    if dtype.is_float():
        return FIELD_KINDS.get(col, RATIO) if FIELD_KINDS.get(col) in (MONEY, RATIO) else RATIO
    return TEXT


def _as_text(col: str, dtype: pl.DataType) -> pl.Expr:
    if isinstance(dtype, pl.List):
        # candidate lists read best as "a；b；c" in a cell
        return pl.col(col).list.eval(pl.element().cast(pl.String)).list.join("；")
    if dtype.is_nested():
        return (
            pl.col(col).struct.json_encode() if isinstance(dtype, pl.Struct) else pl.col(col).cast(pl.String)
        )
    return pl.col(col).cast(pl.String)


def _pairs(ws: Worksheet, row: int, pairs: list[tuple[str, str]], fmts: Formats) -> int:
    for k, v in pairs:
        ws.write_string(row, 0, k, fmts.bold)
        ws.write_string(row, 1, v, fmts.wrap)
        row += 1
    return row


def _flatten(prefix: str, value: object, out: list[tuple[str, str]]) -> None:
    if isinstance(value, dict) and value:
        for k, v in value.items():
            _flatten(f"{prefix}.{k}" if prefix else str(k), v, out)
    else:
        out.append((prefix, json.dumps(value, ensure_ascii=False, default=str)))


def write_about_sheet(ws: Worksheet, fmts: Formats, result: RunResult, *, masked: bool) -> None:
    ws.set_column(0, 0, 24)
    ws.set_column(1, 1, 60)
    ws.set_column(2, 8, 14)
    ws.write_string(0, 0, "说明", fmts.title)
    ws.write_string(1, 0, CONFIDENTIAL, fmts.note)
    row = 2
    if masked:
        ws.write_string(row, 0, MASKED_NOTE, fmts.note)
        row += 1
    row = _pairs(
        ws,
        row + 1,
        [
            ("比对月份", month_text(result.month)),
            ("程序版本", f"recon {result.version}".strip()),
            ("生成时间", result.finished.isoformat(sep=" ", timespec="seconds") if result.finished else ""),
            (
                "填写说明",
                f"在各规则表的“{LEDGER_HEADERS[0]}”列从下拉中选择 {'/'.join(VERIFY_CHOICES)}，"
                f"并填写{'、'.join(LEDGER_HEADERS[1:])}。可以排序、筛选、移动列，"
                f"但不要修改或删除“{KEY_HEADER}”列：下月比对靠它找回每一行。",
            ),
        ],
        fmts,
    )

    ws.write_string(row + 1, 0, "一、数据来源", fmts.section)
    row += 2
    sha = {i.path: i.sha256 for i in result.inputs}
    evidence = {(s.source_file, s.source_sheet): s.evidence for s in result.sources}
    paths = {(s.source_file, s.source_sheet): s.path for s in result.sources}
    _texts(
        ws,
        row,
        [
            "来源文件",
            "路径",
            "工作表",
            "类别",
            "读取行数",
            "采用",
            "未采用",
            "跳过",
            "SHA-256",
            "记录数",
            "关联率",
            "识别依据",
        ],
        fmts,
    )
    row += 1
    for s in source_rows(result):
        path = paths.get((s["source_file"], s["source_sheet"]), "")
        ws.write_string(row, 0, s["source_file"] or "")
        ws.write_string(row, 1, path or "")
        ws.write_string(row, 2, s["source_sheet"] or "")
        ws.write_string(row, 3, KIND_ZH.get(s["kind"] or "", s["kind"] or "未识别"))
        for j, key in enumerate(("rows_read", "rows_used", "rows_rejected", "rows_skipped"), 4):
            ws.write_number(row, j, s[key])
        ws.write_string(row, 8, sha.get(s["source_file"]) or sha.get(path) or "")
        ws.write_number(row, 9, s["records"])
        if s["link_share"] is not None:
            ws.write_number(row, 10, s["link_share"], fmts.percent)
        ws.write_string(row, 11, evidence.get((s["source_file"], s["source_sheet"])) or "")
        row += 1

    ws.write_string(row + 1, 0, "二、参数", fmts.section)
    params: list[tuple[str, str]] = []
    _flatten(
        "", {k: v for k, v in result.config.items() if k in ("policy", "linking")} or result.config, params
    )
    row = _pairs(ws, row + 2, params, fmts)

    ws.write_string(row + 1, 0, "三、规则", fmts.section)
    row += 2
    _texts(ws, row, ["代码", "名称", "严重程度", "定义", "依据"], fmts)
    row += 1
    for r in result.rules:
        ws.write_string(row, 0, r.code)
        ws.write_string(row, 1, r.title_zh)
        ws.write_string(row, 2, SEVERITY_ZH.get(r.severity, r.severity))
        ws.write_string(row, 3, r.definition, fmts.wrap)
        ws.write_string(row, 4, r.basis, fmts.wrap)
        row += 1
    if result.skipped_rules:
        ws.write_string(row + 1, 0, "四、未运行的规则", fmts.section)
        row = _pairs(ws, row + 2, list(result.skipped_rules), fmts)


def _texts(ws: Worksheet, row: int, values: list[str], fmts: Formats) -> None:
    for j, v in enumerate(values):
        ws.write_string(row, j, v, fmts.header)
