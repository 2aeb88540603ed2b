"""Dates and months in the shapes county spreadsheets use, parsed to pl.Date.

Every accepted form is matched by a strict regex first and only then handed to polars' parser on a
canonical zero-padded "YYYYMMDD" string: chrono alone is lenient about widths ("2020031" parses), and a
wrong date is worse than no date.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from recon.normalize.fastpath import named_like, on_distinct, patch_slow_rows

_YEAR = r"((?:18|19|20|21)\d{2})"
_SEP = r"\s*[-/.年]\s*"
_TIME = r"(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_FULL_RE = rf"^{_YEAR}{_SEP}(\d{{1,2}}){_SEP.replace('年', '月')}(\d{{1,2}})\s*[日号]?{_TIME}$"
_COMPACT_RE = rf"^{_YEAR}(\d{{2}})(\d{{2}}){_TIME}$"
_MONTH_RE = rf"^{_YEAR}{_SEP}(\d{{1,2}})\s*月?$"
_COMPACT_MONTH_RE = rf"^{_YEAR}(\d{{2}})$"
_SERIAL_RE = r"^(\d{1,5})(?:\.\d*)?$"
_YEAR_ONLY_RE = r"^(?:18|19|20|21)\d{2}(?:\.\d*)?$"  # "2020", or "2020.13" that failed as a month

MAX_SERIAL = 80_000  # 2119-01-10; beyond that a number is no Excel date we expect
_SERIAL_BASE = dt.date(1899, 12, 30)  # Excel's epoch as seen from serials above 60
_FAKE_LEAP_DAY = 60  # Excel's 1900-02-29, a day that never was


def _canonical(y: pl.Expr, m: pl.Expr, d: pl.Expr) -> pl.Expr:
    return pl.concat_str([y, m.str.zfill(2), d.str.zfill(2)]).str.to_date("%Y%m%d", strict=False)


# The dominant shapes, already canonical enough for one strict parse. Each is matched by the
# reference's full-date pattern (with the same groups) and by none of its other patterns, so where the
# parse fails the reference finds nothing either. ASCII digits only: \d would let full-width digits
# through, which the reference reads after NFKC but a direct parse does not.
_FAST_DASHED_RE = r"^(?:18|19|20|21)[0-9]{2}-[0-9]{2}-[0-9]{2}$"
_FAST_COMPACT_RE = r"^(?:18|19|20|21)[0-9]{6}$"
# The other written forms without spaces or a time: "2020/4/1", "2020.04.01", "2020年4月1日".
_FAST_SEPARATED_RE = r"^((?:18|19|20|21)[0-9]{2})[-/.年]([0-9]{1,2})[-/.月]([0-9]{1,2})[日号]?$"


def parse_date_expr(e: pl.Expr) -> pl.Expr:
    """Text (or any type cast to text) -> pl.Date; a month alone gives its first day; else null.

    Rows in one of the common shapes are parsed directly; only the others go through the full set of
    patterns (`_parse_date_reference`).
    """
    fast = e.cast(pl.String).map_batches(
        lambda s: on_distinct(s, _parse_date_batch), return_dtype=pl.Date, is_elementwise=True
    )
    return named_like(fast, _parse_date_reference(e))


def _parse_date_batch(text: pl.Series) -> pl.Series:
    frame = text.to_frame("t").select(
        pl.col("t").str.contains(_FAST_DASHED_RE).alias("dashed"),
        pl.col("t").str.contains(_FAST_COMPACT_RE).alias("compact"),
    )
    fast = frame.with_columns(t=text).select(
        pl.when(pl.col("dashed"))
        .then(pl.col("t").str.to_date("%Y-%m-%d", strict=False))
        .when(pl.col("compact"))
        .then(pl.col("t").str.to_date("%Y%m%d", strict=False))
    )
    return patch_slow_rows(
        fast.to_series(), ~(frame["dashed"] | frame["compact"]), text, _parse_separated_or_reference
    )


def _parse_separated_or_reference(e: pl.Expr) -> pl.Expr:
    # Only reached by the rows the two commonest shapes missed, so the extra regex pass is cheap.
    return e.map_batches(_parse_separated_batch, return_dtype=pl.Date, is_elementwise=True)


def _parse_separated_batch(text: pl.Series) -> pl.Series:
    found = text.to_frame("t").select(pl.col("t").str.extract_groups(_FAST_SEPARATED_RE).alias("g"))["g"]
    y, m, d = (found.struct.field(str(i)) for i in (1, 2, 3))
    parsed = pl.select(_canonical(pl.lit(y), pl.lit(m), pl.lit(d))).to_series()
    return patch_slow_rows(parsed, y.is_null(), text, _parse_date_reference)


def _parse_date_reference(e: pl.Expr) -> pl.Expr:
    """The full parse behind `parse_date_expr`, every pattern on every row; the oracle for its tests."""
    text = e.cast(pl.String).str.normalize("NFKC").str.strip_chars()

    def groups(pattern: str, n: int) -> list[pl.Expr]:
        # one regex pass per pattern for all its groups: a million-row column pays per pass
        found = text.str.extract_groups(pattern)
        return [found.struct.field(str(i)) for i in range(1, n + 1)]

    full = _canonical(*groups(_FULL_RE, 3))
    compact = _canonical(*groups(_COMPACT_RE, 3))
    month_year, month_month = groups(_MONTH_RE, 2)
    month = _canonical(month_year, month_month, pl.lit("01"))
    compact_year, compact_month_ = groups(_COMPACT_MONTH_RE, 2)
    compact_month = _canonical(compact_year, compact_month_, pl.lit("01"))

    serial = text.str.extract(_SERIAL_RE, 1).cast(pl.Int64, strict=False)
    # A 4-digit number that looks like a year is far more likely a year (or a broken year.month) than a
    # date in 1905, so it is not read as a serial.
    serial = pl.when(~text.str.contains(_YEAR_ONLY_RE) & serial.is_between(1, MAX_SERIAL)).then(serial)
    # Excel counts 1900-02-29 as a day: serials before it start one day later than those after it.
    offset = pl.when(serial < _FAKE_LEAP_DAY).then(serial + 1).otherwise(serial)
    from_serial = pl.when(serial != _FAKE_LEAP_DAY).then(pl.lit(_SERIAL_BASE) + pl.duration(days=offset))
    return pl.coalesce(full, compact, month, compact_month, from_serial.cast(pl.Date))


def parse_month_expr(e: pl.Expr) -> pl.Expr:
    """Like `parse_date_expr`, truncated to the first day of the month."""
    return parse_date_expr(e).dt.month_start()
