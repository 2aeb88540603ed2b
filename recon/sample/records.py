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
}

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
    "planted": pl.String(),
}

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
