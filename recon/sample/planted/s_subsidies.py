"""S1–S5 cases: the two disability subsidies checked against the certificate grade and the other rolls."""

from __future__ import annotations

from recon.sample.planted.planter import Person, Planter, child
from recon.sample.records import CARE, LIVING


def _dibao_member(planter: Planter, head_age: int, age: int) -> Person:
    """A grown child in a dibao household rather than a household of one, which T1 would also look at."""
    head = planter.person(age=head_age)
    p = planter.housemate(head, age=age)
    planter.dibao([(head, "户主"), (p, child(p))])
    return p


def plant_s1_s5(planter: Planter) -> None:
    person = planter.person
    for k in range(3):
        p = person(age=33 + k)
        planter.disability(p, (4, 2, 7)[k], 3)
        planter.subsidy(p, LIVING, 60.0)
        planter.case(f"S1_{k + 1}", p, "S1", "")
    for k in range(3):
        p = _dibao_member(planter, 60, 36 + k)
        planter.disability(p, (1, 2, 4)[k], 3 + k % 2)
        planter.case(f"S2_{k + 1}", p, "S2", "")
    p = _dibao_member(planter, 57, 29)
    planter.disability(p, 4, 3)
    planter.subsidy(p, LIVING, 60.0)
    planter.subsidy(p, CARE, 80.0)
    planter.case("S3_care_for_grade3", p, "S3", "S2", "护理补贴发给三级残疾人")
    p = person(age=50)
    planter.disability(p, 2, 4)
    planter.subsidy(p, CARE, 80.0)
    planter.case("S3_care_for_grade4", p, "S3", "")
    p = person(age=54)
    planter.subsidy(p, CARE, 80.0)
    planter.case("S3_care_without_certificate", p, "S3", "")
    for k in range(3):
        p = person(age=30 + 10 * k)
        planter.disability(p, (5, 1, 7)[k], 1 + k % 2)
        planter.case(f"S4_{k + 1}", p, "S4", "")
    p = _dibao_member(planter, 61, 27)
    planter.disability(p, 4, 1)
    planter.subsidy(p, LIVING)
    planter.case("S4_on_dibao", p, "S4", "S2")
    for k, kinds in enumerate(((LIVING,), (CARE,), (LIVING, CARE))):
        p = person(age=58 + k)
        planter.tekun(p)
        planter.disability(p, 4, 2 if CARE in kinds else 3)
        for stype in kinds:
            planter.subsidy(p, stype)
        planter.case(f"S5_{k + 1}", p, "S5", "S1,S3,S4")
