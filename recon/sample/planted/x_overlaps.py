"""X1/X2 cases: one person on two rolls that exclude each other, or in two dibao households."""

from __future__ import annotations

from recon.sample.planted.planter import Planter, child, parent


def plant_x1_x2(planter: Planter) -> None:
    person = planter.person
    # X1_1 is the single person already on tekun, planted among the T1 edges
    for k in range(2):
        head = person(age=50)
        p = planter.housemate(head, age=63 + k)
        planter.dibao([(head, "户主"), (p, parent(p))])
        planter.tekun(p, "集中供养")
        planter.case(f"X1_{k + 2}", p, "X1", "")
    # in a rural and an urban household
    head = person(age=44)
    p = planter.housemate(head, age=38)
    planter.dibao([(head, "户主"), (p, "配偶")])
    uhead = person(age=46, town="侨润街道")
    planter.dibao([(uhead, "户主"), (p, "其他")], urban=True)
    planter.case("X2_rural_and_urban", p, "X2", "")
    # in two rural households
    h1, h2 = person(age=47), person(age=49)
    p = planter.housemate(h1, age=22)
    planter.dibao([(h1, "户主"), (p, child(p))])
    planter.dibao([(h2, "户主"), (p, "其他")])
    planter.case("X2_two_rural_households", p, "X2", "")
    # twice in one household
    head = person(age=52)
    p = planter.housemate(head, age=26)
    planter.dibao([(head, "户主"), (p, child(p)), (p, child(p))])
    planter.case("X2_twice_in_one_household", p, "X2", "")
