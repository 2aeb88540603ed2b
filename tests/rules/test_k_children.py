"""K1 and K2 beyond the fixtures: what every row's evidence names, and `recon rules K1/K2`."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import polars as pl
from click.testing import CliRunner

from recon.cli.rules import command
from recon.config import Policy
from recon.rules import get_rule, run_rules

from .builder import build_linked, resolve_people

APRIL = dt.date(2020, 4, 1)

PEOPLE = {
    "fa": {"born": "1975-02-02", "name": "王建国"},
    "mo": {"born": "1977-03-03", "name": "李秀英", "sex": "女"},
    "c": {"born": "2008-03-01", "name": "王小明"},
    "sis": {"born": "2010-06-06", "name": "王小红", "sex": "女"},
    "gp": {"born": "1948-01-01", "name": "刘老汉"},
    "s": {"born": "1976-07-07", "name": "刘大山"},
    "dil": {"born": "1978-08-08", "name": "陈桂芝", "sex": "女"},
    "gk": {"born": "2011-01-11", "name": "刘小花", "sex": "女"},
    "h": {"born": "1962-05-05", "name": "马永福"},
    "a": {"born": "1990-01-01", "name": "马小军"},
    "b": {"born": "1985-01-01", "name": "马小兵"},
}

RECORDS = [
    # K1: two children of a dead couple; the father is on two death lists
    {"kind": "dibao", "who": "fa", "household_id": "H1", "relation": "户主"},
    {"kind": "dibao", "who": "mo", "household_id": "H1", "relation": "妻"},
    {"kind": "dibao", "who": "c", "household_id": "H1", "relation": "长子"},
    {"kind": "dibao", "who": "sis", "household_id": "H1", "relation": "次女"},
    {"kind": "cremation", "who": "fa", "cremation_date": "2019-05-01"},
    {"kind": "death", "who": "fa", "death_date": "2019-05-02", "is_death": True, "cancel_reason": "死亡"},
    {"kind": "death", "who": "mo", "cancel_date": "2018-11-20", "is_death": True},
    # K1: a grandchild whose father and mother (儿子, 儿媳) are dead, the grandfather alive
    {"kind": "poverty", "who": "gp", "household_id": "P3", "relation": "户主", "poverty_category": "脱贫户"},
    {"kind": "poverty", "who": "s", "household_id": "P3", "relation": "儿子", "poverty_category": "脱贫户"},
    {"kind": "poverty", "who": "dil", "household_id": "P3", "relation": "儿媳", "poverty_category": "脱贫户"},
    {"kind": "poverty", "who": "gk", "household_id": "P3", "relation": "孙女", "poverty_category": "脱贫户"},
    {"kind": "cremation", "who": "s", "cremation_date": "2018-06-01"},
    {"kind": "cremation", "who": "dil", "cremation_date": "2018-06-02"},
    # K2: two severely disabled sons in an uncovered marginal household
    {
        "kind": "poverty",
        "who": "h",
        "household_id": "P1",
        "relation": "户主",
        "poverty_category": "边缘易致贫户",
        "income_per_capita": 5800.0,
    },
    {"kind": "poverty", "who": "a", "household_id": "P1", "relation": "长子"},
    {"kind": "poverty", "who": "b", "household_id": "P1", "relation": "次子"},
    {"kind": "disability", "who": "a", "disability_type": 5, "disability_grade": 3},
    {"kind": "disability", "who": "b", "disability_type": 4, "disability_grade": 1},
]


def _rows(code: str) -> list[dict]:
    linked = build_linked(RECORDS, PEOPLE)
    out = run_rules(linked, APRIL, Policy(), [get_rule("K1"), get_rule("K2")])
    assert out.ran == ["K1", "K2"]
    return out.findings.filter(pl.col("rule") == code).to_dicts()


def test_every_k1_row_names_each_parent_its_death_and_source_the_household_and_what_to_check() -> None:
    ids = {a: p["id"] for a, p in resolve_people(PEOPLE).items()}
    rows = {r["id_number"]: r for r in _rows("K1")}
    assert set(rows) == {ids["c"], ids["sis"], ids["gk"]}
    for who in ("c", "sis"):
        ev = rows[ids[who]]["evidence"]
        # each parent: name, relation, which date, the date, and each death record (two for the father)
        assert "王建国（户主）火化日期 2019-05-01（" in ev
        assert "火化记录.csv 第2行 火化日期 2019-05-01；死亡名单.csv 第2行 死亡日期 2019-05-02" in ev
        assert "李秀英（妻）注销日期 2018-11-20（死亡名单.csv 第3行）" in ev
        # who else lives there, and what the visit must settle
        assert "低保户 H1（4 人）：户主 王建国；成员 李秀英（妻）、王小明（长子）、王小红（次女）" in ev
        assert "待核实：实际抚养人" in ev
        assert rows[ids[who]]["source_kind"] == "dibao"
    ev = rows[ids["gk"]]["evidence"]
    assert "刘大山（儿子）火化日期 2018-06-01" in ev and "陈桂芝（儿媳）火化日期 2018-06-02" in ev
    assert "监测户 P3（4 人）：户主 刘老汉" in ev and "待核实：实际抚养人" in ev
    assert rows[ids["gk"]]["source_kind"] == "poverty"
    # the parents' dates are in the sentence; the 死亡日期 column would read as the child's own
    assert rows[ids["gk"]]["death_date"] is None
    assert all(r["severity"] == "high" and r["match_basis"] == "id" for r in rows.values())


def test_every_k2_row_gives_the_disability_the_household_and_what_to_check() -> None:
    ids = {a: p["id"] for a, p in resolve_people(PEOPLE).items()}
    rows = {r["id_number"]: r for r in _rows("K2")}
    assert set(rows) == {ids["a"], ids["b"]}
    for who, dis in (("a", "智力3级"), ("b", "肢体1级")):
        r = rows[ids[who]]
        assert r["disability"] == dis and f"持残疾人证（{dis}，残疾人证.csv" in r["evidence"]
        assert "监测户类别 边缘易致贫户，人均纯收入 5,800.00 元" in r["evidence"]
        assert "监测户 P1（3 人）：户主 马永福；成员 马小军（长子）、马小兵（次子）" in r["evidence"]
        assert "待核实：无业、家庭供养情况" in r["evidence"]
        assert r["household_category"] == "边缘易致贫户" and r["income_per_capita"] == 5800.0
        assert r["severity"] == "medium" and r["source_kind"] == "poverty"


def test_recon_rules_k1_prints_parameters_and_basis() -> None:
    out = CliRunner().invoke(command, ["K1"], catch_exceptions=False).output
    assert out.startswith("K1")
    for part in (
        "政策依据",
        "民发〔2019〕62号",
        "切实做到应保尽保",
        "推断",
        "child_age_limit = 18",
        'head_relations = ["户主", "本人"',
        "grandchild_relations = [",
        "child_in_law_relations = [",
        "可选：儿童保障",
        "异常示例",
        "正常示例",
    ):
        assert part in out, part


def test_recon_rules_k2_prints_parameters_and_basis() -> None:
    out = CliRunner().invoke(command, ["K2"], catch_exceptions=False).output
    assert out.startswith("K2")
    for part in (
        "政策依据",
        "成年无业重度残疾人纳入低保范围",
        "推断",
        "adult_min_age = 18",
        "adult_max_age = 59",
        'severe_disability = [{"type": 0, "max_grade": 2}',
    ):
        assert part in out, part


def test_relation_words_from_the_config_reach_the_catalog(tmp_path: Path) -> None:
    cfg = tmp_path / "recon.toml"
    cfg.write_text(
        '[policy]\nchild_relations = ["子", "女", "二子"]\nchild_age_limit = 16\n', encoding="utf-8"
    )
    data = json.loads(CliRunner().invoke(command, ["K", "--json", "--config", str(cfg)]).output)
    assert [d["code"] for d in data] == ["K1", "K2"]
    assert data[0]["parameters"]["child_relations"] == ["子", "女", "二子"]
    assert data[0]["parameters"]["child_age_limit"] == 16


def test_k_rules_sit_between_m_and_q_in_the_catalog() -> None:
    out = CliRunner().invoke(command, [], catch_exceptions=False).output
    codes = [ln.split("\t")[0] for ln in out.strip().splitlines()[1:]]
    k = codes.index("K1")
    assert codes[k + 1] == "K2" and re.match(r"Q\d", codes[k + 2])
    assert all(c[0] not in "QK" for c in codes[:k])
