"""D cases through the 公安 death list (户籍注销): deaths no funeral home recorded (土葬 areas), the rows
that are no death (迁出, 服兵役), and a person in both death sources whose dates disagree (a data-quality
note `death_date_conflict`, the earliest date counting)."""

from __future__ import annotations

import datetime as dt

from recon.sample.planted.planter import Person, Planter, parent
from recon.sample.records import CARE


def plant_death_list(planter: Planter) -> None:
    d, month = planter.d, planter.month

    def member(age: int) -> Person:
        head = planter.person(age=46)
        p = planter.housemate(head, age=age)
        planter.dibao([(head, "户主"), (p, parent(p) if age > 60 else "儿子")])
        return p

    p = member(79)
    planter.death(p, d(3, 8), d(3, 20))
    planter.case("D1_death_list_only", p, "D1", "", "只在公安死亡注销名单（土葬地区，无火化记录）")
    p = member(83)
    planter.death(p, None, d(2, 16))
    planter.case("D1_death_list_cancel_date", p, "D1", "", "死亡日期空白，按注销日期")
    p = member(77)
    planter.cremation(p, d(2, 3), d(2, 5))
    planter.death(p, d(2, 3) + dt.timedelta(days=25), d(1, 20))
    planter.case(
        "D1_death_date_conflict",
        p,
        "D1",
        "",
        "火化记录与死亡注销日期相差 25 天：数据质量提示 death_date_conflict，按最早日期",
    )
    p = member(72)
    planter.cremation(p, d(1, 10), d(1, 12))
    planter.death(p, d(1, 11), d(1, 25))
    planter.case("D1_both_sources_agree", p, "D1", "", "两处死亡记录日期相差 1 天：不提示")
    p = member(25)
    planter.death(p, None, d(2, 9), reason="服兵役")
    planter.case("notD1_military", p, "", "D1", "户籍注销原因为服兵役：不是死亡")
    p = member(74)
    planter.death(p, month + dt.timedelta(days=5), month + dt.timedelta(days=12))
    planter.case("notD1_death_list_in_month", p, "", "D1", "死于名册当月")

    p = planter.person(age=81)
    planter.tekun(p)
    planter.death(p, d(4, 2), d(4, 14))
    planter.case("D2_death_list", p, "D2", "", "特困人员只在公安死亡注销名单")
    p = planter.person(age=58)
    planter.disability(p, 4, 2)
    planter.subsidy(p, CARE, 80.0)
    planter.death(p, d(3, 27), d(2, 6))
    planter.case("D3_D4_death_list", p, "D3,D4", "S4", "护理补贴对象只在公安死亡注销名单")
