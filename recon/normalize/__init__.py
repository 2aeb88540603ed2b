"""Normalisers: raw cell text -> canonical values, as vectorised polars expressions.

ids (resident ID numbers), names (display form and pinyin key), dates, amounts, certificates
(disability certificate number, type and grade).
"""

from recon.normalize.amounts import parse_amount_expr
from recon.normalize.certificates import (
    TYPE_NAMES,
    add_cert_columns,
    disability_label,
    parse_disability_type_expr,
    parse_grade_expr,
)
from recon.normalize.dates import parse_date_expr, parse_month_expr
from recon.normalize.ids import (
    add_id_columns,
    check_char,
    clean_id,
    clean_id_expr,
    convert15,
    gender_from_id_expr,
    id_check_char,
    known_region_codes,
)
from recon.normalize.names import add_name_columns, clean_name, clean_name_expr, name_pinyin, pinyin_expr

__all__ = [
    "TYPE_NAMES",
    "add_cert_columns",
    "add_id_columns",
    "add_name_columns",
    "check_char",
    "clean_id",
    "clean_id_expr",
    "clean_name",
    "clean_name_expr",
    "convert15",
    "disability_label",
    "gender_from_id_expr",
    "id_check_char",
    "known_region_codes",
    "name_pinyin",
    "parse_amount_expr",
    "parse_date_expr",
    "parse_disability_type_expr",
    "parse_grade_expr",
    "parse_month_expr",
    "pinyin_expr",
]
