"""汇总: counts per town x rule, per rule with overpayments, per family, data quality; two charts."""

from __future__ import annotations

from typing import Any

import polars as pl
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from recon.contract import STATUS_NEW, STATUS_PERSISTING, STATUS_RESOLVED
from recon.model import KIND_ZH, SEVERITY_ZH
from recon.months import month_zh
from recon.report.cells import Formats
from recon.report.labels import (
    CONFIDENTIAL,
    EXEMPTED_SHEET,
    FAMILY_ZH,
    LOOKBACK_SHEET,
    MASKED_NOTE,
    MOVEMENT_HEADERS,
    OVERDUE_HEADER,
    PAYMENT_HEADERS,
    QUALITY_SHEET,
    SUMMARY_SHEET,
    VERIFIED_SHEET,
)
from recon.report.summary import counts_by_rule_town, cycle_counts, rule_order, source_rows
from recon.result import RunResult


class _Cursor:
    """Rows go strictly downwards (constant_memory mode)."""

    def __init__(self) -> None:
        self.row = 0

    def next(self, skip: int = 0) -> int:
        r = self.row + skip
        self.row = r + 1
        return r


def _texts(ws: Worksheet, row: int, values: list[str], fmt: Any) -> None:
    for j, v in enumerate(values):
        ws.write_string(row, j, v, fmt)


def _notices(ws: Worksheet, fmts: Formats, result: RunResult, c: _Cursor) -> None:
    """What to look at before trusting the lists: files not read, doubtful kinds, rules skipped while a
    file seems to hold their source, rolls that link to almost nothing (recon/notices.py)."""
    if not result.notices:
        return
    ws.write_string(
        c.next(1), 0, f"请先核对（{len(result.notices)} 项）：以下情况可能使疑点清单不全或有误", fmts.note
    )
    _texts(ws, c.next(), ["文件", "工作表", "情况", "怎么办"], fmts.header)
    for n in result.notices:
        r = c.next()
        ws.write_string(r, 0, n.file or "")
        ws.write_string(r, 1, n.sheet or "")
        ws.write_string(r, 2, n.message, fmts.wrap)
        ws.write_string(r, 3, n.fix or "", fmts.wrap)
    others = [f for f in result.not_read if not f.unread]
    if others:
        ws.write_string(
            c.next(),
            0,
            f"另有 {len(others)} 个文件或文件夹按约定未读取（副本、锁定文件、非表格文件等），见“{QUALITY_SHEET}”表。",
        )


def write_summary_sheet(
    wb: Workbook, ws: Worksheet, fmts: Formats, result: RunResult, *, masked: bool, town: str | None
) -> None:
    codes = rule_order(result)
    titles = {r.code: r.title_zh for r in result.rules}
    info = {r.code: r for r in result.rules}
    pairs = counts_by_rule_town(result.findings)
    towns = sorted(set(pairs["town"].to_list()))
    cell = {(r, t): n for r, t, n in pairs.iter_rows()}
    c = _Cursor()

    month = month_zh(result.month)
    where = f"{town} " if town else ""
    ws.write_string(c.next(), 0, f"{where}{month}社会救助数据比对疑点汇总", fmts.title)
    ws.write_string(c.next(), 0, CONFIDENTIAL + (" " + MASKED_NOTE if masked else ""), fmts.note)
    ws.set_column(0, 0, 22)
    ws.set_column(1, max(len(codes) + 1, 8), 11)
    ws.set_column(1, 1, 26)  # also the rule-title column of the tables below the town table

    _notices(ws, fmts, result, c)

    # 一、town x rule
    ws.write_string(c.next(1), 0, "一、各乡镇（街道）疑点数", fmts.section)
    head = c.next()
    _texts(
        ws, head, ["乡镇（街道）", *(f"{k} {titles.get(k, '')}".strip() for k in codes), "合计"], fmts.header
    )
    ws.set_row(head, 45)
    total_col = len(codes) + 1
    first_town = c.row
    for t in towns:
        r = c.next()
        ws.write_string(r, 0, t)
        for j, k in enumerate(codes, start=1):
            ws.write_number(r, j, cell.get((k, t), 0))
        ws.write_number(r, total_col, sum(cell.get((k, t), 0) for k in codes))
    last_town = c.row - 1
    r = c.next()
    ws.write_string(r, 0, "合计", fmts.bold)
    for j, k in enumerate(codes, start=1):
        ws.write_number(r, j, sum(cell.get((k, t), 0) for t in towns), fmts.bold)
    ws.write_number(r, total_col, result.findings.height, fmts.bold)

    # 二、per rule, with estimated overpayments of the D rules
    ws.write_string(c.next(1), 0, "二、各规则疑点数与估计多发金额", fmts.section)
    _texts(
        ws,
        c.next(),
        ["规则", "名称", "类别", "严重程度", "疑点数", "估计多发金额（元）", "确定多发金额（元）"],
        fmts.header,
    )
    per_rule = dict(result.findings.group_by("rule").agg(pl.len()).iter_rows())
    overpaid = dict(result.findings.group_by("rule").agg(pl.col("overpaid_amount").sum()).iter_rows())
    for k in codes:
        r = c.next()
        ri = info.get(k)
        ws.write_string(r, 0, k)
        ws.write_string(r, 1, titles.get(k, ""))
        ws.write_string(r, 2, FAMILY_ZH.get(k[:1], k[:1]))
        ws.write_string(r, 3, SEVERITY_ZH.get(ri.severity, ri.severity) if ri else "")
        ws.write_number(r, 4, per_rule.get(k, 0))
        if k.startswith("D"):
            ws.write_number(r, 5, overpaid.get(k) or 0.0, fmts.money)
        if k == "P5":
            ws.write_number(r, 6, overpaid.get(k) or 0.0, fmts.money)
    r = c.next()
    ws.write_string(r, 0, "合计", fmts.bold)
    ws.write_number(r, 4, result.findings.height, fmts.bold)
    d_rules = result.findings.filter(pl.col("rule") != "P5")
    ws.write_number(r, 5, float(d_rules["overpaid_amount"].sum() or 0.0), fmts.total_money)
    if "P5" in codes:
        ws.write_number(r, 6, float(overpaid.get("P5") or 0.0), fmts.total_money)
        ws.write_string(
            c.next(),
            0,
            "估计多发：D 规则按死亡后的月数 × 月金额估算；确定多发：P5，一本通发放明细中对象死亡后实际发放的金额"
            "（同一笔钱的两种口径，不相加）。",
        )
    if result.exempted.height:
        ws.write_string(c.next(), 0, f"另有 {result.exempted.height} 条已豁免，见“{EXEMPTED_SHEET}”表。")

    # 三、per family (feeds the second chart)
    ws.write_string(c.next(1), 0, "三、按规则类别", fmts.section)
    _texts(ws, c.next(), ["类别", "名称", "疑点数"], fmts.header)
    families = list(dict.fromkeys(k[:1] for k in codes))
    first_family = c.row
    for fam in families:
        r = c.next()
        ws.write_string(r, 0, fam)
        ws.write_string(r, 1, FAMILY_ZH.get(fam, fam))
        ws.write_number(r, 2, sum(per_rule.get(k, 0) for k in codes if k[:1] == fam))
    last_family = c.row - 1

    # 四、data quality per source
    ws.write_string(c.next(1), 0, "四、数据质量（各来源行数）", fmts.section)
    _texts(
        ws,
        c.next(),
        ["来源文件", "工作表", "类别", "读取行数", "采用", "未采用", "跳过", "警告"],
        fmts.header,
    )
    for s in source_rows(result):
        r = c.next()
        ws.write_string(r, 0, s["source_file"] or "")
        ws.write_string(r, 1, s["source_sheet"] or "")
        ws.write_string(r, 2, KIND_ZH.get(s["kind"] or "", s["kind"] or "未识别"))
        for j, key in enumerate(("rows_read", "rows_used", "rows_rejected", "rows_skipped", "warnings"), 3):
            ws.write_number(r, j, s[key])

    # 五、rules not run
    ws.write_string(c.next(1), 0, "五、未运行的规则", fmts.section)
    _texts(ws, c.next(), ["规则", "原因"], fmts.header)
    if not result.skipped_rules:
        ws.write_string(c.next(), 0, "无")
    for code, reason in result.skipped_rules:
        r = c.next()
        ws.write_string(r, 0, code)
        ws.write_string(r, 1, reason)

    # 六、the monthly cycle: against the previous run
    cycle = cycle_counts(result)
    if cycle is not None:
        since = (
            f"（与 {result.previous_month:%Y-%m} 比较）"
            if result.previous_month
            else "（无上月结果，均为新增）"
        )
        ws.write_string(c.next(1), 0, f"六、与上月比较{since}", fmts.section)
        labels = [
            "规则",
            "名称",
            STATUS_NEW,
            STATUS_PERSISTING,
            STATUS_RESOLVED,
            VERIFIED_SHEET,
            OVERDUE_HEADER,
        ]
        _texts(ws, c.next(), labels, fmts.header)
        names = ("new", "persisting", "resolved", "verified_excluded", "overdue")
        for k, counts in cycle.items():
            r = c.next()
            ws.write_string(r, 0, k)
            ws.write_string(r, 1, titles.get(k, ""))
            for j, n in enumerate(names, start=2):
                ws.write_number(r, j, counts[n])
        r = c.next()
        ws.write_string(r, 0, "合计", fmts.bold)
        for j, n in enumerate(names, start=2):
            ws.write_number(r, j, sum(v[n] for v in cycle.values()), fmts.bold)
        ws.write_string(
            c.next(),
            0,
            f"{STATUS_RESOLVED}的疑点见“{LOOKBACK_SHEET}”表，核实不属实的见“{VERIFIED_SHEET}”表；"
            f"{OVERDUE_HEADER}：上月核实属实、整改时限已过、本月数据中仍存在。",
        )

    _family_tables(ws, fmts, result, c, town)

    # charts to the right of the widest table, so they cover none of it
    chart_col = max(len(codes) + 2, 8) + 1
    if towns:
        chart = wb.add_chart({"type": "column"})
        chart.add_series(
            {
                "name": "疑点数",
                "categories": [SUMMARY_SHEET, first_town, 0, last_town, 0],
                "values": [SUMMARY_SHEET, first_town, total_col, last_town, total_col],
                "data_labels": {"value": True},
            }
        )
        chart.set_title({"name": "各乡镇（街道）疑点数"})
        chart.set_legend({"none": True})
        ws.insert_chart(3, chart_col, chart, {"x_scale": 1.3, "y_scale": 1.2})
    if families:
        chart = wb.add_chart({"type": "column"})
        chart.add_series(
            {
                "name": "疑点数",
                "categories": [SUMMARY_SHEET, first_family, 1, last_family, 1],
                "values": [SUMMARY_SHEET, first_family, 2, last_family, 2],
                "data_labels": {"value": True},
            }
        )
        chart.set_title({"name": "按规则类别疑点数"})
        chart.set_legend({"none": True})
        ws.insert_chart(23, chart_col, chart, {"x_scale": 1.3, "y_scale": 1.2})


def _family_tables(ws: Worksheet, fmts: Formats, result: RunResult, c: _Cursor, town: str | None) -> None:
    """七、approved against paid per town (P); 八、the dibao roll against last month's (M)."""
    payments = result.tables.get("payments")
    if payments is not None:
        ws.write_string(c.next(1), 0, f"七、一本通发放：应发与实发（{month_zh(result.month)}）", fmts.section)
        _table(ws, fmts, c, payments, PAYMENT_HEADERS, town, money=True, extra=_p5_by_town(result))
        ws.write_string(
            c.next(),
            0,
            "应发：低保户按户（名册给出户月保障金时取一次，否则为成员月保障金之和），特困人员按人；实发：本月的发放行"
            "（其他月份的行不计）；名册外发放：发给不在该项目名册上的人（P1）。",
        )
    movement = result.tables.get("movement")
    if movement is not None:
        source = f"（上月：{result.previous_roll_source}）" if result.previous_roll_source else ""
        ws.write_string(c.next(1), 0, f"八、低保名册变动（人数）{source}", fmts.section)
        _table(ws, fmts, c, movement, MOVEMENT_HEADERS, town, money=False)
        ws.write_string(
            c.next(),
            0,
            "退出按原因：死亡（任一死亡来源）、转入特困、其他；暂停退出期内的“其他”即 M1 疑点。人数按身份证号计。",
        )


def _p5_by_town(result: RunResult) -> tuple[str, dict[str | None, float]]:
    p5 = result.findings.filter(pl.col("rule") == "P5")
    sums = p5.group_by("town").agg(pl.col("overpaid_amount").sum())
    return "P5 确定多发（元）", {t: float(v or 0.0) for t, v in sums.iter_rows()}


def _table(
    ws: Worksheet,
    fmts: Formats,
    c: _Cursor,
    table: pl.DataFrame,
    headers: dict[str, str],
    town: str | None,
    *,
    money: bool,
    extra: tuple[str, dict[str | None, float]] | None = None,
) -> None:
    """A per-town table with a total row; in a town's own workbook only that town's row."""
    rows = table.filter(pl.col("town") == town) if town else table
    cols = [k for k in headers if k != "town"]
    _texts(
        ws,
        c.next(),
        [headers["town"], *(headers[k] for k in cols), *([extra[0]] if extra else [])],
        fmts.header,
    )
    fmt = fmts.money if money else None
    for row in rows.iter_rows(named=True):
        r = c.next()
        ws.write_string(r, 0, row["town"] or "乡镇不详")
        for j, k in enumerate(cols, start=1):
            ws.write_number(r, j, row[k] or 0, fmt)
        if extra:
            ws.write_number(r, len(cols) + 1, extra[1].get(row["town"], 0.0), fmt)
    r = c.next()
    ws.write_string(r, 0, "合计", fmts.bold)
    total_fmt = fmts.total_money if money else fmts.bold
    for j, k in enumerate(cols, start=1):
        ws.write_number(r, j, float(rows[k].sum() or 0), total_fmt)
    if extra:
        wanted = set(rows["town"].to_list())
        ws.write_number(r, len(cols) + 1, sum(v for t, v in extra[1].items() if t in wanted), total_fmt)
