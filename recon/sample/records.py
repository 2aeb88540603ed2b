"""The clean record table every part of the generator writes to, and the roll vocabulary they share.

Everything here is *clean*: the names are the display names recon should end with, `pid` is the person a
correct linker attaches the record to, and `id_status`/`id_text` say what the ID cell holds before
cosmetic mess. `answers.py` computes the expected anomalies from these records; `mess.py` and `write.py`
then damage the text cosmetically and lay it out as county files.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from recon.sample.people import RURAL_TOWNS, STREETS

# logical files -> source kind
FILE_KINDS: dict[str, str] = {
    "dibao_rural": "dibao",
    "dibao_urban": "dibao",
    "tekun": "tekun",
    "disability": "disability",
    "subsidy_all": "subsidy",
    "subsidy_care": "subsidy",
    "cremation": "cremation",
    "poverty": "poverty",
    # the other offices' lists and the payment file (DOMAIN.md "More sources")
    "death": "death",
    "public_employee": "public_employee",
    "vehicle": "vehicle",
    "business": "business",
    "property": "property",
    "pension": "pension",
    "cadre": "cadre",
    "filing": "filing",
    "payment": "payment",
    "child_welfare": "child_welfare",
}
# logical files of last month's roll, written into PREVIOUS_DIR (kind dibao)
PREVIOUS_FILES = ("dibao_rural", "dibao_urban")

LIVING = "生活补贴"
CARE = "护理补贴"
UNSTABLE, MARGINAL, SUDDEN, LIFTED = "脱贫不稳定户", "边缘易致贫户", "突发严重困难户", "脱贫户"

# towns whose care-subsidy lines sit in the combined workbook; the others' are in 护理补贴.csv
COMBINED_CARE_TOWNS = STREETS + RURAL_TOWNS[:7]

SCHEMA: dict[str, pl.DataType] = {
    "kind": pl.String(),
    "file": pl.String(),
    "pid": pl.String(),
    "id_status": pl.String(),
    "id_text": pl.String(),
    "id_cell": pl.String(),
    "name": pl.String(),
    "gender": pl.String(),
    "birth": pl.Date(),
    "town": pl.String(),
    "village": pl.String(),
    "hh": pl.String(),
    "household_id": pl.String(),
    "head_name": pl.String(),
    "head_pid": pl.String(),
    "relation": pl.String(),
    "area_type": pl.String(),
    "amount": pl.Float64(),
    "start_month": pl.Date(),
    "support_mode": pl.String(),
    "self_care": pl.String(),
    "dis_type": pl.Int64(),
    "dis_grade": pl.Int64(),
    "cert_number": pl.String(),
    "subsidy_type": pl.String(),
    "death_date": pl.Date(),
    "cremation_date": pl.Date(),
    "poverty_category": pl.String(),
    "income": pl.Float64(),
    "risk": pl.String(),
    # the other offices' lists share a few generic columns rather than one column per list field:
    # org = 单位名称/企业名称; category = 人员类别/车辆类型/市场主体类型/用途/险种/职务/儿童类别/项目/注销原因;
    # status = 机动车状态/登记状态; ref = 号牌/信用代码/不动产单元号/账号; place = 坐落; area = 建筑面积;
    # event_date = 初次登记/注销/备案日期; other_name/other_pid = 关联干部, 账户名; pay_month = 发放月份
    "org": pl.String(),
    "category": pl.String(),
    "status": pl.String(),
    "ref": pl.String(),
    "place": pl.String(),
    "area": pl.Float64(),
    "event_date": pl.Date(),
    "other_name": pl.String(),
    "other_pid": pl.String(),
    "pay_month": pl.Date(),
    "planted": pl.String(),
}

# 注销原因 that are no death (DOMAIN.md: a 迁出 row is not a death)
NOT_DEATH_REASONS = ("迁出", "服兵役", "出国定居", "户口迁移", "重复户口")
DIBAO_PROGRAMME, TEKUN_PROGRAMME = "dibao", "tekun"

RISKS = ("因病", "因残", "因学", "缺劳动力", "因灾", "意外事故", "产业经营失败", "务工就业不稳")


def add_months(d: dt.date, k: int) -> dt.date:
    m = d.year * 12 + d.month - 1 + k
    return dt.date(m // 12, m % 12 + 1, 1)


def conform(df: pl.DataFrame) -> pl.DataFrame:
    """`df` with exactly the SCHEMA columns, so the planted rows and every base roll concatenate."""
    return df.select(
        [
            (pl.col(c).cast(t) if c in df.columns else pl.lit(None, dtype=t)).alias(c)
            for c, t in SCHEMA.items()
        ]
    )
