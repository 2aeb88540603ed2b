"""D1–D4 cases: the dead still on a roll, and the death-date edges that decide whether they count.

The fuzzy-link D1 cases (a cremation record without a usable ID) are in `links.py`.
"""

from __future__ import annotations

import datetime as dt

from recon.sample.people import RURAL_TOWNS
from recon.sample.planted.planter import Planter, parent
from recon.sample.records import CARE


def plant_d1(planter: Planter) -> None:
    month, d = planter.month, planter.d
    for case, age, death, crem, present, absent, note in (
        ("D1_last_month", 71, d(1, 12), d(1, 14), "D1", "", "上月死亡"),
        ("D1_long_before", 78, d(22, 20), d(22, 23), "D1", "", "死亡已近两年"),
        ("D1_crem_only", 66, None, d(1, 27), "D1", "", "死亡日期空白，按火化日期"),
        (
            "D1_death_before_crem_in_month",
            83,
            month - dt.timedelta(days=2),
            month,
            "D1",
            "",
            "死亡日期在上月末，火化在本月一日：以死亡日期为准",
        ),
        (
            "notD1_death_in_month",
            75,
            month + dt.timedelta(days=7),
            month + dt.timedelta(days=9),
            "",
            "D1",
            "死亡在名册月份之内，不算",
        ),
        (
            "notD1_crem_in_month",
            80,
            None,
            month + dt.timedelta(days=1),
            "",
            "D1",
            "死亡日期空白、火化在本月：不算",
        ),
    ):
        # one town after another, so the edges do not all fall in one town's sheet
        head = planter.person(age=45, town=RURAL_TOWNS[len(planter.cases) % len(RURAL_TOWNS)])
        p = planter.housemate(head, age=age)
        planter.dibao([(head, "户主"), (p, parent(p))])
        planter.cremation(p, death, crem)
        planter.case(case, p, present, absent, note)

    # a dead single elderly person: D1, never T1
    p = planter.person(age=82, town="石佛镇")
    planter.dibao([(p, "户主")])
    planter.cremation(p, d(2, 3), d(2, 5))
    planter.case("D1_single_dead_not_T1", p, "D1", "T1", "单人户已死亡：只报 D1")


def plant_d2_d3_d4(planter: Planter) -> None:
    d = planter.d
    for k, back in enumerate((1, 5, 14)):
        p = planter.person(age=72 + k)
        planter.tekun(p)
        planter.cremation(p, d(back, 8), d(back, 10))
        planter.case(f"D2_{k + 1}", p, "D2", "")
    for k in range(2):
        p = planter.person(age=45 + k)
        planter.disability(p, 1, 1)
        planter.subsidy(p, CARE)
        planter.cremation(p, d(k + 2, 3), d(k + 2, 6))
        planter.case(f"D3_D4_{k + 1}", p, "D3,D4", "S4")
    p = planter.person(age=68)
    planter.disability(p, 2, 3)
    planter.cremation(p, d(7, 1), d(7, 3))
    planter.case("D4_only", p, "D4", "")
