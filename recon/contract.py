"""What a run's output folder promises to whoever reads it back: file names, workbook headers, the CSV
conventions and the finding fingerprint.

Two stages meet here: `report` writes these files and `cycle` reads them the next month (and `recon diff`
compares two of them). Neither imports the other for it; both read this module, so a header or file name
changed in one place changes for both.
"""

from __future__ import annotations

import polars as pl

# ---------------------------------------------------------------------------------------------------
# Files of OUT_DIR
# ---------------------------------------------------------------------------------------------------
WORKBOOK_XLSX = "anomalies.xlsx"
ANOMALIES_CSV = "anomalies.csv"
QUALITY_CSV = "data_quality.csv"
SUMMARY_JSON = "summary.json"
MANIFEST_JSON = "manifest.json"
EXCLUDED_CSV = "verified_excluded.csv"  # the cycle's verified exclusions, read back next month
RESOLVED_CSV = "resolved.csv"  # the cycle's look-back list
SPLIT_FOLDER = "按乡镇"
# the rolls the run read (model.SNAPSHOT_SCHEMA): full IDs, so owner-only always and never under --mask
ROLL_SNAPSHOT = "roll_snapshot.parquet"

# columns after the finding columns in anomalies.csv (the cycle's), and after those in its own CSVs
CYCLE_CSV_COLUMNS: tuple[str, ...] = ("status", "first_seen", "fingerprint")
EXCLUDED_EXTRA: tuple[str, ...] = ("exclusion_reason", "review_month", "review_source")
RESOLVED_EXTRA: tuple[str, ...] = (
    "resolved_code",
    "resolved_reason",
    "verify_result",
    "action",
    "deadline",
    "owner",
    "note",
)

# OWASP CSV injection: a text cell starting with one of these is run by spreadsheets as a formula, so
# the writer puts an apostrophe before it and the reader of a previous run takes it off again.
FORMULA_START = r"^[=+\-@\t\r]"
NEUTRALISED = r"^'([=+\-@\t\r])"

# ---------------------------------------------------------------------------------------------------
# Workbook headers: the cycle finds a returned workbook's columns by these texts (auditors move columns)
# ---------------------------------------------------------------------------------------------------
# finding column -> workbook header, in the order of the rule sheets
BASE_HEADERS: dict[str, str] = {
    "rule": "规则",
    "severity": "严重程度",
    "id_number": "身份证号",
    "name": "姓名",
    "town": "乡镇（街道）",
    "village": "村（居）",
    "source_kind": "来源类别",
    "source_file": "来源文件",
    "source_sheet": "工作表",
    "source_row": "行号",
    "match_basis": "关联依据",
    "confidence": "置信度",
    "evidence": "说明",
    "monthly_amount": "月发放金额",
    "months_since_death": "死亡后月数",
    "overpaid_amount": "估计多发金额",
}
# shown on a rule's sheet only when that rule fills them
OPTIONAL_HEADERS: dict[str, str] = {
    "death_date": "死亡日期",
    "age": "年龄",
    "disability": "残疾类别等级",
    "subsidy_type": "补贴类别",
    "household_id": "户编号",
    "household_category": "户类别",
    "income_per_capita": "人均纯收入",
    "standard": "低保标准",
    "related": "关联记录",
    "paid_amount": "实发金额",
}

VERIFY_HEADER = "核实结果"
VERIFY_CHOICES = ("属实", "不属实", "待核实")
ACTION_HEADER = "整改措施"
DEADLINE_HEADER = "整改时限"
OWNER_HEADER = "责任人"
NOTE_HEADER = "备注"
LEDGER_HEADERS: tuple[str, ...] = (VERIFY_HEADER, ACTION_HEADER, DEADLINE_HEADER, OWNER_HEADER, NOTE_HEADER)
KEY_HEADER = "记录键"
MONTH_LABEL = "比对月份"  # the 说明 sheet's row that names the month of the workbook

STATUS_NEW = "新增"
STATUS_PERSISTING = "持续"
STATUS_RESOLVED = "已消除"
OVERDUE_YES = "是"

NO_TOWN = "（未填乡镇）"


def town_expr() -> pl.Expr:
    """The town of a finding; rows without one are grouped under NO_TOWN."""
    return pl.col("town").fill_null(NO_TOWN).replace("", NO_TOWN)


# ---------------------------------------------------------------------------------------------------
# The fingerprint of a finding: the material facts an auditor's verdict was based on
# ---------------------------------------------------------------------------------------------------
# A row marked 不属实 stays excluded only while these facts stay the same. The fingerprint is readable
# text ("death_date=2020-01-03;monthly_amount=300.00"), not a hash, so that when it changes the reason
# can name what changed. Values that move every month by themselves (months since death, overpaid
# amount, age, row numbers, file names) are left out: they would bring every excluded row back each month.
FINGERPRINT_FIELDS: tuple[str, ...] = (
    "name",
    "match_basis",
    "death_date",
    "monthly_amount",
    "disability",
    "subsidy_type",
    "household_id",
    "household_category",
    "income_per_capita",
)
_SEP, _EQ = ";", "="
_FLOATS = frozenset({"monthly_amount", "income_per_capita"})


def _value(field: str, dtype: pl.DataType) -> pl.Expr:
    col = pl.col(field)
    if field in _FLOATS:
        # fixed two decimals, so 300 and 300.0 read back from a CSV give the same text
        cents = (col.cast(pl.Float64, strict=False) * 100).round(0).cast(pl.Int64)
        text = pl.concat_str(
            [(cents // 100).cast(pl.String), pl.lit("."), (cents % 100).cast(pl.String).str.zfill(2)]
        )
    elif dtype == pl.Date():
        text = col.dt.strftime("%Y-%m-%d")
    else:
        text = col.cast(pl.String)
    return pl.when(col.is_not_null() & (text != "")).then(pl.concat_str([pl.lit(field + _EQ), text]))


def fingerprint_expr(schema: pl.Schema | dict[str, pl.DataType]) -> pl.Expr:
    """The `fingerprint` column of a findings frame with this schema (fields it lacks count as empty)."""
    parts = [_value(f, schema[f]) for f in FINGERPRINT_FIELDS if f in schema]
    if not parts:
        return pl.lit("").alias("fingerprint")
    return pl.concat_str(parts, separator=_SEP, ignore_nulls=True).fill_null("").alias("fingerprint")


def parse_fingerprint(text: str | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in (text or "").split(_SEP):
        if _EQ in part:
            k, v = part.split(_EQ, 1)
            out[k] = v
    return out


def describe_change(before: str | None, after: str | None) -> str:
    """Chinese, e.g. "月发放金额 300.00→350.00；死亡日期 （空）→2020-01-03"; "" when nothing changed."""
    a, b = parse_fingerprint(before), parse_fingerprint(after)
    headers = {**BASE_HEADERS, **OPTIONAL_HEADERS}
    changes = [
        f"{headers.get(f, f)} {a.get(f) or '（空）'}→{b.get(f) or '（空）'}"
        for f in FINGERPRINT_FIELDS
        if a.get(f) != b.get(f)
    ]
    return "；".join(changes)
