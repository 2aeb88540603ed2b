"""The vocabulary the planted cases are written in: people, roll entries and the case list.

Each planted person draws a fresh ID that nobody else holds (`used` is shared with the base rolls), so a
case is exactly the records its module writes for that person and nothing in the base population blurs it.
"""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

import numpy as np

from recon.sample import ids
from recon.sample.people import REGION, RURAL_TOWNS, common_names
from recon.sample.records import CARE, COMBINED_CARE_TOWNS, RISKS, add_months


class Person(TypedDict):
    pid: str
    name: str
    gender: str  # 男 / 女
    birth: dt.date
    town: str
    village: str


Cell = str | int | float | dt.date | None
Row = dict[str, Cell]  # SCHEMA columns; `build` fills in the missing ones
Case = dict[str, str]  # case, pid, name, present, absent, note
Members = list[tuple[Person, str]]  # (person, relation to the head); the head first


def parent(p: Person) -> str:
    return "父亲" if p["gender"] == "男" else "母亲"


def child(p: Person) -> str:
    return "儿子" if p["gender"] == "男" else "女儿"


def at_home_of(p: Person, head: Person) -> Person:
    """`p` as a household roll records them: at the head's address, whatever their own."""
    return {**p, "town": head["town"], "village": head["village"]}


class Planter:
    """Collects the planted rows and cases of one month; whatever makes a person draws from `rng`."""

    def __init__(
        self, month: dt.date, rng: np.random.Generator, villages: dict[str, tuple[str, ...]], used: set[str]
    ) -> None:
        self.month, self.rng, self.villages, self.used = month, rng, villages, used
        self.rows: list[Row] = []
        self.cases: list[Case] = []
        # last month's roll rows of the people who left it (recon.sample.previous adds everyone else)
        self.previous_rows: list[Row] = []
        # dibao households (hh) and tekun persons (pid) whose payment lines a case writes itself (or
        # withholds): recon.sample.payments gives everyone else the line the roll approves
        self.pay_handled: set[str] = set()
        self._hh = 0

    # --- people -----------------------------------------------------------------------------------
    def person(
        self,
        name: str | None = None,
        *,
        age: int | None = None,
        birth: dt.date | None = None,
        gender: str | None = None,
        town: str | None = None,
        village: str | None = None,
        region: str = REGION,
    ) -> Person:
        rng = self.rng
        if birth is None:
            a = age if age is not None else int(rng.integers(30, 70))
            birth = self.month.replace(year=self.month.year - a) - dt.timedelta(
                days=int(rng.integers(1, 360))
            )
        gender = gender or ("男" if rng.random() < 0.5 else "女")
        while True:
            seq = int(rng.integers(0, 500)) * 2 + (1 if gender == "男" else 0)
            pid = ids.make_id(region, birth, seq)
            if pid not in self.used:
                self.used.add(pid)
                break
        town = town or RURAL_TOWNS[int(rng.integers(len(RURAL_TOWNS)))]
        village = village or self.villages[town][int(rng.integers(len(self.villages[town])))]
        if name is None:
            name = str(common_names(np.array([gender == "男"]), rng)[0])
        return {"pid": pid, "name": name, "gender": gender, "birth": birth, "town": town, "village": village}

    def housemate(
        self,
        head: Person,
        name: str | None = None,
        *,
        age: int | None = None,
        birth: dt.date | None = None,
        gender: str | None = None,
        region: str = REGION,
    ) -> Person:
        """A new person living where `head` lives, so their other rolls place them there too."""
        return self.person(
            name,
            age=age,
            birth=birth,
            gender=gender,
            town=head["town"],
            village=head["village"],
            region=region,
        )

    def case(
        self,
        case: str,
        p: Person,
        present: str = "",
        absent: str = "",
        note: str = "",
        *,
        filed_as: str | None = None,
    ) -> None:
        """Record what recon must (`present`) and must not (`absent`) report for `p`; `filed_as` is the
        ID text the finding carries when it is not the person's own (Q1 on a broken number)."""
        self.cases.append(
            {
                "case": case,
                "pid": p["pid"] if filed_as is None else filed_as,
                "name": p["name"],
                "present": present,
                "absent": absent,
                "note": note,
            }
        )

    def row(self, p: Person, **kw: Cell) -> None:
        row: Row = {
            "pid": p["pid"],
            "name": p["name"],
            "gender": p["gender"],
            "birth": p["birth"],
            "town": p["town"],
            "village": p["village"],
            "id_status": "valid",
            "id_text": p["pid"],
            "planted": "yes",
        }
        row.update(kw)
        self.rows.append(row)

    # --- rolls ------------------------------------------------------------------------------------
    def dibao(
        self,
        members: Members,
        urban: bool = False,
        *,
        start: dt.date | None = None,
        previous: bool = False,
        hh: str | None = None,
    ) -> str:
        """A dibao household; `previous`: on last month's roll only (an exit); `hh`: the household
        last month's roll knew it by (its members who stay are the previous roll's copies)."""
        if hh is None:
            self._hh += 1
            hh = f"{'PU' if urban else 'PR'}{self._hh:04d}"
        head = members[0][0]
        amount = 540.0 if urban else 365.0
        n = len(self.rows)
        for p, rel in members:
            self.row(
                at_home_of(p, head),
                kind="dibao",
                file="dibao_urban" if urban else "dibao_rural",
                hh=hh,
                relation=rel,
                head_name=head["name"],
                head_pid=head["pid"],
                area_type="城市" if urban else "农村",
                amount=amount,
                start_month=start or add_months(self.month, -30),
                household_id=f"CB9{hh[2:]}" if urban else None,
            )
        if previous:
            self.previous_rows += self.rows[n:]
            del self.rows[n:]
        return hh

    def tekun(self, p: Person, mode: str = "分散供养") -> None:
        self.row(
            p,
            kind="tekun",
            file="tekun",
            support_mode=mode,
            self_care="半自理",
            amount=780.0 if mode.startswith("集中") else 590.0,
        )

    def disability(self, p: Person, dtype: int, grade: int, cert: str | None = None) -> None:
        self.row(
            p,
            kind="disability",
            file="disability",
            dis_type=dtype,
            dis_grade=grade,
            cert_number=cert or f"{p['pid']}{dtype}{grade}",
        )

    def subsidy(self, p: Person, stype: str, amount: float = 100.0) -> None:
        file = "subsidy_care" if stype == CARE and p["town"] not in COMBINED_CARE_TOWNS else "subsidy_all"
        self.row(p, kind="subsidy", file=file, subsidy_type=stype, amount=amount)

    def cremation(
        self,
        p: Person,
        death: dt.date | None,
        crem: dt.date,
        *,
        status: str = "valid",
        text: str | None = None,
        linked: bool = True,
    ) -> None:
        self.row(
            p,
            kind="cremation",
            file="cremation",
            death_date=death,
            cremation_date=crem,
            id_status=status,
            id_text=p["pid"] if text is None else text,
            pid=p["pid"] if linked else None,
        )

    def poverty(self, members: Members, category: str, income: float) -> str:
        self._hh += 1
        hh = f"PP{self._hh:04d}"
        head = members[0][0]
        for p, rel in members:
            self.row(
                at_home_of(p, head),
                kind="poverty",
                file="poverty",
                hh=hh,
                relation=rel,
                head_name=head["name"],
                head_pid=head["pid"],
                poverty_category=category,
                income=income,
                risk=RISKS[self._hh % len(RISKS)],
            )
        return hh

    def listed(self, p: Person, kind: str, **kw: Cell) -> None:
        """A row of one of the other offices' lists (kind = its logical file), in the generic columns."""
        self.row(p, kind=kind, file=kind, **kw)

    def death(self, p: Person, death: dt.date | None, cancel: dt.date, reason: str = "死亡") -> None:
        """A 公安户籍注销 row: 注销原因 死亡 is a death, 迁出/服兵役 … are not."""
        self.listed(p, "death", death_date=death, event_date=cancel, category=reason)

    def pay(
        self,
        p: Person,
        programme: str,
        amount: float,
        *,
        account: str | None = None,
        month: dt.date | None = None,
        key: str | None = None,
    ) -> None:
        """A planted payment line for `p` (`programme` dibao/tekun); `key` (the household or tekun
        person it pays) then gets no default line."""
        if key is not None:
            self.pay_handled.add(key)
        self.listed(
            p,
            "payment",
            category=programme,
            amount=amount,
            other_name=p["name"] if account is None else account,
            pay_month=month or self.month,
        )

    def unpaid(self, key: str) -> None:
        """The household (hh) or tekun person (pid) gets no payment line this month."""
        self.pay_handled.add(key)

    def d(self, months_back: int, day: int = 12) -> dt.date:
        """A date `months_back` months before the roster month."""
        m = add_months(self.month, -months_back)
        return m.replace(day=day)
