"""K1 cases (children whose listed parents are all recorded dead) and K2 cases (severely disabled adults
of working age in poverty households nobody in which is on dibao or tekun), with the traps: one parent
alive, a child already on the child-welfare roster, a parent whose 注销 was a 迁出, a nephew, an
18-year-old; a 60-year-old, a grade-3 physical holder, a covered household, a 17-year-old.

Relations are written as households write them (长子, 次女, 之子, 妻, 儿媳, 孙子 …): K1 reads parents from
them, never from ages. A dead parent still on the dibao roll is a D1 case too, and is listed as such.
"""

from __future__ import annotations

import datetime as dt

from recon.sample.planted.planter import Person, Planter, child, parent
from recon.sample.records import CARE, LIFTED, MARGINAL


def _orphan_household(
    planter: Planter, rels: tuple[str, str], kids: tuple[tuple[str, int | dt.date, str], ...]
) -> tuple[Person, Person, list[Person]]:
    """户主 (father) and spouse (mother) with children (relation, age or birth date, gender) in a dibao
    household."""
    father = planter.person(age=41, gender="男")
    mother = planter.housemate(father, age=39, gender="女")
    children = [
        planter.housemate(father, gender=g, **({"birth": a} if isinstance(a, dt.date) else {"age": a}))
        for _, a, g in kids
    ]
    members = [(father, rels[0]), (mother, rels[1])] + [
        (c, r) for c, (r, _, _) in zip(children, kids, strict=True)
    ]
    planter.dibao(members)
    return father, mother, children


def plant_k1(planter: Planter) -> None:
    d = planter.d
    # both parents dead: the father cremated, the mother on the 公安 death list
    father, mother, (son,) = _orphan_household(planter, ("户主", "配偶"), (("长子", 11, "男"),))
    planter.cremation(father, d(8, 2), d(8, 4))
    planter.death(mother, d(5, 19), d(5, 28))
    planter.case("K1_both_dead", son, "K1", "", "父（火化）母（户籍死亡注销）均已死亡，长子 11 岁")
    planter.case("K1_both_dead_father", father, "D1", "K1")
    planter.case("K1_both_dead_mother", mother, "D1", "K1", "只在公安死亡注销名单上")

    # two children, relations 之子 / 次女, the parents as 户主 / 妻
    father, mother, (boy, girl) = _orphan_household(
        planter, ("户主", "妻"), (("之子", 13, "男"), ("次女", 7, "女"))
    )
    planter.death(father, d(3, 6), d(3, 15))
    planter.cremation(mother, d(14, 21), d(14, 23))
    planter.case("K1_zhizi", boy, "K1", "", "之子")
    planter.case("K1_cinv", girl, "K1", "", "次女")
    planter.case("K1_zhizi_father", father, "D1", "")
    planter.case("K1_zhizi_mother", mother, "D1", "")

    # a grandchild in a poverty household: his parents (儿子, 儿媳) dead, the grandfather alive
    grandpa = planter.person(age=67, gender="男")
    dad = planter.housemate(grandpa, age=40, gender="男")
    mum = planter.housemate(grandpa, age=38, gender="女")
    kid = planter.housemate(grandpa, age=9, gender="男")
    planter.poverty([(grandpa, "户主"), (dad, "儿子"), (mum, "儿媳"), (kid, "孙子")], LIFTED, 6800.0)
    planter.cremation(dad, d(10, 1), d(10, 3))
    planter.death(mum, d(6, 11), d(6, 20))
    planter.case("K1_grandchild_poverty", kid, "K1", "", "监测户孙子：父（儿子）母（儿媳）均已死亡，祖父健在")

    # the dead head dropped from the roll: known by the 户主身份证号 on the members' rows
    father = planter.person(age=44, gender="男")
    mother = planter.housemate(father, age=42, gender="女")
    girl = planter.housemate(father, age=10, gender="女")
    hh = planter.dibao([(father, "户主"), (mother, "配偶"), (girl, "女儿")])
    planter.rows = [r for r in planter.rows if not (r.get("hh") == hh and r["pid"] == father["pid"])]
    planter.cremation(father, d(4, 9), d(4, 11))
    planter.death(mother, d(2, 14), d(2, 24))
    planter.case("K1_head_dropped", girl, "K1", "", "户主已死亡并移出名册（只剩户主身份证号），配偶也已死亡")
    planter.case("K1_head_dropped_mother", mother, "D1", "")

    # traps
    father, mother, (son,) = _orphan_household(planter, ("户主", "配偶"), (("儿子", 12, "男"),))
    planter.cremation(father, d(6, 5), d(6, 7))
    planter.case("notK1_mother_alive", son, "", "K1", "母亲健在")
    planter.case("notK1_mother_alive_father", father, "D1", "")
    father, mother, (girl,) = _orphan_household(planter, ("户主", "配偶"), (("长女", 8, "女"),))
    planter.cremation(father, d(9, 5), d(9, 7))
    planter.cremation(mother, d(7, 25), d(7, 27))
    planter.listed(girl, "child_welfare", category="孤儿")
    planter.case("notK1_on_child_welfare", girl, "", "K1", "已在孤儿保障名册")
    planter.case("notK1_on_child_welfare_father", father, "D1", "")
    planter.case("notK1_on_child_welfare_mother", mother, "D1", "")
    father, mother, (son,) = _orphan_household(planter, ("户主", "配偶"), (("儿子", 14, "男"),))
    planter.cremation(father, d(5, 5), d(5, 8))
    planter.death(mother, None, d(3, 2), reason="迁出")
    planter.case("notK1_mother_moved_out", son, "", "K1", "母亲的户籍注销原因是迁出，不是死亡")
    planter.case("notD1_moved_out", mother, "", "D1", "户籍注销原因为迁出：不是死亡")
    planter.case("notK1_mother_moved_out_father", father, "D1", "")
    uncle = planter.person(age=50, gender="男")
    nephew = planter.housemate(uncle, age=13, gender="男")
    planter.dibao([(uncle, "户主"), (nephew, "侄子")])
    planter.cremation(uncle, d(3, 17), d(3, 19))
    planter.case("notK1_nephew", nephew, "", "K1", "侄子：不认定父母")
    planter.case("notK1_nephew_uncle", uncle, "D1", "")
    born18 = planter.month.replace(year=planter.month.year - 18)
    father, mother, (eighteen,) = _orphan_household(planter, ("户主", "配偶"), (("长子", born18, "男"),))
    planter.cremation(father, d(11, 5), d(11, 8))
    planter.cremation(mother, d(2, 5), d(2, 8))
    planter.case("notK1_age_18", eighteen, "", "K1", "名册月份第一天正好满 18 岁")
    planter.case("notK1_age_18_father", father, "D1", "")
    planter.case("notK1_age_18_mother", mother, "D1", "")
    father, mother, (son,) = _orphan_household(planter, ("户主", "配偶"), (("次子", 6, "男"),))
    planter.cremation(father, d(12, 5), d(12, 8))
    planter.cremation(mother, planter.month + dt.timedelta(days=8), planter.month + dt.timedelta(days=10))
    planter.case("notK1_mother_died_in_month", son, "", "K1", "母亲死于名册当月")


def plant_k2(planter: Planter) -> None:
    person, housemate = planter.person, planter.housemate
    # (case, category, member's age, certificate type and grade, K2 expected); a grade 1–2 holder gets
    # the care subsidy, or he would be an S4 case too
    for case, cat, member_age, dtype, grade, present in (
        ("K2_intellectual_3", LIFTED, 28, 5, 3, True),
        ("K2_physical_1", LIFTED, 33, 4, 1, True),
        ("K2_mental_2_marginal", MARGINAL, 22, 6, 2, True),
        ("notK2_age_60", LIFTED, 60, 1, 1, False),
        ("notK2_physical_3", LIFTED, 35, 4, 3, False),
        ("notK2_age_17", LIFTED, 17, 5, 1, False),
    ):
        old = member_age >= 60
        head = person(age=35 if old else max(member_age + 25, 50))
        p = housemate(head, age=member_age)
        hh_members = [(head, "户主"), (p, parent(p) if old else child(p))]
        planter.poverty(hh_members, cat, 5200.0 + member_age * 10)
        planter.disability(p, dtype, grade)
        if grade <= 2:
            planter.subsidy(p, CARE, 80.0)  # else S4 (a grade 1–2 holder without care subsidy)
        planter.case(case, p, "K2" if present else "", "" if present else "K2")
        if cat == MARGINAL:
            planter.case(f"{case}_C2", head, "C2", "", "边缘易致贫户无人在低保特困")
    # covered: the head is on dibao (a household of his own)
    head = person(age=50)
    p = housemate(head, age=26)
    planter.poverty([(head, "户主"), (p, child(p))], LIFTED, 5900.0)
    planter.dibao([(head, "户主")])
    planter.disability(p, 5, 2)
    planter.subsidy(p, CARE, 80.0)
    planter.case("notK2_covered", p, "", "K2", "户主已在低保：全户已覆盖")
