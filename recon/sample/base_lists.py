"""The base rows of the other offices' lists: mostly people on no roll (a county's vehicle register is
mostly people who never asked for assistance), plus the entries of assisted people that do not count
(a motorcycle, a basic pension), so every rule's "does not count" side is also exercised at scale.

It draws from the base stream after the rolls. Whatever it writes, the answers are computed from it
(answers.py), so an entry that happens to count is listed, not hidden.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from recon.sample.base_rolls import Base
from recon.sample.people import RURAL_TOWNS, STREETS, TOWNS
from recon.sample.records import conform

_UNITS = (
    "阳谷县人民医院",
    "阳谷县第一中学",
    "阳谷县实验小学",
    "阳谷县财政局",
    "阳谷县公安局",
    "阳谷县自然资源局",
)
_STAFF = ("行政编制", "事业编制", "参公管理", "机关工勤")
_CARS = ("小型轿车", "小型普通客车", "轻型普通货车", "重型半挂牵引车", "小型越野客车", "普通二轮摩托车")
_STATUS = ("正常", "正常", "正常", "A", "注销", "报废", "G")
_ENTITY = (
    "个体工商户",
    "个体工商户",
    "有限责任公司(自然人独资)",
    "有限责任公司(自然人投资或控股)",
    "农民专业合作社",
)
_ENTITY_STATUS = ("存续", "在业", "开业", "注销", "吊销，未注销")
_SHOPS = ("百货店", "小卖部", "养殖场", "农资店", "饭店", "理发店", "五金店", "修车铺")
_USES = ("住宅", "住宅", "成套住宅", "商业", "办公", "工业")
_PENSIONS = (
    ("企业职工基本养老保险", 1500, 3600),
    ("机关事业单位养老保险", 3000, 6000),
    ("城乡居民基本养老保险", 118, 260),
)
_POSTS = ("村党支部书记", "村委会主任", "村委会委员", "村会计", "妇女主任", "民政助理员")
_REASONS = ("死亡",) * 17 + ("迁出", "迁出", "服兵役")


def _pick(rng: np.random.Generator, values: tuple, n: int) -> pl.Series:
    return pl.Series(np.array(values, dtype=object)[rng.integers(len(values), size=n)].astype(str))


def _digits(rng: np.random.Generator, n: int, k: int) -> list[str]:
    return ["".join(map(str, row)) for row in rng.integers(0, 10, size=(n, k))]


def build(base: Base, rolls: pl.DataFrame) -> pl.DataFrame:
    rng, n, month = base.rng, base.n, base.month
    frames: list[pl.DataFrame] = []

    def listed(df: pl.DataFrame, kind: str, **cols: object) -> None:
        frames.append(df.with_columns(kind=pl.lit(kind), file=pl.lit(kind), **cols))  # type: ignore[arg-type]

    k = n(150)
    listed(
        base.people(k, 24, 59, TOWNS),
        "public_employee",
        org=_pick(rng, _UNITS, k),
        category=_pick(rng, _STAFF, k),
    )

    k = n(260)
    plates = [f"鲁P{'ABCDEFGHJK'[i % 10]}{x}" for i, x in enumerate(_digits(rng, k, 5))]
    reg = pl.Series([dt.date(2008, 1, 1) + dt.timedelta(days=int(x)) for x in rng.integers(0, 4000, size=k)])
    listed(
        base.people(k, 20, 75, TOWNS),
        "vehicle",
        ref=pl.Series(plates),
        category=_pick(rng, _CARS, k),
        status=_pick(rng, _STATUS, k),
        event_date=reg,
    )
    # assisted people's motorcycles and tractors (exempt): a dibao member in one household in 40
    members = rolls.filter(pl.col("kind") == "dibao", pl.col("relation") != "户主").unique(
        "pid", keep="first", maintain_order=True
    )
    bikes = members.filter(pl.Series(rng.random(members.height) < 0.025))
    kb = bikes.height
    listed(
        bikes.select("pid", "name", "gender", "birth", "town", "village"),
        "vehicle",
        ref=pl.Series([f"鲁P{x}" for x in _digits(rng, kb, 5)], dtype=pl.String),
        category=_pick(rng, ("普通二轮摩托车", "轻便摩托车", "三轮汽车", "小型方向盘式拖拉机"), kb),
        status=pl.lit("正常"),
    )

    k = n(130)
    bus = base.people(k, 25, 65, RURAL_TOWNS + STREETS)
    etype = _pick(rng, _ENTITY, k)
    getihu = etype.str.starts_with("个体")
    listed(
        bus,
        "business",
        org=pl.Series([f"阳谷县{nm}{_SHOPS[i % len(_SHOPS)]}" for i, nm in enumerate(bus["name"])]),
        ref=pl.Series(
            [("92" if g else "91") + "371521MA" + d for g, d in zip(getihu, _digits(rng, k, 8), strict=True)]
        ),
        category=etype,
        amount=pl.Series(rng.integers(1, 60, size=k) * 10000.0),
        status=_pick(rng, _ENTITY_STATUS, k),
    )

    k = n(260)
    prop = base.people(k, 25, 80, TOWNS)
    listed(
        prop,
        "property",
        ref=pl.Series([f"371521{d[:6]}GB{d[6:11]}F{d[11:19]}" for d in _digits(rng, k, 19)]),
        place=pl.concat_str([pl.lit("阳谷县"), pl.col("town"), pl.col("village")]),
        category=_pick(rng, _USES, k),
        area=pl.Series(rng.integers(40, 180, size=k).astype(float)),
    )

    k = n(200)
    pen = base.people(k, 55, 90, TOWNS)
    which = rng.integers(len(_PENSIONS), size=k)
    listed(
        pen,
        "pension",
        category=pl.Series([_PENSIONS[i][0] for i in which]),
        amount=pl.Series([float(rng.integers(_PENSIONS[i][1], _PENSIONS[i][2])) for i in which]),
        pay_month=pl.lit(month),
    )
    # the basic pension of elderly dibao members (below the threshold)
    elderly = rolls.filter(
        pl.col("kind") == "dibao", (pl.lit(month) - pl.col("birth")).dt.total_days() > 60 * 366
    ).unique("pid", keep="first", maintain_order=True)
    basic = elderly.filter(pl.Series(rng.random(elderly.height) < 0.2))
    listed(
        basic.select("pid", "name", "gender", "birth", "town", "village"),
        "pension",
        category=pl.lit("城乡居民基本养老保险"),
        amount=pl.Series(rng.integers(118, 300, size=basic.height).astype(float)),
        pay_month=pl.lit(month),
    )

    k = n(60)
    listed(base.people(k, 28, 60, RURAL_TOWNS), "cadre", category=_pick(rng, _POSTS, k))

    k = n(14)
    listed(
        base.people(k, 2, 16, TOWNS), "child_welfare", category=_pick(rng, ("孤儿", "事实无人抚养儿童"), k)
    )

    # the 公安 death list: people no roll knows, and a share of the cremated with the same date
    k = n(110)
    died = base.people(k, 50, 98, TOWNS)
    m0 = np.datetime64(month, "D")
    death = pl.Series(m0 + rng.integers(-420, 25, size=k).astype("timedelta64[D]")).cast(pl.Date)
    reason = _pick(rng, _REASONS, k)
    listed(
        died,
        "death",
        death_date=pl.when(reason == "死亡").then(death),
        event_date=death + pl.duration(days=pl.lit(pl.Series(rng.integers(3, 40, size=k)))),
        category=reason,
    )
    crem = rolls.filter(pl.col("kind") == "cremation")
    crem = crem.filter(pl.Series(rng.random(crem.height) < 0.15))
    same = pl.coalesce("death_date", pl.col("cremation_date") - pl.duration(days=1))
    listed(
        crem.select("pid", "name", "gender", "birth", "town", "village", "death_date", "cremation_date"),
        "death",
        death_date=same,
        event_date=same + pl.duration(days=pl.lit(pl.Series(rng.integers(5, 30, size=crem.height)))),
        category=pl.lit("死亡"),
        cremation_date=pl.lit(None, pl.Date),
    )
    out = pl.concat([conform(f) for f in frames])
    return out.with_columns(id_status=pl.lit("valid"), id_text=pl.col("pid"))
