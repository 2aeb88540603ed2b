"""The fingerprint of a finding: the material facts an auditor's verdict was based on.

A row marked 不属实 stays excluded only while these facts stay the same. The fingerprint is readable
text ("death_date=2020-01-03;monthly_amount=300.00"), not a hash, so that when it changes the reason can
name what changed. Values that move every month by themselves (months since death, overpaid amount, age,
row numbers, file names) are left out: they would bring every excluded row back each month.
"""

from __future__ import annotations

import polars as pl

from recon.report.labels import BASE_HEADERS, OPTIONAL_HEADERS

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
