"""Clean records: one dict per row of one roll, in the sample's column schema plus `declared_size`.

Clean means: `name` is the name as that agency writes it (look-alike characters between agencies are
real differences; spaces and dot variants are not, they are added when writing), `pid` is the person a
correct linker attaches the record to, and `id_status`/`id_text` say what the ID cell holds before any
cosmetic mess (valid, valid15, invalid, float_damaged, missing).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from recon.sample.records import SCHEMA
from tests.county_b.people import ALL_TOWNS, REGION, Person, Population

# logical files -> source kind; each logical file is one physical file in every layout
FILE_KINDS: dict[str, str] = {
    "dibao_rural": "dibao",
    "dibao_urban": "dibao",
    "tekun": "tekun",
    "disability": "disability",
    "subsidy_living": "subsidy",
    "subsidy_care": "subsidy",
    "cremation": "cremation",
    "poverty": "poverty",
    # the other offices' lists and the 一本通 payment file (DOMAIN.md "More sources"): one file each
    "death": "death",
    "public_employee": "public_employee",
    "vehicle": "vehicle",
    "business": "business",
    "property": "property",
    "pension": "pension",
    "cadre": "cadre",
    "filing": "filing",
    "child_welfare": "child_welfare",
    "payment": "payment",
}
# last month's roll (M1) is written with the same dibao writers into its own folder
PREVIOUS_FILES = ("dibao_rural", "dibao_urban")
LIVING, CARE = "生活补贴", "护理补贴"
UNSTABLE, MARGINAL, SUDDEN, LIFTED = "脱贫不稳定户", "边缘易致贫户", "突发严重困难户", "脱贫户"
CARE_AMOUNT = {1: 100.0, 2: 80.0}
LIVING_AMOUNT = 80.0
COLUMNS: dict[str, pl.DataType] = {**SCHEMA, "declared_size": pl.Int64()}

Member = tuple[Person, str]  # a person and their 与户主关系
IdOverride = tuple[str, str, bool]  # id_status, id_text, still linked to the person


def legacy15(pid: str) -> str:
    return pid[:6] + pid[8:17]


def add_months(d: dt.date, k: int) -> dt.date:
    m = d.year * 12 + d.month - 1 + k
    return dt.date(m // 12, m % 12 + 1, 1)


class Rolls:
    def __init__(self, month: dt.date, pop: Population) -> None:
        self.month, self.pop = month, pop
        self.rows: list[dict[str, Any]] = []
        self.cases: list[dict[str, str]] = []
        # last month's rows of the people who have left the dibao roll since (M1): see previous.py
        self.previous_rows: list[dict[str, Any]] = []
        # dibao households (hh) and tekun people (pid) whose payment lines a case writes itself or
        # withholds: payments.py gives everyone else the line the roll approves
        self.pay_handled: set[str] = set()
        self._serial: dict[str, int] = {}

    # --- bookkeeping ------------------------------------------------------------------------------
    def case(self, case: str, p: Person | str, present: str, absent: str = "", note: str = "") -> None:
        pid = p if isinstance(p, str) else p.pid
        name = "" if isinstance(p, str) else p.name
        self.cases.append(
            {"case": case, "pid": pid, "name": name, "present": present, "absent": absent, "note": note}
        )

    def tag(self, p: Person, file: str, tag: str) -> None:
        """Ask the writer for one particular mess on this person's cells in one file (see mess.py)."""
        for row in self.rows:
            if row["pid"] == p.pid and row["file"] == file:
                row["planted"] = tag

    def _code(self, prefix: str, town: str) -> str:
        n = self._serial[prefix] = self._serial.get(prefix, 0) + 1
        return f"{prefix}{ALL_TOWNS.index(town) + 1:02d}{n:05d}"

    def _row(
        self,
        p: Person,
        kind: str,
        file: str,
        ident: IdOverride | None = None,
        *,
        into: list[dict[str, Any]] | None = None,
        **kw: Any,
    ) -> dict[str, Any]:
        status, text, linked = ident or ("valid", p.pid, True)
        row: dict[str, Any] = {
            "kind": kind,
            "file": file,
            "pid": p.pid if linked else None,
            "id_status": status,
            "id_text": text,
            "id_cell": "text",
            "name": p.name,
            "gender": p.gender,
            "birth": p.birth,
            "town": p.town,
            "village": p.village,
            "planted": kw.pop("planted", None),
        }
        row.update(kw)
        (self.rows if into is None else into).append(row)
        return row

    # --- rolls --------------------------------------------------------------------------------------
    def dibao(
        self,
        members: list[Member],
        *,
        urban: bool = False,
        declared: int | None = None,
        ids: dict[int, IdOverride] | None = None,
        planted: str | None = None,
        start: dt.date | None = None,
        previous: bool = False,
        hh: str | None = None,
    ) -> str:
        """A dibao household; `previous` writes it to last month's roll only (under `hh` when the
        household stays on this month's roll with fewer members), `start` is its 保障起始年月."""
        head = members[0][0]
        hh = hh or self._code(f"{REGION}{'1' if urban else '2'}", head.town)
        since = start or add_months(self.month, -int(self.pop.rng.integers(2, 90)))
        per_person = 520.0 if urban else 290.0
        for i, (p, rel) in enumerate(members):
            self._row(
                Person(p.pid, p.name, p.gender, p.birth, head.town, head.village),
                "dibao",
                "dibao_urban" if urban else "dibao_rural",
                (ids or {}).get(i),
                into=self.previous_rows if previous else None,
                hh=hh,
                household_id=hh,
                head_name=head.name,
                head_pid=head.pid,
                relation=rel,
                area_type="城市" if urban else "农村",
                # the household's 月保障金, on every member's record as the files print it (answers.py
                # gives the reference each member's share)
                amount=per_person * (declared or len(members)),
                start_month=since,
                declared_size=declared if declared is not None else len(members),
                planted=planted,
            )
        return hh

    def tekun(
        self,
        p: Person,
        *,
        mode: str | None = None,
        ident: IdOverride | None = None,
        planted: str | None = None,
    ) -> None:
        mode = mode or ("集中供养" if self.pop.rng.random() < 0.3 else "分散供养")
        care = str(self.pop.rng.choice(["全自理", "半自理", "全护理"], p=[0.5, 0.35, 0.15]))
        base = 560.0 if mode == "集中供养" else 450.0
        extra = {"全自理": 60.0, "半自理": 200.0, "全护理": 560.0}[care]
        self._row(
            p,
            "tekun",
            "tekun",
            ident,
            support_mode=mode,
            self_care=care,
            amount=base + extra,
            planted=planted,
        )

    def disability(
        self,
        p: Person,
        dtype: int,
        grade: int,
        *,
        cert: str | None = None,
        ident: IdOverride | None = None,
        planted: str | None = None,
    ) -> None:
        self._row(
            p,
            "disability",
            "disability",
            ident,
            dis_type=dtype,
            dis_grade=grade,
            cert_number=cert if cert is not None else f"{p.pid}{dtype}{grade}",
            planted=planted,
        )

    def subsidy(
        self,
        p: Person,
        stype: str,
        *,
        shown: tuple[int, int] | None = None,
        cert: str | None = None,
        planted: str | None = None,
    ) -> None:
        """One payment line. `shown` is the (type, grade) the payment roster prints beside it, which is
        what the certificate said when the payment was set up: the rules read the certificate file."""
        dtype, grade = shown if shown is not None else (None, None)
        amount = LIVING_AMOUNT if stype == LIVING else CARE_AMOUNT.get(grade or 2, 80.0)
        self._row(
            p,
            "subsidy",
            "subsidy_living" if stype == LIVING else "subsidy_care",
            subsidy_type=stype,
            amount=amount,
            dis_type=dtype,
            dis_grade=grade,
            cert_number=cert if cert is not None else (f"{p.pid}{dtype}{grade}" if shown else None),
            planted=planted,
        )

    def holder(
        self,
        p: Person,
        dtype: int,
        grade: int,
        *,
        on_dibao: bool,
        on_tekun: bool = False,
        living: bool | None = None,
        care: bool | None = None,
        planted: str | None = None,
    ) -> None:
        """A certificate and the subsidy lines policy gives it (unless a case says otherwise)."""
        self.disability(p, dtype, grade, planted=planted)
        if living if living is not None else (on_dibao and not on_tekun):
            self.subsidy(p, LIVING, shown=(dtype, grade), planted=planted)
        if care if care is not None else (grade in (1, 2) and not on_tekun):
            self.subsidy(p, CARE, shown=(dtype, grade), planted=planted)

    def cremation(
        self,
        p: Person,
        death: dt.date | None,
        crem: dt.date,
        *,
        ident: IdOverride | None = None,
        planted: str | None = None,
    ) -> None:
        self._row(p, "cremation", "cremation", ident, death_date=death, cremation_date=crem, planted=planted)

    def poverty(
        self,
        members: list[Member],
        category: str,
        *,
        income: float | None = None,
        ids: dict[int, IdOverride] | None = None,
        planted: str | None = None,
    ) -> str:
        head = members[0][0]
        hh = self._code(f"{REGION}9", head.town)
        income = income if income is not None else float(self.pop.rng.integers(40, 90) * 100)
        risk = str(
            self.pop.rng.choice(["因病", "因残", "因学", "缺劳动力", "因灾", "意外事故", "务工就业不稳"])
        )
        for i, (p, rel) in enumerate(members):
            self._row(
                Person(p.pid, p.name, p.gender, p.birth, head.town, head.village),
                "poverty",
                "poverty",
                (ids or {}).get(i),
                hh=hh,
                household_id=hh,
                head_name=head.name,
                head_pid=head.pid,
                relation=rel,
                poverty_category=category,
                income=income,
                risk=risk,
                declared_size=len(members),
                planted=planted,
            )
        return hh

    def listed(self, p: Person, kind: str, *, ident: IdOverride | None = None, **kw: Any) -> None:
        """A row of another office's list (death, public_employee, vehicle … child_welfare), in the
        sample schema's generic columns (org, category, status, ref, place, area, event_date …)."""
        self._row(p, kind, kind, ident, **kw)

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
        """One 一本通 line (programme dibao/tekun), into `account`'s name (default the payee's), for
        `month` (default the roster month); `key` (hh or tekun pid) is then paid by the cases alone."""
        self._row(
            p,
            "payment",
            "payment",
            category=programme,
            amount=amount,
            other_name=account or p.name,
            pay_month=month or self.month,
        )
        if key is not None:
            self.pay_handled.add(key)

    # --- the frame ----------------------------------------------------------------------------------
    def frame(self, rows: list[dict[str, Any]] | None = None) -> pl.DataFrame:
        df = pl.DataFrame(
            self.rows if rows is None else rows, schema_overrides={"birth": pl.Date}, infer_schema_length=None
        )
        df = df.select(
            [
                (pl.col(c).cast(t) if c in df.columns else pl.lit(None, dtype=t)).alias(c)
                for c, t in COLUMNS.items()
            ]
        )
        return df.with_row_index("rec").with_columns(pl.col("rec").cast(pl.Int64))
