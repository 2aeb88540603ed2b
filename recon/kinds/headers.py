"""Mapping a column header to the canonical field it names.

The synonym table holds headers agencies really use; where a variant was seen is written in
docs/header-variants.md. A county adds its own in the config (`[[sources]] columns`), never here.

A header is compared after `header_key()`: full-width forms folded, spaces, brackets, line breaks and
punctuation removed, and a trailing unit such as （元） or （元/月） taken off (the unit is kept apart: an
amount in 万元 is scaled). Three guards keep a column from being taken for a field it only resembles:
- a header about another person (收款人, 监护人, 家属, 经办人 …) is never the row's name or ID;
- a header about another number (联系电话, 银行账号, 社保卡号 …) is never an ID;
- a flag (是否…) or a standard, income or total is never the amount paid.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Fields that are recognised so that they are not taken for something else, but that no rule reads.
OTHER_PERSON = "other_person"  # a name or ID of someone other than the row's subject
OTHER_NUMBER = "other_number"  # a phone, account, card or registration number
FLAG = "flag"  # a yes/no column (是否残疾, 是否低保户 …)
SEQ = "seq"
NON_FIELDS = frozenset({SEQ, OTHER_PERSON, OTHER_NUMBER, FLAG})

# canonical field -> header variants (compared after header_key). A field's first variant is the one
# messages name it by.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": (
        "姓名",
        "成员姓名",
        "家庭成员姓名",
        "对象姓名",
        "人员姓名",
        "死者姓名",
        "逝者姓名",
        "逝者名称",
        "持证人姓名",
        "残疾人姓名",
        "补贴对象姓名",
        "供养对象姓名",
        "救助对象姓名",
        "户成员姓名",
        "保障对象姓名",
        "被申请人姓名",
        "享受人",
        "享受人姓名",
        "受助对象姓名",
        "孤儿姓名",
        "儿童姓名",
        "老人姓名",
        # the subject of another office's list: the owner, the legal representative, the right holder
        "所有人",
        "车主",
        "车主姓名",
        "机动车所有人",
        "车辆所有人",
        "法定代表人",
        "法定代表人姓名",
        "企业法人名称",
        "经营者",
        "经营者姓名",
        "投资人",
        "权利人",
        "权利人名称",
        "权利人姓名",
        "产权人",
        "产权人姓名",
        "房屋所有权人",
        "享受人员姓名",
        "工作人员亲属姓名",
        "亲属姓名",
        "近亲属姓名",
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
        "逝者身份证号",
        "逝者身份证号码",
        "身份证件号码",
        "对象身份证号",
        "残疾人身份证号",
        "公民身份证号码",
        "居民身份证号码",
        "被申请人身份证",
        "享受人身份证号",
        "受助对象身份证号",
        "救助对象身份证号",
        "身份证明号码",
        "车主身份证明号码",
        "所有人身份证明号码",
        "车主身份证号",
        "法人证件号码",
        "法定代表人证件号码",
        "法定代表人身份证号",
        "经营者证件号码",
        "经营者身份证号码",
        "权利人证件号",
        "权利人证件号码",
        "产权人身份证号",
        "享受人员身份证号",
        "工作人员亲属身份证号",
        "亲属身份证号",
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
        "所在乡镇",
        "所在乡镇街道",
        "镇街",
        "街道",
        "乡镇办",
        "所属街道",
        "镇（街道）",
    ),
    "village": (
        "村",
        "村居",
        "村（居）",
        "村社区",
        "村（社区）",
        "行政村",
        "所属村",
        "所在村",
        "所在村社区",
        "村居委会",
        "村（居）委会",
        "村委",
        "村名",
        "社区",
        "所属社区",
    ),
    "household_id": (
        "户编号",
        "户号",
        "户编码",
        "家庭编号",
        "保障证号",
        "低保证号",
        "低保特困证号",
        "救助证编号",
        "保障户编号",
        "家庭户编号",
        "户主编号",
    ),
    "head_name": ("户主姓名", "户主", "主申请人姓名", "申请人"),
    "head_id": (
        "户主身份证号",
        "户主身份证号码",
        "户主证件号码",
        "户主公民身份号码",
        "户主身份证",
        "户主身份证件号码",
        "主申请人证件号码",
    ),
    "relation": ("与户主关系", "与户主的关系", "家庭关系", "关系", "与主申请人关系"),
    "household_size": (
        "保障人数",
        "保障人口",
        "保障人口数",
        "享受人数",
        "享受保障人数",
        "家庭人口数",
        "家庭人口",
        "户人口数",
        "人口数",
        "家庭人数",
    ),
    "area_type": ("城乡类别", "城乡", "保障类别", "城乡属性", "低保类型", "户籍类型", "家庭户口性质"),
    "start_month": (
        "保障起始年月",
        "起始年月",
        "起始保障年月",
        "享受起始年月",
        "最初享受月份",
        "纳入时间",
        "保障开始时间",
        "救助开始日期",
        "审批时间",
    ),
    "monthly_amount": (
        "月保障金",
        "保障金",
        "保障金额",
        "月保障金额",
        "户月保障金",
        "户月保障金额",
        "月救助金",
        "救助金额",
        "月供养金",
        "供养金",
        "供养标准",
        "基本生活标准",
        "生活补助",
        "月补贴金额",
        "补贴金额",
        "补贴标准",
        "发放标准",
        "应发金额",
        "实发金额",
        "发放金额",
        "月发放金额",
        "实际发放金额",
        "月领取金额",
        "领取金额",
        "月养老金",
        "月基本养老金",
        "养老金金额",
        "工资养老金金额",
        "养老金",
        "离退休金",
        "月工资",
        "实发工资",
        "应发工资",
        "待遇标准",
        "月待遇",
        "金额",
    ),
    # a 残联 roster may pay both subsidies on one row, one amount column each
    "living_amount": (
        "生活补贴金额",
        "生活补贴",
        "生活补贴标准",
        "困难残疾人生活补贴",
        "困难残疾人生活补贴金额",
        "困难残疾人生活补贴标准",
    ),
    "care_amount": (
        "护理补贴金额",
        "护理补贴",
        "护理补贴标准",
        "重度残疾人护理补贴",
        "重度残疾人护理补贴金额",
        "重度残疾人护理补贴标准",
    ),
    "support_mode": ("供养方式", "供养形式", "集中分散"),
    "self_care": ("自理能力", "生活自理能力", "自理情况"),
    "cert_number": (
        "残疾人证号",
        "残疾证号",
        "残疾人证号码",
        "残疾证号码",
        "残疾证编号",
        "受助对象残疾证号",
        "证号",
    ),
    "disability_type": ("残疾类别", "残疾类型", "残疾种类"),
    "disability_grade": ("残疾等级", "残疾级别", "等级"),
    "subsidy_type": ("补贴类别", "补贴类型", "补贴种类", "补贴项目", "补贴项目名称"),
    "death_date": ("死亡日期", "死亡时间", "去世日期", "去世时间", "死亡年月日"),
    "cremation_date": ("火化日期", "火化时间"),
    "address": (
        "住址",
        "户籍地址",
        "家庭住址",
        "户籍所在地",
        "户口所在地",
        "居住地址",
        "现居住地",
        "生前住址",
        "地址",
        "行政区划",
        "所属区划",
        "地区",
    ),
    "poverty_category": (
        "监测对象类别",
        "监测对象类型",
        "易返贫致贫户监测对象类型",
        "监测类别",
        "户类型",
        "对象类别",
        "户类别",
        "户属性",
    ),
    "income_per_capita": (
        "人均纯收入",
        "家庭人均纯收入",
        "人均收入",
        "年人均纯收入",
        "家庭年人均纯收入",
        "家庭年均收入",
    ),
    "risk": ("主要风险", "致贫原因", "主要致贫原因", "风险类型", "风险类别", "返贫致贫风险"),
    # death registers of other offices
    "cancel_date": ("注销日期", "注销时间", "户籍注销日期", "销户日期", "销户时间"),
    "cancel_reason": ("注销原因", "注销类别", "销户原因", "注销类型", "变动原因"),
    # public_employee (also who pays a pension or wage)
    "unit": ("单位名称", "工作单位", "所在单位", "任职单位", "工资发放单位", "部门", "单位"),
    "staff_type": ("人员类别", "编制类型", "人员编制类型", "人员身份", "身份类别", "编制性质"),
    # vehicle
    "plate": ("号牌号码", "车牌号码", "车牌号", "号牌"),
    "vehicle_type": ("车辆类型", "机动车类型", "车型", "号牌种类", "车辆种类"),
    "vehicle_status": ("机动车状态", "车辆状态"),
    "reg_date": ("初次登记日期", "注册登记日期", "登记日期", "成立日期"),
    # business
    "entity_name": (
        "企业名称",
        "字号名称",
        "个体工商户名称",
        "个人字号名称",
        "商户名称",
        "市场主体名称",
        "名称",
    ),
    "credit_code": ("统一社会信用代码", "注册号", "信用代码"),
    "entity_type": ("市场主体类型", "主体类型", "企业类型", "企业注册方式", "组织形式", "商户类型"),
    "capital": ("注册资本", "资金数额", "注册资金", "出资额", "认缴出资额"),
    "entity_status": ("登记状态", "经营状态", "企业状态", "企业当前状态"),
    # property
    "property_location": ("坐落", "不动产坐落", "房屋坐落", "房地坐落", "房屋地址", "坐落位置"),
    "property_unit": ("不动产单元号", "不动产权证号", "房产证号", "权证号", "产权证号", "不动产权证书号"),
    "property_use": ("用途", "规划用途", "房屋用途", "实际用途"),
    "floor_area": ("建筑面积", "房屋面积", "面积"),
    # pension
    "pension_type": ("险种", "险种类型", "待遇类型", "工资类别", "养老金类别", "参保险种"),
    # cadre and filing: the cadre a row names beside its subject
    "position": ("职务", "党内职务", "现任职务", "岗位", "职位"),
    "cadre_name": (
        "关联干部姓名",
        "干部姓名",
        "村干部姓名",
        "工作人员姓名",
        "经办人员姓名",
        "关联人员姓名",
    ),
    "cadre_id": (
        "关联干部身份证号",
        "干部身份证号",
        "村干部身份证号",
        "工作人员身份证号",
        "工作人员身份证号码",
        "经办人员身份证号",
    ),
    "filing_relation": ("与干部关系", "与工作人员关系", "救助对象与工作人员关系", "亲属关系"),
    "filing_date": ("备案日期", "备案时间", "审核确认时间"),
    # payment
    "pay_month": ("发放月份", "发放年月", "所属月份", "资金所属期", "发放期间"),
    "programme": ("项目", "资金项目", "发放项目", "项目名称", "补助项目"),
    "account_name": (
        "账户名",
        "户名",
        "账户名称",
        "银行账户名称",
        "收款人",
        "收款人姓名",
        "开户人",
        "持卡人",
        "持卡人姓名",
    ),
    "account_no": (
        "账号",
        "银行账号",
        "银行帐号",
        "卡号",
        "银行卡号",
        "一卡通账号",
        "一卡通账户",
        "存折号",
        "开户银行账号",
        "邮局账号",
    ),
    # child_welfare
    "child_category": ("儿童类别", "孤儿类别", "保障对象类别", "补助类型", "儿童保障类别"),
    SEQ: ("序号", "编号", "顺序号", "NO", "序"),
    OTHER_NUMBER: ("人编号", "个人编号", "儿童编号", "批次明细ID", "支付单号"),
}

# Variants that name a field only loosely: any other column naming the same field wins over them.
# 户类型 holds 脱贫户/监测户 where 监测对象类别 holds the C categories; 社区 may sit beside 村.
WEAK: dict[str, frozenset[str]] = {
    "poverty_category": frozenset({"户类型", "对象类别", "户类别", "户属性"}),
    "village": frozenset({"社区"}),
    "monthly_amount": frozenset({"金额"}),
    "household_size": frozenset({"家庭人口", "家庭人口数", "人口数", "家庭人数", "户人口数"}),
}

# Variants matched only as the whole header, never as a part of a longer one ("房产证号" is no 证号).
_EXACT_ONLY = frozenset(
    {
        "证号",
        "编号",
        "序号",
        "NO",
        "序",
        "等级",
        "关系",
        "金额",
        "户主",
        "村",
        "申请人",
        "名称",
        "单位",
        "用途",
        "面积",
        "号牌",
        "户名",
        "卡号",
        "账号",
        "部门",
        "岗位",
        "项目",
        "险种",
        "坐落",
    }
)

# A header naming one of these is about another person than the row's subject: the payee, the
# account holder, a guardian or carer, the relative who signed, the clerk, a cadre.
OTHER_PERSON_WORDS = (
    "收款人",
    "持卡人",
    "开户人",
    "账户名",
    "帐户名",
    "户名",
    "照料人",
    "护理人",
    "监护人",
    "经办人",
    "承办人",
    "代办人",
    "代领人",
    "领取人",
    "申报人",
    "配偶",
    "家属",
    "亲属",
    "联系人",
    "干部",
    "帮扶",
    "工作人员",
    "审核人",
    "审批人",
    "制单人",
    "制表人",
    "填表人",
    "填报人",
    "操作人",
    "核对人",
    "共有人",
    "抵押",
    "担保人",
    "实际控制人",
)
# A header naming one of these holds another number than a person's ID.
OTHER_NUMBER_WORDS = (
    "电话",
    "手机",
    "联系方式",
    "账号",
    "帐号",
    "账户",
    "帐户",
    "卡号",
    "存折",
    "社保卡",
    "信用代码",
    "注册号",
    "单元号",
    "权证号",
    "房产证",
    "识别代号",
    "号牌",
    "车牌",
    "邮编",
    "邮政编码",
)
# A header naming one of these is a standard, an income or a total, never the amount paid.
_NOT_PAID_WORDS = ("收入", "合计", "总额", "施保", "缴纳", "余额", "资本", "资金", "价值", "年均", "标准人")

# Traditional characters of column names (files from Big5 or Hong Kong/Taiwan systems), folded to the
# simplified ones the synonyms use. Only header characters: names are never converted (the displayed
# name stays as written; 於 is also a surname).
_TRADITIONAL = str.maketrans(
    "證號碼養險戶關係殘補貼類別級護鎮鄉區數額費標準齡歲車輛產權業員單職務屬監測貧脫災發帳賬錢領辦"
    "鄰歷與為個對戶統計總實際應資訊聯繫電話銀開戶診療醫處構機傷亡喪葬終註銷狀態變動時間點價",
    "证号码养险户关系残补贴类别级护镇乡区数额费标准龄岁车辆产权业员单职务属监测贫脱灾发帐账钱领办"
    "邻历与为个对户统计总实际应资讯联系电话银开户诊疗医处构机伤亡丧葬终注销状态变动时间点价",
)
_UNIT_RE = re.compile(r"[（(]\s*(元/人/月|元/月|元/人|元/年|元|万元|人|户|平方米|㎡|m²|岁|%|％)\s*[)）]\s*$")
_PUNCT = re.compile(r"[\s\u3000()（）\[\]【】〔〕<>《》:：;；,，.。、/\\\-_—*＊#＃'\"‘’“”]+")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")


def header_unit(text: object) -> str | None:
    """The unit written after a header, as in 保障金（元） or 注册资本（万元）; None when there is none."""
    if text is None:
        return None
    m = _UNIT_RE.search(unicodedata.normalize("NFKC", str(text)).strip())
    return m.group(1) if m else None


def header_key(text: object) -> str:
    """Fold a header cell to a comparable key: NFKC, unit and punctuation removed, upper case."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFKC", str(text)).translate(_TRADITIONAL)
    s = _INVISIBLE.sub("", s).strip()
    s = _UNIT_RE.sub("", s)
    s = _PUNCT.sub("", s)
    return s.upper()


_LOOKUP: dict[str, str] = {}
for _field, _names in SYNONYMS.items():
    for _n in _names:
        _LOOKUP.setdefault(header_key(_n), _field)
_AFFIXES = sorted(
    ((k, f) for k, f in _LOOKUP.items() if len(k) >= 2 and k not in {header_key(x) for x in _EXACT_ONLY}),
    key=lambda kf: -len(kf[0]),
)
_WEAK_KEYS = {f: frozenset(header_key(v) for v in vs) for f, vs in WEAK.items()}


@dataclass(frozen=True)
class HeaderMatch:
    """What a header names: its field, and how sure the match is (exact > weak exact > part)."""

    field: str
    strength: int  # 3 exact, 2 a weak variant exactly, 1 a variant inside a longer header


EXACT, WEAK_EXACT, AFFIX = 3, 2, 1


@lru_cache(maxsize=65536)
def match_header(text: object) -> HeaderMatch | None:
    """The field a header names, or None. The exact variant first; then the guards (another person,
    another number, a flag); then the longest variant the header starts or ends with (for headers such
    as 死者身份证号码（必填） or 成员姓名2)."""
    k = header_key(text)
    if not k:
        return None
    if k in _LOOKUP:
        fld = _LOOKUP[k]
        return HeaderMatch(fld, WEAK_EXACT if k in _WEAK_KEYS.get(fld, ()) else EXACT)
    if any(w in k for w in OTHER_PERSON_WORDS):
        return HeaderMatch(OTHER_PERSON, EXACT)
    if any(w in k for w in OTHER_NUMBER_WORDS):
        return HeaderMatch(OTHER_NUMBER, EXACT)
    if k.startswith("是否") or "是否" in k:
        return HeaderMatch(FLAG, EXACT)
    for syn, fld in _AFFIXES:
        if k.startswith(syn) or k.endswith(syn):
            if fld == "monthly_amount" and any(w in k for w in _NOT_PAID_WORDS):
                return None
            return HeaderMatch(fld, AFFIX)
    return None


def field_for_header(text: object) -> str | None:
    """The canonical field a header names, or None (see `match_header`)."""
    m = match_header(text)
    return m.field if m else None


def map_headers(headers: list[str], explicit: dict[str, str] | None = None) -> dict[str, str]:
    """Header text -> canonical field, one column per field: explicit mappings first, then the
    strongest match; among equally strong ones the first column. NON_FIELDS may repeat."""
    explicit = {header_key(k): v for k, v in (explicit or {}).items()}
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for h in headers:
        fld = explicit.get(header_key(h))
        if fld and fld not in taken:
            mapping[h] = fld
            taken.add(fld)
    best: dict[str, tuple[int, str]] = {}
    for h in headers:
        if h in mapping:
            continue
        m = match_header(h)
        if m is None:
            continue
        if m.field in NON_FIELDS:
            mapping[h] = m.field
            continue
        if m.field in taken:
            continue
        if m.field not in best or m.strength > best[m.field][0]:
            best[m.field] = (m.strength, h)
    for fld, (_s, h) in best.items():
        mapping[h] = fld
    return mapping


def field_label(fld: str) -> str:
    """The common Chinese header for a canonical field, for messages."""
    names = SYNONYMS.get(fld)
    return names[0] if names else fld
