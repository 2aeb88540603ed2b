"""The reference computation of the new families (E, R, K; P and M), as docs/rule-semantics.md states them,
in plain Python over answers.Row tuples. answers.py calls `e_r_k` and `p_m` with its own helpers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import NamedTuple

from recon.sample.records import DIBAO_PROGRAMME, NOT_DEATH_REASONS, TEKUN_PROGRAMME

# defaults of recon.config.Policy, restated (not imported) so a change there shows up as a test failure
EXEMPT_VEHICLES = ("摩托", "残疾人专用", "三轮汽车", "低速货车", "低速载货", "拖拉机")
_VEHICLE_GONE = re.compile(r"注销|报废|转出|转移登记|灭失|回收")
_VEHICLE_GONE_CODE = re.compile(r"^[A-Q]*[BEMP][A-Q]*$")
_ENTITY_ENDED = re.compile(r"注销|吊销|撤销|迁出|迁移|停业|歇业|清算|终止")
BUSINESS_CAPITAL = 100000.0
PROPERTY_LIMIT = 2
NON_RESIDENTIAL = ("商业", "办公", "商服", "工业")
PENSION_THRESHOLD = 1000.0
PAYMENT_TOLERANCE = 0.01
EXIT_SUSPENSION = ((dt.date(2020, 2, 1), dt.date(2020, 6, 1)),)
CHILD_AGE, ADULT_MIN, ADULT_MAX = 18, 18, 59
HEAD = ("户主", "本人", "户主本人", "本人(户主)")
SPOUSE = ("配偶", "妻", "妻子", "夫", "丈夫", "之妻", "之夫", "老伴")
CHILD = (
    *("子", "女", "儿子", "女儿", "长子", "次子", "三子", "四子", "长女", "次女", "三女", "四女"),
    *("之子", "之女", "独子", "独女", "养子", "养女", "继子", "继女", "儿", "小儿子", "小女儿"),
    *("子女", "独生子", "独生女"),
)
PARENT = ("父亲", "母亲", "父", "母", "之父", "之母", "养父", "养母", "继父", "继母")
GRANDCHILD = ("孙子", "孙女", "外孙", "外孙子", "外孙女", "孙")
CHILD_IN_LAW = ("儿媳", "媳", "儿媳妇", "女婿", "之媳", "之婿")


class Row(NamedTuple):
    """The columns the reference rules read, plus the person (pid, else "rec:<rec>")."""

    rec: int
    kind: str
    file: str
    pid: str | None
    id_status: str
    id_text: str | None
    name: str | None
    birth: dt.date | None
    hh: str | None
    relation: str | None
    dis_type: int | None
    dis_grade: int | None
    cert_number: str | None
    subsidy_type: str | None
    death_date: dt.date | None
    cremation_date: dt.date | None
    poverty_category: str | None
    head_pid: str | None
    amount: float | None
    category: str | None
    status: str | None
    ref: str | None
    place: str | None
    event_date: dt.date | None
    other_name: str | None
    pay_month: dt.date | None
    person: str


R = Row
Emit = Callable[..., None]  # (rule, reported record)


def age_at(birth: dt.date, month: dt.date) -> int:
    return month.year - birth.year - ((month.month, month.day) < (birth.month, birth.day))


def death_dates(rows: Iterable[R]) -> dict[str, dt.date]:
    """person -> earliest death over the cremation records and the death-list rows that are deaths."""
    out: dict[str, dt.date] = {}
    for r in rows:
        if r.kind == "cremation":
            d = r.death_date or r.cremation_date
        elif r.kind == "death" and r.category not in NOT_DEATH_REASONS:
            d = r.death_date or r.event_date
        else:
            continue
        if d is not None and (r.person not in out or d < out[r.person]):
            out[r.person] = d
    return out


def _first(rows: Iterable[R]) -> dict[str, R]:
    out: dict[str, R] = {}
    for r in rows:
        out.setdefault(r.person, r)
    return out


def _households(rows: Iterable[R]) -> dict[str | None, list[R]]:
    out: dict[str | None, list[R]] = defaultdict(list)
    for r in rows:
        out[r.hh].append(r)
    return out


def head_record(members: list[R]) -> R:
    return next((m for m in members if m.relation in HEAD or m.pid == m.head_pid), members[0])


def e_r_k(by_kind: dict[str, list[R]], month: dt.date, dead: Callable[[str], bool], emit: Emit) -> None:
    dib, tek = by_kind["dibao"], by_kind["tekun"]
    on_dibao = {r.person for r in dib}
    on_tekun = {r.person for r in tek}
    reported = {**_first(tek), **_first(dib)}  # the first dibao record wins over the tekun one

    def linked(kind: str) -> list[R]:
        return [r for r in by_kind[kind] if r.pid is not None and r.person in reported]

    def each_person(rule: str, hits: Iterable[R]) -> None:
        for p in dict.fromkeys(r.person for r in hits):
            emit(rule, reported[p])

    each_person("E1", linked("public_employee"))
    each_person(
        "E2",
        (
            v
            for v in linked("vehicle")
            if not (v.status and (_VEHICLE_GONE.search(v.status) or _VEHICLE_GONE_CODE.match(v.status)))
            and not any(w in (v.category or "") for w in EXEMPT_VEHICLES)
        ),
    )
    each_person(
        "E3",
        (
            b
            for b in linked("business")
            if not (b.status and _ENTITY_ENDED.search(b.status))
            and ("个体" not in (b.category or "") or (b.amount or 0) >= BUSINESS_CAPITAL)
        ),
    )
    pension: dict[str, dict[dt.date | None, float]] = defaultdict(lambda: defaultdict(float))
    for r in linked("pension"):
        pension[r.person][r.pay_month] += r.amount or 0.0
    each_person("E5", (reported[p] for p, m in pension.items() if max(m.values()) >= PENSION_THRESHOLD))

    # E4 per household: a dibao household's members, a tekun person on no dibao roll on their own
    props: dict[str, dict[str, str]] = defaultdict(dict)  # person -> property key -> use
    for r in linked("property"):
        props[r.person][r.ref or r.place or f"r{r.rec}"] = r.category or ""
    units = [(head_record(ms), {m.person for m in ms}) for ms in _households(dib).values()]
    units += [(r, {r.person}) for r in _first(tek).values() if r.person not in on_dibao]
    for head, people in units:
        held: dict[str, str] = {}
        for p in people:
            held.update(props.get(p, {}))
        nonres = sum(any(w in u for w in NON_RESIDENTIAL) for u in held.values())
        if nonres or len(held) - nonres >= PROPERTY_LIMIT:
            emit("E4", head)

    # R1: the cadre, if assisted, and every member of each dibao household the cadre is in
    households_of: dict[str, set[str | None]] = defaultdict(set)
    for r in dib:
        households_of[r.person].add(r.hh)
    members_of = {hh: {m.person for m in ms} for hh, ms in _households(dib).items()}
    filed = {r.person for r in by_kind["filing"] if r.pid is not None}
    concerned: dict[str, None] = {}
    for c in linked("cadre"):
        concerned[c.person] = None
        for hh in sorted(households_of.get(c.person, set()), key=str):
            concerned.update(dict.fromkeys(members_of[hh]))
    each_person("R1", (reported[p] for p in concerned if p not in filed and p in reported))

    _k1(by_kind, month, dead, emit)
    _k2(by_kind, month, dead, on_dibao | on_tekun, emit)


def _role(m: R) -> str:
    rel = re.sub(r"\s", "", m.relation or "")
    for role, words in (
        ("head", HEAD),
        ("spouse", SPOUSE),
        ("child", CHILD),
        ("parent", PARENT),
        ("grandchild", GRANDCHILD),
        ("child_in_law", CHILD_IN_LAW),
    ):
        if rel in words:
            return role
    return "head" if m.pid is not None and m.pid == m.head_pid else "other"


# whose parents a child's role names (docs/rule-semantics.md "Parents of a child")
_PARENT_ROLES = {"head": ("parent",), "child": ("head", "spouse"), "grandchild": ("child", "child_in_law")}


def _k1(by_kind: dict[str, list[R]], month: dt.date, dead: Callable[[str], bool], emit: Emit) -> None:
    welfare = {r.person for r in by_kind["child_welfare"]}
    parents: dict[str, dict[str | None, bool]] = defaultdict(dict)  # child -> parent -> dead
    for kind in ("dibao", "poverty"):
        for members in _households(by_kind[kind]).values():
            roles: dict[str, tuple[R, str]] = {}
            for m in members:
                roles.setdefault(m.person, (m, _role(m)))
            head_listed = any(role == "head" for _, role in roles.values())
            for p, (m, role) in roles.items():
                if m.pid is None or m.birth is None or age_at(m.birth, month) >= CHILD_AGE or dead(p):
                    continue
                if p in welfare or role not in ("head", "child", "grandchild"):
                    continue
                found: dict[str | None, bool] = {
                    q: dead(q) for q, (_, qr) in roles.items() if qr in _PARENT_ROLES[role] and q != p
                }
                if role == "child" and not head_listed:
                    # the head is known by the 户主身份证号 (dead if that ID has a death record)
                    hp = m.head_pid
                    found[hp] = hp is not None and dead(hp)
                parents[p].update(found)
    first = {**_first(by_kind["poverty"]), **_first(by_kind["dibao"])}
    for child, ps in parents.items():
        if ps and all(ps.values()):
            emit("K1", first[child])


def _k2(
    by_kind: dict[str, list[R]], month: dt.date, dead: Callable[[str], bool], assisted: set[str], emit: Emit
) -> None:
    severe = {
        r.person
        for r in by_kind["disability"]
        if r.dis_grade is not None and (r.dis_grade <= 2 or (r.dis_type in (5, 6) and r.dis_grade <= 3))
    }
    done: set[str] = set()
    for members in _households(by_kind["poverty"]).values():
        if any(m.person in assisted for m in members):
            continue
        for m in members:
            if m.pid is None or m.birth is None or m.person in done or dead(m.person):
                continue
            if ADULT_MIN <= age_at(m.birth, month) <= ADULT_MAX and m.person in severe:
                done.add(m.person)
                emit("K2", m)


def in_suspension(month: dt.date) -> bool:
    return any(a <= month <= b for a, b in EXIT_SUSPENSION)


def p_m(
    by_kind: dict[str, list[R]],
    previous: list[R],
    month: dt.date,
    died: dict[str, dt.date],
    emit: Emit,
) -> None:
    def dead(p: str) -> bool:
        return p in died and died[p] < month

    dib, tek = by_kind["dibao"], by_kind["tekun"]
    on = {DIBAO_PROGRAMME: {r.person for r in dib}, TEKUN_PROGRAMME: {r.person for r in tek}}
    if by_kind["payment"]:
        _p(by_kind, on, month, dead, emit)
    _m(previous, on, month, died, emit)


def _p(
    by_kind: dict[str, list[R]],
    on: dict[str, set[str]],
    month: dt.date,
    dead: Callable[[str], bool],
    emit: Emit,
) -> None:
    """P1-P5, only when a payment list was given: without one recon skips them (and says so)."""
    dib, tek = by_kind["dibao"], by_kind["tekun"]
    lines = [r for r in by_kind["payment"] if r.pay_month is None or r.pay_month == month]
    for r in lines:
        if r.pid is not None and r.category in on and r.person not in on[r.category]:
            emit("P1", r)
    paid: dict[str, dict[str, float]] = {
        DIBAO_PROGRAMME: defaultdict(float),
        TEKUN_PROGRAMME: defaultdict(float),
    }
    for r in lines:
        if r.pid is not None and r.category in paid:
            paid[r.category][r.person] += r.amount or 0.0
    for members in _households(dib).values():
        people = _first(members)
        got = [paid[DIBAO_PROGRAMME][p] for p in people if p in paid[DIBAO_PROGRAMME]]
        if not got:
            if not all(dead(p) for p in people):
                emit("P2", head_record(members))
            continue
        amounts = [r.amount for r in people.values() if r.amount is not None]
        if amounts and abs(sum(got) - sum(amounts)) > PAYMENT_TOLERANCE:
            emit("P3", head_record(members))
    for p, r in _first(tek).items():
        if r.pid is None:
            continue
        if p not in paid[TEKUN_PROGRAMME]:
            if not dead(p):
                emit("P2", r)
        elif r.amount is not None and abs(paid[TEKUN_PROGRAMME][p] - r.amount) > PAYMENT_TOLERANCE:
            emit("P3", r)
    names: dict[str, set[str | None]] = defaultdict(set)
    for kind in ("dibao", "poverty"):
        for members in _households(by_kind[kind]).values():
            for m in members:
                names[m.person] |= {x.name for x in members}
    for r in lines:
        if r.pid is None or r.other_name is None or r.other_name == r.name:
            continue
        if r.other_name in names.get(r.person, set()):
            continue
        if r.birth is not None and age_at(r.birth, month) >= ADULT_MIN:
            emit("P4", r)
    for r in lines:
        if r.pid is not None and dead(r.person):
            emit("P5", r)


def _m(
    previous: list[R], on: dict[str, set[str]], month: dt.date, died: dict[str, dt.date], emit: Emit
) -> None:
    if not in_suspension(month):
        return
    nxt = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    now = on[DIBAO_PROGRAMME]
    for p, r in _first(
        x for x in previous if x.pid is not None and x.id_status in ("valid", "valid15")
    ).items():
        if p not in now and not (p in died and died[p] < nxt) and p not in on[TEKUN_PROGRAMME]:
            emit("M1", r)
