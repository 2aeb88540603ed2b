"""What each source kind looks like: the fields it must have, and the evidence that a sheet is one.

Evidence comes from three places, weighed together by `classify`: the fields its headers name (a
support mode is tekun, a certificate number a certificate roster), words inside the header texts (补贴,
发放: a payment roster), and words in the file name, sheet name and title rows (生活补贴发放名册). A
sheet that carries a monthly amount is no certificate roster and no cremation register, whatever
certificate or date columns it also has.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from recon.model import CREMATION, DIBAO, DISABILITY, POVERTY, SUBSIDY, TEKUN


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
        fields={"subsidy_type": 6, "living_amount": 4, "care_amount": 4},
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
)
SPEC: dict[str, KindSpec] = {s.kind: s for s in SPECS}
REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {s.kind: s.required for s in SPECS}


def missing_required(kind: str, fields: set[str]) -> list[str]:
    return ["/".join(alts) for alts in REQUIRED[kind] if not any(a in fields for a in alts)]
