"""How link bases and record locations read in Chinese, for workbooks and evidence sentences."""

from __future__ import annotations

import polars as pl

from recon.model import (
    BASIS_HOMOPHONE_BIRTH_TOWN,
    BASIS_ID,
    BASIS_ID_EDIT_HOMOPHONE,
    BASIS_ID_EDIT_NAME,
    BASIS_ID_NAME_DIFFERS,
    BASIS_ID_NAME_HOMOPHONE,
    BASIS_NAME_BIRTH_TOWN,
)

BASIS_ZH: dict[str, str] = {
    BASIS_ID: "身份证号相同",
    BASIS_ID_NAME_DIFFERS: "身份证号相同，姓名不同",
    BASIS_ID_NAME_HOMOPHONE: "身份证号相同，姓名同音",
    BASIS_ID_EDIT_NAME: "身份证号差一位，姓名相同",
    BASIS_ID_EDIT_HOMOPHONE: "身份证号差一位，姓名同音",
    BASIS_NAME_BIRTH_TOWN: "姓名、出生日期、乡镇相同",
    BASIS_HOMOPHONE_BIRTH_TOWN: "姓名同音，出生日期、乡镇相同",
}


def basis_zh_expr(basis: str | pl.Expr) -> pl.Expr:
    """The Chinese reading of a basis label; a label not in BASIS_ZH (e.g. "a / b") is shown as is."""
    e = pl.col(basis) if isinstance(basis, str) else basis
    return e.replace(BASIS_ZH)


def location_expr(prefix: str = "") -> pl.Expr:
    """'file 工作表 sheet 第N行' from {prefix}source_file / source_sheet / source_row."""
    f, s, r = (pl.col(f"{prefix}source_{c}") for c in ("file", "sheet", "row"))
    return pl.concat_str(
        [
            f.fill_null("?"),
            pl.when(s.is_not_null()).then(pl.format(" 工作表{}", s)).otherwise(pl.lit("")),
            pl.when(r.is_not_null()).then(pl.format(" 第{}行", r)).otherwise(pl.lit("")),
        ]
    )
