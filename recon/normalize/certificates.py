"""Disability certificates (残疾人证): the ID, type and grade inside the number, and the type/grade columns.

A certificate number is normally the holder's 18-character ID followed by the type digit (1 视力 …
7 多重) and the grade digit (1 most severe … 4), sometimes with a reissue suffix such as "B1".
"""

from __future__ import annotations

import polars as pl

from recon.normalize.ids import clean_id_expr

TYPE_NAMES: dict[int, str] = {1: "视力", 2: "听力", 3: "言语", 4: "肢体", 5: "智力", 6: "精神", 7: "多重"}

_GRADE_WORDS: dict[str, int] = {
    "1": 1, "一": 1, "壹": 1, "I": 1,
    "2": 2, "二": 2, "贰": 2, "II": 2,
    "3": 3, "三": 3, "叁": 3, "III": 3,
    "4": 4, "四": 4, "肆": 4, "IV": 4,
}  # fmt: skip
# NFKC has already turned Roman numerals (Ⅰ…Ⅳ) into Latin letters.
_GRADE_RE = (
    r"^第?("
    + "|".join(sorted(_GRADE_WORDS, key=len, reverse=True))
    + r")(?:级|級|等|等级|等級)?(?:残疾|殘疾)?$"
)
# Names as found in files: the standard ones, traditional forms, and the common slip 语言 for 言语.
_TYPE_WORDS: dict[str, int] = {
    **{name: code for code, name in TYPE_NAMES.items()},
    "視力": 1, "聽力": 2, "语言": 3, "語言": 3, "肢體": 4,
}  # fmt: skip
_TYPE_NAME_RE = r"^(" + "|".join(_TYPE_WORDS) + r")(?:残疾|殘疾)?(?:人)?$"
_TYPE_DIGIT_RE = r"^([1-7])(?:类)?$"
# Number-looking text: a certificate read from a numeric cell has lost its digits like an ID.
_FLOAT_TEXT_RE = r"E[+-]?\d+$|\."


def _tidy(e: pl.Expr) -> pl.Expr:
    return e.cast(pl.String).str.normalize("NFKC").str.replace_all(r"[\s\p{Cf}]", "").str.to_uppercase()


def add_cert_columns(lf: pl.LazyFrame, raw: str = "cert_number") -> pl.LazyFrame:
    """Add `cert_id` (18 characters), `cert_type` (1–7) and `cert_grade` (1–4) read from the number."""
    tmp = "__cert_clean"
    cert = pl.col(tmp)
    usable = (cert.str.len_chars() >= 20) & ~cert.str.contains(_FLOAT_TEXT_RE)
    type_digit = cert.str.slice(18, 1)
    grade_digit = cert.str.slice(19, 1)
    return (
        lf.with_columns(clean_id_expr(pl.col(raw)).alias(tmp))
        .with_columns(
            pl.when(usable).then(cert.str.slice(0, 18)).alias("cert_id"),
            pl.when(usable & type_digit.str.contains(r"^[1-7]$"))
            .then(type_digit.cast(pl.Int64))
            .alias("cert_type"),
            pl.when(usable & grade_digit.str.contains(r"^[1-4]$"))
            .then(grade_digit.cast(pl.Int64))
            .alias("cert_grade"),
        )
        .drop(tmp)
    )


def parse_disability_type_expr(e: pl.Expr) -> pl.Expr:
    """ "5", "智力", "智力残疾", "智力残疾人" -> 5; anything else -> null (Int64)."""
    text = _tidy(e)
    by_name = text.str.extract(_TYPE_NAME_RE, 1).replace_strict(
        _TYPE_WORDS, default=None, return_dtype=pl.Int64
    )
    by_digit = text.str.extract(_TYPE_DIGIT_RE, 1).cast(pl.Int64, strict=False)
    return pl.coalesce(by_digit, by_name)


def parse_grade_expr(e: pl.Expr) -> pl.Expr:
    """ "1", "一级", "1级", "壹级", "Ⅳ级" -> 1..4; anything else -> null (Int64)."""
    return (
        _tidy(e).str.extract(_GRADE_RE, 1).replace_strict(_GRADE_WORDS, default=None, return_dtype=pl.Int64)
    )


def disability_label(dtype: int | None, grade: int | None) -> str:
    """(5, 2) -> "智力2级"; whichever part is unknown is left out; "" when both are."""
    name = TYPE_NAMES.get(dtype, "") if dtype is not None else ""
    level = f"{grade}级" if grade is not None else ""
    return name + level
