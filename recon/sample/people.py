"""A synthetic population of 阳谷县: places, names and ID numbers, built column-wise with numpy."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

import numpy as np
import polars as pl

from recon.sample.ids import check_chars

REGION = "371521"
# other counties of 聊城 (Shandong) and a few of other provinces: people registered elsewhere
OTHER_SHANDONG = ("371502", "371522", "371523", "371524", "371525", "371526", "371581")
OTHER_PROVINCES = ("410928", "130432", "411425", "220581", "340321")

STREETS = ("博济桥街道", "侨润街道", "狮子楼街道")
RURAL_TOWNS = (
    "阎楼镇",
    "阿城镇",
    "七级镇",
    "安乐镇",
    "定水镇",
    "石佛镇",
    "李台镇",
    "寿张镇",
    "十五里园镇",
    "张秋镇",
    "郭屯镇",
    "西湖镇",
    "高庙王镇",
    "金斗营镇",
    "大布乡",
)
TOWNS = STREETS + RURAL_TOWNS

_COMMUNITIES = (
    "东关社区",
    "西关社区",
    "南关社区",
    "北关社区",
    "新华社区",
    "文化社区",
    "金水湖社区",
    "谷山社区",
    "清河社区",
    "紫石街社区",
    "景阳社区",
    "运河社区",
    "育才社区",
    "新建社区",
    "阳光社区",
)
_DIRECTIONS = ("前", "后", "东", "西", "南", "北", "大", "小", "中")
_PLACE_SURNAMES = (
    "张",
    "李",
    "王",
    "刘",
    "陈",
    "杨",
    "赵",
    "孙",
    "马",
    "徐",
    "朱",
    "高",
    "魏",
    "郭",
    "宋",
    "韩",
    "周",
    "吴",
    "田",
    "侯",
    "董",
    "范",
    "许",
    "孟",
    "谢",
    "曹",
    "崔",
    "路",
    "贾",
    "冯",
)
_PLACE_SUFFIXES = ("庄", "楼", "屯", "集", "营", "店", "堂", "寨", "口", "洼", "园", "海")

SURNAMES = (
    "王",
    "张",
    "李",
    "刘",
    "陈",
    "杨",
    "赵",
    "孙",
    "马",
    "徐",
    "朱",
    "高",
    "魏",
    "郭",
    "宋",
    "韩",
    "周",
    "吴",
    "田",
    "侯",
    "董",
    "范",
    "许",
    "孟",
    "谢",
    "曹",
    "崔",
    "路",
    "贾",
    "冯",
    "胡",
    "于",
    "任",
    "邵",
    "闫",
    "袁",
)
FEMALE_GIVEN = (
    "秀英",
    "桂英",
    "秀兰",
    "玉兰",
    "桂兰",
    "秀珍",
    "凤英",
    "玉珍",
    "玉英",
    "兰英",
    "秀荣",
    "桂芝",
    "淑英",
    "秀云",
    "丽",
    "静",
    "敏",
    "艳",
    "芳",
    "霞",
    "红",
    "燕",
    "娟",
    "秀梅",
    "玉梅",
    "翠英",
    "春梅",
    "爱华",
    "丽娜",
)
MALE_GIVEN = (
    "伟",
    "军",
    "勇",
    "强",
    "磊",
    "刚",
    "建国",
    "建军",
    "国庆",
    "志强",
    "卫东",
    "明",
    "海",
    "立新",
    "振华",
    "德胜",
    "长江",
    "洪涛",
    "建华",
    "国华",
    "庆华",
    "文",
    "杰",
    "涛",
    "斌",
    "鹏",
    "超",
    "浩",
    "永强",
    "保国",
)
_GIVEN_FIRST = tuple("春秋冬夏金玉德文志明建国庆永长振学树兴福宝俊子晓新红海")
_GIVEN_SECOND = tuple("华英兰芳梅军民生林山峰平安杰成田亮芝霞云凤琴敏燕辉彬涛")
MINORITY_NAMES = (
    "阿依古丽·买买提",
    "买买提·吐尔逊",
    "古丽努尔·艾买提",
    "热依汗古丽·阿不都",
    "艾力·玉素甫",
    "帕提古丽·阿不力孜",
    "吐尔洪·买买提",
    "阿不都热合曼·艾则孜",
)
# names that appear once in the whole county: for records whose ID is broken, so no name-based fuzzy link
# can reach them (and so Q3 rows, compared by name, are unambiguous)
_RARE_SURNAMES = (
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "令狐",
    "宇文",
    "长孙",
    "夏侯",
    "端木",
    "申屠",
    "公冶",
    "澹台",
    "轩辕",
)
_RARE_GIVEN = tuple("瑾璇琦珂瑜琰璟珏嵘岚翊翎羿骞钰铮锴镕楷桦榕樾")
TRADITIONAL = {"刘国华": "劉國華", "陈建军": "陳建軍", "张丽华": "張麗華"}


def zipf_weights(n: int, s: float = 1.0) -> np.ndarray:
    w = 1.0 / np.arange(1, n + 1) ** s
    return w / w.sum()


def villages_by_town(rng: np.random.Generator) -> dict[str, tuple[str, ...]]:
    """Plausible village names per town ("张庄村", "后李村", "前刘楼村"; communities in 街道)."""
    out: dict[str, tuple[str, ...]] = {}
    for town in TOWNS:
        if town in STREETS:
            picks = rng.choice(len(_COMMUNITIES), size=6, replace=False)
            out[town] = tuple(_COMMUNITIES[i] for i in picks)
            continue
        names: list[str] = []
        while len(names) < 14:
            kind = rng.integers(0, 3)
            sur = _PLACE_SURNAMES[rng.integers(len(_PLACE_SURNAMES))]
            suf = _PLACE_SUFFIXES[rng.integers(len(_PLACE_SUFFIXES))]
            d = _DIRECTIONS[rng.integers(len(_DIRECTIONS))]
            name = (f"{sur}{suf}村", f"{d}{sur}村", f"{d}{sur}{suf}村")[kind]
            if name not in names:
                names.append(name)
        out[town] = tuple(names)
    return out


def common_names(gender_male: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Skewed names: a few (王秀英, 张伟, 李秀英) recur often; some composed for variety."""
    n = len(gender_male)
    sur = np.array(SURNAMES)[rng.choice(len(SURNAMES), size=n, p=zipf_weights(len(SURNAMES), 0.9))]
    fem = np.array(FEMALE_GIVEN)[
        rng.choice(len(FEMALE_GIVEN), size=n, p=zipf_weights(len(FEMALE_GIVEN), 1.1))
    ]
    mal = np.array(MALE_GIVEN)[rng.choice(len(MALE_GIVEN), size=n, p=zipf_weights(len(MALE_GIVEN), 1.1))]
    composed = np.array(_GIVEN_FIRST)[rng.integers(len(_GIVEN_FIRST), size=n)].astype(object) + np.array(
        _GIVEN_SECOND
    )[rng.integers(len(_GIVEN_SECOND), size=n)].astype(object)
    given = np.where(gender_male, mal.astype(object), fem.astype(object))
    given = np.where(rng.random(n) < 0.35, composed, given)
    names = sur.astype(object) + given
    minority = rng.random(n) < 0.003
    names[minority] = np.array(MINORITY_NAMES, dtype=object)[
        rng.integers(len(MINORITY_NAMES), size=minority.sum())
    ]
    return names


class RareNames:
    """Hands out names that nobody else in the county has (compound surname + two uncommon characters)."""

    def __init__(self, rng: np.random.Generator) -> None:
        combos = [s + a + b for s in _RARE_SURNAMES for a in _RARE_GIVEN for b in _RARE_GIVEN if a != b]
        order = rng.permutation(len(combos))
        self._names = [combos[i] for i in order]
        self._next = 0
        self._longer: Iterator[str] | None = None

    def take(self, k: int = 1) -> list[str]:
        out = self._names[self._next : self._next + k]
        self._next += k
        if len(out) < k:
            # province scale needs more than the shuffled pool: longer given names, in a fixed order and
            # drawn lazily (small samples never get here, so their names and random stream are unchanged)
            if self._longer is None:
                self._longer = _longer_rare_names()
            out += list(itertools.islice(self._longer, k - len(out)))
        return out


def _longer_rare_names() -> Iterator[str]:
    for size in itertools.count(3):
        for given in itertools.product(_RARE_GIVEN, repeat=size):
            for surname in _RARE_SURNAMES:
                yield surname + "".join(given)


def _date_from_days(days: np.ndarray) -> np.ndarray:
    return np.datetime64("1970-01-01", "D") + days.astype("timedelta64[D]")


def population(
    age_lo: np.ndarray, age_hi: np.ndarray, month: dt.date, rng: np.random.Generator, used: set[str]
) -> pl.DataFrame:
    """One person per (age_lo, age_hi) pair: id, name, gender, birth; IDs unique and added to `used`.

    Regions: mostly 371521, some other 聊城 counties, a few other provinces.
    """
    n = len(age_lo)
    m_days = (np.datetime64(month, "D") - np.datetime64("1970-01-01", "D")).astype(np.int64)
    age_days = rng.uniform(age_lo * 365.25, (age_hi + 1) * 365.25 - 1).astype(np.int64)
    birth = _date_from_days(m_days - age_days)
    male = rng.random(n) < 0.5
    r = rng.random(n)
    regions = np.where(
        r < 0.92,
        REGION,
        np.where(
            r < 0.97,
            np.array(OTHER_SHANDONG)[rng.integers(len(OTHER_SHANDONG), size=n)],
            np.array(OTHER_PROVINCES)[rng.integers(len(OTHER_PROVINCES), size=n)],
        ),
    )
    birth_txt = np.datetime_as_string(birth, unit="D").astype("<U10")
    ymd = np.char.replace(birth_txt, "-", "")
    ids = np.empty(n, dtype="<U18")
    todo = np.arange(n)
    while len(todo):
        seq = rng.integers(0, 500, size=len(todo)) * 2 + male[todo]
        bodies = np.char.add(
            np.char.add(regions[todo].astype("<U6"), ymd[todo]), np.char.zfill(seq.astype("<U3"), 3)
        )
        ids[todo] = np.char.add(bodies, check_chars(bodies))
        # keep the first of each new ID that nobody holds yet; retry the rest
        retry = []
        for i in todo:
            if ids[i] in used:
                retry.append(i)
            else:
                used.add(str(ids[i]))
        todo = np.array(retry, dtype=np.int64)
    return pl.DataFrame(
        {
            "pid": ids.astype(str),
            "name": common_names(male, rng).astype(str),
            "gender": np.where(male, "男", "女"),
            "birth": birth,
        }
    ).with_columns(pl.col("birth").cast(pl.Date))


def place(
    df: pl.DataFrame, towns: tuple[str, ...], villages: dict[str, tuple[str, ...]], rng: np.random.Generator
) -> pl.DataFrame:
    """Give each row a town from `towns` (rural towns weighted larger) and a village of that town."""
    n = df.height
    w = np.array([1.0 if t in STREETS else 1.3 for t in towns])
    town = np.array(towns)[rng.choice(len(towns), size=n, p=w / w.sum())]
    village = np.empty(n, dtype=object)
    for t in np.unique(town):
        idx = np.nonzero(town == t)[0]
        vs = villages[t]
        village[idx] = np.array(vs, dtype=object)[rng.integers(len(vs), size=len(idx))]
    return df.with_columns(town=pl.Series(town.astype(str)), village=pl.Series(village.astype(str)))
