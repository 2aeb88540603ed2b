import polars as pl
from pypinyin import lazy_pinyin

from recon.link.names import (
    NAME_DIFFERENT,
    NAME_EXACT,
    NAME_HOMOPHONE,
    NAME_MISSING,
    NAME_ONE_CHAR,
    fill_missing_pinyin,
    name_level_expr,
)


def _py(n):
    return " ".join(lazy_pinyin(n)) if n else None


def test_name_levels_in_order():
    pairs = [
        ("李秀英", "李秀英", NAME_EXACT),
        ("李秀英", "李秀瑛", NAME_HOMOPHONE),
        ("张三", "张四", NAME_ONE_CHAR),
        ("王伟", "王伟伟", NAME_DIFFERENT),  # one insertion is not "one character different"
        ("王伟", "李强", NAME_DIFFERENT),
        (None, "李强", NAME_MISSING),
        (None, None, NAME_MISSING),
    ]
    df = pl.DataFrame(
        {"a": [p[0] for p in pairs], "b": [p[1] for p in pairs]}, schema={"a": pl.String, "b": pl.String}
    ).with_columns(
        pa=pl.col("a").map_elements(_py, return_dtype=pl.String),
        pb=pl.col("b").map_elements(_py, return_dtype=pl.String),
    )
    got = df.select(name_level_expr("a", "pa", "b", "pb")).to_series().to_list()
    assert got == [p[2] for p in pairs]


def test_missing_pinyin_is_no_homophone_but_exact_still_holds():
    df = pl.DataFrame({"a": ["李秀英", "李秀英"], "b": ["李秀瑛", "李秀英"]}).with_columns(
        pa=pl.lit(None, dtype=pl.String), pb=pl.lit(None, dtype=pl.String)
    )
    assert df.select(name_level_expr("a", "pa", "b", "pb")).to_series().to_list() == [
        NAME_ONE_CHAR,
        NAME_EXACT,
    ]


def test_fill_missing_pinyin_keeps_given_values_and_order():
    df = pl.DataFrame(
        {"name": ["李秀瑛", "张三", None], "name_pinyin": [None, "given", None]},
        schema={"name": pl.String, "name_pinyin": pl.String},
    )
    out = fill_missing_pinyin(df)
    assert out.get_column("name_pinyin").to_list() == ["li xiu ying", "given", None]


def test_filled_pinyin_is_the_loaders_even_where_a_phrase_reads_differently():
    # pypinyin reads 长乐 as a phrase (chang le); the loader converts character by character, and a
    # record the linker fills must carry the same key as one the loader filled
    from recon.normalize.names import name_pinyin

    df = pl.DataFrame(
        {"name": ["长乐", "朝阳"], "name_pinyin": [None, None]},
        schema={"name": pl.String, "name_pinyin": pl.String},
    )
    assert fill_missing_pinyin(df).get_column("name_pinyin").to_list() == [
        name_pinyin("长乐"),
        name_pinyin("朝阳"),
    ]
