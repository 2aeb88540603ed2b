"""Resident ID numbers (GB 11643-1999): cleaning, validation, 15->18 conversion, float-damage detection.

Everything here is a polars expression or a LazyFrame -> LazyFrame function, so a million-row roll is
checked without a Python loop. The pure-Python helpers (`check_char`, `convert15`, `clean_id`) exist
for tests and data generators and must agree with the expressions.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from functools import lru_cache, partial
from typing import TypeVar

import polars as pl
import polars.selectors as cs

from recon.model import ID_FLOAT, ID_INVALID, ID_MISSING, ID_VALID, ID_VALID15

T = TypeVar("T", int, pl.Expr)

# First two digits that are a province (GB/T 2260); anything else cannot be a real number.
PROVINCES: frozenset[str] = frozenset(
    [str(n) for n in (11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37)]
    + [str(n) for n in (41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82)]
)

EARLIEST_BIRTH = dt.date(1900, 1, 1)

REASON_MISSING = "空白"
REASON_ILLEGAL = "含非法字符"
REASON_SCIENTIFIC = "以科学计数法保存，后几位已丢失"
REASON_NUMERIC = "单元格以数字保存，后几位已丢失"
REASON_ZERO_PADDED = "末尾被 Excel 补零，后几位已丢失"
REASON_NO_DATE = "出生日期不存在"
REASON_FUTURE = "出生日期晚于今天"
REASON_TOO_OLD = "出生日期早于1900年"

# Cosmetic characters that spreadsheets and copy-paste put around IDs: whitespace of every kind (the
# C0 separators \x1c-\x1f count as whitespace for Python, so they go too, keeping clean_id in step),
# invisible format characters (category Cf), and the apostrophes/quotes used to force text cells.
_COSMETIC_RE = r"[\s\x1C-\x1F\p{Cf}'`‘’\"“”]"
_COSMETIC_CHARS = frozenset("'`‘’\"“”")

_SCI_RE = r"^[+-]?(\d+)(?:\.(\d*))?E[+-]?(\d+)$"
_SCI_EXP_RE = r"E\+?(-?\d+)$"
_SHORT_FLOAT_RE = r"^\d{1,15}\.0*$"  # a float rendering of a number that float64 holds exactly
_LONG_FLOAT_RE = r"^\d{16,}\.\d*$"


def clean_id_expr(raw: pl.Expr) -> pl.Expr:
    """The raw cell without cosmetic characters, upper-cased; null when nothing is left."""
    cleaned = raw.cast(pl.String).str.normalize("NFKC").str.replace_all(_COSMETIC_RE, "").str.to_uppercase()
    return pl.when(cleaned.str.len_chars() > 0).then(cleaned)


def clean_id(raw: str | None) -> str | None:
    """Pure-Python twin of `clean_id_expr`."""
    if raw is None:
        return None
    text = unicodedata.normalize("NFKC", raw)
    text = "".join(
        ch for ch in text if not (ch.isspace() or ch in _COSMETIC_CHARS or unicodedata.category(ch) == "Cf")
    )
    text = text.upper()
    return text or None


def _check_code(base13: T) -> T:
    """The check code (0-9, 10 for X) of 17 digits read as one base-13 number.

    The MOD 11-2 weights (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) are 2**k mod 11, and 13 is 2 mod 11, so
    the weighted sum is the digits read in base 13, times 2 (the trick python-stdnum uses): one parse
    instead of 17 slices. The same arithmetic serves a Python int and a polars expression.
    """
    return (23 - 2 * (base13 % 11)) % 11


def check_char(first17: str) -> str:
    """The GB 11643 check character for 17 digits (ISO 7064 MOD 11-2)."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError(f"need 17 digits, got {first17!r}")
    code = _check_code(int(first17, 13))
    return "X" if code == 10 else str(code)


def convert15(s: str) -> str:
    """A 15-digit legacy number as its 18-character form (born in the 1900s, check character added)."""
    if len(s) != 15 or not s.isascii() or not s.isdigit():
        raise ValueError(f"need 15 digits, got {s!r}")
    first17 = s[:6] + "19" + s[6:]
    return first17 + check_char(first17)


def id_check_code(first17: pl.Expr) -> pl.Expr:
    """Vectorised check code (0-9, 10 for X) of 17 digits; null unless the input is 17 ASCII digits.

    17 base-13 digits stay below 13**17 < 2**63.
    """
    return _check_code(first17.str.to_integer(base=13, strict=False))


def id_check_char(first17: pl.Expr) -> pl.Expr:
    """Vectorised check character; null unless the input is exactly 17 ASCII digits."""
    ok = first17.str.contains(r"^[0-9]{17}$")
    code = id_check_code(pl.when(ok).then(first17))
    return pl.when(code == 10).then(pl.lit("X")).otherwise(code.cast(pl.String))


def gender_from_id_expr(id18: pl.Expr) -> pl.Expr:
    """男 for an odd 17th digit, 女 for an even one, null when there is no digit there."""
    digit = id18.str.slice(16, 1).cast(pl.Int64, strict=False)
    return pl.when(digit.is_null()).then(None).when(digit % 2 == 1).then(pl.lit("男")).otherwise(pl.lit("女"))


@lru_cache(maxsize=1)
def known_region_codes() -> frozenset[str]:
    """Every 6-digit county code that python-stdnum's table records for any year.

    Codes were assigned at registration and outlive renamed or merged counties, so the era brackets in
    the table are ignored: a code that ever existed is known.
    """
    from stdnum import numdb

    codes: set[str] = set()

    def walk(prefixes: list, head: str) -> None:
        for length, low, high, _props, children in prefixes:
            for n in range(int(low), int(high) + 1):
                part = head + str(n).zfill(length)
                if len(part) == 6:
                    codes.add(part)
                elif len(part) < 6:
                    walk(children, part)

    walk(numdb.get("cn/loc").prefixes, "")
    return frozenset(codes)


def _date_from_digits(yyyymmdd: pl.Expr, today: dt.date) -> tuple[pl.Expr, pl.Expr]:
    """(parsed date or null, date within [1900-01-01, today]) for an 8-character slice."""
    digits_ok = yyyymmdd.str.contains(r"^[0-9]{8}$")
    parsed = pl.when(digits_ok).then(yyyymmdd).str.to_date("%Y%m%d", strict=False)
    in_range = (parsed >= pl.lit(EARLIEST_BIRTH)) & (parsed <= pl.lit(today))
    return parsed, in_range


def _add_id_columns_reference(
    lf: pl.LazyFrame,
    raw: str = "id_raw",
    stored_numeric: str | None = None,
    prefix: str = "",
    today: dt.date | None = None,
) -> pl.LazyFrame:
    """The full computation behind `add_id_columns`, for every row; kept as the oracle its fast path
    is tested against.

    `stored_numeric` names a Boolean column, True where the spreadsheet cell held a number: more than
    15 digits cannot survive float64, whatever the text now looks like.
    """
    today = today or dt.date.today()
    p = prefix
    t = f"__{p}idtmp_"  # temporary columns, dropped at the end
    out_clean = f"{p}id_clean"

    clean = pl.col(out_clean)
    numeric = pl.col(stored_numeric).fill_null(False) if stored_numeric else pl.lit(False)

    lf = lf.with_columns(clean_id_expr(pl.col(raw)).alias(out_clean))

    # --- float damage --------------------------------------------------------------------------------
    sci_int = clean.str.extract(_SCI_RE, 1)
    sci_frac = clean.str.extract(_SCI_RE, 2).fill_null("")
    sci_exp = clean.str.extract(_SCI_EXP_RE, 1).cast(pl.Int64, strict=False)
    is_sci = sci_int.is_not_null()
    # A short number with a ".0" tail is intact (float64 holds 15 digits exactly): drop the tail.
    body = pl.when(clean.str.contains(_SHORT_FLOAT_RE)).then(clean.str.replace(r"\.0*$", "")).otherwise(clean)
    lf = lf.with_columns(
        is_sci.alias(f"{t}sci"),
        # the digits in their true positions, only when they describe an 18-digit number
        pl.when(is_sci & (sci_int.str.len_chars() + sci_exp == 18))
        .then(pl.concat_str([sci_int, sci_frac]).str.slice(0, 18))
        .alias(f"{t}sci_digits"),
        clean.str.contains(_LONG_FLOAT_RE).alias(f"{t}tail"),
        body.alias(f"{t}body"),
    )
    body = pl.col(f"{t}body")
    is_sci = pl.col(f"{t}sci")
    is_tail = pl.col(f"{t}tail")
    is_len15 = body.str.contains(r"^[0-9]{15}$")
    is_shape18 = body.str.contains(r"^[0-9]{17}[0-9X]$")
    # 15-digit legacy numbers are checked in their converted form, so one set of checks serves both.
    first17: pl.Expr = (
        pl.when(is_len15)
        .then(pl.concat_str([body.str.slice(0, 6), pl.lit("19"), body.str.slice(6, 9)]))
        .when(is_shape18)
        .then(body.str.slice(0, 17))
    )
    lf = lf.with_columns(
        first17.alias(f"{t}first17"),
        is_len15.alias(f"{t}len15"),
        is_shape18.alias(f"{t}shape18"),
        (numeric & (body.str.count_matches(r"[0-9]") > 15)).alias(f"{t}numeric_damage"),
    )
    first17 = pl.col(f"{t}first17")
    is_len15 = pl.col(f"{t}len15")
    is_shape18 = pl.col(f"{t}shape18")
    numeric_damage = pl.col(f"{t}numeric_damage")
    lf = lf.with_columns(id_check_char(first17).alias(f"{t}cc"))
    cc = pl.col(f"{t}cc")
    candidate: pl.Expr = pl.when(is_len15).then(pl.concat_str([first17, cc])).when(is_shape18).then(body)
    check_ok = is_len15 | (body.str.slice(17, 1) == cc)
    zero_padded = body.str.contains(r"^[0-9]{15}000$") & ~check_ok
    birth, birth_in_range = _date_from_digits(first17.str.slice(6, 8), today)
    province = first17.str.slice(0, 2)
    province_ok = province.is_in(sorted(PROVINCES))
    lf = lf.with_columns(
        candidate.alias(f"{t}candidate"),
        check_ok.fill_null(False).alias(f"{t}check_ok"),
        zero_padded.fill_null(False).alias(f"{t}zero"),
        birth.alias(f"{t}birth"),
        birth_in_range.fill_null(False).alias(f"{t}birth_ok"),
        province_ok.fill_null(False).alias(f"{t}prov_ok"),
    )
    candidate = pl.col(f"{t}candidate")
    check_ok = pl.col(f"{t}check_ok")
    zero_padded = pl.col(f"{t}zero")
    birth = pl.col(f"{t}birth")
    birth_ok = pl.col(f"{t}birth_ok")
    province_ok = pl.col(f"{t}prov_ok")

    damaged = is_sci | is_tail | numeric_damage | zero_padded
    usable = ~damaged & (is_len15 | is_shape18) & province_ok & birth_ok & check_ok
    status = (
        pl.when(clean.is_null())
        .then(pl.lit(ID_MISSING))
        .when(damaged)
        .then(pl.lit(ID_FLOAT))
        .when(usable & is_len15)
        .then(pl.lit(ID_VALID15))
        .when(usable)
        .then(pl.lit(ID_VALID))
        .otherwise(pl.lit(ID_INVALID))
    )
    length = body.str.len_chars().cast(pl.String)
    reason = (
        pl.when(clean.is_null())
        .then(pl.lit(REASON_MISSING))
        .when(is_sci)
        .then(pl.lit(REASON_SCIENTIFIC))
        .when(is_tail | numeric_damage)
        .then(pl.lit(REASON_NUMERIC))
        .when(zero_padded)
        .then(pl.lit(REASON_ZERO_PADDED))
        # 15-digit legacy numbers had no check character, so an X there is as foreign as a letter.
        .when(~body.str.contains(r"^[0-9]*X?$") | body.str.contains(r"^[0-9]{14}X$"))
        .then(pl.lit(REASON_ILLEGAL))
        .when(~(is_len15 | is_shape18))
        .then(pl.concat_str([pl.lit("位数不对（"), length, pl.lit("位）")]))
        .when(~province_ok)
        .then(pl.concat_str([pl.lit("省份代码 "), first17.str.slice(0, 2), pl.lit(" 不存在")]))
        .when(birth.is_null())
        .then(pl.lit(REASON_NO_DATE))
        .when(birth > pl.lit(today))
        .then(pl.lit(REASON_FUTURE))
        .when(birth < pl.lit(EARLIEST_BIRTH))
        .then(pl.lit(REASON_TOO_OLD))
        .when(~check_ok)
        .then(pl.concat_str([pl.lit("校验码错误（应为 "), cc, pl.lit("）")]))
    )
    # The surviving 18-digit prefix of a float-damaged value: its first 14 digits (region and birth
    # date) are still right, the tail is not.
    surviving = (
        pl.when(is_sci)
        .then(pl.col(f"{t}sci_digits"))
        .otherwise(body.str.extract(r"^([0-9]{18})(?:\.[0-9]*)?$", 1))
    )
    surviving_birth, surviving_ok = _date_from_digits(
        pl.when(surviving.str.len_chars() >= 14).then(surviving.str.slice(6, 8)), today
    )
    # Structurally sound but invalid numbers (bad check character, unknown province) keep their birth
    # date: it is the best evidence the fuzzy linker has for them.
    birth_out = pl.when(damaged).then(pl.when(surviving_ok).then(surviving_birth)).when(birth_ok).then(birth)
    gender_out = pl.when(~damaged & birth_ok).then(gender_from_id_expr(candidate))
    lf = lf.with_columns(
        pl.when(usable).then(candidate).alias(f"{p}id_number"),
        status.alias(f"{p}id_status"),
        pl.when(~usable).then(reason).alias(f"{p}id_reason"),
        pl.when(usable)
        .then(candidate.str.slice(0, 6).is_in(sorted(known_region_codes())))
        .alias(f"{p}id_region_known"),
        birth_out.alias(f"{p}id_birth_date"),
        gender_out.alias(f"{p}id_gender"),
    )
    return lf.drop(cs.starts_with(t))


# Every one of these is removed by `_COSMETIC_RE` and left alone by NFKC around ASCII digits.
_EDGE_JUNK = " \t\r\n'\u3000\u00a0"
_OUTPUT_SUFFIXES = (
    "id_clean",
    "id_number",
    "id_status",
    "id_reason",
    "id_region_known",
    "id_birth_date",
    "id_gender",
)
# Below this a batch costs more in fixed overhead (two plans instead of one) than the lean path saves.
_FAST_PATH_MIN_ROWS = 2000
_OUTPUT_DTYPES = (pl.String, pl.String, pl.String, pl.String, pl.Boolean, pl.Date, pl.String)


def add_id_columns(
    lf: pl.LazyFrame,
    raw: str = "id_raw",
    stored_numeric: str | None = None,
    prefix: str = "",
    today: dt.date | None = None,
) -> pl.LazyFrame:
    """Add `{prefix}id_clean/_number/_status/_reason/_region_known/_birth_date/_gender`.

    `stored_numeric` names a Boolean column, True where the spreadsheet cell held a number: more than
    15 digits cannot survive float64, whatever the text now looks like.

    Nearly every real ID is already a clean, valid 18-character number. Those rows take a lean path
    (shape, check character, birth date, province); every other row goes through
    `_add_id_columns_reference`, whose outputs this function reproduces exactly (see fastpath.py for
    why the slow rows are filtered rather than masked).
    """
    today = today or dt.date.today()
    p = prefix
    tmp = f"__{p}idfast"
    outputs = [f"{p}{s}" for s in _OUTPUT_SUFFIXES]
    numeric = pl.col(stored_numeric).fill_null(False) if stored_numeric else pl.lit(False)
    return_dtype = pl.Struct(
        {f"{p}{s}": dtype for s, dtype in zip(_OUTPUT_SUFFIXES, _OUTPUT_DTYPES, strict=True)}
    )
    batch = partial(_id_batch, prefix=p, today=today, with_numeric=stored_numeric is not None)
    return (
        lf.with_columns(
            pl.struct(pl.col(raw).cast(pl.String).alias("text"), numeric.alias("numeric"))
            .map_batches(batch, return_dtype=return_dtype, is_elementwise=True)
            .alias(tmp)
        )
        .with_columns(
            # by field, not unnest: an output column the frame already has is replaced where it stands, as
            # the reference replaces it
            pl.col(tmp).struct.field(name).alias(name)
            for name in outputs
        )
        .drop(tmp)
    )


def _id_batch(cells: pl.Series, *, prefix: str, today: dt.date, with_numeric: bool) -> pl.Series:
    """The seven output columns, as a struct, for one batch of (text, numeric) cells."""
    raw = cells.struct.unnest()
    numeric_col = "numeric" if with_numeric else None
    if len(raw) < _FAST_PATH_MIN_ROWS:
        out = _add_id_columns_reference(raw.lazy(), "text", numeric_col, prefix, today).collect()
        return out.select(f"{prefix}{s}" for s in _OUTPUT_SUFFIXES).to_struct(cells.name)
    # The commonest mess (a lower-case x, a stray tab or space, a leading apostrophe) is stripped here
    # as the reference would strip it, so those rows stay on the fast path too.
    text = pl.col("text").str.strip_chars(_EDGE_JUNK).str.to_uppercase()
    shape = text.str.contains(r"^[0-9]{17}[0-9X]$") & ~pl.col("numeric")
    # compared as numbers: rendering the code as text costs more than all the other checks together
    code = id_check_code(pl.when(shape).then(text.str.slice(0, 17)))
    last = text.str.slice(17, 1)
    given = pl.when(last == "X").then(pl.lit(10, dtype=pl.Int64)).otherwise(last.cast(pl.Int64, strict=False))
    # the shape guarantees digits, so no second regex before the parse
    birth = text.str.slice(6, 8).str.to_date("%Y%m%d", strict=False)
    lean = raw.lazy().select(
        text.alias("text"),
        birth.alias("birth"),
        ((code == given) & text.str.slice(0, 2).is_in(sorted(PROVINCES))).fill_null(False).alias("ok"),
    )
    ok = pl.col("ok") & (pl.col("birth") >= pl.lit(EARLIEST_BIRTH)) & (pl.col("birth") <= pl.lit(today))
    number = pl.col("text")
    fast = lean.select(
        number.alias("id_clean"),
        number.alias("id_number"),
        pl.lit(ID_VALID).alias("id_status"),
        pl.lit(None, dtype=pl.String).alias("id_reason"),
        number.str.slice(0, 6).is_in(sorted(known_region_codes())).alias("id_region_known"),
        pl.col("birth").alias("id_birth_date"),
        pl.when(number.str.slice(16, 1).cast(pl.Int64, strict=False) % 2 == 1)
        .then(pl.lit("男"))
        .otherwise(pl.lit("女"))
        .alias("id_gender"),
        ok.fill_null(False).alias("ok"),
    ).collect()
    slow_rows = ~fast["ok"]
    out = fast.drop("ok").rename(lambda s: f"{prefix}{s}")
    if slow_rows.any():
        slow = _add_id_columns_reference(
            raw.filter(slow_rows).lazy(), "text", numeric_col, prefix, today
        ).collect()
        rows = slow_rows.arg_true()
        out = out.with_columns(out[c].clone().scatter(rows, slow[c]) for c in out.columns)
    return out.to_struct(cells.name)
