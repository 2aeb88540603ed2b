"""What the P and M rules say in 数据质量 rather than as findings: lines of other months set aside, a
minor paid through a guardian, a 项目 recon does not know, a town whose roll seems not delivered."""

from __future__ import annotations

import datetime as dt

import polars as pl

from recon.cycle.roll import snapshot_of
from recon.rules import get_rule, run_rules

from .builder import build_linked

MONTH = dt.date(2020, 4, 1)
PEOPLE = {
    "h": {"born": "1960-01-01", "name": "张三"},
    "g": {"born": "2006-01-01", "name": "张小妹", "sex": "女"},
    **{f"p{i}": {"born": f"19{50 + i}-02-02", "name": f"李{i}", "town": "西乡"} for i in range(6)},
}


def _issues(
    records: list[dict[str, object]], codes: str, previous: list[dict[str, object]] | None = None
) -> pl.DataFrame:
    prev = snapshot_of(build_linked(previous, PEOPLE), dt.date(2020, 3, 1)) if previous else None
    rules = [get_rule(c) for c in codes.split(",")]
    return run_rules(build_linked(records, PEOPLE), MONTH, rules=rules, previous_roll=prev).issues


def test_other_months_unknown_programmes_and_minors_are_noted_once_each() -> None:
    issues = _issues(
        [
            {"kind": "dibao", "who": "h", "household_id": "H1", "relation": "户主", "monthly_amount": 365.0},
            {"kind": "dibao", "who": "g", "household_id": "H2", "relation": "户主", "monthly_amount": 365.0},
            {
                "kind": "payment",
                "who": "h",
                "programme": "dibao",
                "monthly_amount": 365.0,
                "pay_month": "2020-04-01",
            },
            {
                "kind": "payment",
                "who": "h",
                "programme": "dibao",
                "monthly_amount": 365.0,
                "pay_month": "2020-03-01",
            },
            {
                "kind": "payment",
                "who": "h",
                "programme": "dibao",
                "monthly_amount": 365.0,
                "pay_month": "2020-02-01",
            },
            {
                "kind": "payment",
                "who": "h",
                "programme": "临时救助",
                "monthly_amount": 500.0,
                "pay_month": "2020-04-01",
            },
            {
                "kind": "payment",
                "who": "g",
                "programme": "dibao",
                "monthly_amount": 365.0,
                "pay_month": "2020-04-01",
                "account_name": "王姑",
            },
        ],
        "P1,P2,P3,P4,P5",
    )
    by_code = {c: issues.filter(pl.col("code") == c) for c in issues["code"].unique()}
    other = by_code["payment_other_month"]
    # one row per file, naming each month, however many P rules read the lines
    assert (
        other.height == 1
        and "本表有 2 行不是名册月份（2020年4月）的发放：2020年2月 1 行、2020年3月 1 行" in other["reason"][0]
    )
    assert by_code["payment_programme_unknown"]["reason"].str.contains("临时救助").all()
    minor = by_code["payment_guardian_account"]
    assert minor.height == 1 and minor["value"].to_list() == ["王姑"]
    assert "不作为 P4 报告" in minor["reason"][0]


def test_a_town_gone_from_the_roll_is_said_before_the_m1_list() -> None:
    previous = [
        {"kind": "dibao", "who": f"p{i}", "household_id": f"X{i}", "relation": "户主"} for i in range(6)
    ]
    previous.append({"kind": "dibao", "who": "h", "household_id": "H1", "relation": "户主"})
    issues = _issues(
        [{"kind": "dibao", "who": "h", "household_id": "H1", "relation": "户主"}], "M1", previous
    )
    lost = issues.filter(pl.col("code") == "roll_town_lost")
    assert lost["value"].to_list() == ["西乡"]
    assert "6 人里有 6 人不在本月低保名册" in lost["reason"][0]


def test_a_roll_read_as_household_amounts_from_the_payment_file_says_so() -> None:
    people = {"h": "H1", "g": "H2"}
    records: list[dict[str, object]] = []
    for who, hh in people.items():
        records.append(
            {"kind": "dibao", "who": who, "household_id": hh, "relation": "户主", "monthly_amount": 730.0}
        )
    records += [
        {"kind": "dibao", "who": "p1", "household_id": "H1", "relation": "妻", "monthly_amount": 730.0},
        {"kind": "dibao", "who": "p2", "household_id": "H2", "relation": "夫", "monthly_amount": 730.0},
        {
            "kind": "payment",
            "who": "h",
            "programme": "dibao",
            "monthly_amount": 730.0,
            "pay_month": "2020-04-01",
        },
        {
            "kind": "payment",
            "who": "g",
            "programme": "dibao",
            "monthly_amount": 730.0,
            "pay_month": "2020-04-01",
        },
    ]
    issues = _issues(records, "P3")
    note = issues.filter(pl.col("code") == "amount_read_as_household")
    assert note["source_file"].to_list() == ["低保.csv"]
    assert "本月有 2 户的实发等于这个金额而不是各行之和（等于各行之和的 0 户）" in note["reason"][0]
