"""Build LINKED frames for rule tests from short rows: people by alias, records by kind.

People get real, checksum-valid ID numbers computed here, so a test reads as "a, born 1960-04-01, is on
dibao" and the expected findings name `a` rather than an 18-digit number.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from pypinyin import lazy_pinyin

from recon.model import BASIS_ID, ID_VALID, KIND_ZH, LINKED_SCHEMA
from tests.conftest import check_char, with_check

__all__ = ["check_char", "make_id"]


def make_id(born: dt.date, seq: int, region: str = "371521") -> str:
    return with_check(f"{region}{born:%Y%m%d}{seq:03d}")


def _as_date(v: Any) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v))


def resolve_people(people: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """alias -> person facts including `id` (odd sequence for men, even for women, unique per alias)."""
    out = {}
    for i, (alias, p) in enumerate(sorted(people.items()), start=1):
        born = _as_date(p["born"])
        sex = p.get("sex", "男")
        seq = 2 * i + (1 if sex == "男" else 0)
        out[alias] = {**p, "born": born, "sex": sex, "id": p.get("id") or make_id(born, seq)}
    return out


def build_linked(
    records: list[dict[str, Any]], people: dict[str, dict[str, Any]] | None = None
) -> pl.DataFrame:
    """A LINKED_SCHEMA frame.

    Record keys: `kind`; `who` = alias of an exactly identified person (valid ID); or `link_to` = alias a
    record without a usable ID was fuzzily linked to (give `link_basis`, `link_confidence`); or neither
    (an unlinked record, `rec:<rec_id>`). Any RECORD_SCHEMA column may be given directly.
    """
    folks = resolve_people(people or {})
    rows = []
    row_in_file: dict[str, int] = {}
    for rec_id, r in enumerate(records, start=1):
        r = dict(r)
        kind = r["kind"]
        row: dict[str, Any] = {"rec_id": rec_id, "kind": kind}
        who = r.pop("who", None)
        link_to = r.pop("link_to", None)
        person = folks[who or link_to] if (who or link_to) else None
        if person is not None:
            row.update(
                name=person.get("name"),
                town=person.get("town", "城关镇"),
                village=person.get("village", "东街村"),
                birth_date=person["born"],
                gender=person["sex"],
                person_id=person["id"],
            )
        if who:
            row.update(
                id_raw=person["id"],
                id_clean=person["id"],
                id_number=person["id"],
                id_status=ID_VALID,
                link_basis=BASIS_ID,
                link_confidence=1.0,
            )
        elif link_to:
            row.update(
                id_status="missing",
                link_basis=r.pop("link_basis"),
                link_confidence=r.pop("link_confidence"),
                link_rec_id=r.pop("link_rec_id", None),
            )
        else:
            row.update(person_id=f"rec:{rec_id}", link_basis=None, link_confidence=None)
        # "{alias}" in a value stands for that person's ID (e.g. a certificate number of someone else)
        ids = {a: p["id"] for a, p in folks.items()}
        row.update({k: v.format_map(ids) if isinstance(v, str) and "{" in v else v for k, v in r.items()})
        for c, dtype in LINKED_SCHEMA.items():
            if dtype == pl.Date() and c in row:
                row[c] = _as_date(row[c])
        if row.get("name") and not row.get("name_pinyin"):
            row["name_pinyin"] = " ".join(lazy_pinyin(row["name"]))
        row.setdefault("source_file", f"{KIND_ZH[kind]}.csv")
        row_in_file[row["source_file"]] = row_in_file.get(row["source_file"], 1) + 1
        row.setdefault("source_row", row_in_file[row["source_file"]])
        rows.append(row)
    data = {c: [row.get(c) for row in rows] for c in LINKED_SCHEMA}
    return pl.DataFrame(data, schema=LINKED_SCHEMA)
