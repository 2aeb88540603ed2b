"""R1 cases: village cadres and 经办人员 on assistance, or in a dibao household with someone who is, and the
近亲属备案 that clears a relative; a cadre on no roll concerns nobody."""

from __future__ import annotations

import datetime as dt

from recon.sample.planted.planter import Planter


def plant_r1(planter: Planter) -> None:
    person, housemate = planter.person, planter.housemate
    filed = dt.date(2019, 11, 6)

    # a cadre heading a dibao household: he, his wife and his son
    cadre = person(age=52, gender="男")
    wife = housemate(cadre, age=50, gender="女")
    son = housemate(cadre, age=24, gender="男")
    planter.dibao([(cadre, "户主"), (wife, "妻"), (son, "长子")])
    planter.listed(cadre, "cadre", category="村委会主任")
    for p, note in ((cadre, "村委会主任本人在低保"), (wife, "同户：妻"), (son, "同户：长子")):
        planter.case(f"R1_cadre_household_{p['pid'][-4:]}", p, "R1", "", note)

    # a 民政助理员 (经办人员) living in his mother's household: the mother is filed, he is not
    mother = person(age=74, gender="女")
    clerk = housemate(mother, age=45, gender="男")
    planter.dibao([(mother, "户主"), (clerk, "儿子")])
    planter.listed(clerk, "cadre", category="民政助理员")
    planter.listed(
        mother, "filing", other_name=clerk["name"], other_pid=clerk["pid"], category="母子", event_date=filed
    )
    planter.case("R1_clerk_in_mothers_household", clerk, "R1", "", "经办人员本人在低保户中，没有备案")
    planter.case("notR1_filed_mother", mother, "", "R1", "经办人员的母亲已备案")

    # a cadre on tekun (a 村会计 who was supported before taking the post)
    p = person(age=61)
    planter.tekun(p)
    planter.listed(p, "cadre", category="村会计")
    planter.case("R1_cadre_on_tekun", p, "R1", "", "村会计本人在特困")

    # a 妇女主任 on no roll whose father is on dibao in a household of his own: the roll does not say
    # they live together
    officer = person(age=40, gender="女")
    father = housemate(officer, age=68, gender="男")
    brother = housemate(officer, age=43, gender="男")
    planter.dibao([(father, "户主"), (brother, "儿子")])
    planter.listed(officer, "cadre", category="妇女主任")
    planter.listed(
        father,
        "filing",
        other_name=officer["name"],
        other_pid=officer["pid"],
        category="父女",
        event_date=filed,
    )
    planter.case("notR1_cadre_not_on_roll", brother, "", "R1", "村干部本人不在名册，其父兄另成一户")
    planter.case("notR1_cadre_not_on_roll_father", father, "", "R1", "村干部本人不在名册（其父已备案）")
