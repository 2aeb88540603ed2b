"""Who lives in county B: region codes, towns and villages, names, and ID numbers.

民权县 (商丘市, 河南) is 411421 today; before 商丘 became a prefecture-level city in 1997 its code was
412321, and IDs issued then stay valid for life, so older residents carry either code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from recon.normalize.ids import check_char

COUNTY = "民权县"
REGION = "411421"
HISTORIC_REGION = "412321"  # 商丘地区民权县, before 1997
# people registered elsewhere who live (or died) here: neighbouring counties, other provinces, and one
# Hong Kong residence permit (prefix 81 is a valid "province")
ELSEWHERE = ("411422", "411423", "411402", "410225", "341221", "320324", "371521", "510722", "810000")

STREETS = ("南华街道", "绿洲街道")
TOWNS = ("城关镇", "人和镇", "龙塘镇", "北关镇", "程庄镇", "孙六镇", "花园乡", "伯党回族乡")
ALL_TOWNS = STREETS + TOWNS
# how agencies that drop the suffix write a town (残联 and the funeral home do)
SHORT_TOWN = {
    t: t.removesuffix("街道").removesuffix("回族乡").removesuffix("镇").removesuffix("乡") for t in ALL_TOWNS
}
COMMUNITIES = {
    "南华街道": ("南华社区", "文化路社区", "建设路社区", "人民路社区"),
    "绿洲街道": ("绿洲社区", "新华社区", "庄周社区", "黄河路社区"),
}
VILLAGE_STEMS = (
    "王",
    "李",
    "张",
    "刘",
    "孙",
    "赵",
    "任",
    "侯",
    "谷",
    "程",
    "胡",
    "常",
    "宋",
    "焦",
    "鲁",
    "齐",
)
VILLAGE_TAILS = ("庄", "楼", "集", "寨", "堂", "营", "店", "岗", "屯", "洼", "桥", "口")

SURNAMES = (
    ("王", 9.0), ("李", 8.0), ("张", 9.0), ("刘", 7.0), ("陈", 4.0), ("杨", 4.0), ("赵", 3.5), ("黄", 2.0),
    ("周", 2.5), ("吴", 2.0), ("徐", 2.0), ("孙", 2.5), ("胡", 2.0), ("朱", 2.0), ("高", 2.5), ("郭", 3.0),
    ("马", 2.5), ("何", 1.0), ("宋", 1.5), ("韩", 1.2), ("冯", 1.2), ("程", 1.5), ("曹", 1.0), ("袁", 1.0),
    ("于", 1.0), ("董", 1.0), ("侯", 1.0), ("许", 1.0), ("付", 1.0), ("崔", 0.8), ("范", 0.8), ("贾", 0.8),
    ("魏", 0.8), ("田", 0.8), ("任", 0.6), ("秦", 0.5), ("史", 0.5), ("苏", 0.5), ("常", 0.5), ("谷", 0.4),
)  # fmt: skip
# given names by sex and generation; the first few of each list are weighted up, as in real rolls
GIVEN = {
    ("女", 0): ("秀英", "桂英", "秀兰", "玉兰", "桂兰", "秀珍", "凤英", "玉珍", "玉英", "兰英", "桂珍", "秀荣",
               "凤兰", "素珍", "淑珍", "秀云", "月英", "翠英", "爱荣", "金花"),
    ("女", 1): ("丽", "红霞", "艳", "丽娟", "霞", "敏", "静", "燕", "娟", "红梅", "海燕", "艳红", "春燕", "丽华",
               "晓燕", "玲", "芳", "娜", "秀丽", "丹丹"),
    ("女", 2): ("婷婷", "欣怡", "雨涵", "梦瑶", "佳怡", "思雨", "紫涵", "一诺", "雅琪", "梓萱", "可欣", "诗涵",
               "子涵", "晨曦", "嘉怡", "悦", "瑶", "颖", "倩", "雪"),
    ("男", 0): ("建国", "国华", "建军", "德明", "长江", "国强", "振华", "保国", "玉山", "继红", "文亮", "金生",
               "富贵", "德胜", "学文", "明亮", "守信", "广田", "春生", "双喜"),
    ("男", 1): ("伟", "强", "磊", "军", "勇", "涛", "杰", "刚", "辉", "明", "超", "鹏", "亮", "斌", "海涛",
               "建伟", "志强", "永刚", "红军", "卫东"),
    ("男", 2): ("浩然", "子轩", "宇航", "俊杰", "博文", "梓豪", "一鸣", "浩宇", "子豪", "天佑", "明轩", "宇轩",
               "奕辰", "晨阳", "志豪", "家乐", "思远", "嘉豪", "鑫", "帅"),
}  # fmt: skip

# pairs that different agencies write for the same person (homophones or look-alikes, and one plain typo)
LOOKALIKES = (("李秀英", "李秀瑛"), ("王桂芝", "王桂枝"), ("张玉兰", "张玉岚"), ("刘凤英", "刘凤瑛"))
TYPO_PAIR = ("赵建国", "赵建军")
# 维吾尔族 names: the dot is written ·, •, . or ・ depending on who typed it
MINORITY = ("买买提·吐尔逊", "阿依古丽·艾山", "热依汗古丽·买买提", "艾力·阿不都")
# the 残联 certificate system of one period stored names in traditional characters
TRADITIONAL = ("劉國華", "張淑貞", "陳建軍", "楊鳳蘭", "趙誌強")
# names nobody else in the county has: for records keyed by name (Q3) and for one-off planted people
RARE_SURNAMES = ("禹", "晏", "冀", "甄", "蔺", "栾", "訾", "亓", "笪", "逯", "郗", "厍", "仉", "沃", "隗")
RARE_GIVEN = "珩彧翀玥昶璇瑾琰珏翊骞琛瑛璟钰岚镕榕琦铮"


def is_gbk(text: str) -> bool:
    try:
        text.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


@dataclass(frozen=True)
class Person:
    pid: str
    name: str
    gender: str
    birth: dt.date
    town: str
    village: str


def villages_by_town(rng: np.random.Generator) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = dict(COMMUNITIES)
    used: set[str] = set()
    for town in TOWNS:
        names: list[str] = []
        while len(names) < 6:
            v = f"{rng.choice(VILLAGE_STEMS)}{rng.choice(VILLAGE_TAILS)}村"
            if v not in used:
                used.add(v)
                names.append(v)
        out[town] = tuple(names)
    return out


class Population:
    """Draws people: unique IDs (GB 11643), names from the county's distribution, a town and village."""

    def __init__(
        self, month: dt.date, rng: np.random.Generator, villages: dict[str, tuple[str, ...]]
    ) -> None:
        self.month, self.rng, self.villages = month, rng, villages
        self.used_ids: set[str] = set()
        self.used_rare: set[str] = set()
        weights = np.array([w for _, w in SURNAMES])
        self._surnames = [s for s, _ in SURNAMES]
        self._sp = weights / weights.sum()

    # --- IDs ------------------------------------------------------------------------------------
    def make_id(self, region: str, birth: dt.date, gender: str) -> str:
        while True:
            seq = int(self.rng.integers(0, 500)) * 2 + (1 if gender == "男" else 0)
            first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
            pid = first17 + check_char(first17)
            if pid not in self.used_ids:
                self.used_ids.add(pid)
                return pid

    def birth_for_age(self, age: int) -> dt.date:
        """A birth date giving exactly `age` whole years at the roster month."""
        m = self.month
        days = int(self.rng.integers(1, 365))
        return dt.date(m.year - age, m.month, 1) - dt.timedelta(days=days)

    # --- names ----------------------------------------------------------------------------------
    def common_name(self, gender: str, birth: dt.date, surname: str | None = None) -> str:
        gen = 0 if birth.year < 1965 else 1 if birth.year < 1988 else 2
        given = GIVEN[(gender, gen)]
        p = np.array([3.0, 2.0, 1.5] + [1.0] * (len(given) - 3))
        if surname is None:
            surname = self._surnames[int(self.rng.choice(len(self._surnames), p=self._sp))]
        return surname + given[int(self.rng.choice(len(given), p=p / p.sum()))]

    def rare_name(self) -> str:
        while True:
            s = RARE_SURNAMES[int(self.rng.integers(len(RARE_SURNAMES)))]
            a, b = self.rng.choice(len(RARE_GIVEN), size=2, replace=False)
            name = s + RARE_GIVEN[a] + RARE_GIVEN[b]
            if name not in self.used_rare:
                self.used_rare.add(name)
                return name

    # --- people ---------------------------------------------------------------------------------
    def person(
        self,
        age: int | None = None,
        *,
        lo: int = 18,
        hi: int = 85,
        gender: str | None = None,
        name: str | None = None,
        town: str | None = None,
        village: str | None = None,
        region: str | None = None,
        birth: dt.date | None = None,
        rare: bool = False,
        surname: str | None = None,
    ) -> Person:
        rng = self.rng
        gender = gender or ("男" if rng.random() < 0.5 else "女")
        if birth is None:
            birth = self.birth_for_age(int(rng.integers(lo, hi + 1)) if age is None else age)
        if region is None:
            r = rng.random()
            if birth.year < 1990 and r < 0.12:
                region = HISTORIC_REGION
            elif r > 0.97:
                region = ELSEWHERE[int(rng.integers(len(ELSEWHERE) - 1))]
            else:
                region = REGION
        town = town or ALL_TOWNS[int(rng.integers(len(ALL_TOWNS)))]
        village = village or self.villages[town][int(rng.integers(len(self.villages[town])))]
        if name is None:
            name = self.rare_name() if rare else self.common_name(gender, birth, surname)
        return Person(self.make_id(region, birth, gender), name, gender, birth, town, village)
