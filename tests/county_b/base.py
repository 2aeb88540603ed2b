"""The consistent part of county B: rolls that agree with each other, so that anomalies come from the
planted cases (cases_*.py). Every person here is alive, on at most the rolls policy allows, and has
exactly the subsidy lines the rules expect."""

from __future__ import annotations

import datetime as dt

import numpy as np

from tests.county_b.people import STREETS, TOWNS, Person
from tests.county_b.records import LIFTED, MARGINAL, SUDDEN, UNSTABLE, Member, Rolls

# (type, grade) pairs that do not make a single person unable to work under the default policy
NOT_T1 = ((2, 1), (2, 2), (2, 3), (2, 4), (3, 2), (3, 4), (4, 3), (4, 4), (1, 3), (1, 4), (5, 4), (6, 4))
TYPES, TYPE_P = (1, 2, 3, 4, 5, 6, 7), (0.1, 0.12, 0.04, 0.45, 0.12, 0.12, 0.05)
GRADES, GRADE_P = (1, 2, 3, 4), (0.1, 0.2, 0.3, 0.4)


def _age(p: Person, month: dt.date) -> int:
    return month.year - p.birth.year - ((month.month, month.day) < (p.birth.month, p.birth.day))


class Base:
    def __init__(self, rolls: Rolls) -> None:
        self.r, self.pop, self.rng = rolls, rolls.pop, rolls.pop.rng
        self.month = rolls.month

    def family(self, size: int, town: str, head_lo: int = 30, head_hi: int = 85) -> list[Member]:
        """A household: head, then spouse, children, a grandchild or a parent, with plausible ages;
        children carry the father's surname."""
        pop, rng = self.pop, self.rng
        head = pop.person(lo=head_lo, hi=head_hi, town=town)
        out: list[Member] = [(head, "户主")]
        a = _age(head, self.month)
        family_name = head.name[0] if head.gender == "男" else None
        roles = ["配偶", "child", "child", "grandchild", "parent"]
        for role in roles[: size - 1]:
            g = "男" if rng.random() < 0.5 else "女"
            surname = family_name
            if role == "配偶":
                age = int(np.clip(a + rng.integers(-5, 6), 18, 95))
                g = "女" if head.gender == "男" else "男"
                surname, rel = None, "配偶"
            elif role == "child" or (role == "grandchild" and a < 45):
                age = max(0, a - int(rng.integers(22, 33)))
                rel = "子" if g == "男" else "女"
            elif role == "grandchild":
                age = max(0, a - int(rng.integers(44, 56)))
                rel = "孙子" if g == "男" else "孙女"
            else:
                age = min(98, a + int(rng.integers(20, 30)))
                surname = head.name[0] if g == "男" else None
                rel = "父亲" if g == "男" else "母亲"
            p = pop.person(age, gender=g, town=head.town, village=head.village, surname=surname)
            if rel == "配偶" and family_name is None:
                family_name = p.name[0]
            out.append((p, rel))
        return out

    def _type_grade(self) -> tuple[int, int]:
        return int(self.rng.choice(TYPES, p=TYPE_P)), int(self.rng.choice(GRADES, p=GRADE_P))

    def build(self) -> dict[str, list[list[Member]]]:
        r, rng, pop = self.r, self.rng, self.pop
        households: dict[str, list[list[Member]]] = {"rural": [], "urban": []}
        sizes = (1, 2, 3, 4, 5, 6)
        for area, n_h, towns in (("rural", 300, TOWNS), ("urban", 70, STREETS)):
            for _ in range(n_h):
                size = int(rng.choice(sizes, p=(0.15, 0.3, 0.25, 0.18, 0.09, 0.03)))
                town = towns[int(rng.integers(len(towns)))]
                # single-person households are working-age here: the ones that qualify are planted
                members = self.family(size, town, *((25, 59) if size == 1 else (30, 85)))
                r.dibao(members, urban=area == "urban")
                households[area].append(members)
                for p, _ in members:
                    if rng.random() < (0.06 if size == 1 else 0.1):
                        t, g = NOT_T1[int(rng.integers(len(NOT_T1)))] if size == 1 else self._type_grade()
                        r.holder(p, t, g, on_dibao=True)

        for _ in range(110):
            p = pop.person(lo=60, hi=95, town=TOWNS[int(rng.integers(len(TOWNS)))])
            r.tekun(p)
            if rng.random() < 0.25:
                t, g = self._type_grade()
                r.holder(p, t, g, on_dibao=False, on_tekun=True)

        for _ in range(230):  # certificate holders on no roll
            p = pop.person(lo=3, hi=90)
            t, g = self._type_grade()
            r.holder(p, t, g, on_dibao=False)

        # monitored households that are covered: the same families as some rural dibao households
        for members in households["rural"][:40]:
            if len(members) >= 2:
                r.poverty(members, str(rng.choice([UNSTABLE, MARGINAL, SUDDEN])))
        for _ in range(110):  # 脱贫户 not monitored: not a C case whatever their coverage
            size = int(rng.choice((1, 2, 3, 4, 5), p=(0.1, 0.25, 0.3, 0.25, 0.1)))
            r.poverty(self.family(size, TOWNS[int(rng.integers(len(TOWNS)))]), LIFTED)

        # deaths of people on no roll, some registered without an ID number
        m = self.month
        for k in range(45):
            p = pop.person(lo=55, hi=96)
            crem = m - dt.timedelta(days=int(rng.integers(-20, 110)))
            death = crem - dt.timedelta(days=int(rng.integers(1, 4))) if rng.random() < 0.7 else None
            ident = ("missing", "", False) if k % 6 == 0 else None
            r.cremation(p, death, crem, ident=ident)
        return households
