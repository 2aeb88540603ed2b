"""P1–P5 cases on the 一本通 payment file, and the lines that look wrong but are not: another member as
the household's payee, a line of another month (set aside), a minor paid through a guardian's account.

Every other dibao household and tekun person gets the line its roll approves (recon.sample.payments);
the cases here write their own lines (`Planter.pay`) or none (`Planter.unpaid`).
"""

from __future__ import annotations

from recon.sample.planted.planter import Planter, child
from recon.sample.records import DIBAO_PROGRAMME as DIBAO
from recon.sample.records import TEKUN_PROGRAMME as TEKUN
from recon.sample.records import add_months

RURAL = 365.0  # Planter.dibao's amount per member
TEKUN_DISPERSED = 590.0


def plant_p(planter: Planter) -> None:
    person, housemate, d = planter.person, planter.housemate, planter.d

    # P1: paid, on no roll of that programme
    p = person(age=47)
    planter.pay(p, DIBAO, RURAL * 2)
    planter.case("P1_not_on_any_roll", p, "P1", "", "低保发放明细有人，低保名册无此人")
    head = person(age=66)
    kid = housemate(head, age=35)
    planter.dibao([(head, "户主"), (kid, child(kid))])
    planter.pay(kid, TEKUN, TEKUN_DISPERSED)
    planter.case("P1_tekun_line_dibao_member", kid, "P1", "", "低保户成员领特困供养金，不在特困名册")

    # P2: on the roll, not paid
    head = person(age=58)
    wife = housemate(head, age=55, gender="女")
    planter.unpaid(planter.dibao([(head, "户主"), (wife, "妻")]))
    planter.case("P2_household_unpaid", head, "P2", "", "低保户本月无发放记录")
    p = person(age=71)
    planter.tekun(p)
    planter.unpaid(p["pid"])
    planter.case("P2_tekun_unpaid", p, "P2", "", "特困人员本月无发放记录")

    # P3: paid a different amount
    head = person(age=62)
    a, b = housemate(head, age=34), housemate(head, age=30)
    hh = planter.dibao([(head, "户主"), (a, child(a)), (b, child(b))])
    planter.pay(head, DIBAO, RURAL * 2, key=hh)
    planter.case("P3_household_short", head, "P3", "", "3 人户应发 1095 元，实发 730 元")
    p = person(age=69)
    planter.tekun(p)
    planter.pay(p, TEKUN, 780.0, key=p["pid"])
    planter.case("P3_tekun_over", p, "P3", "", "分散供养 590 元，按集中供养 780 元发放")

    # P4: paid into the account of someone outside the household
    head = person(age=64)
    wife = housemate(head, age=63, gender="女")
    hh = planter.dibao([(head, "户主"), (wife, "配偶")])
    stranger = person(age=45, town=head["town"])
    planter.pay(head, DIBAO, RURAL * 2, account=stranger["name"], key=hh)
    planter.case(
        "P4_other_account", head, "P4", "", f"账户名 {stranger['name']} 不是本人也不是家庭成员（代领）"
    )

    p = person(age=76)
    planter.tekun(p)
    carer = person(age=50, town=p["town"])
    planter.pay(p, TEKUN, TEKUN_DISPERSED, account=carer["name"], key=p["pid"])
    planter.case("P4_tekun_other_account", p, "P4", "", f"特困供养金打入 {carer['name']} 的账户")

    # P5: paid for a month after death
    p = person(age=85)
    planter.tekun(p)
    planter.cremation(p, d(2, 6), d(2, 8))
    planter.pay(p, TEKUN, TEKUN_DISPERSED, key=p["pid"])
    planter.case("P5_tekun_dead_paid", p, "P5,D2", "", "特困人员两个月前火化，本月仍发放")
    p = person(age=88)
    hh = planter.dibao([(p, "户主")])
    planter.death(p, d(3, 1), d(3, 9))
    planter.pay(p, DIBAO, RURAL, key=hh)
    planter.case("P5_single_dead_paid", p, "P5,D1", "T1", "单人户已死亡（户籍注销），本月仍发放")

    # traps
    head = person(age=57)
    wife = housemate(head, age=52, gender="女")
    hh = planter.dibao([(head, "户主"), (wife, "配偶")])
    planter.pay(wife, DIBAO, RURAL * 2, key=hh)
    planter.case("notP_spouse_payee", head, "", "P2,P3", "由配偶领取全户低保金")
    planter.case("notP_spouse_payee_line", wife, "", "P1,P4")
    head = person(age=63)
    son = housemate(head, age=33)
    hh = planter.dibao([(head, "户主"), (son, child(son))])
    planter.pay(head, DIBAO, RURAL * 2, key=hh)
    planter.pay(head, DIBAO, RURAL * 2, month=add_months(planter.month, -1))
    planter.case("notP3_other_month_line", head, "", "P3", "另有一行上月的发放：不计入本月")
    p = person(age=52)
    planter.pay(p, DIBAO, RURAL, month=add_months(planter.month, -1))
    planter.case("notP1_other_month_only", p, "", "P1", "只有上月的发放行（名册外）：不计入本月")
    # a 16-year-old head with her sister, paid into their aunt's account (a note, not P4)
    girl = person(age=16, gender="女")
    sister = housemate(girl, age=12, gender="女")
    hh = planter.dibao([(girl, "户主"), (sister, "妹妹")])
    aunt = person(age=44, gender="女", town=girl["town"])
    planter.pay(girl, DIBAO, RURAL * 2, account=aunt["name"], key=hh)
    planter.case("notP4_minor_guardian", girl, "", "P4", "未成年人的低保金打入监护人（姑姑）账户：只作提示")
    # a child's line paid into the mother's account, the mother in the household
    mother = person(age=38, gender="女")
    daughter = housemate(mother, age=10, gender="女")
    hh = planter.dibao([(mother, "户主"), (daughter, "女儿")])
    planter.pay(daughter, DIBAO, RURAL * 2, account=mother["name"], key=hh)
    planter.case("notP4_mother_in_household", daughter, "", "P4,P1", "女儿名下的发放打入同户母亲账户")
