"""What a person should look at before trusting a run's lists: the self-checks that expose a misreading.

- a file recon could not use (the run went on without it);
- a sheet whose kind recon hesitated over, naming both kinds, the evidence for each and the config lines
  that settle it;
- a kind a file's name promises that none of its sheets was taken for;
- a rule skipped for lack of a source while a file's name suggests that source;
- a roll that links to almost nothing, or a subsidy roll whose recipients mostly hold no certificate;
- households whose declared size differs from the members found (counted; each is in 数据质量).
None of these stops a run: they are shown at the top of 汇总, in the terminal and in summary.json.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from recon.kinds import SPECS, config_line
from recon.link.shares import link_shares
from recon.load import LoadResult
from recon.load.checks import HOUSEHOLD_SIZE_MISMATCH
from recon.model import CREMATION, KIND_ZH, FileNotRead, Notice, SourceStats
from recon.rules.base import Rule

# a word in a file name this strong names the kind by itself (catalog name words of this weight or more)
_PROMISE = 3.0
MIN_RECORDS = 30  # fewer records than this say little about a share
LOW_SHARE = 0.01
LOW_CERTIFIED = 0.5
# a cremation register links to a roll only where an assisted person died: a low share is normal
_NATURALLY_APART = frozenset({CREMATION})


def promised_kinds(name: str) -> list[str]:
    """Kinds a file name names by a strong word (生活补贴 -> subsidy, 火化 -> cremation)."""
    stem = Path(name).stem
    return [s.kind for s in SPECS if any(w >= _PROMISE and word in stem for word, w in s.name_words.items())]


def unread_notices(not_read: list[FileNotRead]) -> list[Notice]:
    return [
        Notice(
            code="file_unread",
            message=f"未读取：{f.reason}（本次比对没有用到它，规则结果可能不全）",
            fix=f.fix,
            file=f.path,
            sheet=f.sheet,
            message_en=f"not read: {f.reason_en or f.reason} (this run did not use it; rule results may be incomplete)",
            fix_en=f.fix_en,
        )
        for f in not_read
        if f.unread
    ]


def kind_notices(stats: list[SourceStats]) -> list[Notice]:
    out: list[Notice] = []
    # one notice per file and decision: a workbook with a sheet per town hesitates the same way on each
    doubts: dict[tuple[str, str, str | None], list[SourceStats]] = {}
    for s in stats:
        if s.kind is not None and s.doubt:
            doubts.setdefault((s.source_file, s.kind, s.runner_up), []).append(s)
    for (file, kind, runner_up), sheets in doubts.items():
        name = Path(file).name
        where = "、".join(s.source_sheet for s in sheets if s.source_sheet) or None
        out.append(
            Notice(
                code="kind_doubt",
                message=f"识别为{KIND_ZH[kind]}名册，但{sheets[0].doubt}",
                fix="如识别有误，在配置文件中写明类别：\n" + config_line(name, runner_up or kind),
                file=file,
                sheet=where,
                message_en=f"taken for a {kind} roll, but the evidence is close or conflicting",
                fix_en="if this is wrong, name the kind in the config file:\n"
                + config_line(name, runner_up or kind),
            )
        )
    by_file: dict[str, set[str]] = {}
    for s in stats:
        by_file.setdefault(s.source_file, set()).update([s.kind] if s.kind else [])
    for file, kinds in by_file.items():
        promised = promised_kinds(file)
        # 机动车登记信息（低保核对）: a file of one kind that its name names is not broken by the other word
        if len(kinds) == 1 and kinds & set(promised):
            continue
        for kind in promised:
            if kind in kinds or not kinds:
                continue
            got = "、".join(KIND_ZH[k] for k in sorted(kinds))
            out.append(
                Notice(
                    code="kind_promised",
                    message=f"文件名像{KIND_ZH[kind]}名册，但没有一个工作表被识别为{KIND_ZH[kind]}（识别为：{got}）",
                    fix="核对 recon inspect 的识别结果；如确是"
                    + KIND_ZH[kind]
                    + "名册，在配置文件中写：\n"
                    + config_line(Path(file).name, kind),
                    file=file,
                    message_en=f"the file name suggests a {kind} roll, but no sheet was taken for one",
                    fix_en="check `recon inspect`; if it is one, write in the config file:\n"
                    + config_line(Path(file).name, kind),
                )
            )
    return out


def rule_notices(
    skipped_rules: list[tuple[str, str]],
    missing_kinds: dict[str, list[str]],
    stats: list[SourceStats],
    not_read: list[FileNotRead],
) -> list[Notice]:
    """Rules skipped for lack of a source while a file's name suggests that source (one notice per
    source kind, naming every rule it stopped)."""
    files = {s.source_file for s in stats} | {f.path for f in not_read if f.unread}
    stopped: dict[str, list[str]] = {}
    for code, _why in skipped_rules:
        for kind in missing_kinds.get(code, []):
            stopped.setdefault(kind, []).append(code)
    out = []
    for kind, codes in stopped.items():
        suggesting = sorted(f for f in files if kind in promised_kinds(f))
        if not suggesting:
            continue
        out.append(
            Notice(
                code="rule_source_suggested",
                message=f"规则 {'、'.join(codes)} 因缺少{KIND_ZH[kind]}数据未运行，但 {'、'.join(suggesting)} 的名称像{KIND_ZH[kind]}名册",
                fix="用 recon inspect 查看这个文件被识别成了什么；如确是"
                + KIND_ZH[kind]
                + "名册，在配置文件中写：\n"
                + config_line(Path(suggesting[0]).name, kind),
                file=suggesting[0],
                message_en=f"rules {', '.join(codes)} were not run for lack of {kind} data, but "
                f"{', '.join(suggesting)} looks like one by name",
            )
        )
    return out


def share_notices(stats: list[SourceStats], kinds_present: set[str]) -> list[Notice]:
    """Rolls that link to almost nothing (possibly misread), and subsidy rolls mostly off the
    certificate roll."""
    out: list[Notice] = []
    if len(kinds_present) < 2:
        return out
    for s in stats:
        if s.kind is None or s.link_share is None or s.records < MIN_RECORDS:
            continue
        if s.kind not in _NATURALLY_APART and s.link_share < LOW_SHARE:
            out.append(
                Notice(
                    code="low_link_share",
                    message=f"{KIND_ZH[s.kind]}名册的 {s.records} 条记录中只有 {s.link_share:.1%} 能与其他名册对上：可能读错了列（身份证号列？）、识别错了类别，或不是本县本月的文件",
                    fix="用 recon inspect 核对这个文件的列对应和类别",
                    file=s.source_file,
                    sheet=s.source_sheet,
                    message_en=f"only {s.link_share:.1%} of the {s.records} records of this {s.kind} roll link to another roll: possibly misread",
                    fix_en="check its columns and kind with `recon inspect`",
                )
            )
        if s.to_disability is not None and "disability" in kinds_present and s.to_disability < LOW_CERTIFIED:
            out.append(
                Notice(
                    code="subsidy_uncertified",
                    message=f"两项补贴名册中只有 {s.to_disability:.1%} 的人在残疾人证名册中：可能读错了列或类别，或残疾人证名册不全",
                    fix="用 recon inspect 核对两个名册的列对应；补贴对象应持有残疾人证",
                    file=s.source_file,
                    sheet=s.source_sheet,
                    message_en=f"only {s.to_disability:.1%} of this subsidy roll's recipients are on the certificate roll",
                )
            )
    return out


def household_notices(issues: pl.DataFrame) -> list[Notice]:
    counts = (
        issues.filter(pl.col("code") == HOUSEHOLD_SIZE_MISMATCH)
        .group_by("source_file", maintain_order=True)
        .len()
    )
    return [
        Notice(
            code=HOUSEHOLD_SIZE_MISMATCH,
            message=f"{n} 户的声明人数（保障人数/家庭人口数）与名册列出的成员数不同（逐户见“数据质量”）：成员可能漏登，或户的版式读错了",
            fix="核对这些户；声明多于列出的户不作为单人户判断 T1",
            file=file,
            message_en=f"{n} households declare another number of members than the roll lists (each in 数据质量)",
        )
        for file, n in counts.iter_rows()
    ]


def attach_link_shares(stats: list[SourceStats], linked: pl.DataFrame) -> None:
    """Each source's share of records that link to another source (a self-check shown in inspect and
    说明, and a notice when a roll links to almost nothing)."""
    if linked.height == 0:
        return
    shares = {(r["source_file"], r["source_sheet"]): r for r in link_shares(linked).iter_rows(named=True)}
    for s in stats:
        row = shares.get((s.source_file, s.source_sheet))
        if row is not None:
            s.link_share, s.to_disability = row["linked"], row["to_disability"]


def run_notices(loaded: LoadResult, skipped: list[tuple[str, str]], rules: list[Rule]) -> list[Notice]:
    """Every self-check of this run that a person should see first (recon/notices.py)."""
    missing = {r.code: r.missing_kinds(loaded.kinds) for r in rules}
    return [
        *unread_notices(loaded.not_read),
        *kind_notices(loaded.stats),
        *rule_notices(skipped, missing, loaded.stats, loaded.not_read),
        *share_notices(loaded.stats, loaded.kinds),
        *household_notices(loaded.issues),
    ]
