"""E1–E5 and R1: each row names the whole household and every list row behind it, the rows do not depend
on record order or month, `recon rules` documents them, and real files reach them through the loader."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner
from polars.testing import assert_frame_equal

from recon.cli.rules import command
from recon.pipeline import run_pipeline
from recon.rules import get_rule, run_rules

from .builder import build_linked, make_id, resolve_people

APRIL = dt.date(2020, 4, 1)
CODES = ("E1", "E2", "E3", "E4", "E5", "R1")

PEOPLE = {
    "h": {"born": "1960-01-01", "name": "张三"},
    "w": {"born": "1962-02-02", "name": "李四", "sex": "女"},
    "s": {"born": "1990-03-03", "name": "张五"},
}
# one household of three; each list names a different member, so every rule's row must name the others
RECORDS = [
    {"kind": "dibao", "who": "s", "household_id": "H1", "relation": "长子"},
    {"kind": "dibao", "who": "h", "household_id": "H1", "relation": "户主"},
    {"kind": "dibao", "who": "w", "household_id": "H1", "relation": "妻"},
    {"kind": "public_employee", "who": "s", "unit": "城关镇中心小学", "staff_type": "事业编制"},
    {
        "kind": "vehicle",
        "who": "w",
        "plate": "鲁N12345",
        "vehicle_type": "小型普通客车",
        "vehicle_status": "正常",
        "in_use": True,
    },
    {
        "kind": "business",
        "who": "h",
        "entity_name": "东街商贸有限公司",
        "entity_type": "有限责任公司",
        "capital": 500000.0,
        "entity_status": "存续",
        "in_use": True,
    },
    {
        "kind": "property",
        "who": "s",
        "property_unit": "U9",
        "property_location": "城关镇商业街9号",
        "property_use": "商服",
        "floor_area": 45.0,
    },
    {"kind": "pension", "who": "w", "pension_type": "企业职工基本养老保险", "monthly_amount": 1850.0},
    {"kind": "cadre", "who": "s", "position": "村会计", "town": "城关镇", "village": "东街村"},
]

# rule -> (the person reported, the triggering row's facts, the row's place)
EXPECTED = {
    "E1": ("s", ["单位 城关镇中心小学", "人员类别 事业编制"], "财政供养人员.csv 第2行"),
    "E2": ("w", ["号牌 鲁N12345", "小型普通客车", "状态 正常"], "车辆登记.csv 第2行"),
    "E3": (
        "h",
        ["东街商贸有限公司", "有限责任公司", "500,000.00 元", "登记状态 存续"],
        "市场主体登记.csv 第2行",
    ),
    "E4": ("h", ["张五 名下", "城关镇商业街9号", "用途 商服（非住宅）", "45.00㎡"], "不动产登记.csv 第2行"),
    "E5": ("w", ["企业职工基本养老保险", "1,850.00 元", "家庭收入需重新核算"], "养老金/工资.csv 第2行"),
    "R1": (
        "s",
        ["张五（村会计，城关镇东街村", "本人与户主关系：长子", "未提供近亲属备案表"],
        "村干部/经办人员.csv 第2行",
    ),
}


def _run(linked: pl.DataFrame, month: dt.date = APRIL) -> pl.DataFrame:
    return run_rules(linked, month, rules=[get_rule(c) for c in CODES]).findings


@pytest.fixture(scope="module")
def findings() -> pl.DataFrame:
    return _run(build_linked(RECORDS, PEOPLE))


@pytest.mark.parametrize("code", CODES)
def test_evidence_names_the_household_the_row_and_its_facts(findings: pl.DataFrame, code: str) -> None:
    people = resolve_people(PEOPLE)
    who, facts, place = EXPECTED[code]
    rows = findings.filter(pl.col("rule") == code)
    mine = rows.filter(pl.col("id_number") == people[who]["id"])
    assert mine.height == 1, rows
    row = mine.row(0, named=True)
    evidence = row["evidence"]
    # the head and both other members, with their relations
    assert "户主 张三" in evidence
    assert "李四（妻）" in evidence and "张五（长子）" in evidence
    for fact in facts:
        assert fact in evidence, evidence
    assert place in evidence and place in row["related"]
    assert row["household_id"] == "H1" and row["source_kind"] == "dibao"


def test_e4_is_reported_on_the_head_although_a_son_holds_the_property(findings: pl.DataFrame) -> None:
    e4 = findings.filter(pl.col("rule") == "E4").row(0, named=True)
    assert (e4["name"], e4["source_row"]) == ("张三", 3)


def test_r1_concerns_every_member_of_the_cadres_household(findings: pl.DataFrame) -> None:
    people = resolve_people(PEOPLE)
    r1 = findings.filter(pl.col("rule") == "R1")
    assert sorted(r1["id_number"].to_list()) == sorted(people[a]["id"] for a in "hws")
    head = r1.filter(pl.col("id_number") == people["h"]["id"]).row(0, named=True)
    assert "同户成员是村干部/经办人员：张五" in head["evidence"]
    assert "本人与户主关系：户主" in head["evidence"]


def test_rows_do_not_depend_on_record_order_and_keys_hold_across_months() -> None:
    linked = build_linked(RECORDS, PEOPLE)
    ordered = _run(linked)
    for seed in (1, 2, 3):
        assert_frame_equal(_run(linked.sample(fraction=1.0, shuffle=True, seed=seed)), ordered)
    may = _run(linked, dt.date(2020, 5, 1))
    assert may["key"].to_list() == ordered["key"].to_list()
    assert ordered["key"].n_unique() == ordered.height


def test_recon_rules_e2_prints_parameters_and_basis() -> None:
    out = CliRunner().invoke(command, ["E2"], catch_exceptions=False).output
    assert out.startswith("E2")
    for part in (
        "政策依据",
        "民发〔2021〕57号",
        "最低生活保障审核确认办法",
        "推断",
        "exempt_vehicle_types = [",
        "摩托",
    ):
        assert part in out, part
    for code, param in (
        ("E3", "business_capital_threshold = 100000.0"),
        ("E4", "property_count_limit = 2"),
        ("E4", "non_residential_uses"),
        ("E5", "pension_monthly_threshold = 1000.0"),
    ):
        assert param in CliRunner().invoke(command, [code], catch_exceptions=False).output
    r1 = CliRunner().invoke(command, ["R1"], catch_exceptions=False).output
    assert "民发〔2012〕220号" in r1 and "可选：近亲属备案" in r1


def test_catalog_lists_the_new_families_between_x_and_q() -> None:
    lines = CliRunner().invoke(command, [], catch_exceptions=False).output.strip().splitlines()
    codes = [ln.split("\t")[0] for ln in lines[1:]]
    assert codes[codes.index("X2") + 1 : codes.index("Q1")][:6] == list(CODES)


def _csv(path: Path, rows: list[list[str]]) -> None:
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")


def test_from_files_the_loader_feeds_the_rules(tmp_path: Path) -> None:
    """Through the whole run (which drops the columns no rule reads): a business list in 万元 with only a
    credit code to say what the entity is, a vehicle list with 车管所 status codes, a cadre list."""
    a = make_id(dt.date(1960, 1, 1), 11)
    b = make_id(dt.date(1962, 2, 2), 22)
    _csv(
        tmp_path / "低保名册.csv",
        [
            ["户编号", "姓名", "身份证号", "与户主关系", "乡镇", "村", "月保障金"],
            ["H1", "张三", a, "户主", "城关镇", "东街村", "600"],
            ["H1", "李四", b, "妻", "城关镇", "东街村", "600"],
        ],
    )
    _csv(
        tmp_path / "市场主体登记.csv",
        [
            ["字号名称", "统一社会信用代码", "经营者", "证件号码", "资金数额（万元）", "登记状态"],
            ["张三超市", "92371521MA3C8XYZ1K", "张三", a, "15", "存续"],
            ["李四小吃", "92371521MA3C8XYZ2K", "李四", b, "2", "存续"],
        ],
    )
    _csv(
        tmp_path / "机动车登记.csv",
        [
            ["机动车所有人", "身份证明号码", "号牌号码", "号牌种类", "机动车状态"],
            ["李四", b, "鲁N11111", "02", "A"],
            ["张三", a, "鲁N22222", "02", "E"],
            ["张三", a, "鲁N33333", "07", "A"],
        ],
    )
    _csv(
        tmp_path / "村干部名单.csv",
        [["姓名", "身份证号", "职务", "乡镇", "村"], ["李四", b, "村妇女主任", "城关镇", "东街村"]],
    )
    outcome = run_pipeline(tmp_path, APRIL, select="E,R")
    got = sorted(outcome.result.findings.select("rule", "id_number").iter_rows())
    assert got == sorted([("E2", b), ("E3", a), ("R1", a), ("R1", b)]), outcome.result.findings
    e3 = outcome.result.findings.filter(pl.col("rule") == "E3").row(0, named=True)
    assert "按统一社会信用代码 92 开头判断" in e3["evidence"]
    assert "150,000.00 元" in e3["evidence"]
