"""Names: cleaning (spaces, dots, invisible characters) and the pinyin key."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recon.normalize.names import add_name_columns, clean_name, clean_name_expr, name_pinyin

SETTINGS = settings(max_examples=200, deadline=None)


def clean_all(values: list[str | None]) -> list[str | None]:
    return (
        pl.DataFrame({"v": values}, schema={"v": pl.String})
        .select(clean_name_expr(pl.col("v")))
        .to_series()
        .to_list()
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("张三", "张三"),
        ("张 三", "张三"),
        (" 张三 ", "张三"),
        ("张\u3000三", "张三"),
        ("张\t三\n", "张三"),
        ("张\u00a0三", "张三"),
        ("\u200b张\u200c三\u200d", "张三"),
        ("\ufeff张三\u2060", "张三"),
        ("张\u00ad三", "张三"),
        ("ＡＢＣ张", "ABC张"),
        ("阿依·古丽", "阿依·古丽"),
        ("阿依•古丽", "阿依·古丽"),
        ("阿依・古丽", "阿依·古丽"),
        ("阿依･古丽", "阿依·古丽"),
        ("阿依‧古丽", "阿依·古丽"),
        ("阿依∙古丽", "阿依·古丽"),
        ("阿依⋅古丽", "阿依·古丽"),
        ("阿依.古丽", "阿依·古丽"),
        ("阿依．古丽", "阿依·古丽"),
        ("阿依。古丽", "阿依·古丽"),
        ("阿依 · 古丽", "阿依·古丽"),
        ("阿.买.提", "阿·买·提"),
        ("John.Smith", "John.Smith"),  # a full stop between Latin letters is not a name dot
        ("张三.", "张三."),
    ],
)
def test_clean_name(raw: str, expected: str) -> None:
    assert clean_all([raw]) == [expected]
    assert clean_name(raw) == expected


@pytest.mark.parametrize("blank", [None, "", "  ", "\u3000", "\u200b\ufeff"])
def test_blank_name_is_null(blank: str | None) -> None:
    assert clean_all([blank]) == [None]
    assert clean_name(blank) is None


@pytest.mark.parametrize(
    ("name", "pinyin"),
    [
        ("李秀英", "li xiu ying"),
        ("李秀瑛", "li xiu ying"),
        ("张 三", "zhang san"),
        ("阿依·古丽", "a yi gu li"),
        ("阿依•古丽", "a yi gu li"),
        ("Tom李", "Tom li"),
        ("李A2", "li A2"),
        ("", ""),
    ],
)
def test_name_pinyin(name: str, pinyin: str) -> None:
    assert name_pinyin(name) == pinyin


def test_pinyin_does_not_depend_on_neighbouring_characters() -> None:
    # A phrase dictionary would read 单 or 曾 differently next to some characters; a key must not.
    for ch in "单曾仇解":
        alone = name_pinyin(ch)
        assert name_pinyin(ch + "于").split()[0] == alone
        assert name_pinyin("于" + ch).split()[1] == alone


def test_add_name_columns_maps_each_row() -> None:
    raws = ["张 三", None, "李秀瑛", "张三", "阿依•古丽", "  ", "李秀瑛"] * 3
    out = add_name_columns(pl.LazyFrame({"name_raw": raws}, schema={"name_raw": pl.String})).collect()
    assert out.columns == ["name_raw", "name", "name_pinyin"]
    assert out["name"].to_list() == [clean_name(r) for r in raws]
    assert out["name_pinyin"].to_list() == [name_pinyin(r) if clean_name(r) else None for r in raws]


def test_add_name_columns_custom_names_and_all_null() -> None:
    lf = pl.LazyFrame({"head": [None, None]}, schema={"head": pl.String})
    out = add_name_columns(lf, raw="head", out="head_name", pinyin_out="head_py").collect()
    assert out.schema == pl.Schema({"head": pl.String, "head_name": pl.String, "head_py": pl.String})
    assert out["head_py"].to_list() == [None, None]


def test_add_name_columns_with_streaming_engine() -> None:
    raws = [f"王{chr(0x4E00 + i % 500)}" for i in range(20_000)]
    lf = pl.LazyFrame({"name_raw": raws})
    out = add_name_columns(lf).collect(engine="streaming")
    assert out["name_pinyin"].to_list() == [name_pinyin(r) for r in raws]


name_text = st.text(
    alphabet=st.sampled_from(
        list("张三李秀英瑛阿依古丽买提王")
        + list("·•・･‧∙⋅.．。 \t\u3000\u00a0\u200b\ufeff\u00ad")
        + list("AbＡ1１")
    ),
    max_size=12,
)


@SETTINGS
@given(st.lists(name_text, min_size=1, max_size=20))
def test_name_cleaning_is_idempotent_and_matches_python(values: list[str]) -> None:
    once = clean_all(values)
    assert clean_all(once) == once
    assert once == [clean_name(v) for v in values]
