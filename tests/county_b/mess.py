"""Cosmetic mess: how the same clean value looks in different agencies' cells. None of it may change an
answer: IDs keep their digits, names keep their characters (only spaces and the style of the middle dot
vary), dates and amounts keep their value.

Destructive damage is not here: invalid IDs (Q1) are written exactly as the answer holds them, and float
storage (Q3) is a cell type (`xl.NumId`), decided by the writer.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from tests.county_b.people import is_gbk
from tests.county_b.xl import Cell, Serial

FULLWIDTH = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")
# the middle dot of 维吾尔族 names as different agencies type it; a GBK file has only · and .
DOTS = {"dibao": "·", "tekun": "・", "disability": "•", "subsidy": ".", "poverty": "·", "cremation": "·"}


def id_text(pid: str, rng: np.random.Generator, *, gbk: bool, tag: str | None, share: float = 0.12) -> str:
    """A valid 18-character ID as someone typed or pasted it."""
    forced = tag.removeprefix("mess:") if tag and tag.startswith("mess:") else None
    if forced is None and rng.random() >= share:
        return pid
    kinds = ["space", "apostrophe", "trailing", "fullwidth", "tab"]
    if pid.endswith("X"):
        kinds += ["lowerx", "lowerx"]
    if not gbk:
        kinds += ["zwsp", "nbsp"]
    kind = forced or kinds[int(rng.integers(len(kinds)))]
    if kind == "space":
        return f"{pid[:6]} {pid[6:14]} {pid[14:]}"
    if kind == "apostrophe":
        return "'" + pid
    if kind == "trailing":
        return pid + "  "
    if kind == "fullwidth":
        return pid.translate(FULLWIDTH)
    if kind == "tab":
        return "\t" + pid
    if kind == "lowerx":
        return pid[:17] + "x"
    if kind == "zwsp":
        return "\u200b" + pid
    return pid + "\u00a0"


def name_text(name: str, kind: str, rng: np.random.Generator, *, gbk: bool, tag: str | None) -> str:
    if "·" in name:
        dot = DOTS.get(kind, "·")
        return name.replace("·", dot if is_gbk(dot) or not gbk else ".")
    if tag == "name:space":
        return name[0] + " " + name[1:]
    if tag == "name:fullspace":
        return name[0] + "\u3000" + name[1:]
    r = rng.random()
    if len(name) == 2 and r < 0.06:
        return name[0] + "  " + name[1]  # padded to line up with three-character names
    if r > 0.98:
        return name + " "
    return name


def date_cell(d: dt.date | None, rng: np.random.Generator, *, workbook: bool) -> Cell:
    """A date as county files hold it: a real date cell, text in one of many styles, or a serial."""
    if d is None:
        return None
    styles = ["iso", "slash", "dot", "compact", "chinese"] + (["cell", "cell", "serial"] if workbook else [])
    s = styles[int(rng.integers(len(styles)))]
    if s == "iso":
        return d.isoformat()
    if s == "slash":
        return f"{d.year}/{d.month}/{d.day}"
    if s == "dot":
        return f"{d.year}.{d.month}.{d.day}"
    if s == "compact":
        return f"{d:%Y%m%d}"
    if s == "chinese":
        return f"{d.year}年{d.month}月{d.day}日"
    if s == "serial":
        return Serial((d - dt.date(1899, 12, 30)).days)
    return d


def month_cell(d: dt.date | None, rng: np.random.Generator, *, workbook: bool) -> Cell:
    if d is None:
        return None
    styles = ["dash", "chinese", "compact"] + (["cell"] if workbook else [])
    s = styles[int(rng.integers(len(styles)))]
    if s == "dash":
        return f"{d:%Y-%m}"
    if s == "chinese":
        return f"{d.year}年{d.month}月"
    if s == "compact":
        return f"{d:%Y%m}"
    return d


def amount_cell(v: float | None, rng: np.random.Generator) -> Cell:
    if v is None:
        return None
    r = rng.random()
    if r < 0.08:
        return f"{v:g}元"
    if r < 0.14 and v >= 1000:
        return f"{v:,.2f}"
    return float(v)


RELATIONS = {
    "户主": ("户主", "本人"),
    "配偶": ("配偶", "配偶", "妻", "夫"),
    "子": ("子", "儿子", "长子", "次子"),
    "女": ("女", "女儿", "长女"),
    "孙子": ("孙子",),
    "孙女": ("孙女",),
    "父亲": ("父亲", "父"),
    "母亲": ("母亲", "母"),
    "儿媳": ("儿媳",),
}


def relation_text(rel: str | None, gender: str | None, rng: np.random.Generator) -> str:
    if rel is None:
        return ""
    options = RELATIONS.get(rel, (rel,))
    if rel == "配偶":  # 妻 for a wife, 夫 for a husband, never the other way round
        options = ("配偶", "妻") if gender == "女" else ("配偶", "夫")
    return options[int(rng.integers(len(options)))]


def phone(rng: np.random.Generator) -> str:
    return (
        "1"
        + str(rng.choice(["35", "37", "38", "39", "50", "52", "58", "82", "87", "89"]))
        + "".join(str(d) for d in rng.integers(0, 10, size=8))
    )


def bank_account(rng: np.random.Generator) -> str:
    # 惠民一卡通 cards of a rural bank: 19 digits, long enough to be mistaken for an ID column
    return "6217" + "".join(str(d) for d in rng.integers(0, 10, size=15))
