"""与户主关系 as households write it, read as the member's role in the household.

A roll's relation cell is free text: 户主, 本人, 妻, 配偶, 长子, 次女, 之子, 孙女, 儿媳, 父亲 … The K rules need
to know who is whose parent, so each cell is read as one of a few roles, by word lists a county can change
(`[policy]` head_relations … child_in_law_relations, defaults in recon.config).

A cell is compared **whole** with the words, after NFKC (full-width brackets and letters become ASCII) and
with every space and invisible character removed. Never as a part of the text: 外孙 contains 孙, 儿媳 contains
儿, 侄子 and 孙子 contain 子, 外甥女 contains 女 — a substring or suffix test would make a nephew a son and a
daughter-in-law a child. A word no list names (侄子, 外甥, 兄弟, 其他, a blank cell) is `other`: the rules
then determine no parents from it, which can only miss a case, never invent one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

import polars as pl

ROLE_HEAD = "head"
ROLE_SPOUSE = "spouse"  # of the head
ROLE_CHILD = "child"  # of the head
ROLE_PARENT = "parent"  # of the head
ROLE_GRANDCHILD = "grandchild"  # of the head
ROLE_CHILD_IN_LAW = "child_in_law"  # of the head
ROLE_OTHER = "other"  # any other word, or none
ROLES = (ROLE_HEAD, ROLE_SPOUSE, ROLE_CHILD, ROLE_PARENT, ROLE_GRANDCHILD, ROLE_CHILD_IN_LAW, ROLE_OTHER)

# the Policy field that lists each role's words
_ROLE_FIELDS = {
    ROLE_HEAD: "head_relations",
    ROLE_SPOUSE: "spouse_relations",
    ROLE_CHILD: "child_relations",
    ROLE_PARENT: "parent_relations",
    ROLE_GRANDCHILD: "grandchild_relations",
    ROLE_CHILD_IN_LAW: "child_in_law_relations",
}

# whitespace (the ideographic space included) and the invisible characters exports carry along
_BLANKS = r"[\s\u00ad\u200b-\u200f\u2060\ufeff]+"
_BLANKS_RE = re.compile(_BLANKS)


def normalise_word(word: str) -> str:
    """A relation word as it is compared: NFKC, no spaces or invisible characters ("本人（户主）" -> "本人(户主)")."""
    return _BLANKS_RE.sub("", unicodedata.normalize("NFKC", word))


def relation_text(expr: pl.Expr) -> pl.Expr:
    """The relation cell as it is compared (see `normalise_word`); null where the cell is blank."""
    s = expr.cast(pl.String).str.normalize("NFKC").str.replace_all(_BLANKS, "")
    return pl.when(s == "").then(None).otherwise(s)


def relation_words(policy: object) -> dict[str, tuple[str, ...]]:
    """role -> the policy's words for it (a config.Policy; named loosely: config imports this module)."""
    return {role: tuple(getattr(policy, f)) for role, f in _ROLE_FIELDS.items()}


def relation_role(expr: pl.Expr, words: Mapping[str, Iterable[str]]) -> pl.Expr:
    """The role (ROLES) of each relation cell: the role whose list holds the whole normalised cell, else
    `other` (blank cells too). The config refuses a word in two lists; were one given here anyway, the
    first role in ROLES order wins."""
    mapping: dict[str, str] = {}
    for role in ROLES:
        for w in words.get(role, ()):
            mapping.setdefault(normalise_word(w), role)
    text = relation_text(expr)
    if not mapping:
        return pl.lit(ROLE_OTHER)
    return text.replace_strict(mapping, default=pl.lit(ROLE_OTHER), return_dtype=pl.String).fill_null(
        ROLE_OTHER
    )


def policy_relation_role(expr: pl.Expr, policy: object) -> pl.Expr:
    """`relation_role` with the policy's word lists."""
    return relation_role(expr, relation_words(policy))
