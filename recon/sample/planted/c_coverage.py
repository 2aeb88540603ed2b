"""C1–C3 cases: monitored poverty households with nobody on dibao or tekun, and the ways a household
counts as covered (one member is enough; tekun counts; 脱贫户 are not monitored at all)."""

from __future__ import annotations

from recon.sample.planted.planter import Planter
from recon.sample.records import LIFTED, MARGINAL, SUDDEN, UNSTABLE


def plant_c1_c3(planter: Planter) -> None:
    person = planter.person
    for cat, code, n in ((UNSTABLE, "C1", 3), (MARGINAL, "C2", 3), (SUDDEN, "C3", 2)):
        for k in range(n):
            head = person(age=50 + k)
            mem = planter.housemate(head, age=20 + k)
            planter.poverty([(head, "户主"), (mem, "子女")], cat, float(3200 + 700 * k))
            planter.case(f"{code}_{k + 1}", head, code, "")
    head = person(age=58)
    son = planter.housemate(head, age=31)
    wife = planter.housemate(head, age=55)
    planter.poverty([(head, "户主"), (son, "儿子"), (wife, "配偶")], UNSTABLE, 4100.0)
    planter.dibao([(son, "户主")])
    planter.case("notC_covered_by_one_member", head, "", "C1", "家庭中只有一人在低保：已覆盖")
    p = person(age=77)
    planter.poverty([(p, "户主")], MARGINAL, 3900.0)
    planter.tekun(p)
    planter.case("notC_covered_by_tekun", p, "", "C2", "家庭成员在特困：已覆盖")
    p = person(age=60)
    planter.poverty([(p, "户主")], LIFTED, 6100.0)
    planter.case("notC_lifted", p, "", "C1,C2,C3", "脱贫户不在比对范围")
