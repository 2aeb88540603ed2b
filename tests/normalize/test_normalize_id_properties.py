"""Property tests: cosmetic mess never changes what an ID normalises to, and normalising is idempotent."""

from __future__ import annotations

import datetime as dt

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import ric

from recon.model import ID_VALID, ID_VALID15
from recon.normalize.ids import add_id_columns, check_char, clean_id, clean_id_expr, convert15

TODAY = dt.date(2020, 4, 1)
SETTINGS = settings(max_examples=200, deadline=None)
REGIONS = ["371521", "110105", "440304", "650102", "820000", "379999", "110104"]
JUNK = [" ", "\t", "\u3000", "\u00a0", "\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad", "\u2060", "\n"]
OUTPUTS = ["id_clean", "id_number", "id_status", "id_reason", "id_region_known", "id_birth_date", "id_gender"]


def normalise(values: list[str | None]) -> list[dict]:
    lf = pl.LazyFrame({"id_raw": values}, schema={"id_raw": pl.String})
    return add_id_columns(lf, today=TODAY).select(OUTPUTS).collect().to_dicts()


@st.composite
def valid_ids(draw: st.DrawFn) -> tuple[str, str]:
    """(as written, expected id_number): 18-character numbers and 15-digit legacy ones."""
    region = draw(st.sampled_from(REGIONS))
    seq = f"{draw(st.integers(0, 999)):03d}"
    if draw(st.booleans()):
        birth = draw(st.dates(dt.date(1900, 1, 1), dt.date(1999, 12, 31)))
        legacy = region + birth.strftime("%y%m%d") + seq
        return legacy, convert15(legacy)
    birth = draw(st.dates(dt.date(1900, 1, 1), TODAY))
    body = region + birth.strftime("%Y%m%d") + seq
    number = body + ric.calc_check_digit(body + "0")
    return number, number


@st.composite
def messed(draw: st.DrawFn, text: str) -> str:
    """`text` with only cosmetic changes: junk between characters, full-width forms, x, quotes."""
    n = len(text)
    junk = draw(st.lists(st.sampled_from(["", "", "", *JUNK]), min_size=n + 1, max_size=n + 1))
    variant = draw(st.lists(st.integers(0, 2), min_size=n, max_size=n))
    out = []
    for ch, gap, how in zip(text, junk, variant, strict=False):
        if ch == "X":
            ch = "XxＸｘ"[how]
        elif how == 1:
            ch = chr(ord(ch) + 0xFEE0)  # the full-width form of a digit
        out.append(gap + ch)
    out.append(junk[-1])
    quote, closing = draw(st.sampled_from([("", ""), ("'", ""), ("`", ""), ("‘", "’"), ("“", "”")]))
    return quote + "".join(out) + closing


@SETTINGS
@given(st.data())
def test_valid_id_survives_any_cosmetic_mess(data: st.DataObject) -> None:
    samples = data.draw(st.lists(valid_ids(), min_size=1, max_size=10))
    messy = [data.draw(messed(written)) for written, _ in samples]
    rows = normalise(messy)
    assert [r["id_number"] for r in rows] == [expected for _, expected in samples]
    assert all(r["id_status"] in (ID_VALID, ID_VALID15) for r in rows)
    assert [r["id_clean"] for r in rows] == [written for written, _ in samples]


# Near-IDs: right-ish length, digits with an occasional X, so most are invalid for an interesting reason.
near_ids = st.text(alphabet="0123456789X", min_size=13, max_size=20)


@SETTINGS
@given(st.data())
def test_mess_changes_nothing_for_any_near_id(data: st.DataObject) -> None:
    values = data.draw(st.lists(near_ids, min_size=1, max_size=10))
    messy = [data.draw(messed(v)) for v in values]
    rows = normalise(values + messy)  # one frame: half the per-query overhead
    clean_rows, messy_rows = rows[: len(values)], rows[len(values) :]
    # An invalid number never turns valid (nor the reverse), and every output is the same.
    assert messy_rows == clean_rows


id_like_text = st.text(
    alphabet=st.sampled_from(list("0123456789XxE.+- ") + JUNK + ["'", "“", "１", "Ｘ", "张", "A"]),
    max_size=24,
)


@SETTINGS
@given(st.lists(id_like_text, min_size=1, max_size=30))
def test_normalising_is_idempotent(values: list[str]) -> None:
    first = normalise(values)
    again = normalise([r["id_clean"] for r in first])
    assert again == first


@SETTINGS
@given(st.lists(id_like_text, min_size=1, max_size=30))
def test_python_clean_matches_expression(values: list[str]) -> None:
    expr = pl.DataFrame({"v": values}).select(clean_id_expr(pl.col("v"))).to_series().to_list()
    assert expr == [clean_id(v) for v in values]


@SETTINGS
@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_check_char_matches_stdnum(body: str) -> None:
    assert check_char(body) == ric.calc_check_digit(body + "0")
