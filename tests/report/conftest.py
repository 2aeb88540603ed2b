"""A small RunResult with findings of several rules and towns, hostile cells included."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import pytest

from recon.model import FINDING_SCHEMA, ISSUE_SCHEMA, SourceStats, conform_findings
from recon.result import InputFile, RuleInfo, RunResult

ID_A = "371521195001011234"  # 张三丰, dead, on dibao (D1) in 阳谷镇
ID_B = "37152119620202345X"  # 李秀英, dead, on dibao (D1) in 石佛镇
ID_C = "371521193003031115"  # 王伟, single elderly (T1) in 阳谷镇
ID_D = "371521200804041237"  # 欧阳娜娜, care subsidy without certificate (S3) in 石佛镇
ID_SHORT = "3715211950"  # an invalid ID (Q1), 赵敏
ID_E = "371521194005051238"  # 孙立, exempted T1
ID_ISSUE = "371521197706061232"  # only inside a rejected row's value
ID_AMB = "371521198807071236"  # only inside the ambiguous candidates, 钱多多
ID_RELATED = "371521195001011250"  # a cremation record quoted in evidence and related
FORMULA_NAME = "@SUM(A1)"
TOWN_A, TOWN_B = "阳谷镇", "石佛镇"
TOWN_ODD = "侨润/街道"  # not a valid Windows file name as it is

NAMES = ["张三丰", "李秀英", "王伟", "欧阳娜娜", "赵敏", "孙立", "钱多多", FORMULA_NAME]
IDS = [ID_A, ID_B, ID_C, ID_D, ID_SHORT, ID_E, ID_ISSUE, ID_AMB, ID_RELATED]

RULES = [
    RuleInfo(
        "D1",
        "死亡仍领低保",
        "deceased on dibao",
        "high",
        "D",
        ("dibao", "cremation"),
        "低保成员在比对月份之前已死亡。",
        "2021 特困人员认定办法终止条款。",
    ),
    RuleInfo(
        "D2",
        "死亡仍领特困",
        "deceased on tekun",
        "high",
        "D",
        ("tekun", "cremation"),
        "特困人员在比对月份之前已死亡。",
        "同上。",
    ),
    RuleInfo(
        "T1",
        "单人低保户符合特困条件（应纳入特困）",
        "single dibao household meets tekun",
        "medium",
        "T",
        ("dibao",),
        "单人户、未享受特困、无劳动能力。",
        "2021 特困人员认定办法。",
    ),
    RuleInfo(
        "S3",
        "护理补贴等级不符",
        "care subsidy grade",
        "high",
        "S",
        ("subsidy", "disability"),
        "护理补贴对象无残疾证或等级不符。",
        "国发〔2015〕52号。",
    ),
    RuleInfo(
        "Q1", "身份证号无效", "invalid id", "medium", "Q", (), "身份证号格式或校验位错误。", "GB 11643-1999。"
    ),
]


def finding(**kw: Any) -> dict[str, Any]:
    base = {
        "severity": "high",
        "source_kind": "dibao",
        "source_file": "低保.xlsx",
        "source_sheet": "花名册",
        "match_basis": "id",
        "confidence": 1.0,
    }
    return {**base, **kw}


def findings_rows() -> list[dict[str, Any]]:
    return [
        finding(
            rule="D1",
            id_number=ID_A,
            name="张三丰",
            town=TOWN_A,
            village="东村",
            source_row=5,
            evidence=f"火化记录显示张三丰（{ID_RELATED}）于2020年1月15日死亡，仍在低保名单。",
            monthly_amount=500.0,
            months_since_death=3,
            overpaid_amount=1500.0,
            death_date=dt.date(2020, 1, 15),
            related=f"火化记录.xlsx 第12行 {ID_RELATED}",
            key=f"D1|{ID_A}|dibao",
        ),
        finding(
            rule="D1",
            id_number=ID_B,
            name="李秀英",
            town=TOWN_B,
            village="西村",
            source_row=7,
            evidence="=1+1 李秀英已死亡",
            monthly_amount=-50.0,
            months_since_death=2,
            overpaid_amount=-100.0,
            death_date=dt.date(2020, 2, 3),
            match_basis="id+name_homophone",
            confidence=0.9,
            key=f"D1|{ID_B}|dibao",
        ),
        finding(
            rule="T1",
            severity="medium",
            id_number=ID_C,
            name="王伟",
            town=TOWN_A,
            village="北村",
            source_row=9,
            evidence="王伟，单人户，年龄90岁。",
            monthly_amount=400.0,
            age=90,
            household_id="H001",
            key=f"T1|{ID_C}|dibao",
        ),
        finding(
            rule="T1",
            severity="medium",
            id_number=ID_C[:-1] + "9",
            name=FORMULA_NAME,
            town=TOWN_ODD,
            village="南村",
            source_row=11,
            evidence="-2 单人户",
            age=61,
            key=f"T1|{ID_C[:-1]}9|dibao",
        ),
        finding(
            rule="S3",
            id_number=ID_D,
            name="欧阳娜娜",
            town=TOWN_B,
            village="西村",
            source_kind="subsidy",
            source_file="两项补贴.xlsx",
            source_row=4,
            evidence="欧阳娜娜领护理补贴，无残疾人证。",
            subsidy_type="护理补贴",
            monthly_amount=80.0,
            key=f"S3|{ID_D}|subsidy",
        ),
        finding(
            rule="Q1",
            severity="medium",
            id_number=ID_SHORT,
            name="赵敏",
            town=None,
            village=None,
            source_row=20,
            evidence=f"身份证号 {ID_SHORT} 长度不对。",
            match_basis=None,
            confidence=None,
            key=f"Q1|{ID_SHORT}|dibao",
        ),
    ]


def make_result(**overrides: Any) -> RunResult:
    findings = conform_findings(pl.DataFrame(findings_rows(), schema_overrides=FINDING_SCHEMA, strict=False))
    exempted = conform_findings(
        pl.DataFrame(
            [
                finding(
                    rule="T1",
                    id_number=ID_E,
                    name="孙立",
                    town=TOWN_A,
                    village="东村",
                    source_row=30,
                    evidence="孙立，单人户，年龄80岁。",
                    key=f"T1|{ID_E}|dibao",
                )
            ],
            schema_overrides=FINDING_SCHEMA,
            strict=False,
        )
    ).with_columns(exemption_reason=pl.lit("本人自愿签订协议留在低保"))
    issues = pl.DataFrame(
        [
            {
                "level": "rejected",
                "code": "id_float",
                "source_file": "低保.xlsx",
                "source_sheet": "花名册",
                "source_row": 40,
                "column": "身份证号",
                "value": ID_ISSUE,
                "reason": "身份证号被存成数字",
            },
            {
                "level": "warning",
                "code": "region_unknown",
                "source_file": "低保.xlsx",
                "source_sheet": "花名册",
                "source_row": 41,
                "column": "姓名",
                "value": '=HYPERLINK("x")',
                "reason": "县代码未知",
            },
            *(
                {
                    "level": "skipped",
                    "code": "blank_row",
                    "source_file": "低保.xlsx",
                    "source_sheet": "花名册",
                    "source_row": r,
                    "column": None,
                    "value": None,
                    "reason": "空行",
                }
                for r in (50, 51, 52)
            ),
        ],
        schema=ISSUE_SCHEMA,
    )
    ambiguous = pl.DataFrame(
        {
            "name": ["钱多多", "钱多多"],
            "id_number": [ID_AMB, None],
            "source_file": ["特困.xlsx", "火化.xlsx"],
            "source_row": [3, 8],
            "birth_date": [dt.date(1988, 7, 7)] * 2,
            "confidence": [0.8, 0.8],
        }
    )
    sources = [
        SourceStats(
            "低保.xlsx",
            "花名册",
            "dibao",
            "in/低保.xlsx",
            header_row=3,
            rows_read=60,
            rows_used=55,
            rows_rejected=1,
            rows_skipped=4,
        ),
        SourceStats(
            "两项补贴.xlsx", None, "subsidy", "in/两项补贴.xlsx", header_row=1, rows_read=10, rows_used=10
        ),
    ]
    inputs = [InputFile("低保.xlsx", 12345, "a" * 64), InputFile("两项补贴.xlsx", 999, "b" * 64)]
    base = dict(
        month=dt.date(2020, 4, 1),
        findings=findings,
        exempted=exempted,
        issues=issues,
        ambiguous=ambiguous,
        sources=sources,
        inputs=inputs,
        rules=RULES,
        skipped_rules=[("C1", "缺少扶贫监测数据")],
        config={"policy": {"minor_age": 16, "care_grades": [1, 2]}, "linking": {"fuzzy": True}},
        arguments={"month": "2020-04"},
        version="0.1.0",
        started=dt.datetime(2020, 4, 2, 9, 0, 0),
        finished=dt.datetime(2020, 4, 2, 9, 1, 0),
    )
    return RunResult(**{**base, **overrides})


@pytest.fixture
def result() -> RunResult:
    return make_result()
