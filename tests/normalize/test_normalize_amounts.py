"""Money amounts written as text."""

from __future__ import annotations

import polars as pl
import pytest

from recon.normalize.amounts import parse_amount_expr


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
