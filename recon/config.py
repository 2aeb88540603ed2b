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
from recon.model import KINDS, SUBSIDY_CARE, SUBSIDY_LIVING


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
        if k == "t1_disabilities":
            try:
                kw[k] = tuple(Disability(int(x["type"]), int(x["max_grade"])) for x in v)
            except (KeyError, TypeError, ValueError) as e:
                raise ConfigError(
                    "t1_disabilities 的写法不对",
                    file=where,
                    fix="写成 t1_disabilities = [{type = 5, max_grade = 3}, {type = 4, max_grade = 2}]",
                    en="t1_disabilities is written wrongly",
                    fix_en="write t1_disabilities = [{type = 5, max_grade = 3}, {type = 4, max_grade = 2}]",
                ) from e
        elif isinstance(v, list):
            kw[k] = tuple(v)
        else:
            kw[k] = v
    for prog in kw.get("living_subsidy_programmes", ()):
        if prog not in KINDS:
            raise ConfigError(
                f"living_subsidy_programmes 中的 {prog!r} 不是数据类别",
                file=where,
                fix=f"可用：{', '.join(KINDS)}",
                en=f"{prog!r} in living_subsidy_programmes is not a data kind",
                fix_en=f"valid kinds: {', '.join(KINDS)}",
            )
    return Policy(**kw)


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
