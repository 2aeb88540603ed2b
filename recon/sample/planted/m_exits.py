"""M1 cases: people on last month's dibao roll and not on this month's, during the suspension of exits
(the sample month 2020-04 is inside the default 2020-02 … 2020-06), and the exits that are explained: a
death (last month, or inside the roster month), a move to tekun. A household new this month is an entry.

Last month's roll is this month's dibao roll (minus the entries) plus `Planter.previous_rows`
(recon.sample.previous); a household that stays keeps its number, so a member who left is written with
it (`hh=`) and the household's other members once.
"""

from __future__ import annotations

import datetime as dt

from recon.sample.planted.planter import Planter, child, parent


def plant_m1(planter: Planter) -> None:
    person, housemate, d, month = planter.person, planter.housemate, planter.d, planter.month

    # a whole household gone
    head = person(age=55, gender="男")
    wife = housemate(head, age=53, gender="女")
    planter.dibao([(head, "户主"), (wife, "配偶")], previous=True)
    planter.case("M1_household_left", head, "M1", "", "上月在册的两人户本月整户不在名册（未死亡、未转特困）")
    planter.case("M1_household_left_wife", wife, "M1", "")
    # one member gone from a household that stays
    head = person(age=60)
    son = housemate(head, age=30, gender="男")
    daughter = housemate(head, age=24, gender="女")
    hh = planter.dibao([(head, "户主"), (son, child(son))])
    planter.dibao([(head, "户主"), (daughter, child(daughter))], previous=True, hh=hh)
    planter.case("M1_member_left", daughter, "M1", "", "户内一名成员本月不在名册")
    # an urban household gone
    p = person(age=48, town="博济桥街道")
    planter.dibao([(p, "户主")], urban=True, previous=True)
    planter.case("M1_urban_left", p, "M1", "", "城市低保单人户本月不在名册")

    # explained: died last month (the cremation record says so)
    head = person(age=52)
    old = housemate(head, age=84)
    hh = planter.dibao([(head, "户主")])
    planter.dibao([(head, "户主"), (old, parent(old))], previous=True, hh=hh)
    planter.cremation(old, d(1, 6), d(1, 8))
    planter.case("notM1_died", old, "", "M1,D1", "上月死亡后移出名册：退出有原因")
    # explained: died inside the roster month, on the death list only
    head = person(age=49)
    old = housemate(head, age=88)
    hh = planter.dibao([(head, "户主")])
    planter.dibao([(head, "户主"), (old, parent(old))], previous=True, hh=hh)
    planter.death(old, month + dt.timedelta(days=3), month + dt.timedelta(days=9))
    planter.case("notM1_died_in_month", old, "", "M1,D1", "名册当月死亡（户籍注销）后移出")
    # explained: moved to tekun
    p = person(age=67)
    planter.dibao([(p, "户主")], previous=True)
    planter.tekun(p)
    planter.case("notM1_to_tekun", p, "", "M1,X1", "从低保转入特困")
    # an entry: new this month, not on last month's roll
    head = person(age=45)
    kid = housemate(head, age=15)
    planter.dibao([(head, "户主"), (kid, child(kid))], start=month)
    planter.case("entry_this_month", head, "", "M1", "本月新纳入")
