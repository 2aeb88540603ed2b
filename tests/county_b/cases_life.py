"""Planted cases, part 1: deaths (D1–D4), single-person households (T1) and double enrolment (X1, X2).

Each case records what it must and must not produce (`Rolls.case`), which `_answers/planted.csv`
lists; the answer file itself is computed from the records, never from these notes.
"""

from __future__ import annotations

import datetime as dt

from tests.county_b.people import HISTORIC_REGION, STREETS, TOWNS, Person
from tests.county_b.records import Rolls, legacy15


def _on(month: dt.date, years_ago: int, days_later: int = 0) -> dt.date:
    return dt.date(month.year - years_ago, month.month, month.day) + dt.timedelta(days=days_later)


class LifeCases:
    def __init__(self, rolls: Rolls) -> None:
        self.r, self.pop, self.m = rolls, rolls.pop, rolls.month

    def P(self, age: int | None = None, **kw: object) -> Person:
        kw.setdefault("town", TOWNS[int(self.pop.rng.integers(len(TOWNS)))])
        return self.pop.person(age, **kw)  # type: ignore[arg-type]

    def mate(self, p: Person, age: int, **kw: object) -> Person:
        """Someone living in the same village as p."""
        return self.pop.person(age, town=p.town, village=p.village, **kw)  # type: ignore[arg-type]

    def day(self, k: int) -> dt.date:
        return self.m + dt.timedelta(days=k)

    def plant(self) -> None:
        self.deaths()
        self.singles()
        self.double()

    # --- D1–D4 --------------------------------------------------------------------------------------
    def deaths(self) -> None:
        r, P, day = self.r, self.P, self.day
        head = P(58)
        dead = self.mate(head, 55, gender="女" if head.gender == "男" else "男")
        r.dibao([(head, "户主"), (dead, "配偶"), (self.mate(head, 30), "子")])
        r.cremation(dead, day(-20), day(-18))
        r.case("D1_member", dead, "D1", note="火化前一月死亡")

        head = P(81)
        r.dibao([(head, "户主"), (self.mate(head, 77), "配偶")])
        r.cremation(head, None, day(-40))
        r.case("D1_head_no_death_date", head, "D1", note="死亡日期空，按火化日期")

        head = P(50, town=STREETS[0])
        dead = self.mate(head, 79)
        r.dibao([(head, "户主"), (dead, "母亲")], urban=True)
        r.cremation(dead, day(-1), day(1))
        r.case("D1_boundary", dead, "D1", note="上月最后一天死亡、本月火化：死亡日期优先")

        p = P(75)
        r.dibao([(p, "户主")])
        r.cremation(p, day(-25), day(-23))
        r.case("D1_single_dead", p, "D1", "T1", "已死亡的单人户不报 T1")

        head = P(62)
        dead = self.mate(head, 64, birth=dt.date(1955, 8, 17))
        r.dibao([(head, "户主"), (dead, "配偶")], ids={1: ("valid15", legacy15(dead.pid), True)})
        r.cremation(dead, day(-15), day(-14))
        r.case("D1_legacy15", dead, "D1", note="低保名册中是 15 位老证号")

        head = P(66)
        dead = self.mate(head, 68, rare=True)
        r.dibao([(head, "户主"), (dead, "配偶"), (self.mate(head, 40), "子")])
        # a sequence digit mistyped: the birth date still reads, the check character no longer fits
        wrong = dead.pid[:15] + str((int(dead.pid[15]) + 3) % 10) + dead.pid[16:]
        r.cremation(dead, day(-33), day(-31), ident=("invalid", wrong, True))
        r.case("D1_fuzzy", dead, "D1", note="火化记录身份证号错一位、姓名相同：模糊关联")
        r.case("Q1_cremation_typo", wrong, "Q1", note="火化记录身份证号错一位（校验位不符）")

        head = P(52)
        dead = self.mate(head, 50)
        r.dibao([(head, "户主"), (dead, "配偶")])
        r.holder(dead, 2, 4, on_dibao=True, living=False)
        r.cremation(dead, day(-45), day(-44))
        r.case("D1_disabled_no_living", dead, "D1 D4", "S2", "已死亡的持证人不报 S2")

        # traps: deaths inside the roster month, and a namesake cremated without an ID
        for k, (death, crem) in enumerate(((day(3), day(5)), (None, day(0)))):
            head = P(60 + k)
            p = self.mate(head, 85)
            r.dibao([(head, "户主"), (p, "父亲" if p.gender == "男" else "母亲")])
            r.cremation(p, death, crem)
            r.case(f"D1_trap_this_month_{k + 1}", p, "", "D1", "本月内死亡不算")
        head = P(63, name="王秀英", gender="女")
        r.dibao([(head, "户主"), (self.mate(head, 65, gender="男"), "配偶")])
        ghost = self.pop.person(70, name="王秀英", gender="女", town=head.town)
        r.cremation(ghost, day(-12), day(-10), ident=("missing", "", False))
        r.case("D1_trap_namesake", head, "", "D1", "同名同乡的火化记录无身份证号：不能只凭姓名关联")

        # D2
        for k, (mode, region, death, crem) in enumerate(
            (
                ("集中供养", None, day(-30), day(-28)),
                ("分散供养", HISTORIC_REGION, None, day(-50)),
                ("分散供养", None, day(-60), day(-58)),
            )
        ):
            p = P(80 + k, region=region) if region else P(80 + k)
            r.tekun(p, mode=mode)
            r.cremation(p, death, crem)
            r.case(f"D2_{k + 1}", p, "D2")
            if k == 2:
                r.holder(p, 4, 4, on_dibao=False, on_tekun=True)
                r.case("D4_tekun_holder", p, "D2 D4")
        p = P(88)
        r.tekun(p)
        r.cremation(p, day(2), day(4))
        r.case("D2_trap_this_month", p, "", "D2")

        # D3 (and D4 with them)
        head = P(57)
        p = self.mate(head, 54)
        r.dibao([(head, "户主"), (p, "配偶")])
        r.holder(p, 4, 3, on_dibao=True)
        r.cremation(p, day(-20), day(-19))
        r.case("D3_living", p, "D1 D3 D4")
        p = P(72)
        r.holder(p, 4, 1, on_dibao=False)
        r.cremation(p, day(-35), day(-33))
        r.case("D3_care", p, "D3 D4")
        head = P(45)
        p = self.mate(head, 19)
        r.dibao([(head, "户主"), (p, "子" if p.gender == "男" else "女"), (self.mate(head, 44), "配偶")])
        r.holder(p, 5, 2, on_dibao=True)
        r.cremation(p, None, day(-26))
        r.case("D3_both", p, "D1 D3 D4", note="生活补贴、护理补贴各一行")
        p = P(69)
        r.holder(p, 4, 3, on_dibao=False)
        r.cremation(p, day(-70), day(-68))
        r.case("D4_only", p, "D4")
        p = P(71)
        r.holder(p, 1, 2, on_dibao=False, care=False)
        r.cremation(p, day(-8), day(-6))
        r.case("D4_grade2_no_care", p, "D4", "S4", "已死亡的一二级持证人不报 S4")
        p = P(77)
        r.holder(p, 4, 3, on_dibao=False)
        r.cremation(p, day(6), day(8))
        r.case("D4_trap_this_month", p, "", "D4")

    # --- T1 -----------------------------------------------------------------------------------------
    def singles(self) -> None:
        r, P, m = self.r, self.P, self.m
        t1 = [
            ("T1_age60_birthday_today", P(birth=_on(m, 60)), None),
            ("T1_age78", P(78), None),
            ("T1_historic_code_urban", P(66, region=HISTORIC_REGION, town=STREETS[1]), None),
            ("T1_minor15", P(15), None),
            ("T1_minor_day_before_16", P(birth=_on(m, 16, 1)), None),
            ("T1_intellectual3", P(40), (5, 3)),
            ("T1_mental2", P(35), (6, 2)),
            ("T1_physical2", P(50), (4, 2)),
            ("T1_visual1", P(45), (1, 1)),
        ]
        for k, (case, p, dis) in enumerate(t1):
            r.dibao([(p, "户主")], urban=k == 2)
            if dis:
                r.holder(p, *dis, on_dibao=True)
            r.case(case, p, "T1")
        traps = [
            ("T1_trap_age59_birthday_tomorrow", P(birth=_on(m, 60, 1)), None, None),
            ("T1_trap_age16_birthday_today", P(birth=_on(m, 16)), None, None),
            ("T1_trap_physical3", P(45), (4, 3), None),
            ("T1_trap_visual2", P(45), (1, 2), None),
            ("T1_trap_intellectual4", P(33), (5, 4), None),
            ("T1_trap_hearing1", P(38), (2, 1), None),
            ("T1_trap_declared2_elderly", P(72), None, 2),
            ("T1_trap_declared3_minor", P(12), None, 3),
            ("T1_trap_declared2_disabled", P(30), (5, 2), 2),
        ]
        for case, p, dis, declared in traps:
            r.dibao([(p, "户主")], declared=declared)
            if dis:
                r.holder(p, *dis, on_dibao=True)
            note = f"名册只列一人、保障人数写 {declared}（另一人在别的名册或漏录）" if declared else ""
            r.case(case, p, "", "T1", note)

    # --- X1, X2 -------------------------------------------------------------------------------------
    def double(self) -> None:
        r, P = self.r, self.P
        p = P(70)
        r.dibao([(p, "户主")])
        r.tekun(p)
        r.case("X1_single_on_tekun", p, "X1", "T1", "已在特困的单人户报 X1 不报 T1")
        head = P(48)
        p = self.mate(head, 74)
        r.dibao([(head, "户主"), (p, "父亲" if p.gender == "男" else "母亲"), (self.mate(head, 20), "子")])
        r.tekun(p, mode="分散供养")
        r.case("X1_member", p, "X1")
        p = P(62, town=STREETS[1])
        r.dibao([(p, "户主"), (self.mate(p, 60), "配偶")], urban=True)
        r.tekun(p)
        r.case("X1_urban_head", p, "X1")
        head = P(50)
        p = self.mate(head, 46)
        r.dibao([(head, "户主"), (p, "配偶")])
        r.holder(p, 4, 4, on_dibao=True, on_tekun=True, living=False)
        r.tekun(p)
        r.case("X1_holder_no_living", p, "X1", "S2", "特困人员不报 S2")

        p = P(35)
        head = P(40)
        r.dibao([(head, "户主"), (p, "配偶")])
        uhead = P(60, town=STREETS[0])
        r.dibao([(uhead, "户主"), (p, "女" if p.gender == "女" else "子")], urban=True)
        r.case("X2_rural_and_urban", p, "X2")
        head = P(55)
        kid = self.mate(head, 22)
        r.dibao([(head, "户主"), (self.mate(head, 53), "配偶"), (kid, "子"), (kid, "子")], declared=3)
        r.case("X2_twice_in_one", kid, "X2", note="同一户内重复录入，保障人数写 3")
        p = P(44)
        r.dibao([(P(47, town=TOWNS[1]), "户主"), (p, "配偶")])
        r.dibao([(P(51, town=TOWNS[4]), "户主"), (p, "配偶")])
        r.case("X2_two_towns", p, "X2")

        # households whose declared 保障人数 disagrees with their rows (changes no answer)
        for size, declared in ((3, 4), (4, 3), (2, 3)):
            head = P(60)
            members = [(head, "户主")] + [(self.mate(head, 30 + 5 * i), "子") for i in range(size - 1)]
            r.dibao(members, declared=declared)
            r.case(f"declared_{declared}_found_{size}", head, "", "T1 X2", "保障人数与名册行数不符")
        for p in (P(30, name="张伟", gender="男"), P(52, name="王秀英", gender="女")):
            r.dibao([(P(60, town=p.town, village=p.village), "户主"), (p, "配偶")])
