"""Planning a sheet before any data work: its header, kind and column mapping, and what makes it unusable
(one message per sheet a data officer can act on, with the config snippet that settles it)."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from recon.config import Config, SourceMapping
from recon.errors import InputError, ReconError
from recon.io.header import Header, detect_header
from recon.io.readers import RawSheet
from recon.kinds import (
    NON_FIELDS,
    SYNONYMS,
    classify,
    field_label,
    header_key,
    match_header,
    missing_required,
)
from recon.kinds.headers import EXACT, SEQ
from recon.load.households import MemberLayout, detect_member_layout
from recon.model import DIBAO, KIND_ZH, POVERTY, SourceStats
from recon.normalize.categories import subsidy_type_of_names

# kinds whose rows are members of households (members may be laid out per household row)
HOUSEHOLD_KINDS = (DIBAO, POVERTY)
# an amount header naming the household's amount (户月保障金额, 家庭月保障金, 户保障金)
_HOUSEHOLD_AMOUNT = re.compile(r"^(户|家庭|全户)")


@dataclass
class SheetPlan:
    raw: RawSheet
    stats: SourceStats
    header: Header | None = None
    kind: str | None = None
    columns: dict[int, str] = field(default_factory=dict)  # grid column index -> canonical field
    mapping: SourceMapping | None = None
    names: list[str] = field(default_factory=list)  # file/sheet/title texts that hint at the kind
    skip_reason: str | None = None  # a sheet that is not a table (empty, notes): all rows skipped
    row_text: pl.DataFrame | None = None  # text of the data rows without an ID (for rejected rows)
    members: MemberLayout | None = None  # a row per household: where its members are
    amount_household: bool = False  # the amount column holds the household's amount, not a member's
    ignored: bool = False  # the config says `ignore = true`
    duplicates: list[tuple[int, int, str]] = field(default_factory=list)  # (used col, unused col, field)


def mapping_for(rel: str, sheet: str | None, config: Config) -> SourceMapping | None:
    name = rel.rsplit("/", 1)[-1]
    for m in config.sources:
        if fnmatch.fnmatch(rel, m.file) or fnmatch.fnmatch(name, m.file):
            if m.sheet is None or m.sheet == sheet:
                return m
    return None


def plan_sheet(raw: RawSheet, config: Config, require_kind: bool = True) -> SheetPlan:
    stats = SourceStats(source_file=raw.display, source_sheet=raw.sheet, kind=None, path=str(raw.path))
    stats.rows_read = raw.grid.height
    plan = SheetPlan(raw=raw, stats=stats)
    m = mapping_for(raw.display, raw.sheet, config)
    plan.mapping = m
    if m is not None and m.ignore:
        plan.skip_reason = "配置文件要求忽略"
        plan.ignored = True
        return plan
    if raw.grid.height == 0 or raw.grid.width == 0:
        plan.skip_reason = "空工作表"
        return plan
    preview = raw.preview()
    header = detect_header(preview, m.header_row if m else None, raw.first_row)
    if header is None and m and m.columns:
        # the config names columns: take the row that holds most of them as the header
        wanted = {header_key(k) for k in m.columns}
        hits = [sum(1 for c in row if c and header_key(c) in wanted) for row in preview]
        if hits and max(hits) > 0:
            k = hits.index(max(hits))
            header = Header(k, k, ["" if c is None else str(c).strip() for c in preview[k]], max(hits))
    if header is None:
        plan.skip_reason = "找不到表头（前 30 行中没有一行含两个以上认识的列名）"
        return plan
    plan.header = header
    stats.header_row = raw.first_row + header.last
    titles = [str(c).strip() for row in preview[: header.first] for c in row if c and str(c).strip()]
    plan.names = [Path(raw.display).stem, raw.sheet or "", *titles]
    cls = classify(header.names, plan.names, m.kind if m else None, m.columns if m else None)
    plan.kind = cls.kind
    stats.kind = cls.kind
    stats.evidence = cls.evidence_text(cls.kind) if cls.kind else None
    stats.doubt = cls.doubt
    stats.runner_up = cls.runner_up
    index = {h: i for i, h in reversed(list(enumerate(header.names))) if h}
    mapped = {index[h]: f for h, f in cls.mapping.items() if h in index and f != SEQ}
    # the columns recognised only so that they are not taken for a field are shown, not read
    plan.columns = {i: f for i, f in mapped.items() if f not in NON_FIELDS}
    stats.columns = {header.names[i]: f for i, f in sorted(mapped.items())}
    if plan.kind in HOUSEHOLD_KINDS:
        data = raw.grid.slice(header.last + 1)
        plan.members = detect_member_layout(header.names, data, plan.columns)
    if plan.members is not None:
        plan.columns = {i: f for i, f in plan.columns.items() if i not in plan.members.columns}
        stats.problems.append(f"{plan.members.describe()}：每位成员读作一条记录")
    amount_col = next((i for i, f in plan.columns.items() if f == "monthly_amount"), None)
    plan.amount_household = plan.members is not None or (
        amount_col is not None and _HOUSEHOLD_AMOUNT.search(header_key(header.names[amount_col])) is not None
    )
    _note_duplicate_columns(plan)
    return plan


def _note_duplicate_columns(plan: SheetPlan) -> None:
    """Two columns naming one field (two 身份证号 columns): the one `map_headers` chose is used. When the
    other names the field as plainly, it is reported and rows where the two disagree become warnings;
    when it names it only loosely (户类型 beside 监测对象类别), the sheet's problems say which was used."""
    assert plan.header is not None
    names = plan.header.names
    used = {f: i for i, f in plan.columns.items()}
    explicit = {header_key(k): v for k, v in ((plan.mapping.columns or {}) if plan.mapping else {}).items()}
    for i, h in enumerate(names):
        if not h or i in plan.columns:
            continue
        if header_key(h) in explicit:
            fld, strength = explicit[header_key(h)], EXACT
        else:
            match = match_header(h)
            if match is None:
                continue
            fld, strength = match.field, match.strength
        if fld in NON_FIELDS or fld not in used:
            continue
        chosen = match_header(names[used[fld]])
        if chosen is not None and chosen.strength > strength and header_key(names[used[fld]]) not in explicit:
            plan.stats.problems.append(
                f"第 {i + 1} 列「{h}」也像{field_label(fld)}，使用了第 {used[fld] + 1} 列「{names[used[fld]]}」"
            )
            continue
        plan.duplicates.append((used[fld], i, fld))
    plan.stats.problems.extend(duplicate_problems(plan))


def duplicate_problems(plan: SheetPlan) -> list[str]:
    names = plan.header.names if plan.header else []
    return [
        f"有两列都是{field_label(fld)}：第 {j + 1} 列「{names[j]}」和第 {i + 1} 列「{names[i]}」；"
        f"使用第 {j + 1} 列，第 {i + 1} 列未读取（两列不一致的行已列入数据质量表）"
        for j, i, fld in plan.duplicates
    ]


def plan_error(plan: SheetPlan, require_kind: bool) -> ReconError | None:
    """What makes a planned sheet unusable, as one message a data officer can act on."""
    seen = [h for h in (plan.header.names if plan.header else []) if h]
    seen_text = "、".join(seen[:30]) or "（无）"
    if plan.header is None:
        return None
    if plan.kind is None:
        if not require_kind:
            fields = set(plan.columns.values())
            if "name" in fields or "id_number" in fields:
                return None
            return InputError(
                f"没有找到姓名或身份证号列。看到的列名：{seen_text}",
                file=plan.raw.display,
                sheet=plan.raw.sheet,
                fix="在配置文件中用 [[sources]] 的 columns 指明哪一列是姓名、哪一列是身份证号",
                en=f"no name or ID number column found. Headers seen: {seen_text}",
                fix_en="in the config file, use columns under [[sources]] to say which column is the name "
                "and which is the ID number",
            )
        return InputError(
            f"无法判断这是哪一类名册。看到的列名：{seen_text}",
            en=f"cannot tell which kind of roll this is. Headers seen: {seen_text}",
            fix_en='name its kind in the config file: [[sources]] file = "..." kind = "dibao" '
            "(dibao/tekun/disability/subsidy/cremation/poverty)",
            file=plan.raw.display,
            sheet=plan.raw.sheet,
            fix=(
                "在配置文件中加：\n[[sources]]\n"
                f'file = "{Path(plan.raw.display).name}"\n'
                'kind = "dibao"   # dibao/tekun/disability/subsidy/cremation/poverty 之一'
            ),
        )
    present = set(plan.columns.values()) | ({"name", "id_number"} if plan.members is not None else set())
    missing = missing_required(plan.kind, present)
    if missing:
        need = "；".join(
            "或".join(field_label(a) for a in alts.split("/"))
            + f"（如 {'、'.join(SYNONYMS.get(alts.split('/')[0], ())[:3])}）"
            for alts in missing
        )
        need_en = "; ".join(
            " or ".join(field_label(a) for a in alts.split("/"))
            + f" (e.g. {', '.join(SYNONYMS.get(alts.split('/')[0], ())[:3])})"
            for alts in missing
        )
        return InputError(
            f"识别为{KIND_ZH[plan.kind]}名册，但缺少必需的列：{need}。看到的列名：{seen_text}",
            file=plan.raw.display,
            sheet=plan.raw.sheet,
            en=f"recognised as a {plan.kind} roll, but required columns are missing: {need_en}. "
            f"Headers seen: {seen_text}",
            fix_en=(
                "name the columns in the config file, for example:\n[[sources]]\n"
                f'file = "{Path(plan.raw.display).name}"\n'
                f'kind = "{plan.kind}"\n[sources.columns]\n"header in the file" = "{missing[0].split("/")[0]}"'
            ),
            fix=(
                "在配置文件中指明列名，例如：\n[[sources]]\n"
                f'file = "{Path(plan.raw.display).name}"\n'
                f'kind = "{plan.kind}"\n[sources.columns]\n"表中的列名" = "{missing[0].split("/")[0]}"'
            ),
        )
    return None


def subsidy_hint(plan: SheetPlan) -> str | None:
    """The subsidy type of a sheet without a 补贴类别 column: from the config, else from its names."""
    if plan.mapping and plan.mapping.subsidy_type:
        return plan.mapping.subsidy_type
    return subsidy_type_of_names(plan.names)
