"""Dibao rolls in the household shapes county files come in:

- merged:   household cells (序号, 户编号, 户主姓名, 户主身份证号, 保障人数, 月保障金 …) merged vertically over the
            member rows, so only the first row of a household carries them;
- blank:    the same without merge records, the household cells simply left empty on member rows;
- repeated: the national system's person export (农村低保人员查询_*): household cells on every row, and the
            certificate columns 是否残疾/残疾证号/残疾类别/残疾等级 for every member (header set S2 of
            /work/notes/header-variants.md);
- wide:     one row per household, the other members side by side (成员1姓名, 成员1身份证号 … 成员6身份证号;
            成员一姓名 … in the Inspur 台账 export, S1f);
- cell:     one row per household, the other members in one cell ("姓名 身份证号；姓名 身份证号"), or, in the
            national family export (S2), all members in two parallel cells 家庭成员姓名 / 家庭成员身份证号.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from tests.county_b.people import COUNTY
from tests.county_b.render import Render, framed, ordered
from tests.county_b.rolls import GRADE_NAMES, TYPE_NAMES
from tests.county_b.xl import Cell, Sheet

STYLES = ("merged", "blank", "wide", "cell")
WIDE_SLOTS = 6
NUMERALS = "一二三四五六七八九"
# A: county templates (DOMAIN.md's common headers, 公民身份号码 as the brief lists it);
# B: other templates: 户编码 and 享受人数 (a 低保 list component, find_string id 44011169917), 救助开始日期 and
#    享受人数 (an ExtJS 低保 approval grid, S18), 保障金额（元）, 身份证件号码, 所在乡镇（街道）, 所在村（社区）(the brief);
# C: the national system's person export (S2: 所属街道/所属社区 even for villages, 户月保障金额（元）, 最初享受月份,
#    保障人口, 低保（特困）证号)
DIALECTS: dict[str, dict[str, str]] = {
    "A": {
        "seq": "序号", "town": "乡镇（街道）", "village": "村（居）", "hhid": "户编号", "head_name": "户主姓名",
        "head_id": "户主身份证号", "size": "保障人数", "amount": "月保障金（元）", "name": "成员姓名",
        "id": "公民身份号码", "relation": "与户主关系", "gender": "性别", "start": "保障起始年月",
    },
    "B": {
        "seq": "序号", "town": "所在乡镇（街道）", "village": "所在村（社区）", "hhid": "户编码", "head_name": "户主姓名",
        "head_id": "户主身份证号码", "size": "享受人数", "amount": "保障金额（元）", "name": "姓名",
        "id": "身份证件号码", "relation": "与户主关系", "gender": "性别", "start": "救助开始日期",
    },
    "C": {
        "seq": "序号", "town": "所属街道", "village": "所属社区", "hhid": "低保（特困）证号", "head_name": "户主姓名",
        "head_id": "户主身份证号", "size": "保障人口", "amount": "户月保障金额（元）", "name": "姓名",
        "id": "身份证号码", "relation": "与户主关系", "gender": "性别", "start": "最初享受月份",
    },
}  # fmt: skip
HOUSEHOLD_KEYS = ("seq", "town", "village", "hhid", "head_name", "head_id", "size", "amount")
MEMBER_KEYS = ("name", "id", "relation", "gender")
CERT_HEADERS = ("是否残疾", "残疾证号", "残疾类别", "残疾等级")
Certs = dict[str, tuple[str, int, int]]  # pid -> the 残联 certificate (number, type, grade)


def households(df: pl.DataFrame) -> list[list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for row in ordered(df).iter_rows(named=True):
        out.setdefault(str(row["hh"]), []).append(row)
    return list(out.values())


def _member_rows(
    rd: Render,
    members: list[dict[str, Any]],
    hcells: dict[str, Cell],
    start: Cell,
    style: str,
    certs: Certs,
) -> tuple[list[list[Cell]], list[int]]:
    """Rows of one household in a one-row-per-member style, and the columns merged over them."""
    keys = [*HOUSEHOLD_KEYS, *MEMBER_KEYS, "start"]
    rows: list[list[Cell]] = []
    for i, m in enumerate(members):
        mcells: dict[str, Cell] = {
            "name": hcells["head_name"] if i == 0 else rd.name(m, "dibao"),
            "id": rd.id(m),
            "relation": rd.relation(m),
            "gender": m["gender"],
        }
        row: list[Cell] = []
        for key in keys:
            if key in MEMBER_KEYS:
                row.append(mcells[key])
            elif i == 0 or style == "repeated" or (style == "blank" and key in ("town", "village")):
                row.append(start if key == "start" else hcells[key])
            else:
                row.append(None)
        if style == "repeated":
            cert = certs.get(str(m["pid"]))
            row += (
                ["是", cert[0], TYPE_NAMES[cert[1]], GRADE_NAMES[cert[2]]]
                if cert
                else ["否", None, None, None]
            )
        rows.append(row)
    merged = [c for c, key in enumerate(keys) if key not in MEMBER_KEYS] if style == "merged" else []
    return rows, merged


def sheet(
    rd: Render,
    name: str,
    town: str,
    hhs: list[list[dict[str, Any]]],
    style: str,
    dialect: str,
    urban: bool,
    certs: Certs,
) -> Sheet:
    d = DIALECTS[dialect]
    area = "城市" if urban else "农村"
    titles = [f"{COUNTY}{town}{rd.month.year}年{rd.month.month}月{area}居民最低生活保障对象花名册"]
    if style == "merged":
        titles.append(f"填报单位（盖章）：{COUNTY}{town}人民政府                单位：人、元")
    body: list[list[Cell]] = []
    merges: list[tuple[int, int, int, int]] = []
    groups: tuple[tuple[str, int, int], ...] = ()
    people = money = 0.0
    headers: list[str] = []
    for k, members in enumerate(hhs):
        head = members[0]
        size, amount = int(head["declared_size"]), float(head["amount"])
        people, money = people + size, money + amount
        hcells: dict[str, Cell] = {
            "seq": k + 1,
            "town": head["town"],
            "village": head["village"],
            "hhid": head["household_id"],
            "head_name": rd.name(head, "dibao"),
            "head_id": rd.id(head),
            "size": size,
            "amount": rd.amount(amount),
        }
        start = rd.month_(head["start_month"])
        household = [hcells[key] for key in HOUSEHOLD_KEYS]
        if style in ("merged", "blank", "repeated"):
            rows, merged = _member_rows(rd, members, hcells, start, style, certs)
            r0 = len(body)
            body += rows
            if len(rows) > 1:
                merges += [(r0, c, r0 + len(rows) - 1, c) for c in merged]
            headers = [d[key] for key in (*HOUSEHOLD_KEYS, *MEMBER_KEYS, "start")]
            headers += list(CERT_HEADERS) if style == "repeated" else []
            groups = (("户主及家庭信息", 3, 7), ("家庭成员信息", 8, 11)) if style == "merged" else ()
        elif style == "wide":
            others = members[1:]
            assert len(others) <= WIDE_SLOTS, "a household too large for the wide layout"
            row = household + [v for m in others for v in (rd.name(m, "dibao"), rd.id(m))]
            body.append(row + [None, None] * (WIDE_SLOTS - len(others)) + [start])
            slot = (lambda j: NUMERALS[j - 1]) if dialect == "B" else str
            headers = [d[key] for key in HOUSEHOLD_KEYS]
            headers += [
                h for j in range(1, WIDE_SLOTS + 1) for h in (f"成员{slot(j)}姓名", f"成员{slot(j)}身份证号")
            ]
            headers.append(d["start"])
        elif dialect == "B":  # national family export: every member, names and IDs in two parallel cells
            # the separator of the national export was not seen in the notes; the full-width comma is a guess
            names = "，".join(
                str(hcells["head_name"]) if i == 0 else rd.name(m, "dibao") for i, m in enumerate(members)
            )
            ids = "，".join(str(rd.id(m, in_text=True)) for m in members)
            body.append([*household, names, ids, start])
            headers = [d[key] for key in HOUSEHOLD_KEYS] + ["家庭成员姓名", "家庭成员身份证号", d["start"]]
        else:  # one cell listing the other members with their IDs
            listed = "；".join(f"{rd.name(m, 'dibao')} {rd.id(m, in_text=True)}" for m in members[1:])
            body.append([*household, listed or None, start])
            headers = [d[key] for key in HOUSEHOLD_KEYS] + ["其他家庭成员及身份证号码", d["start"]]
        if rd.rng.random() < 0.03:
            body.append([])  # a stray empty row between households
    total: list[Cell] = ["合计", None, None, None, f"{len(hhs)}户", None, people, money]
    return framed(
        name,
        titles,
        headers,
        body,
        merges,
        groups=groups,
        total=total,
        footer=rd.footer(),
        date_format="yyyy-mm",
    )


def sheets(
    rd: Render,
    df: pl.DataFrame,
    styles: tuple[str, ...],
    dialect: str,
    *,
    urban: bool,
    per_town: bool,
    certs: Certs,
) -> list[Sheet]:
    """One sheet per town (each town may send its own shape: `styles` rotates over them) or one sheet."""
    hhs = households(df)
    if not per_town:
        return [sheet(rd, "花名册", "", hhs, styles[0], dialect, urban, certs)]
    towns: dict[str, list[list[dict[str, Any]]]] = {}
    for h in hhs:
        towns.setdefault(str(h[0]["town"]), []).append(h)
    return [
        sheet(rd, town, town, town_hhs, styles[i % len(styles)], dialect, urban, certs)
        for i, (town, town_hhs) in enumerate(towns.items())
    ]


def found_rows(df: pl.DataFrame) -> pl.DataFrame:
    """Per household: the 保障人数 the file declares and the member rows it lists."""
    return (
        df.group_by("file", "household_id", maintain_order=True)
        .agg(head=pl.col("head_name").first(), declared=pl.col("declared_size").first(), found=pl.len())
        .filter(pl.col("declared") != pl.col("found"))
    )
