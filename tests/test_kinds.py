from __future__ import annotations

import pytest

from recon.kinds import classify, field_for_header, header_key


@pytest.mark.parametrize(
    ("headers", "names", "kind"),
    [
        (
            [
                "序号",
                "户主姓名",
                "户主身份证号",
                "成员姓名",
                "身份证号",
                "与户主关系",
                "保障人数",
                "月保障金",
            ],
            ["花名册"],
            "dibao",
        ),
        (["姓名", "公民身份号码", "供养方式", "自理能力", "月供养金"], ["名册"], "tekun"),
        (["姓名", "身份证号", "残疾人证号", "残疾类别", "残疾等级"], ["持证"], "disability"),
        (["姓名", "身份证号", "残疾人证号", "残疾等级", "补贴类别", "月补贴金额"], ["发放明细"], "subsidy"),
        (["姓名", "身份证号", "补贴金额"], ["生活补贴"], "subsidy"),
        (["死者姓名", "身份证号", "性别", "死亡日期", "火化日期", "住址"], ["火化"], "cremation"),
        (
            ["户编号", "户主姓名", "姓名", "身份证号", "监测对象类别", "人均纯收入", "主要风险"],
            ["监测"],
            "poverty",
        ),
        (["姓名", "身份证号"], [""], None),
    ],
)
def test_classify(headers: list[str], names: list[str], kind: str | None) -> None:
    assert classify(headers, names).kind == kind


def test_header_variants_fold() -> None:
    assert header_key("乡镇（街道）") == header_key("乡镇(街道)") == "乡镇街道"
    assert field_for_header("身份证号码") == "id_number"
    assert field_for_header("公民身份号码") == "id_number"
    assert field_for_header("死者身份证号码（必填）") == "id_number"
    assert field_for_header("户主身份证号") == "head_id"
    assert field_for_header("备注") is None


def test_explicit_columns_win() -> None:
    c = classify(["持证人", "证件号", "证号"], ["x"], "disability", {"持证人": "name", "证件号": "id_number"})
    assert c.mapping["持证人"] == "name" and c.missing == []
