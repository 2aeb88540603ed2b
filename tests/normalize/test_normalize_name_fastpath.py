"""Plain Han names skip the cleaning; every name must still come out as the full cleaning gives it."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from recon.normalize.names import _clean_name_reference, add_name_columns, clean_name_expr

# Han from the fast range and from outside it (extension A, compatibility ideographs that NFKC maps,
# extension B), dots, stops, spaces and invisible characters.
ALPHABET = list("张王李秀英阿依古丽买提") + ["\u3400", "\uf900", "\uf91f", "\U00020000", "\u3007"]
ALPHABET += ["·", "•", "・", ".", "。", " ", "\u3000", "\u200b", "\ufeff", "\x1c", "A", "ａ", "1"]


def _assert_same(values: list[str | None]) -> None:
    frame = pl.DataFrame({"name_raw": values}, schema={"name_raw": pl.String})
    got = frame.select(clean_name_expr(pl.col("name_raw")))
    want = frame.select(_clean_name_reference(pl.col("name_raw")))
    assert_frame_equal(got, want)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.none() | st.text(st.sampled_from(ALPHABET), max_size=8), min_size=1, max_size=30))
def test_fast_names_equal_reference(values: list[str | None]) -> None:
    _assert_same(values)


def test_roll_of_names_equals_reference_and_keeps_pinyin() -> None:
    plain = ["张三", "李秀英", "欧阳娜娜", "王"] * 500
    messy = ["张 三", "阿依.古丽", "阿依•古丽", "李\u3000秀英", "  ", "", "\uf91f丽", "买买提·依明"] * 50
    values = [*plain, *messy, None]
    _assert_same(values)
    frame = pl.LazyFrame({"name_raw": values})
    named = add_name_columns(frame).collect()
    assert named.filter(pl.col("name_raw") == "李\u3000秀英")["name_pinyin"].unique().to_list() == [
        "li xiu ying"
    ]
