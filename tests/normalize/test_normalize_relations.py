"""与户主关系 read as roles: every default word, the words that must stay `other`, and the word lists."""

from __future__ import annotations

import polars as pl
import pytest

from recon.config import Policy
from recon.normalize.relations import (
    ROLE_CHILD,
    ROLE_CHILD_IN_LAW,
    ROLE_GRANDCHILD,
    ROLE_HEAD,
    ROLE_OTHER,
    ROLE_PARENT,
    ROLE_SPOUSE,
    normalise_word,
    policy_relation_role,
    relation_role,
    relation_text,
)

ACCEPTED = {
    ROLE_HEAD: ["户主", "本人", "户主本人", "本人(户主)", "本人（户主）"],
    ROLE_SPOUSE: ["配偶", "妻", "妻子", "夫", "丈夫", "之妻", "之夫", "老伴"],
    ROLE_CHILD: [
        "子",
        "女",
        "儿子",
        "女儿",
        "长子",
        "次子",
        "三子",
        "四子",
        "长女",
        "次女",
        "三女",
        "四女",
        "之子",
        "之女",
        "独子",
        "独女",
        "养子",
        "养女",
        "继子",
        "继女",
        "儿",
        "小儿子",
        "小女儿",
        "子女",
        "独生子",
        "独生女",
    ],  # fmt: skip
    ROLE_PARENT: ["父亲", "母亲", "父", "母", "之父", "之母", "养父", "养母", "继父", "继母"],
    ROLE_GRANDCHILD: ["孙子", "孙女", "外孙", "外孙子", "外孙女", "孙"],
    ROLE_CHILD_IN_LAW: ["儿媳", "媳", "儿媳妇", "女婿", "之媳", "之婿"],
}

# words that contain an accepted word, or are kin the rules determine no parents from
OTHER = [
    "侄子", "侄女", "外甥", "外甥女", "兄弟", "兄", "弟", "姐妹", "妹", "其他", "其它", "祖父", "祖母",
    "孙媳", "曾孙", "儿子儿媳", "二子", "户主之子之妻", "女儿?", "", "   ", None,
]  # fmt: skip


def roles(values: list[str | None], policy: Policy | None = None, categorical: bool = True) -> list[str]:
    s = pl.Series("relation", values, dtype=pl.String)
    df = pl.DataFrame({"relation": s.cast(pl.Categorical) if categorical else s})
    return df.select(policy_relation_role(pl.col("relation"), policy or Policy())).to_series().to_list()


@pytest.mark.parametrize(("role", "word"), [(r, w) for r, ws in ACCEPTED.items() for w in ws])
def test_every_default_word_is_read_as_its_role(role: str, word: str) -> None:
    assert roles([word]) == [role]


@pytest.mark.parametrize("word", OTHER)
def test_kin_without_a_parent_role_and_blanks_are_other(word: str | None) -> None:
    assert roles([word]) == [ROLE_OTHER]


def test_whole_cell_match_never_a_part() -> None:
    # each of these contains a shorter accepted word; none may take that word's role
    assert roles(["外孙", "儿媳", "侄子", "外甥女", "长孙"]) == [
        ROLE_GRANDCHILD,
        ROLE_CHILD_IN_LAW,
        ROLE_OTHER,
        ROLE_OTHER,
        ROLE_OTHER,
    ]


@pytest.mark.parametrize(
    ("cell", "role"),
    [
        (" 长 子 ", ROLE_CHILD),
        ("\u3000妻\u3000", ROLE_SPOUSE),
        ("孙\u200b女", ROLE_GRANDCHILD),
        ("\ufeff户主", ROLE_HEAD),
        ("本人 （户主）", ROLE_HEAD),
        ("母\t亲", ROLE_PARENT),
    ],
)
def test_spaces_invisible_characters_and_full_width_brackets_do_not_matter(cell: str, role: str) -> None:
    assert roles([cell]) == [role]
    assert roles([cell], categorical=False) == [role]


def test_relation_text_is_null_for_blank_cells() -> None:
    df = pl.DataFrame({"r": [" ", None, "长 子"]})
    assert df.select(relation_text(pl.col("r"))).to_series().to_list() == [None, None, "长子"]
    assert normalise_word("本人（户主）") == "本人(户主)"


def test_word_lists_come_from_the_policy() -> None:
    policy = Policy(child_relations=("子", "二子"), spouse_relations=("配偶",))
    assert roles(["二子", "长子", "妻", "配偶"], policy) == [ROLE_CHILD, ROLE_OTHER, ROLE_OTHER, ROLE_SPOUSE]
    # a word given with spaces or full-width brackets in the list is compared normalised too
    assert roles(["户主(本人)"], Policy(head_relations=("户主（本人）",))) == [ROLE_HEAD]


def test_no_words_at_all_is_other_everywhere() -> None:
    df = pl.DataFrame({"r": ["户主", None]})
    out = df.with_columns(relation_role(pl.col("r"), {}).alias("role")).get_column("role").to_list()
    assert out == [ROLE_OTHER, ROLE_OTHER]
