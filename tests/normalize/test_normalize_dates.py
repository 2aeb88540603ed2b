"""Dates and months in every form county files use; impossible dates give null, never a guess."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from recon.errors import ConfigError
from recon.months import parse_month
from recon.normalize.dates import parse_date_expr, parse_month_expr

D = dt.date


def parse(values: list, month: bool = False) -> list[dt.date | None]:
    fn = parse_month_expr if month else parse_date_expr
    return pl.DataFrame({"v": values}).select(fn(pl.col("v"))).to_series().to_list()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-03-05", D(2020, 3, 5)),
        ("2020/3/5", D(2020, 3, 5)),
        ("2020.3.5", D(2020, 3, 5)),
        ("20200305", D(2020, 3, 5)),
        ("2020年3月5日", D(2020, 3, 5)),
        ("2020年03月05日", D(2020, 3, 5)),
        ("2020-03-05 00:00:00", D(2020, 3, 5)),
        ("2020-03-05T00:00:00", D(2020, 3, 5)),
        ("2020/3/5 8:30", D(2020, 3, 5)),
        ("1949-12-31", D(1949, 12, 31)),
        (" ２０２０年３月５日 ", D(2020, 3, 5)),
        ("\u30002020-03-05\t", D(2020, 3, 5)),
        ("2020-02-29", D(2020, 2, 29)),
        # Excel serial numbers as text
        ("43895", D(2020, 3, 5)),
        ("43895.0", D(2020, 3, 5)),
        ("43895.75", D(2020, 3, 5)),
        ("1", D(1900, 1, 1)),
        ("59", D(1900, 2, 28)),
        ("61", D(1900, 3, 1)),
        # month only -> first day
        ("2020-03", D(2020, 3, 1)),
        ("2020/3", D(2020, 3, 1)),
        ("2020.3", D(2020, 3, 1)),
        ("202003", D(2020, 3, 1)),
        ("2020年3月", D(2020, 3, 1)),
        ("2020年12月", D(2020, 12, 1)),
    ],
)
def test_accepted_forms(text: str, expected: dt.date) -> None:
    assert parse([text]) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "2020-02-30",
        "2019-02-29",
        "2020-13-01",
        "2020-13",
        "20201301",
        "2020031",  # chrono alone would read this as 2020-03-01
        "60",  # Excel's fictitious 1900-02-29
        "0",
        "80001",
        "2020",  # a year alone is no date
        "2020.13",  # neither a month nor a serial
        "昨天",
        "",
        "  ",
        "2020-03-05x",
        "0000-01-01",
    ],
)
def test_rejected_forms(text: str) -> None:
    assert parse([text]) == [None]


def test_null_and_typed_inputs() -> None:
    assert parse([None]) == [None]
    frame = pl.DataFrame({"d": [D(2020, 3, 5)], "f": [43895.0], "i": [20200305]})
    got = frame.select(parse_date_expr(pl.col(c)).alias(c) for c in ["d", "f", "i"]).row(0)
    assert got == (D(2020, 3, 5),) * 3


def test_month_expr_truncates() -> None:
    assert parse(["2020-03-05", "43895", "2020年3月", "2020-02-30"], month=True) == [D(2020, 3, 1)] * 3 + [
        None
    ]


def test_result_dtype_is_date() -> None:
    assert pl.DataFrame({"v": ["43895"]}).select(parse_date_expr(pl.col("v"))).dtypes == [pl.Date]


@pytest.mark.parametrize(
    "arg", ["2020-04", "2020/4", "2020.04", "2020年4月", "202004", " 2020-4 ", "２０２０-０４"]
)
def test_month_arg(arg: str) -> None:
    assert parse_month(arg) == D(2020, 4, 1)


@pytest.mark.parametrize("arg", ["2020-13", "2020-00", "2020", "April 2020", "", "2020-04-15", "20-04"])
def test_bad_month_arg_says_how_to_fix(arg: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_month(arg)
    assert "2020-04" in (info.value.fix or "")
    assert info.value.exit_code == 2
