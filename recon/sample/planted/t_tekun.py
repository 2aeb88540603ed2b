"""T1 cases: single-person dibao households that should be on tekun, and each edge of "single", the age
limits and the disability grades that count.

T1 reads ages on the roster month's first day, hence births on exactly that day and the day after.
"""

from __future__ import annotations

import datetime as dt

from recon.sample.planted.planter import Planter
from recon.sample.records import CARE, LIVING


def plant_t1(planter: Planter) -> None:
    month, person = planter.month, planter.person
    born60 = month.replace(year=month.year - 60)
    p = person(birth=born60, town="张秋镇")
    planter.dibao([(p, "户主")])
    planter.case("T1_age_exactly_60", p, "T1", "", "单人户，名册月份第一天正好满 60 岁")
    p = person(birth=born60 + dt.timedelta(days=1), town="张秋镇")
    planter.dibao([(p, "户主")])
    planter.case("notT1_age_59", p, "", "T1", "单人户，差一天满 60 岁")
    p = person(age=12, town="西湖镇")
    planter.dibao([(p, "户主")])
    planter.case("T1_minor", p, "T1", "", "单人户，未满 16 岁")
    p = person(age=40, town="高庙王镇")
    planter.dibao([(p, "户主")])
    planter.disability(p, 5, 3)
    planter.subsidy(p, LIVING, 60.0)
    planter.case("T1_intellectual_grade3", p, "T1", "S2", "单人户，智力三级：计入")
    p = person(age=41, town="高庙王镇")
    planter.dibao([(p, "户主")])
    planter.disability(p, 4, 3)
    planter.subsidy(p, LIVING, 60.0)
    planter.case("notT1_physical_grade3", p, "", "T1,S2", "单人户，肢体三级：不计入")
    p = person(age=35, town="金斗营镇")
    planter.dibao([(p, "户主")])
    planter.disability(p, 6, 2)
    planter.subsidy(p, LIVING)
    planter.subsidy(p, CARE, 80.0)
    planter.case("T1_mental_grade2", p, "T1", "S2,S4", "单人户，精神二级")
    p = person(age=75, town="大布乡")
    wife = planter.housemate(p, age=72, gender="女")
    planter.dibao([(p, "户主"), (wife, "配偶")])
    planter.case("notT1_two_member_elderly", p, "", "T1", "两人户（有老人）：不是单人户")
    planter.case("notT1_two_member_elderly_spouse", wife, "", "T1")
    p = person(age=70, town="李台镇")
    planter.dibao([(p, "户主")])
    planter.tekun(p)
    planter.case("X1_single_on_tekun", p, "X1", "T1", "单人户已在特困：报 X1，不报 T1")
