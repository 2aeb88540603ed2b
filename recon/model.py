"""The typed shapes that flow between recon's stages.

Data flows one way: read -> normalise -> link -> rules -> report. Each stage hands the next a polars
frame with one of the schemas below, so a stage can be tested on a frame built by hand
(`records_frame(...)`) without running the stages before it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import polars as pl

# ---------------------------------------------------------------------------------------------------
# Source kinds
# ---------------------------------------------------------------------------------------------------
DIBAO = "dibao"
TEKUN = "tekun"
DISABILITY = "disability"
SUBSIDY = "subsidy"
CREMATION = "cremation"
POVERTY = "poverty"
# the lists other offices give for 专项治理 (DOMAIN.md's "More sources")
DEATH = "death"  # a death known to another office (公安户籍注销, 卫健 死亡医学证明, 土葬 burials)
PUBLIC_EMPLOYEE = "public_employee"  # 财政供养人员
VEHICLE = "vehicle"  # a registered motor vehicle
BUSINESS = "business"  # a market entity and its legal representative or operator
PROPERTY = "property"  # a registered property right
PENSION = "pension"  # a pension or wage paid per month
CADRE = "cadre"  # a village cadre or 经办人员
FILING = "filing"  # a 近亲属备案 entry
PAYMENT = "payment"  # one payment line of the month (一本通/一卡通 发放明细)
CHILD_WELFARE = "child_welfare"  # a child under 孤儿 / 事实无人抚养儿童 保障
KINDS: tuple[str, ...] = (
    DIBAO,
    TEKUN,
    DISABILITY,
    SUBSIDY,
    CREMATION,
    POVERTY,
    DEATH,
    PUBLIC_EMPLOYEE,
    VEHICLE,
    BUSINESS,
    PROPERTY,
    PENSION,
    CADRE,
    FILING,
    PAYMENT,
    CHILD_WELFARE,
)
# the kinds that say a person has died
DEATH_KINDS: tuple[str, ...] = (CREMATION, DEATH)

KIND_ZH: dict[str, str] = {
    DIBAO: "低保",
    TEKUN: "特困",
    DISABILITY: "残疾人证",
    SUBSIDY: "两项补贴",
    CREMATION: "火化记录",
    POVERTY: "扶贫监测",
    DEATH: "死亡名单",
    PUBLIC_EMPLOYEE: "财政供养人员",
    VEHICLE: "车辆登记",
    BUSINESS: "市场主体登记",
    PROPERTY: "不动产登记",
    PENSION: "养老金/工资",
    CADRE: "村干部/经办人员",
    FILING: "近亲属备案",
    PAYMENT: "一本通发放",
    CHILD_WELFARE: "儿童保障",
}

# payment programmes (column `programme`): a roll's kind, or a subsidy's type
PROGRAMME_DIBAO = DIBAO
PROGRAMME_TEKUN = TEKUN

# Canonical values of a few normalised fields, so every stage spells them the same way.
SUBSIDY_LIVING = "生活补贴"
SUBSIDY_CARE = "护理补贴"
POVERTY_UNSTABLE = "脱贫不稳定户"
POVERTY_MARGINAL = "边缘易致贫户"
POVERTY_SUDDEN = "突发严重困难户"
POVERTY_LIFTED = "脱贫户"

# ID status values (column `id_status`).
ID_VALID = "valid"  # an 18-character number that passes every check
ID_VALID15 = "valid15"  # a legacy 15-digit number, converted to 18 characters (id_number holds the 18)
ID_MISSING = "missing"  # blank
ID_FLOAT = "float_damaged"  # lost to float storage: never repaired, never matched exactly
ID_INVALID = "invalid"  # wrong length/characters, bad check character, bad birth date, no province
USABLE_ID_STATUSES = (ID_VALID, ID_VALID15)

# ---------------------------------------------------------------------------------------------------
# Normalised records: one row per input data row that was used, all kinds in one frame.
# Columns a kind does not have stay null.
# ---------------------------------------------------------------------------------------------------
# Text columns with few distinct values (kinds, files, statuses, towns, villages, ...) are held as
# categoricals: a 4-byte code per row instead of a 16-byte string view, which at a province's 10 million
# rows and a dozen such columns is about 1.5 GB. Findings and outputs carry them as plain text.
TEXT_CODE = pl.Categorical()

RECORD_SCHEMA: dict[str, pl.DataType] = {
    "rec_id": pl.Int64(),  # unique within a run
    "kind": TEXT_CODE,
    "source_file": TEXT_CODE,  # path relative to the input folder (or as given)
    "source_sheet": TEXT_CODE,  # sheet name; null for CSV/Parquet
    "source_row": pl.Int64(),  # the row number the user sees in Excel (1-based, header rows counted)
    # identity
    "id_raw": pl.String(),  # the cell exactly as read (as text)
    "id_number": pl.String(),  # normalised 18 characters when id_status is valid/valid15, else null
    "id_clean": pl.String(),  # the raw value cleaned of cosmetic characters (shown for invalid IDs)
    "id_status": TEXT_CODE,
    "id_reason": TEXT_CODE,  # Chinese reason for a non-valid status; null when valid
    "id_region_known": pl.Boolean(),  # False: county code unknown (a warning only)
    "birth_date": pl.Date(),  # from the ID; else from a birth-date column; else surviving digits
    "gender": pl.String(),  # 男 / 女 / null
    "name_raw": pl.String(),
    "name": pl.String(),  # display form: NFKC, spaces removed, middle dots unified
    "name_pinyin": pl.String(),  # toneless syllables joined by " ", for same-sound comparison
    "town": TEXT_CODE,
    "village": TEXT_CODE,
    # dibao / poverty household
    "household_id": pl.String(),
    "head_name": pl.String(),
    "head_id": pl.String(),  # normalised head ID when valid
    "relation": TEXT_CODE,
    "household_size": pl.Int64(),
    "area_type": pl.String(),  # 城市 / 农村
    "start_month": pl.Date(),
    # money
    "monthly_amount": pl.Float64(),
    "amount_household": pl.Boolean(),  # monthly_amount is the household's (one per household), not a member's
    # tekun
    "support_mode": pl.String(),  # 集中 / 分散
    "self_care": pl.String(),
    # disability
    "cert_number": pl.String(),
    "cert_id": pl.String(),  # first 18 characters of the certificate number
    "cert_type": pl.Int64(),  # type digit inside the certificate number
    "cert_grade": pl.Int64(),  # grade digit inside the certificate number
    "disability_type": pl.Int64(),  # 1 视力 … 7 多重 (from the column, else from the certificate)
    "disability_grade": pl.Int64(),  # 1 … 4 (from the column, else from the certificate)
    # subsidy
    "subsidy_type": TEXT_CODE,  # SUBSIDY_LIVING / SUBSIDY_CARE
    # cremation
    "death_date": pl.Date(),
    "cremation_date": pl.Date(),
    "address": pl.String(),
    # poverty
    "poverty_category": TEXT_CODE,  # POVERTY_* values, or the text as found
    "income_per_capita": pl.Float64(),  # yuan per person per year
    "risk": pl.String(),
    # death (another office's death register): a 注销 row is a death only when its reason is one
    "cancel_date": pl.Date(),  # 注销日期
    "cancel_reason": TEXT_CODE,  # 注销原因 as found
    "is_death": pl.Boolean(),  # a death record: cremation rows, death rows whose reason is death (or none)
    # public_employee
    "unit": pl.String(),  # 单位名称 (also a pension's or wage's payer)
    "staff_type": TEXT_CODE,  # 人员类别 / 编制类型
    # vehicle
    "plate": pl.String(),  # 号牌号码
    "vehicle_type": TEXT_CODE,  # 车辆类型 (or 号牌种类 read as a type)
    "vehicle_status": TEXT_CODE,  # 机动车状态 as found
    "in_use": pl.Boolean(),  # vehicle: not 注销/报废/转出; business: 存续/在业/开业 (null: unknown)
    "reg_date": pl.Date(),  # 初次登记日期 / 成立日期
    # business
    "entity_name": pl.String(),  # 企业名称 / 字号名称
    "credit_code": pl.String(),  # 统一社会信用代码 / 注册号
    "entity_type": TEXT_CODE,  # 市场主体类型 / 企业类型
    "capital": pl.Float64(),  # 注册资本 / 资金数额, in yuan (万元 scaled)
    "entity_status": TEXT_CODE,  # 登记状态 as found
    # property
    "property_location": pl.String(),  # 坐落
    "property_unit": pl.String(),  # 不动产单元号 / 权证号
    "property_use": TEXT_CODE,  # 用途 as found
    "floor_area": pl.Float64(),  # 建筑面积, square metres
    # pension
    "pension_type": TEXT_CODE,  # 险种 / 类别 (养老金, 工资 …); the amount is monthly_amount
    # cadre
    "position": pl.String(),  # 职务
    # filing: the row's person is the assisted one; the cadre is named beside
    "cadre_name": pl.String(),
    "cadre_id": pl.String(),  # normalised when valid
    "filing_relation": pl.String(),  # 与干部关系
    "filing_date": pl.Date(),
    # payment: the row's person is the beneficiary; the amount paid is monthly_amount
    "pay_month": pl.Date(),  # first day of the month paid (发放月份, else the title's month)
    "programme": TEXT_CODE,  # PROGRAMME_* / SUBSIDY_* values, or the 项目 text as found
    "account_name": pl.String(),  # 账户名 / 户名 / 收款人
    "account_no": pl.String(),  # 账号 / 卡号 (personal data: masked)
    # child_welfare
    "child_category": TEXT_CODE,  # 孤儿 / 事实无人抚养儿童
}

# Columns the monthly run never reads once the rows are loaded (the data-quality warnings about them are
# made while loading). `recon run` does not keep them, which at a province's 10 million rows saves over a
# gigabyte; `load_folder` keeps them by default for inspect, match and the Python API. `name_raw` is kept
# when the outputs are masked (the raw spellings must be scrubbed too).
RUN_UNUSED: tuple[str, ...] = (
    "id_region_known",
    "gender",
    "name_raw",
    "area_type",
    "start_month",
    "support_mode",
    "self_care",
    "address",
    "risk",
    "reg_date",
    "filing_date",
)

# Who is on which roll this month, under which IDs: what a run tells the monthly cycle about its data
# (a previous finding whose person left the roll, or whose ID was corrected, is resolved for that reason).
# A projection of the linked records, so it costs no copy.
ROLL_COLUMNS: tuple[str, ...] = ("kind", "id_number", "person_id", "id_clean", "id_status", "name", "town")


# The rolls one run read, kept as `roll_snapshot.parquet` in its output folder (never under --mask) and read
# back next month by `--previous` for M1 and the movement of the roll; `--previous-input` builds the same
# frame from last month's input folder. One row per dibao or tekun record.
SNAPSHOT_SCHEMA: dict[str, pl.DataType] = {
    "month": pl.Date(),
    "kind": pl.String(),  # dibao / tekun
    "person_id": pl.String(),  # the person's 18-character ID (the link's), null for a record linked to no one
    "id_number": pl.String(),
    "id_clean": pl.String(),
    "name": pl.String(),
    "household_id": pl.String(),
    "head_name": pl.String(),
    "head_id": pl.String(),
    "relation": pl.String(),
    "town": pl.String(),
    "village": pl.String(),
    "monthly_amount": pl.Float64(),
    "source_file": pl.String(),
    "source_sheet": pl.String(),
    "source_row": pl.Int64(),
}


def roll_of(linked: pl.DataFrame) -> pl.DataFrame:
    """The ROLL_COLUMNS of linked records (those the frame has)."""
    return linked.select([c for c in ROLL_COLUMNS if c in linked.columns])


# Added by the linking stage.
LINK_COLUMNS: dict[str, pl.DataType] = {
    "person_id": pl.String(),  # the 18-character ID of the person, or "rec:<rec_id>" for an unlinked record
    "link_basis": TEXT_CODE,  # how this record joined its person: "id", or a fuzzy basis label
    "link_confidence": pl.Float64(),  # 1.0 for exact ID links
    "link_rec_id": pl.Int64(),  # for fuzzy links: the record it was linked to
    "linkable": pl.Boolean(),  # the person has an ID (person_id is not "rec:<rec_id>")
    "person_key": pl.Int64(),  # one integer per person, for joins (recon/link/keys.py)
}
LINKED_SCHEMA: dict[str, pl.DataType] = {**RECORD_SCHEMA, **LINK_COLUMNS}

# Basis labels (levels, not a score). Exact ID: "id", or "id+name_differs" / "id+name_homophone" when the
# names in the two records differ.
BASIS_ID = "id"
BASIS_ID_NAME_DIFFERS = "id+name_differs"
BASIS_ID_NAME_HOMOPHONE = "id+name_homophone"
BASIS_ID_EDIT_NAME = "id_one_edit+name"
BASIS_ID_EDIT_HOMOPHONE = "id_one_edit+homophone"
BASIS_NAME_BIRTH_TOWN = "name+birth_date+town"
BASIS_HOMOPHONE_BIRTH_TOWN = "homophone+birth_date+town"


def records_frame(rows: list[dict[str, Any]] | None = None) -> pl.DataFrame:
    """A records frame with the full schema; missing columns are null. For tests and the Python API."""
    rows = rows or []
    data = {c: [r.get(c) for r in rows] for c in RECORD_SCHEMA}
    return pl.DataFrame(data, schema=RECORD_SCHEMA)


# ---------------------------------------------------------------------------------------------------
# Findings: one row per anomaly. The CSV, the workbook and the terminal are views of this frame.
# ---------------------------------------------------------------------------------------------------
SEVERITIES = ("high", "medium", "low")
SEVERITY_ZH = {"high": "高", "medium": "中", "low": "低"}

FINDING_SCHEMA: dict[str, pl.DataType] = {
    "rule": pl.String(),
    "severity": pl.String(),
    "id_number": pl.String(),  # normalised 18 characters, else the cleaned raw value
    "name": pl.String(),
    "town": pl.String(),
    "village": pl.String(),
    "source_kind": pl.String(),
    "source_file": pl.String(),
    "source_sheet": pl.String(),
    "source_row": pl.Int64(),
    "match_basis": pl.String(),
    "confidence": pl.Float64(),
    "evidence": pl.String(),  # one Chinese sentence an auditor understands without the manual
    "monthly_amount": pl.Float64(),
    "months_since_death": pl.Int64(),
    "overpaid_amount": pl.Float64(),
    # rule-specific fields
    "death_date": pl.Date(),
    "age": pl.Int64(),
    "disability": pl.String(),  # e.g. "智力2级"
    "subsidy_type": pl.String(),
    "household_id": pl.String(),
    "household_category": pl.String(),
    "income_per_capita": pl.Float64(),
    "standard": pl.Float64(),
    "related": pl.String(),  # the other record(s): "火化记录.xlsx 第12行"
    "paid_amount": pl.Float64(),  # P rules: what the payment file shows paid
    "key": pl.String(),  # stable identity of the anomaly across months: rule|id|kind[|extra]
}
FINDING_COLUMNS: tuple[str, ...] = tuple(FINDING_SCHEMA)
# The output-contract columns, in order, that every anomalies.csv starts with.
CONTRACT_COLUMNS: tuple[str, ...] = (
    "rule",
    "severity",
    "id_number",
    "name",
    "town",
    "village",
    "source_kind",
    "source_file",
    "source_sheet",
    "source_row",
    "match_basis",
    "confidence",
    "evidence",
    "monthly_amount",
    "months_since_death",
    "overpaid_amount",
)


def empty_findings() -> pl.DataFrame:
    return pl.DataFrame(schema=FINDING_SCHEMA)


def conform_findings(df: pl.DataFrame) -> pl.DataFrame:
    """Add missing finding columns as nulls, cast, and order columns as FINDING_SCHEMA."""
    exprs = []
    for col, dtype in FINDING_SCHEMA.items():
        if col in df.columns:
            exprs.append(pl.col(col).cast(dtype))
        else:
            exprs.append(pl.lit(None, dtype=dtype).alias(col))
    return df.select(exprs)


@dataclass(frozen=True)
class Finding:
    """One anomaly as a Python object (the Python API and tests; the pipeline works on frames)."""

    rule: str
    severity: str
    id_number: str | None
    name: str | None
    town: str | None
    village: str | None
    source_kind: str | None
    source_file: str | None
    source_sheet: str | None
    source_row: int | None
    match_basis: str | None
    confidence: float | None
    evidence: str | None
    monthly_amount: float | None = None
    months_since_death: int | None = None
    overpaid_amount: float | None = None
    death_date: dt.date | None = None
    age: int | None = None
    disability: str | None = None
    subsidy_type: str | None = None
    household_id: str | None = None
    household_category: str | None = None
    income_per_capita: float | None = None
    standard: float | None = None
    related: str | None = None
    paid_amount: float | None = None
    key: str | None = None


def findings_to_records(df: pl.DataFrame) -> list[Finding]:
    return [Finding(**row) for row in conform_findings(df).iter_rows(named=True)]


# ---------------------------------------------------------------------------------------------------
# Data-quality issues met while reading (rejected rows, skipped rows, warnings)
# ---------------------------------------------------------------------------------------------------
ISSUE_SCHEMA: dict[str, pl.DataType] = {
    "level": pl.String(),  # "rejected" (row not used), "skipped" (blank/title/total), "warning" (row used)
    "code": pl.String(),  # short machine code, e.g. "blank_row", "totals_row", "region_unknown"
    "source_file": pl.String(),
    "source_sheet": pl.String(),
    "source_row": pl.Int64(),
    "column": pl.String(),
    "value": pl.String(),
    "reason": pl.String(),  # Chinese, plain words
}


def empty_issues() -> pl.DataFrame:
    return pl.DataFrame(schema=ISSUE_SCHEMA)


def issue_rows(
    df: pl.DataFrame,
    level: str,
    code: str,
    reason: pl.Expr | str,
    *,
    source_file: pl.Expr,
    source_sheet: pl.Expr,
    source_row: pl.Expr,
    column: str | None = None,
    value: pl.Expr | None = None,
) -> pl.DataFrame:
    """One ISSUE_SCHEMA row per row of `df`, its place and value given as expressions over `df`."""
    if df.height == 0:
        return empty_issues()
    return df.select(
        pl.lit(level).alias("level"),
        pl.lit(code).alias("code"),
        source_file.cast(pl.String).alias("source_file"),
        source_sheet.cast(pl.String).alias("source_sheet"),
        source_row.cast(pl.Int64).alias("source_row"),
        pl.lit(column, dtype=pl.String).alias("column"),
        (value if value is not None else pl.lit(None, dtype=pl.String)).cast(pl.String).alias("value"),
        (reason if isinstance(reason, pl.Expr) else pl.lit(reason)).cast(pl.String).alias("reason"),
    )


def issues_in_source_order(issues: pl.DataFrame) -> pl.DataFrame:
    """Issues by file, sheet and row, as an officer goes through them (stable within a row)."""
    return issues.sort("source_file", "source_sheet", "source_row", nulls_last=True, maintain_order=True)


@dataclass
class SourceStats:
    """One file/sheet as recon read it: its kind, header and columns, and the row accounting
    (read = used + rejected + skipped). `recon inspect` shows these; a run reports them per source."""

    source_file: str
    source_sheet: str | None
    kind: str | None
    path: str
    header_row: int | None = None  # 1-based row of the (last) header row
    columns: dict[str, str] = field(default_factory=dict)  # header text -> canonical field
    rows_read: int = 0
    rows_used: int = 0
    rows_rejected: int = 0
    rows_skipped: int = 0
    records: int = 0  # records made from the used rows (a household row makes one per member)
    id_status_counts: dict[str, int] = field(default_factory=dict)  # per record
    problems: list[str] = field(default_factory=list)
    error: str | None = None  # why the sheet cannot be used (inspect reports it instead of stopping)
    evidence: str | None = None  # what made recon take the sheet for its kind (Chinese)
    doubt: str | None = None  # why that decision is uncertain, naming the other kind (Chinese)
    runner_up: str | None = None  # the kind with the next best evidence
    link_share: float | None = None  # share of its records whose person is in another source
    to_disability: float | None = None  # subsidy sources: share of records found on a certificate roll

    def balanced(self) -> bool:
        return self.rows_read == self.rows_used + self.rows_rejected + self.rows_skipped


# ---------------------------------------------------------------------------------------------------
# Files not read, and what a run wants a person to look at
# ---------------------------------------------------------------------------------------------------
# Why a file (or sheet) of the input folder was not read. UNREAD_CODES are the files a person meant to
# be compared and recon could not use: a run that leaves one out completes, and exits with its own code.
NOT_READ_HIDDEN = "hidden"  # a name starting with _ or . (by convention not an input)
NOT_READ_LOCK = "lock_file"  # Excel's ~$ lock file of an open workbook
NOT_READ_LINK = "dangling_link"  # a link whose target does not exist
NOT_READ_SHORTCUT = "shortcut"  # a Windows shortcut (.lnk), not the file it points to
NOT_READ_NOT_TABLE = "not_a_table"  # a notice, a PDF, a picture …
NOT_READ_COPY = "copy"  # the same content as another file, read once
NOT_READ_IGNORED = "ignored"  # `ignore = true` in the config
NOT_READ_UNREADABLE = "unreadable"  # cannot be opened (damaged, encrypted, unknown encoding …)
NOT_READ_UNUSABLE = "unusable"  # opened, but its kind or a required column cannot be told
UNREAD_CODES = frozenset({NOT_READ_UNREADABLE, NOT_READ_UNUSABLE})


@dataclass(frozen=True)
class FileNotRead:
    path: str  # as shown to users (relative to the input folder)
    code: str  # NOT_READ_*
    reason: str  # Chinese, plain words
    sheet: str | None = None  # when one sheet of a workbook was left out
    fix: str | None = None  # what to do, with the config lines where they settle it (Chinese)
    reason_en: str | None = None
    fix_en: str | None = None
    same_as: str | None = None  # a copy: the file that was read instead

    @property
    def unread(self) -> bool:
        return self.code in UNREAD_CODES


@dataclass(frozen=True)
class Notice:
    """Something about this run's inputs a person should look at before trusting the lists: a file
    not read, a kind recon hesitated over, a rule skipped while a file's name suggests its source, a
    roll that links to almost nothing. Shown at the top of 汇总, in the terminal and in summary.json."""

    code: str
    message: str  # Chinese
    fix: str | None = None
    file: str | None = None
    sheet: str | None = None
    message_en: str | None = None
    fix_en: str | None = None
