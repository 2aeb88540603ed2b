"""Planted cases, part 4: the 一本通 payment file (P1–P5) and last month's dibao roll (M1).

P: the cases write their own lines (`Rolls.pay(..., key=)`) or none (`pay_handled`); payments.py pays
everyone else what the roll approves. Traps: another member as the household's payee, a line of last
month beside this month's (set aside), a minor paid through a guardian's account, a daughter's line
into her mother's account.

M1: last month's roll is this month's (minus this month's entries) plus the rows of the people who have
left since (`Rolls.previous_rows`, see previous.py). The test month 2020-04 lies inside the default
suspension of exits (2020-02 … 2020-06); the exits explained by a death or a move to tekun are traps.
"""

from __future__ import annotations

import datetime as dt

from tests.county_b.people import STREETS, TOWNS, Person
from tests.county_b.records import Rolls, add_months

DIBAO, TEKUN = "dibao", "tekun"  # recon.sample.records.DIBAO_PROGRAMME / TEKUN_PROGRAMME
RURAL = 290.0  # Rolls.dibao's rural amount per declared member


class PayCases:
    def __init__(self, rolls: Rolls) -> None:
        self.r, self.pop, self.rng, self.m = rolls, rolls.pop, rolls.pop.rng, rolls.month

    def P(self, age: int | None = None, **kw: object) -> Person:
        kw.setdefault("town", TOWNS[int(self.rng.integers(len(TOWNS)))])
        return self.pop.person(age, **kw)  # type: ignore[arg-type]

    def mate(self, p: Person, age: int, **kw: object) -> Person:
        return self.pop.person(age, town=p.town, village=p.village, **kw)  # type: ignore[arg-type]

    def day(self, k: int) -> dt.date:
        return self.m + dt.timedelta(days=k)

    def tekun_amount(self, p: Person) -> float:
        return float(next(x["amount"] for x in self.r.rows if x["kind"] == "tekun" and x["pid"] == p.pid))

    def plant(self) -> None:
        self.payments()
        self.exits()

    # --- P1–P5 --------------------------------------------------------------------------------------
    def payments(self) -> None:
        r, P, mate, last = self.r, self.P, self.mate, add_months(self.m, -1)
        # P1: paid, on no roll of that programme
        p = P(46)
        r.pay(p, DIBAO, RURAL * 2)
        r.case("P1_not_on_roll", p, "P1", note="发放明细有人，低保名册无此人")
        head = P(67)
        kid = mate(head, 36)
        r.dibao([(head, "户主"), (kid, "子" if kid.gender == "男" else "女")])
        r.pay(kid, TEKUN, 510.0)
        r.case("P1_tekun_line_dibao_member", kid, "P1", note="低保户成员领特困供养金，不在特困名册")
        # P2: on the roll, not paid
        head = P(59)
        hh = r.dibao([(head, "户主"), (mate(head, 56, gender="女" if head.gender == "男" else "男"), "配偶")])
        r.pay_handled.add(hh)
        r.case("P2_household_unpaid", head, "P2", note="低保户本月无发放记录")
        p = P(72)
        r.tekun(p)
        r.pay_handled.add(p.pid)
        r.case("P2_tekun_unpaid", p, "P2", note="特困人员本月无发放记录")
        # P3: paid another amount than approved (the urban one in a roll that repeats the household
        # amount on every member row: the approved amount is the household's, once)
        head = P(63)
        a, b = mate(head, 35), mate(head, 31)
        hh = r.dibao(
            [(head, "户主"), (a, "子" if a.gender == "男" else "女"), (b, "子" if b.gender == "男" else "女")]
        )
        r.pay(head, DIBAO, RURAL * 2, key=hh)
        r.case("P3_household_short", head, "P3", note="3 人户应发 870 元，实发 580 元")
        head = P(58, town=STREETS[0])
        hh = r.dibao([(head, "户主"), (mate(head, 30), "子")], urban=True)
        r.pay(head, DIBAO, 520.0 * 3, key=hh)
        r.case("P3_urban_over", head, "P3", note="城市 2 人户应发 1040 元，按 3 人发放 1560 元")
        p = P(70)
        r.tekun(p, mode="分散供养")
        r.pay(p, TEKUN, self.tekun_amount(p) + 300.0, key=p.pid)
        r.case("P3_tekun_over", p, "P3", note="特困供养金多发 300 元")
        # P4: paid into the account of someone outside the household
        head = P(65)
        hh = r.dibao([(head, "户主"), (mate(head, 62, gender="女" if head.gender == "男" else "男"), "配偶")])
        stranger = P(44, town=head.town)
        r.pay(head, DIBAO, RURAL * 2, account=stranger.name, key=hh)
        r.case("P4_other_account", head, "P4", note=f"户名 {stranger.name} 不是本人也不是家庭成员")
        p = P(77)
        r.tekun(p, mode="分散供养")
        carer = P(51, town=p.town)
        r.pay(p, TEKUN, self.tekun_amount(p), account=carer.name, key=p.pid)
        r.case("P4_tekun_other_account", p, "P4", note=f"特困供养金打入 {carer.name} 的账户")
        # P5: paid for a month after death
        p = P(86)
        r.tekun(p)
        r.cremation(p, self.day(-50), self.day(-48))
        r.pay(p, TEKUN, self.tekun_amount(p), key=p.pid)
        r.case("P5_tekun_dead_paid", p, "P5 D2", note="特困人员火化后仍发放")
        p = P(89)
        hh = r.dibao([(p, "户主")])
        r.listed(p, "death", category="死亡", death_date=self.day(-70), event_date=self.day(-61))
        r.pay(p, DIBAO, RURAL, key=hh)
        r.case("P5_single_dead_paid", p, "P5 D1", "T1", "单人户已户籍死亡注销，本月仍发放")

        # traps
        head = P(57, gender="男")
        wife = mate(head, 53, gender="女")
        hh = r.dibao([(head, "户主"), (wife, "配偶")])
        r.pay(wife, DIBAO, RURAL * 2, key=hh)
        r.case("notP_spouse_payee", head, "", "P2 P3", "由配偶领取全户低保金")
        r.case("notP_spouse_payee_line", wife, "", "P1 P4")
        head = P(64)
        son = mate(head, 34, gender="男")
        hh = r.dibao([(head, "户主"), (son, "子")])
        r.pay(head, DIBAO, RURAL * 2, key=hh)
        r.pay(head, DIBAO, RURAL * 2, month=last)
        r.case("notP3_last_months_line", head, "", "P3", "另有一行上月（补发）的发放：不计入本月")
        p = P(53)
        r.pay(p, DIBAO, RURAL, month=last)
        r.case("notP1_last_month_only", p, "", "P1", "只有上月的发放行（名册外）：不计入本月")
        girl = P(16, gender="女")
        sister = mate(girl, 11, gender="女")
        hh = r.dibao([(girl, "户主"), (sister, "妹")])
        aunt = P(45, gender="女", town=girl.town)
        r.pay(girl, DIBAO, RURAL * 2, account=aunt.name, key=hh)
        r.case("notP4_minor_guardian", girl, "", "P4", "未成年户主的低保金打入监护人（姑姑）账户：只作提示")
        mother = P(37, gender="女")
        daughter = mate(mother, 9, gender="女")
        hh = r.dibao([(mother, "户主"), (daughter, "女")])
        r.pay(daughter, DIBAO, RURAL * 2, account=mother.name, key=hh)
        r.case("notP4_mother_in_household", daughter, "", "P4 P1", "女儿名下的发放打入同户母亲账户")

    # --- M1 -----------------------------------------------------------------------------------------
    def exits(self) -> None:
        r, P, mate, m = self.r, self.P, self.mate, self.m
        head = P(55, gender="男")
        wife = mate(head, 52, gender="女")
        r.dibao([(head, "户主"), (wife, "配偶")], previous=True)
        r.case("M1_household_left", head, "M1", note="上月在册的两人户本月整户不在名册")
        r.case("M1_household_left_wife", wife, "M1")
        head = P(61)
        son, daughter = mate(head, 31, gender="男"), mate(head, 25, gender="女")
        hh = r.dibao([(head, "户主"), (son, "子")])
        r.dibao([(head, "户主"), (son, "子"), (daughter, "女")], previous=True, hh=hh)
        r.case("M1_member_left", daughter, "M1", note="户内一名成员本月不在名册（出嫁）")
        p = P(47, town=STREETS[1])
        r.dibao([(p, "户主")], urban=True, previous=True)
        r.case("M1_urban_left", p, "M1", note="城市低保单人户本月不在名册")
        # explained exits
        head = P(53)
        old = mate(head, 83)
        hh = r.dibao([(head, "户主")])
        r.dibao([(head, "户主"), (old, "父亲" if old.gender == "男" else "母亲")], previous=True, hh=hh)
        r.cremation(old, self.day(-20), self.day(-18))
        r.case("notM1_died", old, "", "M1 D1", "上月死亡后移出名册")
        head = P(50)
        old = mate(head, 87)
        hh = r.dibao([(head, "户主")])
        r.dibao([(head, "户主"), (old, "父亲" if old.gender == "男" else "母亲")], previous=True, hh=hh)
        r.listed(old, "death", category="死亡", death_date=self.day(3), event_date=self.day(9))
        r.case("notM1_died_in_month", old, "", "M1 D1", "名册当月死亡（户籍注销）后移出")
        p = P(68)
        r.dibao([(p, "户主")], previous=True)
        r.tekun(p)
        r.case("notM1_to_tekun", p, "", "M1 X1", "从低保转入特困")
        head = P(44)
        kid = mate(head, 14)
        r.dibao([(head, "户主"), (kid, "子" if kid.gender == "男" else "女")], start=m)
        r.case("entry_this_month", head, "", "M1", "本月新纳入")
