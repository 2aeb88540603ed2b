"""Chinese headers and labels of the auditors' workbook that only the report uses.

The headers the monthly cycle reads back (the finding columns, the ledger, 记录键) are in
recon/contract.py.
"""

from __future__ import annotations

from recon.contract import (
    ACTION_HEADER,
    BASE_HEADERS,
    DEADLINE_HEADER,
    NOTE_HEADER,
    OWNER_HEADER,
    VERIFY_HEADER,
)
from recon.link.labels import BASIS_ZH as LINK_BASIS_ZH

# the D-rule money columns are optional too: a Q1 sheet has no use for 死亡后月数
OPTIONAL_BASE = frozenset({"months_since_death", "overpaid_amount", "paid_amount"})

KEY_COMMENT = "系统用于下月比对时找回本行，请勿修改或删除本列（可以排序、筛选、移动列）。"
EXEMPTION_HEADER = "豁免理由"

SUMMARY_SHEET = "汇总"
QUALITY_SHEET = "数据质量"
EXEMPTED_SHEET = "已豁免"
ABOUT_SHEET = "说明"

CONFIDENTIAL = "本表含个人信息，仅限工作使用，不得外传；公示时须使用 --mask 生成的脱敏版本。"
MASKED_NOTE = "本表为脱敏版本：身份证号只保留前6位和后4位，姓名只保留首尾字。"

FAMILY_ZH: dict[str, str] = {
    "D": "死亡仍享受",
    "T": "应纳入特困",
    "C": "监测户未覆盖",
    "S": "两项补贴",
    "X": "重复享受",
    "E": "家庭经济状况",
    "R": "干部近亲属备案",
    "P": "资金发放",
    "M": "名册变动",
    "K": "应保未保",
    "Q": "身份信息质量",
}

# one Chinese wording per basis: the linking stage owns it
BASIS_ZH = LINK_BASIS_ZH

LEVEL_ZH = {"rejected": "未采用", "skipped": "跳过", "warning": "警告"}

ISSUE_HEADERS: dict[str, str] = {
    "level": "类型",
    "code": "代码",
    "source_file": "来源文件",
    "source_sheet": "工作表",
    "source_row": "行号",
    "column": "列",
    "value": "内容",
    "reason": "原因",
}

# a few column names the linking stage may put in the ambiguous-candidates frame
# the fuzzy links, one row each, so every "same person" decision can be checked by hand
LINK_HEADERS: dict[str, str] = {
    "location": "记录位置",
    "name": "姓名",
    "id_clean": "记录中的身份证号",
    "target_location": "关联到的记录",
    "target_name": "对方姓名",
    "target_id_number": "对方身份证号",
    "basis": "关联依据",
    "confidence": "置信度",
    "evidence": "说明",
}

CANDIDATE_HEADERS: dict[str, str] = {
    **BASE_HEADERS,
    **ISSUE_HEADERS,
    "kind": "来源类别",
    "birth_date": "出生日期",
    "candidates": "候选记录",
    "r_name": "候选姓名",
    "r_id_number": "候选身份证号",
    "r_source_file": "候选来源文件",
    "r_source_row": "候选行号",
    "basis": "关联依据",
}

# ---------------------------------------------------------------------------------------------------
# The monthly cycle (recon/cycle/): status against the previous run, look-back and verified exclusions
# ---------------------------------------------------------------------------------------------------
STATUS_HEADER = "状态"
FIRST_SEEN_HEADER = "首次发现月份"
OVERDUE_HEADER = "整改超期"
REVIEW_NOTE_HEADER = "核实说明"  # what last month's review said about this row, and why it is back
RESOLVED_REASON_HEADER = "消除原因"
PREVIOUS_VERDICT_HEADER = "上月核实结果"
EXCLUDED_REASON_HEADER = "不属实理由"
REVIEW_MONTH_HEADER = "核实月份"
REVIEW_SOURCE_HEADER = "核实来源"
LOOKBACK_SHEET = "回头看"
VERIFIED_SHEET = "已核实排除"
DIFF_SHEET = "月度比较"
# finding columns the cycle adds -> header on the rule sheets (ledger prefill uses LEDGER_HEADERS)
CYCLE_HEADERS: dict[str, str] = {
    "status": STATUS_HEADER,
    "first_seen": FIRST_SEEN_HEADER,
    "overdue": OVERDUE_HEADER,
    "review_note": REVIEW_NOTE_HEADER,
}
# frame columns carrying last month's ledger into this month's workbook, in LEDGER_HEADERS order
LEDGER_FIELDS: dict[str, str] = {
    "verify_result": VERIFY_HEADER,
    "action": ACTION_HEADER,
    "deadline": DEADLINE_HEADER,
    "owner": OWNER_HEADER,
    "note": NOTE_HEADER,
}

# 汇总's family tables (rules/p_payments.py payments_by_town, rules/m_movement.py movement_by_town)
PAYMENT_HEADERS = {
    "town": "乡镇（街道）",
    "dibao_approved": "低保应发（元）",
    "dibao_paid": "低保实发（元）",
    "tekun_approved": "特困应发（元）",
    "tekun_paid": "特困实发（元）",
    "off_roll_paid": "名册外发放（元）",
    "approved": "应发合计（元）",
    "paid": "实发合计（元）",
    "difference": "差额（实发−应发）",
}
MOVEMENT_HEADERS = {
    "town": "乡镇（街道）",
    "last_size": "上月人数",
    "this_size": "本月人数",
    "entered": "新进入",
    "left_died": "退出：死亡",
    "left_tekun": "退出：转入特困",
    "left_other": "退出：其他原因",
    "stayed": "保留",
    "not_followed": "上月身份证号无效（未比对）",
}
