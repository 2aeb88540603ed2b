"""Money amounts written as text."""

from __future__ import annotations

import polars as pl
import pytest

from recon.normalize.amounts import _parse_amount_reference, parse_amount_expr


def parse(values: list) -> list[float | None]:
    return pl.DataFrame({"v": values}).select(parse_amount_expr(pl.col("v"))).to_series().to_list()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("350", 350.0),
        ("350元", 350.0),
        ("350.00元", 350.0),
        ("350.5", 350.5),
        ("1,050.00", 1050.0),
        ("1，050", 1050.0),
        ("￥1,050", 1050.0),
        ("¥ 80", 80.0),
        ("３５０", 350.0),
        ("３５０．５元", 350.5),
        (" 1 050 ", 1050.0),
        ("\u30001 050\u3000", 1050.0),
        ("350元/月", 350.0),
        ("-20", -20.0),
        ("-20元", -20.0),
        (".5", 0.5),
        ("0", 0.0),
    ],
)
def test_amounts(text: str, expected: float) -> None:
    assert parse([text]) == [expected]


@pytest.mark.parametrize("text", ["", "  ", "无", "abc", "1.2.3", "12e3", "--5", "350元5角", None])
def test_unparseable_is_null(text: str | None) -> None:
    assert parse([text]) == [None]


def test_numeric_input_passes_through() -> None:
    assert parse([350, None, -1]) == [350.0, None, -1.0]


def test_repeated_amounts_parse_as_the_reference_row_by_row() -> None:
    """Repeated texts take the parse-each-distinct-value path; it must agree with the row-by-row parse."""
    texts = ["350", "350元", "1,050.00", "￥1,050", "abc", "", None, "-20", "３５０．５元", " 1 050 "]
    for values in (texts, texts * 9, [None] * 50, ["365"] * 40 + ["x"]):
        frame = pl.DataFrame({"v": values}, schema={"v": pl.String})
        got = frame.select(parse_amount_expr(pl.col("v"))).to_series()
        want = frame.select(_parse_amount_reference(pl.col("v"))).to_series()
        assert got.to_list() == want.to_list()
