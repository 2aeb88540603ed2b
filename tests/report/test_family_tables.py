"""汇总's family tables against figures counted by hand: approved vs paid per town (P) and the movement
of the dibao roll (M), on a two-town county written as CSVs and run end to end."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from recon.pipeline import run_pipeline
from tests.rules.builder import make_id

A, B = "城关镇", "新城镇"
_BORN = {
    "张三": (1960, 1),
    "李四": (1962, 2),
    "王五": (1950, 3),
    "赵六": (1940, 4),
    "孙七": (1958, 5),
    "周八": (1988, 6),
    "吴九": (1945, 7),
    "郑十": (1970, 8),
    "钱一": (1966, 9),
    "陈二": (1933, 10),
    "冯三": (1941, 11),
}


@dataclass
class Run:
    summary_rows: list[tuple[object, ...]]  # 汇总 as the auditor sees it
    m1_names: list[str]


ID = {n: make_id(dt.date(y, m, 1), 2 * i + 1) for i, (n, (y, m)) in enumerate(_BORN.items())}


def _csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    lines = [",".join(header), *(",".join(str(v) for v in r) for r in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")


def _dibao(path: Path, members: list[tuple[str, str, str, str, float]]) -> None:
    # (town, head, name, relation, amount)
    header = ["乡镇", "村", "户主姓名", "户主身份证号", "姓名", "身份证号", "与户主关系", "月保障金"]
    _csv(path, header, [[t, "东街村", h, ID[h], n, ID[n], rel, amt] for t, h, n, rel, amt in members])


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    root = tmp_path_factory.mktemp("county")
    this, last, out = root / "2020-04", root / "2020-03", root / "out"
    this.mkdir()
    last.mkdir()
    _dibao(
        this / "低保名册.csv",
        [
            (A, "张三", "张三", "户主", 365),
            (A, "张三", "李四", "妻", 365),
            (A, "王五", "王五", "户主", 400),
            (B, "孙七", "孙七", "户主", 365),
            (B, "孙七", "周八", "儿子", 365),
        ],
    )
    _csv(
        this / "特困人员名册.csv",
        ["乡镇", "姓名", "身份证号", "供养方式", "月供养金"],
        [
            [A, "赵六", ID["赵六"], "分散供养", 590],
            [B, "吴九", ID["吴九"], "分散供养", 590],
            [B, "冯三", ID["冯三"], "分散供养", 590],
        ],
    )
    _csv(
        this / "火化记录.csv",
        ["姓名", "身份证号", "死亡日期", "火化日期"],
        [["陈二", ID["陈二"], "2020-04-10", "2020-04-12"]],
    )
    pay = [
        (A, "李四", "城乡低保", "2020-04", 730),
        (A, "王五", "城乡低保", "2020-04", 300),
        (A, "张三", "城乡低保", "2020-03", 365),  # last month's line: set aside
        (A, "赵六", "特困供养金", "2020-04", 590),
        (B, "吴九", "特困供养金", "2020-04", 780),
        (B, "冯三", "特困供养金", "2020-04", 590),
        (B, "郑十", "城乡低保", "2020-04", 365),  # on no roll
    ]
    _csv(
        this / "一本通发放明细.csv",
        ["乡镇", "姓名", "身份证号", "项目", "发放月份", "发放金额", "账户名", "账号"],
        [[t, n, ID[n], p, m, amt, n, f"62170000000000{i:05d}"] for i, (t, n, p, m, amt) in enumerate(pay)],
    )
    _dibao(
        last / "低保名册.csv",
        [
            (A, "张三", "张三", "户主", 365),
            (A, "张三", "李四", "妻", 365),
            (A, "钱一", "钱一", "户主", 365),
            (A, "陈二", "陈二", "户主", 365),
            (B, "孙七", "孙七", "户主", 365),
            (B, "孙七", "周八", "儿子", 365),
            (B, "冯三", "冯三", "户主", 365),
        ],
    )
    outcome = run_pipeline(this, "2020-04", out, previous_input=last)
    assert {f for f in outcome.result.findings["rule"]} >= {"P1", "P2", "P3", "M1"}
    wb = openpyxl.load_workbook(out / "anomalies.xlsx", read_only=True)
    sheet = wb[wb.sheetnames[0]]
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    return Run(rows, outcome.result.findings.filter(pl.col("rule") == "M1")["name"].to_list())


def _section(rows: list[tuple[object, ...]], title_start: str) -> dict[str, tuple[object, ...]]:
    """town -> the row's values after the town, for the table under the section whose title starts so."""
    at = next(i for i, r in enumerate(rows) if isinstance(r[0], str) and r[0].startswith(title_start))
    out: dict[str, tuple[object, ...]] = {}
    for r in rows[at + 2 :]:
        if r[0] is None:
            break
        out[str(r[0])] = r[1:]
        if r[0] == "合计":
            break
    return out


def test_approved_against_paid_per_town(run: Run) -> None:
    table = _section(run.summary_rows, "七、一本通发放")
    # 低保应发, 低保实发, 特困应发, 特困实发, 名册外发放, 应发合计, 实发合计, 差额, P5
    assert table[A][:8] == (1130, 1030, 590, 590, 0, 1720, 1620, -100)
    assert table[B][:8] == (730, 0, 1180, 1370, 365, 1910, 1735, -175)
    assert table["合计"][:8] == (1860, 1030, 1770, 1960, 365, 3630, 3355, -275)


def test_movement_of_the_roll_per_town(run: Run) -> None:
    table = _section(run.summary_rows, "八、低保名册变动")
    # 上月, 本月, 新进入, 退出：死亡, 退出：转入特困, 退出：其他, 保留, 未比对
    assert table[A][:8] == (4, 3, 1, 1, 0, 1, 2, 0)
    assert table[B][:8] == (3, 2, 0, 0, 1, 0, 2, 0)
    assert table["合计"][:8] == (7, 5, 1, 1, 1, 1, 4, 0)


def test_only_the_unexplained_exit_is_m1(run: Run) -> None:
    # 陈二 died in the roster month, 冯三 moved to tekun: explained exits
    assert run.m1_names == ["钱一"]
