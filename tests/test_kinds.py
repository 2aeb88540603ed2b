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


@pytest.mark.parametrize(
    ("header", "field"),
    [
        # another person's name or number is never the row's name or ID
        ("家属姓名", "other_person"),
        ("收款人身份证号", "other_person"),
        # the payee of a payment line is its account holder, never its beneficiary
        ("收款人姓名", "account_name"),
        ("监护人证件号码", "other_person"),
        ("照料人身份证号", "other_person"),
        ("联系电话", "other_number"),
        ("银行账号", "account_no"),
        ("社保卡号", "other_number"),
        ("是否残疾", "flag"),
        # the head's ID is the head's, whatever its spelling
        ("户主身份证", "head_id"),
        ("户主身份证件号码", "head_id"),
        ("主申请人证件号码", "head_id"),
        # a unit after the header is no part of its name
        ("保障金（元）", "monthly_amount"),
        ("户月保障金额（元）", "monthly_amount"),
        ("补贴标准（元/月）", "monthly_amount"),
        ("应发金额", "monthly_amount"),
        # standards, incomes and totals are not the amount paid
        ("家庭年总收入（元）", None),
        ("发放合计（元）", None),
        # numbers that are no sequence
        ("残疾证编号", "cert_number"),
        ("救助证编号", "household_id"),
        ("低保（特困）证号", "household_id"),
        ("人编号", "other_number"),
        ("房产证号", "property_unit"),
        # traditional characters (a Big5 system's export)
        ("身份證號碼", "id_number"),
        ("殘疾等級", "disability_grade"),
    ],
)
def test_headers_name_their_field_and_no_other(header: str, field: str | None) -> None:
    assert field_for_header(header) == field


def test_the_monitoring_category_wins_over_the_household_type() -> None:
    # 户类型 holds 脱贫户/监测户; the C categories are in the other column, wherever it stands
    c = classify(
        ["户编号", "姓名", "证件号码", "户类型", "易返贫致贫户(监测对象)类型", "人均纯收入"], ["监测"]
    )
    assert c.mapping["易返贫致贫户(监测对象)类型"] == "poverty_category"
    assert "户类型" not in c.mapping


def test_a_payment_roster_with_certificate_columns_is_a_subsidy_roster() -> None:
    headers = [
        "序号",
        "姓名",
        "身份证号码",
        "残疾人证号",
        "残疾类别",
        "残疾等级",
        "补贴标准（元/月）",
        "乡镇",
    ]
    c = classify(headers, ["困难残疾人生活补贴发放名册（2020年4月）", "Sheet1"])
    assert c.kind == "subsidy"
    assert "名称含“生活补贴”" in c.evidence_text("subsidy") and "表头含“补贴”" in c.evidence_text("subsidy")
    # the amount column speaks against a certificate roster
    assert "有列「补贴标准（元/月）」(-2.5)" in c.evidence_text("disability")


def test_the_national_dibao_person_export_is_a_dibao_roll() -> None:
    # every member row of this export carries certificate columns (the researcher's finding)
    headers = [
        "所属街道",
        "所属社区",
        "户主姓名",
        "户主身份证号",
        "姓名",
        "身份证号",
        "与户主关系",
        "保障人口",
        "户月保障金额（元）",
        "最初享受月份",
        "残疾证号",
        "残疾类别",
        "残疾等级",
    ]
    assert classify(headers, ["农村低保人员查询_20200401"]).kind == "dibao"


def test_close_evidence_is_a_doubt_naming_both_kinds() -> None:
    c = classify(["姓名", "身份证号", "残疾人证号", "供养方式"], ["名册"])
    assert c.kind == "tekun" and c.runner_up == "disability"
    assert c.doubt is not None and "残疾人证" in c.doubt and "供养方式" in c.doubt


def test_names_that_outweigh_clear_headers_are_a_doubt() -> None:
    # a certificate roster by its columns, a subsidy roster by its name: taken by the name, but said
    c = classify(["姓名", "身份证号", "残疾人证号"], ["两项补贴发放名册"])
    assert c.kind == "subsidy" and c.doubt is not None
    assert "残疾人证" in c.doubt and "列「残疾人证号」" in c.doubt and "名称含“两项补贴”" in c.doubt


def test_headers_that_outweigh_the_name_are_no_doubt_of_the_sheet() -> None:
    # the run's notices say that the name promised another kind (kind_promised); the sheet is clear
    c = classify(["姓名", "身份证号", "与户主关系", "保障人数", "城乡类别"], ["特困供养人员名单"])
    assert c.kind == "dibao" and c.doubt is None


# the other offices' exports as county B writes them: each once misread
@pytest.mark.parametrize(
    ("headers", "names", "kind"),
    [
        # a 人社 待遇发放明细 carries 发放月份 and 账号 like a 一本通 file, and names the 险种
        (
            ["序号", "姓名", "身份证号码", "险种类型", "待遇发放月份", "发放金额", "银行账号"],
            ["养老保险待遇发放明细"],
            "pension",
        ),
        (
            ["序号", "姓名", "身份证号", "项目", "发放金额", "账户名", "账号", "实付年月"],
            ["一本通发放明细"],
            "payment",
        ),
        (["姓名", "身份证号", "保障类别", "乡镇", "村"], ["孤儿和事实无人抚养儿童保障名册"], "child_welfare"),
        (["姓名", "身份证号", "死亡日期", "死亡地点", "根本死因"], ["居民死亡医学证明信息"], "death"),
    ],
)
def test_other_office_exports_are_taken_for_their_kind_without_doubt(
    headers: list[str], names: list[str], kind: str
) -> None:
    c = classify(headers, names)
    assert (c.kind, c.doubt) == (kind, None)


def test_vehicle_type_wins_over_plate_type_and_a_bare_status_is_read() -> None:
    c = classify(["号牌号码", "号牌种类", "车辆类型", "所有人", "身份证明号码", "状态"], ["机动车登记信息"])
    assert c.kind == "vehicle"
    assert c.mapping["车辆类型"] == "vehicle_type" and "号牌种类" not in c.mapping
    assert c.mapping["状态"] == "status"
    # a bare 状态 is never a part of a longer header (人员状态 is no vehicle's)
    assert field_for_header("人员状态") is None
    assert field_for_header("实付年月") == "pay_month"
