"""Run configuration: policy parameters, linking settings and explicit source mappings.

A county changes policy by editing `[policy]` in a TOML file, never the code. Every setting has the
default of the rule catalog (docs/rule-semantics.md), and a Config round-trips to a plain dict (written into manifest.json) so a run can
be reproduced.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recon.errors import ConfigError
from recon.model import CHILD_WELFARE, DIBAO, KINDS, POVERTY, SUBSIDY_CARE, SUBSIDY_LIVING, TEKUN


@dataclass(frozen=True)
class Disability:
    """A disability type (1 视力 … 7 多重) counted up to a grade (1 most severe)."""

    type: int
    max_grade: int


# 2021 《特困人员认定办法》: intellectual/mental grade 1-3, physical grade 1-2, visual grade 1.
DEFAULT_T1_DISABILITIES = (
    Disability(5, 3),
    Disability(6, 3),
    Disability(4, 2),
    Disability(1, 1),
)


# K2's 成年无业重度残疾人: grade 1-2 of any type (type 0), grade 3 intellectual or mental.
DEFAULT_SEVERE_DISABILITIES = (Disability(0, 2), Disability(5, 3), Disability(6, 3))
# E2: motorcycles of every kind, vehicles adapted for the disabled, three-wheeled and low-speed trucks,
# tractors (provincial rules list these as not counting against a household)
DEFAULT_EXEMPT_VEHICLES = ("摩托", "残疾人专用", "三轮汽车", "低速货车", "低速载货", "拖拉机")

# K1: relation words as households write them (与户主关系), one list per role. A cell is matched whole,
# after NFKC and with its spaces removed (recon.normalize.relations), never as a part: 外孙 is not 孙,
# 儿媳 is not 儿, 侄子 is not 子. 户主本人 and 本人(户主) are there because the head test every rule shares
# (rules.base.is_head_expr) accepts them too; 子女, 独生子, 独生女 are the national standard's words
# (GB/T 4761 家庭关系代码) that exports write.
DEFAULT_HEAD_RELATIONS = ("户主", "本人", "户主本人", "本人(户主)")
DEFAULT_SPOUSE_RELATIONS = ("配偶", "妻", "妻子", "夫", "丈夫", "之妻", "之夫", "老伴")
DEFAULT_CHILD_RELATIONS = (
    "子", "女", "儿子", "女儿", "长子", "次子", "三子", "四子", "长女", "次女", "三女", "四女",
    "之子", "之女", "独子", "独女", "养子", "养女", "继子", "继女", "儿", "小儿子", "小女儿",
    "子女", "独生子", "独生女",
)  # fmt: skip
DEFAULT_PARENT_RELATIONS = ("父亲", "母亲", "父", "母", "之父", "之母", "养父", "养母", "继父", "继母")
DEFAULT_GRANDCHILD_RELATIONS = ("孙子", "孙女", "外孙", "外孙子", "外孙女", "孙")
DEFAULT_CHILD_IN_LAW_RELATIONS = ("儿媳", "媳", "儿媳妇", "女婿", "之媳", "之婿")
# the Policy fields holding relation words (each a list of strings in [policy])
RELATION_FIELDS = (
    "head_relations",
    "spouse_relations",
    "child_relations",
    "parent_relations",
    "grandchild_relations",
    "child_in_law_relations",
)


@dataclass(frozen=True)
class Policy:
    minor_age: int = 16  # under this age a person cannot work (some provinces: 18)
    elderly_age: int = 60  # at or over this age a person cannot work
    t1_disabilities: tuple[Disability, ...] = DEFAULT_T1_DISABILITIES
    care_grades: tuple[int, ...] = (1, 2)  # grades that qualify for 护理补贴
    # programmes whose members qualify for 生活补贴 (国发〔2015〕52号: dibao; some provinces add others)
    living_subsidy_programmes: tuple[str, ...] = ("dibao",)
    # subsidies a tekun person may not receive (S5); provinces differ
    tekun_excluded_subsidies: tuple[str, ...] = (SUBSIDY_LIVING, SUBSIDY_CARE)
    # a death this many months or fewer before the roster month is not yet an anomaly (0 = none)
    death_grace_months: int = 0
    # local dibao standard in yuan per person per year, used to rank C rows (set your county's figure)
    dibao_standard_annual: float = 5496.0
    # two death registers whose dates for one person differ by more than this are a data-quality note
    death_date_tolerance_days: int = 7
    # E2: vehicle types that do not count against a household (a type containing one of these words)
    exempt_vehicle_types: tuple[str, ...] = DEFAULT_EXEMPT_VEHICLES
    # E3: a 个体工商户 counts from this registered capital (yuan); any other entity in operation always
    business_capital_threshold: float = 100000.0
    # E4: residential properties held together by a dibao household from which it counts; any property
    # whose use names one of `non_residential_uses` counts by itself
    property_count_limit: int = 2
    non_residential_uses: tuple[str, ...] = ("商业", "办公", "商服", "工业")
    # E5: a monthly pension or wage from this amount (yuan) means the household income must be redone
    pension_monthly_threshold: float = 1000.0
    # P3: paid and approved amounts that differ by more than this (yuan) are a finding
    payment_tolerance: float = 0.01
    # M1: months (first, last, "YYYY-MM") during which dibao exits were suspended
    exit_suspension: tuple[tuple[str, str], ...] = (("2020-02", "2020-06"),)
    # K1: under this age a child is checked for parents all recorded dead
    child_age_limit: int = 18
    # K2: adults of these ages (inclusive) with a severe disability, in a monitored household left out
    adult_min_age: int = 18
    adult_max_age: int = 59
    # K2: what counts as a severe disability (type 0: any type)
    severe_disability: tuple[Disability, ...] = DEFAULT_SEVERE_DISABILITIES
    # K1: which 与户主关系 words name the head, a spouse, a child, a parent, a grandchild, a child-in-law
    # of the head (whole-cell match after NFKC and removing spaces; any other word: no parents determined)
    head_relations: tuple[str, ...] = DEFAULT_HEAD_RELATIONS
    spouse_relations: tuple[str, ...] = DEFAULT_SPOUSE_RELATIONS
    child_relations: tuple[str, ...] = DEFAULT_CHILD_RELATIONS
    parent_relations: tuple[str, ...] = DEFAULT_PARENT_RELATIONS
    grandchild_relations: tuple[str, ...] = DEFAULT_GRANDCHILD_RELATIONS
    child_in_law_relations: tuple[str, ...] = DEFAULT_CHILD_IN_LAW_RELATIONS


@dataclass(frozen=True)
class Linking:
    fuzzy: bool = True  # allow the fuzzy fallback for records without a usable ID
    min_confidence: float = 0.0  # fuzzy links below this confidence are not made


@dataclass(frozen=True)
class SourceMapping:
    """An explicit statement about input files, for what recon cannot recognise by itself."""

    file: str  # a file name or glob, relative to the input folder
    kind: str | None = None
    sheet: str | None = None  # a sheet name; None = every sheet
    header_row: int | None = None  # 1-based row holding the (last) header row
    columns: dict[str, str] = field(default_factory=dict)  # header text -> canonical field
    subsidy_type: str | None = None  # for a file that holds one subsidy only
    ignore: bool = False


@dataclass(frozen=True)
class Config:
    policy: Policy = field(default_factory=Policy)
    linking: Linking = field(default_factory=Linking)
    sources: tuple[SourceMapping, ...] = ()
    csv_encoding: str | None = None  # force an encoding for every CSV (else detected)
    path: str | None = None  # where it was loaded from

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


_POLICY_FIELDS = {f.name for f in dataclasses.fields(Policy)}
_LINKING_FIELDS = {f.name for f in dataclasses.fields(Linking)}
_SOURCE_FIELDS = {f.name for f in dataclasses.fields(SourceMapping)}


def _policy_from(d: dict[str, Any], where: str) -> Policy:
    unknown = set(d) - _POLICY_FIELDS
    if unknown:
        raise ConfigError(
            f"未知的政策参数：{', '.join(sorted(unknown))}",
            file=where,
            fix=f"[policy] 可用的参数有：{', '.join(sorted(_POLICY_FIELDS))}",
            en=f"unknown policy settings: {', '.join(sorted(unknown))}",
            fix_en=f"[policy] accepts: {', '.join(sorted(_POLICY_FIELDS))}",
        )
    kw: dict[str, Any] = {}
    for k, v in d.items():
        if k in ("t1_disabilities", "severe_disability"):
            try:
                kw[k] = tuple(Disability(int(x["type"]), int(x["max_grade"])) for x in v)
            except (KeyError, TypeError, ValueError) as e:
                raise ConfigError(
                    f"{k} 的写法不对",
                    file=where,
                    fix=f"写成 {k} = [{{type = 5, max_grade = 3}}, {{type = 4, max_grade = 2}}]（type = 0 表示任何类别）",
                    en=f"{k} is written wrongly",
                    fix_en=f"write {k} = [{{type = 5, max_grade = 3}}, {{type = 4, max_grade = 2}}] (type = 0: any type)",
                ) from e
        elif k == "exit_suspension":
            kw[k] = _windows(v, where)
        elif k in RELATION_FIELDS:
            kw[k] = _words(k, v, where)
        elif isinstance(v, list):
            kw[k] = tuple(v)
        else:
            kw[k] = v
    # only a roll of people assisted is a programme; the other offices' lists are not
    programmes = (DIBAO, TEKUN, POVERTY, CHILD_WELFARE)
    for prog in kw.get("living_subsidy_programmes", ()):
        if prog not in programmes:
            raise ConfigError(
                f"living_subsidy_programmes 中的 {prog!r} 不是救助名册类别",
                file=where,
                fix=f"可用：{', '.join(programmes)}",
                en=f"{prog!r} in living_subsidy_programmes is not an assistance roll",
                fix_en=f"valid: {', '.join(programmes)}",
            )
    policy = Policy(**kw)
    _check_relation_overlap(policy, where)
    return policy


def _words(name: str, value: Any, where: str) -> tuple[str, ...]:
    """A list of relation words, each a non-blank string (a bare string would be read letter by letter)."""
    from recon.normalize.relations import normalise_word

    if not isinstance(value, list) or not all(isinstance(w, str) and normalise_word(w) for w in value):
        raise ConfigError(
            f"{name} 的写法不对：应为称谓列表",
            file=where,
            fix=f'写成 {name} = ["户主", "本人"]（每项一个称谓，整格匹配，空格不计）',
            en=f"{name} is written wrongly: it must be a list of relation words",
            fix_en=f'write {name} = ["户主", "本人"] (one word per item, matched as a whole cell, spaces ignored)',
        )
    return tuple(value)


def _check_relation_overlap(policy: Policy, where: str) -> None:
    """A word in two relation lists would make the role of that member depend on the lists' order."""
    from recon.normalize.relations import normalise_word

    seen: dict[str, str] = {}
    for name in RELATION_FIELDS:
        for word in getattr(policy, name):
            w = normalise_word(word)
            if w in seen and seen[w] != name:
                raise ConfigError(
                    f"称谓 {word!r} 同时出现在 {seen[w]} 和 {name} 中",
                    file=where,
                    fix="每个称谓只能属于一类：从其中一个列表删去（改动默认列表时，把整个列表写出来）",
                    en=f"the relation word {word!r} is in both {seen[w]} and {name}",
                    fix_en="a word belongs to one list only: remove it from one of them (write the whole list "
                    "when changing a default one)",
                )
            seen[w] = name


def _windows(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    """exit_suspension as (first, last) "YYYY-MM" pairs, from [["2020-02", "2020-06"], …]."""
    from recon.months import month_text, parse_month

    try:
        out = []
        for first, last in value:
            a, b = parse_month(str(first)), parse_month(str(last))
            if b < a:
                raise ValueError(f"{first} > {last}")
            out.append((month_text(a), month_text(b)))
        return tuple(out)
    except (TypeError, ValueError, ConfigError) as e:
        raise ConfigError(
            "exit_suspension 的写法不对",
            file=where,
            fix='写成 exit_suspension = [["2020-02", "2020-06"]]（每段写开始月和结束月，可写多段）',
            en="exit_suspension is written wrongly",
            fix_en='write exit_suspension = [["2020-02", "2020-06"]] (first and last month of each window)',
        ) from e


def config_from_dict(d: dict[str, Any], where: str = "<config>") -> Config:
    unknown = set(d) - {"policy", "linking", "sources", "csv_encoding"}
    if unknown:
        raise ConfigError(
            f"配置文件中有不认识的部分：{', '.join(sorted(unknown))}",
            file=where,
            fix="可用的部分有 [policy]、[linking]、[[sources]] 和 csv_encoding",
            en=f"unknown sections in the config file: {', '.join(sorted(unknown))}",
            fix_en="valid sections are [policy], [linking], [[sources]] and csv_encoding",
        )
    policy = _policy_from(d.get("policy", {}), where)
    lk = d.get("linking", {})
    bad = set(lk) - _LINKING_FIELDS
    if bad:
        raise ConfigError(
            f"[linking] 中有不认识的参数：{', '.join(sorted(bad))}",
            file=where,
            fix=f"可用：{', '.join(sorted(_LINKING_FIELDS))}",
            en=f"unknown settings in [linking]: {', '.join(sorted(bad))}",
            fix_en=f"valid settings: {', '.join(sorted(_LINKING_FIELDS))}",
        )
    sources = []
    for i, s in enumerate(d.get("sources", []), start=1):
        bad = set(s) - _SOURCE_FIELDS
        if bad or "file" not in s:
            raise ConfigError(
                f"第 {i} 个 [[sources]] 写法不对"
                + (f"（不认识：{', '.join(sorted(bad))}）" if bad else "（缺少 file）"),
                file=where,
                fix='例如：[[sources]]\nfile = "残联*.xlsx"\nkind = "disability"\n[sources.columns]\n"持证人姓名" = "name"',
                en=f"[[sources]] number {i} is written wrongly"
                + (f" (unknown: {', '.join(sorted(bad))})" if bad else " (file is missing)"),
                fix_en='for example: [[sources]]\nfile = "残联*.xlsx"\nkind = "disability"\n[sources.columns]\n"持证人姓名" = "name"',
            )
        if s.get("kind") is not None and s["kind"] not in KINDS:
            raise ConfigError(
                f"[[sources]] 中的 kind = {s['kind']!r} 不是数据类别",
                file=where,
                fix=f"可用：{', '.join(KINDS)}",
                en=f"kind = {s['kind']!r} in [[sources]] is not a data kind",
                fix_en=f"valid kinds: {', '.join(KINDS)}",
            )
        sources.append(SourceMapping(**{**s, "columns": dict(s.get("columns", {}))}))
    return Config(
        policy=policy,
        linking=Linking(**lk),
        sources=tuple(sources),
        csv_encoding=d.get("csv_encoding"),
        path=where,
    )


def load_config(path: str | Path | None) -> Config:
    if path is None:
        return Config()
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise ConfigError(
            f"读不到配置文件：{e.strerror}",
            file=str(p),
            fix="检查 --config 给的路径",
            en=f"cannot read the config file: {e.strerror}",
            fix_en="check the path given to --config",
        ) from e
    try:
        d = tomllib.loads(raw.decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(
            f"配置文件不是合法的 TOML：{e}",
            file=str(p),
            fix="用 UTF-8 保存，按 configs/recon.toml 的样子书写",
            en=f"the config file is not valid TOML: {e}",
            fix_en="save it as UTF-8 and follow the layout of configs/recon.toml",
        ) from e
    return config_from_dict(d, where=str(p))
