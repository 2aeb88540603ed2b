"""Fuzzy links recon must make, and decoys it must not: D1 through cremation records without a usable ID.

The decoys are the reason the fuzzy cases prove anything: each sits where a looser linker (name alone,
name + town, or a tie broken at random) would attach a death to a living person.
"""

from __future__ import annotations

import datetime as dt

from recon.sample import ids
from recon.sample.planted.planter import Planter
from recon.sample.records import CARE, LIVING


def plant_links(planter: Planter) -> None:
    _fuzzy_links(planter)
    _decoys(planter)


def _fuzzy_links(planter: Planter) -> None:
    person, d = planter.person, planter.d
    head = person(age=50, town="阿城镇")
    p = planter.housemate(head, "赵凤英", birth=dt.date(1941, 8, 17), gender="女")
    planter.dibao([(head, "户主"), (p, "母亲")])
    planter.cremation(p, d(3, 9), d(3, 11), status="missing", text="")
    planter.case(
        "fuzzy_blank_id_name_birth_town",
        p,
        "D1",
        "",
        "火化记录身份证号空白，姓名+出生日期+乡镇与低保成员相同",
    )

    head = person(age=52, town="七级镇")
    p = planter.housemate(head, "孙玉珍", age=79, gender="女")
    planter.dibao([(head, "户主"), (p, "母亲")])
    wrong = ids.one_digit_wrong(p["pid"], planter.rng)
    planter.cremation(p, d(2, 21), d(2, 23), status="invalid", text=wrong)
    planter.case("fuzzy_one_wrong_digit", p, "D1", "", "火化记录身份证号错一位，姓名相同")
    planter.case("fuzzy_one_wrong_digit_Q1", p, "Q1", "", "错一位的号码本身校验不通过", filed_as=wrong)

    # swapped digits: a disabled dibao member with both subsidies -> D1, D3 x2, D4
    head = person(age=48, town="阎楼镇")
    p = planter.housemate(head, "侯建国", age=64, gender="男")
    planter.dibao([(head, "户主"), (p, "父亲")])
    planter.disability(p, 4, 2)
    planter.subsidy(p, LIVING)
    planter.subsidy(p, CARE, 80.0)
    swapped = ids.adjacent_swap(p["pid"])
    planter.cremation(p, d(1, 4), d(1, 6), status="invalid", text=swapped)
    planter.case("fuzzy_adjacent_swap", p, "D1,D3,D4", "S4", "火化记录身份证号相邻两位颠倒，姓名相同")
    planter.case("fuzzy_adjacent_swap_Q1", p, "Q1", "", "颠倒后的号码校验不通过", filed_as=swapped)


def _decoys(planter: Planter) -> None:
    person, d = planter.person, planter.d
    # a living 王秀英 in the village where another 王秀英 died (different birth date, blank ID)
    head = person(age=55, town="定水镇")
    alive = planter.housemate(head, "王秀英", birth=dt.date(1950, 2, 11), gender="女")
    planter.dibao([(head, "户主"), (alive, "母亲")])
    dead = planter.housemate(head, "王秀英", birth=dt.date(1946, 10, 3), gender="女")
    planter.cremation(dead, d(2, 15), d(2, 17), status="missing", text="", linked=False)
    planter.case("decoy_same_name_other_birth", alive, "", "D1", "同村同名但出生日期不同的死者：不得关联")

    # a valid-ID death of 张伟 in a village where a living 张伟 is on dibao
    head = person(age=60, town="寿张镇")
    alive = planter.housemate(head, "张伟", age=58, gender="男")
    planter.dibao([(head, "户主"), (alive, "兄弟")])
    dead = planter.housemate(head, "张伟", age=70, gender="男")
    planter.cremation(dead, d(1, 2), d(1, 4))
    planter.case("decoy_same_name_valid_id", alive, "", "D1", "同村同名的死者有自己的身份证号")

    # two living 张桂兰 with the same birth date in one town; a blank-ID 张桂兰 died there
    twin_birth = dt.date(1944, 5, 20)
    for k in range(2):
        head = person(age=50, town="郭屯镇")
        alive = planter.housemate(head, "张桂兰", birth=twin_birth, gender="女")
        planter.dibao([(head, "户主"), (alive, "母亲")])
        planter.case(
            f"decoy_ambiguous_{k + 1}",
            alive,
            "",
            "D1",
            "同镇两位同名同出生日期的在册人员，空白身份证号的火化记录无法确定是谁",
        )
    dead = person("张桂兰", birth=twin_birth, gender="女", town="郭屯镇")
    planter.cremation(dead, d(1, 18), d(1, 20), status="missing", text="", linked=False)
