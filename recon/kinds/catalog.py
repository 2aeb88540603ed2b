"""What each source kind looks like: the fields it must have, and the evidence that a sheet is one.

Evidence comes from three places, weighed together by `classify`: the fields its headers name (a
support mode is tekun, a certificate number a certificate roster), words inside the header texts (补贴,
发放: a payment roster), and words in the file name, sheet name and title rows (生活补贴发放名册). A
sheet that carries a monthly amount is no certificate roster and no cremation register, whatever
certificate or date columns it also has.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from recon.model import (
    BUSINESS,
    CADRE,
    CHILD_WELFARE,
    CREMATION,
    DEATH,
    DIBAO,
    DISABILITY,
    FILING,
    PAYMENT,
    PENSION,
    POVERTY,
    PROPERTY,
    PUBLIC_EMPLOYEE,
    SUBSIDY,
    TEKUN,
    VEHICLE,
)


@dataclass(frozen=True)
class KindSpec:
    kind: str
    required: tuple[tuple[str, ...], ...]  # each inner tuple: one of these fields
    fields: dict[str, float]  # a header naming this field is evidence (weight)
    header_words: dict[str, float] = field(default_factory=dict)  # a word inside a header text
    name_words: dict[str, float] = field(default_factory=dict)  # a word in a file/sheet/title name
    # a field whose presence speaks against the kind (a certificate roster pays nothing)
    against: dict[str, float] = field(default_factory=dict)


SPECS: tuple[KindSpec, ...] = (
    KindSpec(
        DIBAO,
        required=(("name",), ("id_number",)),
        fields={
            "relation": 2,
            "household_size": 2,
            "head_id": 1.5,
            "head_name": 1,
            "area_type": 2,
            "start_month": 1,
            "household_id": 0.5,
        },
        name_words={"低保": 3, "最低生活保障": 3},
    ),
    KindSpec(
        TEKUN,
        required=(("name",), ("id_number",)),
        fields={"support_mode": 4, "self_care": 3},
        name_words={"特困": 3, "五保": 3, "供养": 1.5},
    ),
    KindSpec(
        DISABILITY,
        required=(("name",), ("id_number",), ("cert_number", "disability_grade")),
        fields={"cert_number": 3, "disability_type": 2, "disability_grade": 1.5},
        name_words={"残疾人证": 3, "持证": 2, "残联": 1.5, "残疾人基础": 2},
        against={"monthly_amount": 2.5, "subsidy_type": 3},
    ),
    KindSpec(
        SUBSIDY,
        required=(("name",), ("id_number",)),
        # 残联 rosters often carry the 一卡通 account too: weak here, so it does not make them payments
        fields={"subsidy_type": 6, "living_amount": 4, "care_amount": 4, "account_no": 1},
        header_words={"补贴": 2.5, "应发": 1.5, "实发": 1.5, "发放": 1},
        name_words={"两项补贴": 4, "生活补贴": 4, "护理补贴": 4, "补贴发放": 2, "发放名册": 1, "发放明细": 1},
    ),
    KindSpec(
        CREMATION,
        required=(("name",), ("cremation_date", "death_date")),
        fields={"cremation_date": 5, "death_date": 3, "address": 0.5},
        name_words={"火化": 3, "殡仪": 3, "殡葬": 2, "死亡": 1},
        against={"monthly_amount": 2},
    ),
    KindSpec(
        POVERTY,
        required=(("name",), ("id_number",), ("poverty_category",)),
        fields={"poverty_category": 4, "income_per_capita": 3, "risk": 2, "household_id": 0.5},
        name_words={"监测": 3, "扶贫": 2, "脱贫": 2, "边缘": 2, "防返贫": 3, "乡村振兴": 1},
    ),
    # the lists of other offices (专项治理): each has columns no roll has
    KindSpec(
        DEATH,
        required=(("name",), ("death_date", "cancel_date")),
        fields={"cancel_reason": 4, "cancel_date": 4, "death_date": 2},
        # 卫健 死亡医学证明 lists: death place and cause, a certificate number, no cremation
        header_words={"死亡地点": 1.5, "死亡原因": 1.5, "根本死因": 1.5, "医学证明": 2, "注销": 2},
        name_words={"注销": 3, "销户": 3, "死亡医学证明": 4, "死亡": 2, "户籍": 1.5, "土葬": 3},
        against={"monthly_amount": 2, "cremation_date": 3},
    ),
    KindSpec(
        PUBLIC_EMPLOYEE,
        required=(("name",), ("id_number",)),
        fields={"staff_type": 3, "unit": 2.5},
        name_words={"财政供养": 4, "在编": 3, "机关事业": 3, "工资统发": 3, "公职人员": 3, "编制": 2},
    ),
    KindSpec(
        VEHICLE,
        required=(("name",), ("id_number",)),
        fields={"plate": 5, "vehicle_type": 3, "vehicle_status": 3, "reg_date": 0.5},
        name_words={"车辆": 3, "机动车": 3, "车管": 3},
    ),
    KindSpec(
        BUSINESS,
        required=(("name",), ("id_number",)),
        fields={"credit_code": 4, "entity_name": 3, "entity_type": 2, "capital": 2.5, "entity_status": 2},
        name_words={"市场主体": 4, "工商": 3, "个体工商户": 3, "营业执照": 3, "企业": 2},
    ),
    KindSpec(
        PROPERTY,
        required=(("name",), ("id_number",)),
        fields={"property_unit": 4, "property_location": 3, "property_use": 2, "floor_area": 2},
        name_words={"不动产": 4, "房产": 3, "房屋": 2, "住房": 2},
    ),
    KindSpec(
        PENSION,
        required=(("name",), ("id_number",), ("monthly_amount",)),
        fields={"pension_type": 4},
        header_words={"养老金": 3, "退休": 2, "工资": 2, "待遇": 1.5},
        name_words={"养老": 3, "退休": 3, "社保": 2, "工资": 2, "待遇": 2},
    ),
    KindSpec(
        CADRE,
        required=(("name", "cadre_name"),),
        fields={"position": 4, "cadre_name": 1.5},
        name_words={"干部": 4, "两委": 4, "经办人员": 3, "工作人员": 2},
    ),
    KindSpec(
        FILING,
        required=(("name",), ("cadre_name", "cadre_id")),
        fields={"cadre_name": 3, "cadre_id": 3, "filing_date": 2, "filing_relation": 2},
        name_words={"备案": 5, "近亲属": 4},
    ),
    KindSpec(
        PAYMENT,
        required=(("name",), ("monthly_amount",)),
        fields={"pay_month": 3, "programme": 3, "account_no": 1.5, "account_name": 2},
        header_words={"发放": 1, "实发": 1},
        # a 人社 待遇发放明细 names the 险种: a pension, whatever payment columns it shares
        against={"pension_type": 3},
        name_words={"一本通": 4, "一卡通": 4, "惠民": 2, "代发": 2, "发放明细": 2},
    ),
    KindSpec(
        CHILD_WELFARE,
        required=(("name",), ("id_number",)),
        # 保障类别 (孤儿/事实无人抚养儿童) is read as the child's category on this kind, not 城乡
        fields={"child_category": 4, "area_type": 1.5},
        name_words={"事实无人抚养": 5, "孤儿": 4, "儿童": 2},
    ),
)
SPEC: dict[str, KindSpec] = {s.kind: s for s in SPECS}
REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {s.kind: s.required for s in SPECS}


def missing_required(kind: str, fields: set[str]) -> list[str]:
    return ["/".join(alts) for alts in REQUIRED[kind] if not any(a in fields for a in alts)]
