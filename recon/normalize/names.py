"""Personal names: a display form cleaned of cosmetic differences, and a toneless pinyin key.

Two agencies write the same person as "张 三" and "张三", or "阿依·古丽" with one of half a dozen dot
characters; after `clean_name_expr` those compare equal. The pinyin key (李秀英 / 李秀瑛 -> "li xiu ying")
lets the linker and Q2 say that two different spellings sound the same.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import polars as pl
from pypinyin import Style, lazy_pinyin

from recon.normalize.fastpath import named_like, on_distinct, patch_slow_rows

MIDDLE_DOT = "·"  # U+00B7, the dot the 公安 standard uses in minority names

# Dot look-alikes that keyboards and input methods produce; after NFKC the half-width katakana dot
# has become U+30FB and the Greek ano teleia U+00B7.
_DOT_VARIANTS = "\u2022\u30fb\u2027\u2219\u22c5\u2e31"
# A plain full stop is only a name separator between two Han characters ("阿依.古丽"); elsewhere it is
# left alone. Explicit ranges rather than \p{Han} so the Python twin below matches the same characters.
_HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_STOP_BETWEEN_HAN = f"([{_HAN}])[.。]([{_HAN}])"
_INVISIBLE_RE = r"[\s\x1C-\x1F\p{Cf}]"


# Unified ideographs have no NFKC mapping and are none of the characters cleaned below, so a name made
# of them alone is already clean: nearly every name on a roll.
_PLAIN_HAN_RE = r"^[\u4e00-\u9fff]+$"


def clean_name_expr(raw: pl.Expr) -> pl.Expr:
    """NFKC, no whitespace or invisible characters, one middle dot; null when blank.

    Plain Han names pass as they are; only the rest go through `_clean_name_reference`.
    """
    fast = raw.cast(pl.String).map_batches(
        lambda s: on_distinct(s, _clean_name_batch), return_dtype=pl.String, is_elementwise=True
    )
    return named_like(fast, _clean_name_reference(raw))


def _clean_name_batch(text: pl.Series) -> pl.Series:
    plain = text.str.contains(_PLAIN_HAN_RE)
    return patch_slow_rows(text, ~plain, text, _clean_name_reference)


def _clean_name_reference(raw: pl.Expr) -> pl.Expr:
    """The full cleaning behind `clean_name_expr`, on every row; the oracle for its tests."""
    text = raw.cast(pl.String).str.normalize("NFKC").str.replace_all(_INVISIBLE_RE, "")
    text = text.str.replace_all(f"[{_DOT_VARIANTS}]", MIDDLE_DOT)
    # Twice, because a match consumes the Han character after the stop ("阿.买.提" needs both passes).
    for _ in range(2):
        text = text.str.replace_all(_STOP_BETWEEN_HAN, f"${{1}}{MIDDLE_DOT}${{2}}")
    return pl.when(text.str.len_chars() > 0).then(text)


def clean_name(raw: str | None) -> str | None:
    """Pure-Python twin of `clean_name_expr`."""
    if raw is None:
        return None
    text = unicodedata.normalize("NFKC", raw)
    text = "".join(
        ch for ch in text if not (ch.isspace() or "\x1c" <= ch <= "\x1f" or unicodedata.category(ch) == "Cf")
    )
    text = re.sub(f"[{_DOT_VARIANTS}]", MIDDLE_DOT, text)
    for _ in range(2):
        text = re.sub(_STOP_BETWEEN_HAN, rf"\1{MIDDLE_DOT}\2", text)
    return text or None


@lru_cache(maxsize=65536)
def _char_pinyin(ch: str) -> str | None:
    """Toneless pinyin of one Han character; None for anything pypinyin leaves as it is."""
    syllable = lazy_pinyin(ch, style=Style.NORMAL)[0]
    return syllable if syllable != ch else None


def _pinyin_of_clean(name: str) -> str:
    # Character by character, not lazy_pinyin on the whole name: its phrase dictionary reads a
    # character differently depending on its neighbours, and a matching key must be consistent.
    tokens: list[str] = []
    run = ""  # consecutive non-Han characters stay together as one token, as lazy_pinyin keeps them
    for ch in name:
        syllable = None if ch == MIDDLE_DOT else _char_pinyin(ch)
        if syllable is None and ch != MIDDLE_DOT:
            run += ch
            continue
        if run:
            tokens.append(run)
            run = ""
        if syllable is not None:
            tokens.append(syllable)
    if run:
        tokens.append(run)
    return " ".join(tokens)


def name_pinyin(name: str) -> str:
    """Toneless pinyin of a name, syllables joined by single spaces, the middle dot dropped."""
    cleaned = clean_name(name)
    return _pinyin_of_clean(cleaned) if cleaned else ""


def _pinyin_batch(names: pl.Series) -> pl.Series:
    """Pinyin for a column of cleaned names, converting each distinct name once."""
    return on_distinct(
        names,
        lambda distinct: pl.Series([_pinyin_of_clean(n) for n in distinct.to_list()], dtype=pl.String),
        min_repeat=1,
    )


def pinyin_expr(clean_names: pl.Expr) -> pl.Expr:
    """Vectorised `name_pinyin` for names already cleaned by `clean_name_expr`."""
    return clean_names.map_batches(_pinyin_batch, return_dtype=pl.String, is_elementwise=True)


def add_name_columns(
    lf: pl.LazyFrame, raw: str = "name_raw", out: str = "name", pinyin_out: str = "name_pinyin"
) -> pl.LazyFrame:
    """Add the cleaned name (`out`) and its pinyin key (`pinyin_out`)."""
    return lf.with_columns(clean_name_expr(pl.col(raw)).alias(out)).with_columns(
        pinyin_expr(pl.col(out)).alias(pinyin_out)
    )
