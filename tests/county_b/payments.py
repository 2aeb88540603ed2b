"""The 一本通 file's regular lines: what each roll approves, paid the way the county pays it.

One line per dibao household for its 月保障金 (the household amount, once), to the 户主 or, when the
head has died or his ID is broken, to the first living member with a usable ID; one line per tekun
person for the 月供养金. Nobody dead before the month is paid (their records are D cases; a paid dead
person is a planted P5 only), and the planted cases that write their own lines or none
(`Rolls.pay_handled`) are left alone.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from recon.sample.records import NOT_DEATH_REASONS
from tests.county_b.people import Person
from tests.county_b.records import Rolls

USABLE = ("valid", "valid15")
PERSON_FIELDS = ("pid", "name", "gender", "birth", "town", "village")


def deaths(rows: list[dict[str, Any]]) -> dict[str, dt.date]:
    """pid -> earliest death over the cremation register and the 注销 rows that are deaths."""
    out: dict[str, dt.date] = {}
    for r in rows:
        if r["pid"] is None:
            continue
        if r["kind"] == "cremation":
            d = r.get("death_date") or r.get("cremation_date")
        elif r["kind"] == "death" and r.get("category") not in NOT_DEATH_REASONS:
            d = r.get("death_date") or r.get("event_date")
        else:
            continue
        if d is not None and (r["pid"] not in out or d < out[r["pid"]]):
            out[r["pid"]] = d
    return out


def pay_regular(rolls: Rolls) -> None:
    died = deaths(rolls.rows)
    month = rolls.month

    def alive(r: dict[str, Any]) -> bool:
        return not (r["pid"] in died and died[r["pid"]] < month)

    def person(r: dict[str, Any]) -> Person:
        return Person(*(r[f] for f in PERSON_FIELDS))

    households: dict[str, list[dict[str, Any]]] = {}
    tekun: list[dict[str, Any]] = []
    for r in rolls.rows:
        if r["kind"] == "dibao":
            households.setdefault(str(r["hh"]), []).append(r)
        elif r["kind"] == "tekun":
            tekun.append(r)
    for hh, members in households.items():
        payable = [m for m in members if alive(m) and m["pid"] is not None and m["id_status"] in USABLE]
        if hh in rolls.pay_handled or not payable:
            continue
        payee = next((m for m in payable if m["relation"] == "户主"), payable[0])
        rolls.pay(person(payee), "dibao", float(members[0]["amount"]))
    for t in tekun:
        if t["pid"] in rolls.pay_handled or t["pid"] is None or not alive(t):
            continue
        rolls.pay(person(t), "tekun", float(t["amount"]))
