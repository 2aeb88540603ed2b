"""Dibao rolls in the four household shapes county files come in:

- merged: household cells (序号, 户编号, 户主姓名, 户主身份证号, 保障人数, 月保障金 …) merged vertically over
  the member rows, so only the first row of a household carries them;
- blank: the same without merge records, the household cells simply left empty on member rows;
- wide: one row per household, the other members side by side (成员1姓名, 成员1身份证号 … 成员6身份证号);
- cell: one row per household, the other members listed in one cell ("姓名 身份证号；姓名 身份证号").
"""

from __future__ import annotations

import polars as pl

from tests.county_b.people import COUNTY
from tests.county_b.render import Render, framed, ordered
from tests.county_b.xl import Cell, Sheet

STYLES = ("merged", "blank", "wide", "cell")
WIDE_SLOTS = 6
# headers as agencies write them; dialect B uses the variants (户编码, 享受人数, 保障金额（元）, 身份证件号码 …)
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
}  # fmt: skip
HOUSEHOLD_KEYS = ("seq", "town", "village", "hhid", "head_name", "head_id", "size", "amount")
MEMBER_KEYS = ("name", "id", "relation", "gender")


def households(df: pl.DataFrame) -> list[list[dict[str, object]]]:
    out: dict[str, list[dict[str, object]]] = {}
    for row in ordered(df).iter_rows(named=True):
        out.setdefault(str(row["hh"]), []).append(row)
    return list(out.values())


def _title(town: str, urban: bool, month_text: str) -> str:
    area = "城市" if urban else "农村"
    return f"{COUNTY}{town}{month_text}{area}居民最低生活保障对象花名册"


def sheet(
    rd: Render,
    name: str,
    town: str,
    hhs: list[list[dict[str, object]]],
    style: str,
    dialect: str,
    urban: bool,
) -> Sheet:
    d = DIALECTS[dialect]
    month_text = f"{rd.month.year}年{rd.month.month}月"
    titles = [_title(town, urban, month_text)]
    if style == "merged":
        titles.append(f"填报单位（盖章）：{COUNTY}{town}人民政府                单位：人、元")
    body: list[list[Cell]] = []
    merges: list[tuple[int, int, int, int]] = []
    people = money = 0.0
    for k, members in enumerate(hhs):
        head = members[0]
        size, amount = int(head["declared_size"]), float(head["amount"])  # type: ignore[arg-type]
        people, money = people + size, money + amount
        hcells: dict[str, Cell] = {
            "seq": k + 1,
            "town": head["town"],  # type: ignore[dict-item]
            "village": head["village"],  # type: ignore[dict-item]
            "hhid": head["household_id"],  # type: ignore[dict-item]
            "head_name": rd.name(head, "dibao"),
            "head_id": rd.id(head),
            "size": size,
            "amount": rd.amount(amount),
        }
        start = rd.month_(head["start_month"])
        if style in ("merged", "blank"):
            keys = [*HOUSEHOLD_KEYS, *MEMBER_KEYS, "start"]
            r0 = len(body)
            for i, m in enumerate(members):
                mcells: dict[str, Cell] = {
                    "name": hcells["head_name"] if i == 0 else rd.name(m, "dibao"),
                    "id": rd.id(m),
                    "relation": rd.relation(m),
                    "gender": m["gender"],  # type: ignore[dict-item]
                }
                row: list[Cell] = []
                for key in keys:
                    if key in MEMBER_KEYS:
                        row.append(mcells[key])
                    elif i == 0:
                        row.append(start if key == "start" else hcells[key])
                    elif style == "blank" and key in ("town", "village"):
                        row.append(hcells[key])
                    elif style == "blank" and key == "seq":
                        row.append(None)
                    else:
                        row.append(None)
                body.append(row)
            if style == "merged" and len(members) > 1:
                for c, key in enumerate(keys):
                    if key not in MEMBER_KEYS:
                        merges.append((r0, c, r0 + len(members) - 1, c))
            headers = [d[k] for k in keys]
            groups = (("户主及家庭信息", 3, 7), ("家庭成员信息", 8, 11)) if style == "merged" else ()
        elif style == "wide":
            others = members[1:]
            assert len(others) <= WIDE_SLOTS, "a household too large for the wide layout"
            row = [hcells[k] for k in HOUSEHOLD_KEYS]
            for m in others:
                row += [rd.name(m, "dibao"), rd.id(m)]
            row += [None, None] * (WIDE_SLOTS - len(others)) + [start]
            body.append(row)
            headers = [d[k] for k in HOUSEHOLD_KEYS]
            for j in range(1, WIDE_SLOTS + 1):
                headers += [f"成员{j}姓名", f"成员{j}身份证号"]
            headers.append(d["start"])
            groups = ()
        else:  # cell
            sep = "\n" if dialect == "B" else "；"
            listed = sep.join(f"{rd.name(m, 'dibao')} {rd.id(m, in_text=True)}" for m in members[1:])
            body.append([hcells[k] for k in HOUSEHOLD_KEYS] + [listed or None, start])
            headers = [d[k] for k in HOUSEHOLD_KEYS] + ["其他家庭成员及身份证号码", d["start"]]
            groups = ()
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
    rd: Render, df: pl.DataFrame, styles: tuple[str, ...], dialect: str, *, urban: bool, per_town: bool
) -> list[Sheet]:
    """One sheet per town (each town may send its own shape: `styles` rotates over them) or one sheet."""
    hhs = households(df)
    if not per_town:
        return [sheet(rd, "花名册", "", hhs, styles[0], dialect, urban)]
    towns: dict[str, list[list[dict[str, object]]]] = {}
    for h in hhs:
        towns.setdefault(str(h[0]["town"]), []).append(h)
    return [
        sheet(rd, town, town, town_hhs, styles[i % len(styles)], dialect, urban)
        for i, (town, town_hhs) in enumerate(towns.items())
    ]


def found_rows(df: pl.DataFrame) -> pl.DataFrame:
    """Per household: the 保障人数 the file declares and the member rows it lists."""
    return (
        df.group_by("file", "household_id", maintain_order=True)
        .agg(head=pl.col("head_name").first(), declared=pl.col("declared_size").first(), found=pl.len())
        .filter(pl.col("declared") != pl.col("found"))
    )
