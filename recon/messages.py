"""The one catalogue of terminal messages, in Chinese (default) and English (`--lang en`, RECON_LANG=en).

Domain error texts (file/sheet/row problems) are written in Chinese where they are raised, because the
people who fix the files read Chinese; their frame ("错误"/"Error", "怎么办"/"Fix") comes from here.
"""

from __future__ import annotations

import os

CATALOGUE: dict[str, dict[str, str]] = {
    "error": {"zh": "错误", "en": "Error"},
    "fix": {"zh": "怎么办", "en": "Fix"},
    "crash": {
        "zh": "recon 内部出错（这不是数据的问题）：{err}\n请把这条信息和所用命令发给维护人员。",
        "en": "recon failed internally (not a problem with your data): {err}\nPlease send this message and the command to the maintainers.",
    },
    "stage_load": {"zh": "读取名册", "en": "Loading rolls"},
    "stage_link": {"zh": "关联人员", "en": "Linking people"},
    "stage_rules": {"zh": "执行比对规则", "en": "Running rules"},
    "stage_write": {"zh": "写出结果", "en": "Writing outputs"},
    # a stage as it starts, with what it has in hand and the time since the run began (cron logs too)
    "stage_line": {
        "zh": "{label}：{what}（已用 {elapsed:.1f} 秒）",
        "en": "{label}: {what} ({elapsed:.1f} s elapsed)",
    },
    "stage_what_link": {"zh": "{n:,} 条记录", "en": "{n:,} records"},
    "stage_what_rules": {"zh": "{n} 条规则", "en": "{n} rules"},
    "stage_what_write": {"zh": "{n:,} 条疑点", "en": "{n:,} findings"},
    # how far a stage has got, for the bar on a terminal and the log line under cron
    "stage_count_load": {"zh": "文件 {i}/{n}", "en": "file {i}/{n}"},
    "stage_count_rules": {"zh": "规则 {i}/{n}", "en": "rule {i}/{n}"},
    "stage_count_write": {"zh": "疑点行 {i:,}/{n:,}", "en": "rows {i:,}/{n:,}"},
    "loaded": {
        "zh": "已读取 {files} 个文件、{sheets} 个工作表、{rows} 行（使用 {used}，剔除 {rejected}，跳过 {skipped}）",
        "en": "Read {files} files, {sheets} sheets, {rows} rows (used {used}, rejected {rejected}, skipped {skipped})",
    },
    "linked": {
        "zh": "关联完成：{persons} 人；模糊关联 {fuzzy} 条，待人工判断 {ambiguous} 条",
        "en": "Linked: {persons} people; {fuzzy} fuzzy links, {ambiguous} ambiguous for review",
    },
    "rules_done": {
        "zh": "规则执行完成：发现 {n} 条疑点，豁免 {exempted} 条",
        "en": "Rules done: {n} anomalies, {exempted} exempted",
    },
    "rule_skipped": {"zh": "跳过规则 {code}：{reason}", "en": "Skipped rule {code}: {reason}"},
    "written": {"zh": "结果已写入 {out}", "en": "Outputs written to {out}"},
    "workbook_at": {"zh": "核查工作簿：{path}", "en": "Workbook: {path}"},
    "snapshot_masked": {
        "zh": "脱敏输出不保存名册快照（含完整身份证号）：下月 M1 请用 --previous 指向未脱敏的输出目录，或用 --previous-input",
        "en": "a masked run keeps no roll snapshot (it holds full IDs): next month, point --previous at an "
        "unmasked run, or use --previous-input",
    },
    "previous_roll": {"zh": "上月名册：{source}", "en": "Last month's rolls: {source}"},
    "summary_title": {"zh": "{month} 比对结果", "en": "Results for {month}"},
    "col_rule": {"zh": "规则", "en": "Rule"},
    "col_title": {"zh": "名称", "en": "Title"},
    "col_count": {"zh": "条数", "en": "Count"},
    "col_overpaid": {"zh": "估计多发金额", "en": "Est. overpaid"},
    "total": {"zh": "合计", "en": "Total"},
    "sample_data": {
        "zh": "未给出输入目录，使用内置的样例数据：{path}",
        "en": "No input folder given; using the bundled sample data: {path}",
    },
    "inspect_kind": {"zh": "类别", "en": "Kind"},
    "inspect_file": {"zh": "文件", "en": "File"},
    "inspect_sheet": {"zh": "工作表", "en": "Sheet"},
    "inspect_header": {"zh": "表头行", "en": "Header row"},
    "inspect_rows": {"zh": "读/用/剔/跳", "en": "read/used/rej/skip"},
    "inspect_ids": {"zh": "身份证号情况", "en": "ID numbers"},
    "inspect_problems": {"zh": "问题", "en": "Problems"},
    "inspect_columns": {"zh": "列对应", "en": "Columns"},
    "unclassified": {"zh": "未识别", "en": "unrecognised"},
    "notices": {
        "zh": "请先核对（{n} 项，也列在“汇总”表最前面）：",
        "en": "Check first ({n} items, also at the top of the 汇总 sheet):",
    },
    "notice_line": {"zh": "  - {where}{message}", "en": "  - {where}{message}"},
    "unread_exit": {
        "zh": "比对已完成，但有 {n} 个文件未能读取（退出码 4）：{files}",
        "en": "The comparison completed, but {n} files could not be read (exit code 4): {files}",
    },
    "inspect_link": {"zh": "关联率", "en": "Linked"},
    "inspect_evidence": {"zh": "识别依据", "en": "Evidence"},
}


def current_lang(explicit: str | None = None) -> str:
    lang = (explicit or os.environ.get("RECON_LANG") or "zh").lower()
    return "en" if lang.startswith("en") else "zh"


def msg(key: str, lang: str | None = None, **kw: object) -> str:
    text = CATALOGUE[key][current_lang(lang)]
    return text.format(**kw) if kw else text
