"""The fast shapes of `parse_date_expr` must parse exactly as the full reference parse does."""

from __future__ import annotations

import datetime as dt

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_series_equal

from recon.normalize.dates import _parse_date_reference, parse_date_expr

FORMATS = ["%Y-%m-%d", "%Y%m%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y-%m", "%Y%m", "%Y-%m-%d %H:%M"]
FORMATS += ["%Y/%-m/%-d", "%Y.%-m.%-d", "%Y年%-m月%-d日", "%Y-%-m-%-d", "%Y年%m月%d号"]


def _assert_same(values: list, dtype: pl.DataType = pl.String) -> None:
    frame = pl.DataFrame({"d": values}, schema={"d": dtype})
    got = frame.select(parse_date_expr(pl.col("d"))).to_series()
    want = frame.select(_parse_date_reference(pl.col("d"))).to_series()
    assert_series_equal(got, want)


@st.composite
def date_texts(draw: st.DrawFn) -> str | None:
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return None
    if kind == 1:  # digit soup near the fast shapes, including impossible months and days
        return draw(st.text(st.sampled_from("0123456789-/. 年月日１２"), max_size=14))
    y, m, d = draw(st.integers(1790, 2230)), draw(st.integers(0, 13)), draw(st.integers(0, 32))
    sep = draw(st.sampled_from(["-", "/", ".", "年"]))
    text = draw(
        st.sampled_from([f"{y:04d}-{m:02d}-{d:02d}", f"{y:04d}{m:02d}{d:02d}", f"{y}{sep}{m}{sep}{d}"])
    )
    if kind == 3:
        pad = draw(st.sampled_from([" ", "\u3000", "\t", "T12:00", " 08:30:00", "日", "x"]))
        text = draw(st.sampled_from([pad + text, text + pad]))
    return text


@settings(max_examples=80, deadline=None)
@given(st.lists(date_texts(), min_size=1, max_size=40))
def test_fast_shapes_equal_reference(values: list[str | None]) -> None:
    _assert_same(values)


def test_every_day_and_format_equals_reference() -> None:
    days = [dt.date(1899, 12, 25) + dt.timedelta(days=i * 37) for i in range(1200)]  # to about 2021
    texts = [d.strftime(f) for d in days for f in FORMATS]
    texts += ["2020-02-30", "20200230", "2021-02-29", "20201301", "2020-00-10", "22000101", "17991231"]
    texts += ["45000", "60", "2020", "202004", "0", "2020.1.5", "2020.13", "2020年2月30日", "2020/4/1号"]
    # full-width and other Unicode digits: the reference reads some of them after NFKC
    texts += ["20２０-01-01", "2020０１０１", "２０２０/4/1", "2020年４月1日", "20٢٠-01-01", "2020-01-01 "]
    _assert_same(texts)
    # repeated values are parsed once per distinct text and mapped back: same answers, same order
    _assert_same([*texts[:400], None, *texts[:400], *texts[:400], *texts[:400], *texts[:400]])
    # typed cells reach the parser too: dates as dates and serials as integers
    _assert_same(days, pl.Date)
    _assert_same([20200401, 45000, 60, 2020, 19991231, None], pl.Int64)
