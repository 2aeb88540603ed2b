"""Fuzzing the readers and normalisers: random bytes and random text may be refused with a ReconError,
never crash, and what comes out keeps its invariants."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recon.errors import ReconError
from recon.io.readers import read_file
from recon.load import load_folder
from recon.model import ID_FLOAT, ID_INVALID, ID_MISSING, ID_VALID, ID_VALID15
from recon.normalize.amounts import parse_amount_expr
from recon.normalize.dates import parse_date_expr
from recon.normalize.ids import add_id_columns
from recon.normalize.names import clean_name_expr
from tests.conftest import check_char, write_xlsx
from tests.robustness.conftest import TODAY

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
STATUSES = {ID_VALID, ID_VALID15, ID_MISSING, ID_FLOAT, ID_INVALID}

# text that looks like what counties type, plus anything at all
id_like = st.one_of(
    st.text(alphabet="0123456789Xx .-'\t\u3000\u200b０１２３４５６７８９Ｘ", max_size=22),
    st.from_regex(r"\A3715\d{13}[\dXx]\Z"),
    st.from_regex(r"\A\d\.\d{1,5}E\+1[4-8]\Z"),
    st.text(max_size=25),
)
cell_text = st.one_of(
    st.text(max_size=40), id_like, st.sampled_from(["合计", "姓名", "身份证号", "=1+1", "", " "])
)


def _checksum_ok(s: str) -> bool:
    return s[17] == check_char(s[:17])


@FAST
@given(
    data=st.binary(max_size=2000), prefix=st.sampled_from([b"", "姓名,身份证号\n".encode(), b"\xef\xbb\xbf"])
)
def test_random_bytes_as_csv(data: bytes, prefix: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "名册.csv"
        p.write_bytes(prefix + data)
        try:
            sheets = read_file(p)
        except ReconError:
            return
        for s in sheets:
            assert all(t == pl.String for t in s.grid.schema.values())


@FAST
@given(
    data=st.binary(min_size=0, max_size=600),
    suffix=st.sampled_from([".xlsx", ".xls"]),
    magic=st.sampled_from([b"", b"PK\x03\x04", bytes.fromhex("d0cf11e0a1b11ae1"), b"<html><table>"]),
)
def test_random_bytes_as_workbook(data: bytes, suffix: str, magic: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / f"名册{suffix}"
        p.write_bytes(magic + data)
        try:
            read_file(p)
        except ReconError as e:
            assert e.file and e.fix


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(cell_text, min_size=3, max_size=3), min_size=0, max_size=8))
def test_random_cells_through_load(rows: list[list[str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        write_xlsx(d / "低保.xlsx", {"表1": [["姓名", "身份证号", "乡镇"], *rows]})
        try:
            loaded = load_folder(d, today=TODAY)
        except ReconError:
            return
        for s in loaded.stats:
            assert s.balanced()
        _check_ids(loaded.records)


def _check_ids(df: pl.DataFrame, prefix: str = "") -> None:
    assert set(df.get_column(f"{prefix}id_status").to_list()) <= STATUSES
    for status, number in df.select(f"{prefix}id_status", f"{prefix}id_number").iter_rows():
        if number is not None:
            assert status in (ID_VALID, ID_VALID15)
            assert len(number) == 18 and _checksum_ok(number), number


@FAST
@given(values=st.lists(st.one_of(st.none(), id_like), max_size=30), numeric=st.booleans())
def test_random_ids(values: list[str | None], numeric: bool) -> None:
    lf = pl.LazyFrame(
        {"id_raw": values, "num": [numeric] * len(values)}, schema={"id_raw": pl.String, "num": pl.Boolean}
    )
    df = add_id_columns(lf, raw="id_raw", stored_numeric="num", today=TODAY).collect()
    assert df.height == len(values)
    _check_ids(df)
    # a number stored as a number has lost digits: it is never a usable ID
    if numeric:
        assert (
            df.filter(pl.col("id_raw").str.count_matches(r"\d") > 15)["id_number"].null_count()
            == df.filter(pl.col("id_raw").str.count_matches(r"\d") > 15).height
        )


@FAST
@given(
    values=st.lists(
        st.one_of(
            st.none(),
            st.text(max_size=30),
            st.from_regex(r"\A(19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}日?\Z"),
            st.from_regex(r"\A-?[\d,]{1,12}(\.\d{0,3})?元?\Z"),
        ),
        max_size=30,
    )
)
def test_random_dates_amounts_names(values: list[str | None]) -> None:
    df = pl.DataFrame({"v": values}, schema={"v": pl.String}).select(
        parse_date_expr(pl.col("v")).alias("date"),
        parse_amount_expr(pl.col("v")).alias("amount"),
        clean_name_expr(pl.col("v")).alias("name"),
    )
    assert df.height == len(values)
    assert df.schema == {"date": pl.Date, "amount": pl.Float64, "name": pl.String}
    for d in df.get_column("date").drop_nulls().to_list():
        assert dt.date(1800, 1, 1) <= d <= dt.date(2200, 1, 1)
    for n in df.get_column("name").drop_nulls().to_list():
        assert n and not any(c.isspace() for c in n)
