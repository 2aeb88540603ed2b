"""Mapping a column header to the canonical field it names.

The synonym table holds headers agencies really use; where a variant was seen is written in
docs/header-variants.md. A county adds its own in the config (`[[sources]] columns`), never here.

A header is compared after `header_key()`: full-width forms folded, spaces, brackets, line breaks and
punctuation removed, and a trailing unit such as （元） or （元/月） taken off (the unit is kept apart: an
amount in 万元 is scaled). Three guards keep a column from being taken for a field it only resembles:
- a header about another person (收款人, 监护人, 家属, 经办人 …) is never the row's name or ID;
- a header about another number (联系电话, 银行账号, 社保卡号 …) is never an ID;
- a flag (是否…) or a standard, income or total is never the amount paid.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from recon.kinds.synonyms import (
    EXACT_ONLY,
    FLAG,
    NON_FIELDS,
    NOT_PAID_WORDS,
    OTHER_NUMBER,
    OTHER_NUMBER_WORDS,
    OTHER_PERSON,
    OTHER_PERSON_WORDS,
    SEQ,
    SYNONYMS,
    WEAK,
)

__all__ = ["FLAG", "NON_FIELDS", "OTHER_NUMBER", "OTHER_PERSON", "SEQ", "SYNONYMS", "WEAK"]


# Traditional characters of column names (files from Big5 or Hong Kong/Taiwan systems), folded to the
# simplified ones the synonyms use. Only header characters: names are never converted (the displayed
# name stays as written; 於 is also a surname).
_TRADITIONAL = str.maketrans(
    "證號碼養險戶關係殘補貼類別級護鎮鄉區數額費標準齡歲車輛產權業員單職務屬監測貧脫災發帳賬錢領辦"
    "鄰歷與為個對戶統計總實際應資訊聯繫電話銀開戶診療醫處構機傷亡喪葬終註銷狀態變動時間點價",
    "证号码养险户关系残补贴类别级护镇乡区数额费标准龄岁车辆产权业员单职务属监测贫脱灾发帐账钱领办"
    "邻历与为个对户统计总实际应资讯联系电话银开户诊疗医处构机伤亡丧葬终注销状态变动时间点价",
)
_UNIT_RE = re.compile(r"[（(]\s*(元/人/月|元/月|元/人|元/年|元|万元|人|户|平方米|㎡|m²|岁|%|％)\s*[)）]\s*$")
_PUNCT = re.compile(r"[\s\u3000()（）\[\]【】〔〕<>《》:：;；,，.。、/\\\-_—*＊#＃'\"‘’“”]+")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")


def header_unit(text: object) -> str | None:
    """The unit written after a header, as in 保障金（元） or 注册资本（万元）; None when there is none."""
    if text is None:
        return None
    m = _UNIT_RE.search(unicodedata.normalize("NFKC", str(text)).strip())
    return m.group(1) if m else None


def header_key(text: object) -> str:
    """Fold a header cell to a comparable key: NFKC, unit and punctuation removed, upper case."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFKC", str(text)).translate(_TRADITIONAL)
    s = _INVISIBLE.sub("", s).strip()
    s = _UNIT_RE.sub("", s)
    s = _PUNCT.sub("", s)
    return s.upper()


_LOOKUP: dict[str, str] = {}
for _field, _names in SYNONYMS.items():
    for _n in _names:
        _LOOKUP.setdefault(header_key(_n), _field)
_AFFIXES = sorted(
    ((k, f) for k, f in _LOOKUP.items() if len(k) >= 2 and k not in {header_key(x) for x in EXACT_ONLY}),
    key=lambda kf: -len(kf[0]),
)
_WEAK_KEYS = {f: frozenset(header_key(v) for v in vs) for f, vs in WEAK.items()}
# the affixes by length, each with its place in _AFFIXES: a header's prefix and suffix of each length are
# two dict lookups instead of a scan of every variant (the first 30 rows of every sheet are looked up)
_AFFIX_BY_LEN: dict[int, dict[str, tuple[int, str]]] = {}
for _i, (_k, _f) in enumerate(_AFFIXES):
    _AFFIX_BY_LEN.setdefault(len(_k), {}).setdefault(_k, (_i, _f))
_AFFIX_LENGTHS = sorted(_AFFIX_BY_LEN, reverse=True)


def _first_affix(k: str) -> str | None:
    """The field of the first of _AFFIXES (longest first) that `k` starts or ends with."""
    for n in _AFFIX_LENGTHS:
        if n > len(k):
            continue
        table = _AFFIX_BY_LEN[n]
        hits = [h for h in (table.get(k[:n]), table.get(k[-n:])) if h is not None]
        if hits:
            return min(hits)[1]
    return None


@dataclass(frozen=True)
class HeaderMatch:
    """What a header names: its field, and how sure the match is (exact > weak exact > part)."""

    field: str
    strength: int  # 3 exact, 2 a weak variant exactly, 1 a variant inside a longer header


EXACT, WEAK_EXACT, AFFIX = 3, 2, 1


@lru_cache(maxsize=65536)
def match_header(text: object) -> HeaderMatch | None:
    """The field a header names, or None. The exact variant first; then the guards (another person,
    another number, a flag); then the longest variant the header starts or ends with (for headers such
    as 死者身份证号码（必填） or 成员姓名2)."""
    k = header_key(text)
    if not k:
        return None
    if k in _LOOKUP:
        fld = _LOOKUP[k]
        return HeaderMatch(fld, WEAK_EXACT if k in _WEAK_KEYS.get(fld, ()) else EXACT)
    if any(w in k for w in OTHER_PERSON_WORDS):
        return HeaderMatch(OTHER_PERSON, EXACT)
    if any(w in k for w in OTHER_NUMBER_WORDS):
        return HeaderMatch(OTHER_NUMBER, EXACT)
    if k.startswith("是否") or "是否" in k:
        return HeaderMatch(FLAG, EXACT)
    affix = _first_affix(k)
    if affix is None or (affix == "monthly_amount" and any(w in k for w in NOT_PAID_WORDS)):
        return None
    return HeaderMatch(affix, AFFIX)


def field_for_header(text: object) -> str | None:
    """The canonical field a header names, or None (see `match_header`)."""
    m = match_header(text)
    return m.field if m else None


def map_headers(headers: list[str], explicit: dict[str, str] | None = None) -> dict[str, str]:
    """Header text -> canonical field, one column per field: explicit mappings first, then the
    strongest match; among equally strong ones the first column. NON_FIELDS may repeat."""
    explicit = {header_key(k): v for k, v in (explicit or {}).items()}
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for h in headers:
        fld = explicit.get(header_key(h))
        if fld and fld not in taken:
            mapping[h] = fld
            taken.add(fld)
    best: dict[str, tuple[int, str]] = {}
    for h in headers:
        if h in mapping:
            continue
        m = match_header(h)
        if m is None:
            continue
        if m.field in NON_FIELDS:
            mapping[h] = m.field
            continue
        if m.field in taken:
            continue
        if m.field not in best or m.strength > best[m.field][0]:
            best[m.field] = (m.strength, h)
    for fld, (_s, h) in best.items():
        mapping[h] = fld
    return mapping


def field_label(fld: str) -> str:
    """The common Chinese header for a canonical field, for messages."""
    names = SYNONYMS.get(fld)
    return names[0] if names else fld
