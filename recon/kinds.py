"""Recognising a sheet's kind and mapping its headers to canonical fields.

The synonym table holds the headers agencies really use; a county adds its own in the config
(`[[sources]] columns`), never here. Header text is compared after `header_key()`: full-width forms
folded, spaces, brackets, line breaks and punctuation removed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from recon.model import CREMATION, DIBAO, DISABILITY, KINDS, POVERTY, SUBSIDY, TEKUN

# canonical field -> header variants (compared after header_key)
SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": (
        "姓名",
        "成员姓名",
        "家庭成员姓名",
        "对象姓名",
        "人员姓名",
        "死者姓名",
        "逝者姓名",
        "持证人姓名",
        "残疾人姓名",
        "补贴对象姓名",
        "供养对象姓名",
        "救助对象姓名",
        "户成员姓名",
        "保障对象姓名",
    ),
    "id_number": (
        "身份证号",
        "身份证号码",
        "公民身份号码",
        "证件号码",
        "身份证",
        "成员身份证号",
        "成员身份证号码",
        "家庭成员身份证号",
        "证件号",
        "死者身份证号",
        "逝者身份证号码",
        "身份证件号码",
        "对象身份证号",
        "残疾人身份证号",
        "公民身份证号码",
        "居民身份证号码",
    ),
    "birth_date": ("出生日期", "出生年月", "出生年月日"),
    "gender": ("性别",),
    "town": (
        "乡镇",
        "乡镇街道",
        "乡镇（街道）",
        "乡（镇）",
        "乡镇名称",
        "所属乡镇",
        "镇街",
        "街道",
        "乡镇办",
    ),
    "village": (
        "村",
        "村居",
        "村（居）",
        "村社区",
        "村（社区）",
        "行政村",
        "所属村",
        "村居委会",
        "村名",
        "社区",
    ),
    "household_id": (
        "户编号",
        "户号",
        "家庭编号",
        "保障证号",
        "低保证号",
        "保障户编号",
        "家庭户编号",
        "户主编号",
    ),
    "head_name": ("户主姓名", "户主"),
    "head_id": ("户主身份证号", "户主身份证号码", "户主证件号码", "户主公民身份号码"),
    "relation": ("与户主关系", "与户主的关系", "家庭关系", "关系"),
    "household_size": ("保障人数", "家庭人口数", "家庭人口", "户人口数", "保障人口", "人口数", "家庭人数"),
    "area_type": ("城乡类别", "城乡", "保障类别", "城乡属性"),
    "start_month": ("保障起始年月", "起始年月", "享受起始年月", "纳入时间", "保障开始时间", "审批时间"),
    "monthly_amount": (
        "月保障金",
        "保障金额",
        "月保障金额",
        "月救助金",
        "月供养金",
        "供养金",
        "供养标准",
        "月补贴金额",
        "补贴金额",
        "发放金额",
        "月发放金额",
        "救助金额",
        "金额",
    ),
    "support_mode": ("供养方式", "供养形式", "集中分散"),
    "self_care": ("自理能力", "生活自理能力", "自理情况"),
    "cert_number": ("残疾人证号", "残疾证号", "残疾人证号码", "残疾证号码", "证号"),
    "disability_type": ("残疾类别", "残疾类型", "残疾种类"),
    "disability_grade": ("残疾等级", "残疾级别", "等级"),
    "subsidy_type": ("补贴类别", "补贴类型", "补贴种类", "补贴项目"),
    "death_date": ("死亡日期", "死亡时间", "去世日期", "死亡年月日"),
    "cremation_date": ("火化日期", "火化时间"),
    "address": ("住址", "户籍地址", "家庭住址", "户籍所在地", "居住地址", "地址"),
    "poverty_category": (
        "监测对象类别",
        "户类型",
        "监测类别",
        "对象类别",
        "户类别",
        "监测对象类型",
        "户属性",
    ),
    "income_per_capita": ("人均纯收入", "家庭人均纯收入", "人均收入", "年人均纯收入", "家庭年人均纯收入"),
    "risk": ("主要风险", "致贫原因", "主要致贫原因", "风险类型", "返贫致贫风险"),
    "seq": ("序号", "编号", "顺序号", "NO"),
}

# Fields a kind must have mapped to be usable.
REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    # each inner tuple is "one of these"
    DIBAO: (("name",), ("id_number",)),
    TEKUN: (("name",), ("id_number",)),
    DISABILITY: (("name",), ("id_number",), ("cert_number", "disability_grade")),
    SUBSIDY: (("name",), ("id_number",)),
    CREMATION: (("name",), ("cremation_date", "death_date")),
    POVERTY: (("name",), ("id_number",), ("poverty_category",)),
}

# Evidence for a kind: header field -> weight. Only fields that tell kinds apart.
SIGNATURES: dict[str, dict[str, float]] = {
    DIBAO: {
        "relation": 2,
        "household_size": 2,
        "head_id": 1.5,
        "head_name": 1,
        "area_type": 2,
        "start_month": 1,
        "household_id": 0.5,
    },
    TEKUN: {"support_mode": 4, "self_care": 3},
    DISABILITY: {"cert_number": 3, "disability_type": 2, "disability_grade": 1.5},
    SUBSIDY: {"subsidy_type": 6},  # a subsidy file often repeats certificate columns
    CREMATION: {"cremation_date": 5, "death_date": 3, "address": 0.5},
    POVERTY: {"poverty_category": 4, "income_per_capita": 3, "risk": 2, "household_id": 0.5},
}

# Words in a file, sheet or title name that hint at a kind.
NAME_HINTS: dict[str, tuple[str, ...]] = {
    DIBAO: ("低保", "最低生活保障"),
    TEKUN: ("特困", "五保", "供养"),
    DISABILITY: ("残疾人证", "持证", "残联", "残疾人基础"),
    SUBSIDY: ("两项补贴", "生活补贴", "护理补贴", "补贴发放"),
    CREMATION: ("火化", "殡仪", "殡葬", "死亡"),
    POVERTY: ("监测", "扶贫", "脱贫", "边缘", "防返贫", "乡村振兴"),
}

_PUNCT = re.compile(r"[\s\u3000()（）\[\]【】〔〕<>《》:：;；,，.。、/\\\-_—*＊#＃'\"‘’“”]+")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")


def header_key(text: object) -> str:
    """Fold a header cell to a comparable key: NFKC, no spaces/brackets/punctuation, upper case."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFKC", str(text))
    s = _INVISIBLE.sub("", s)
    s = _PUNCT.sub("", s)
    return s.upper()


_LOOKUP: dict[str, str] = {}
for _field, _names in SYNONYMS.items():
    for _n in _names:
        _LOOKUP.setdefault(header_key(_n), _field)


def field_for_header(text: object) -> str | None:
    """The canonical field a header names, or None. Exact key first, then a unique known suffix/prefix
    (for headers such as '死者身份证号码（必填）' or '成员姓名2')."""
    k = header_key(text)
    if not k:
        return None
    if k in _LOOKUP:
        return _LOOKUP[k]
    # headers with a note appended or a qualifier prepended: try the longest synonym contained in it
    best: tuple[int, str] | None = None
    for syn, fld in _LOOKUP.items():
        if len(syn) >= 2 and (k.startswith(syn) or k.endswith(syn)):
            if best is None or len(syn) > best[0]:
                best = (len(syn), fld)
    return best[1] if best else None


@dataclass
class Classification:
    kind: str | None
    scores: dict[str, float] = field(default_factory=dict)
    mapping: dict[str, str] = field(default_factory=dict)  # header text -> field
    missing: list[str] = field(default_factory=list)  # required fields not mapped (for `kind`)


def map_headers(headers: list[str], explicit: dict[str, str] | None = None) -> dict[str, str]:
    """Header text -> canonical field. The first column naming a field wins; explicit mappings first."""
    explicit = {header_key(k): v for k, v in (explicit or {}).items()}
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for h in headers:
        fld = explicit.get(header_key(h))
        if fld and fld not in taken:
            mapping[h] = fld
            taken.add(fld)
    for h in headers:
        if h in mapping:
            continue
        fld = field_for_header(h)
        if fld and fld not in taken:
            mapping[h] = fld
            taken.add(fld)
    return mapping


def missing_required(kind: str, fields: set[str]) -> list[str]:
    return ["/".join(alts) for alts in REQUIRED[kind] if not any(a in fields for a in alts)]


def classify(
    headers: list[str],
    names: list[str],
    explicit_kind: str | None = None,
    explicit_columns: dict[str, str] | None = None,
) -> Classification:
    """Decide a sheet's kind from its headers, helped by file/sheet/title names."""
    mapping = map_headers(headers, explicit_columns)
    fields = set(mapping.values())
    scores: dict[str, float] = {}
    joined = " ".join(n for n in names if n)
    for kind in KINDS:
        s = sum(w for f, w in SIGNATURES[kind].items() if f in fields)
        if any(h in joined for h in NAME_HINTS[kind]):
            s += 2.0  # a name alone can decide, e.g. 护理补贴.csv with only 姓名/身份证号/金额
        scores[kind] = s
    chosen: str | None
    if explicit_kind:
        chosen = explicit_kind
    else:
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        top, second = ranked[0], ranked[1]
        chosen = top[0] if top[1] >= 2 and top[1] > second[1] else None
    missing = missing_required(chosen, fields) if chosen else []
    return Classification(kind=chosen, scores=scores, mapping=mapping, missing=missing)
