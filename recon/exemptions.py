"""The exemption list, a run input beside the rolls: ID + rule + reason rows that move findings to a separate list instead of the anomaly list.

Typical use: the signed agreements of single people who chose to stay on dibao (T1). Nothing is dropped:
an exempted finding is returned with its reason so the workbook can show it on its own sheet.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from recon.errors import ConfigError, ReconError
from recon.io.readers import read_file
from recon.kinds import header_key
from recon.model import FINDING_SCHEMA, issue_rows
from recon.normalize.ids import clean_id, convert15
from recon.rules.registry import RULES

ALL_RULES = "*"
EXEMPTION_SCHEMA: dict[str, pl.DataType] = {
    "id_number": pl.String(),
    "rule": pl.String(),
    "reason": pl.String(),
    "source_row": pl.Int64(),
}

_HEADERS: dict[str, tuple[str, ...]] = {
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证", "id_number", "id"),
    "rule": ("规则", "规则代码", "规则编号", "异常类型", "rule", "code"),
    "reason": ("原因", "豁免原因", "理由", "说明", "备注", "reason"),
}
_HEADER_SCAN_ROWS = 10  # a title row or two above the header is common


_HEADER_LOOKUP = {header_key(v): field for field, vs in _HEADERS.items() for v in vs}


def _as_18(idn: str | None) -> str | None:
    """A legacy 15-digit ID as the 18 characters findings are filed under (the rolls convert it too)."""
    return convert15(idn) if idn and len(idn) == 15 and idn.isascii() and idn.isdigit() else idn


def _cleaned(cell: object) -> str | None:
    """An ID or rule cell cleaned as the rolls' ID cells are (spaces, quotes, invisible characters, x)."""
    return None if cell is None else clean_id(str(cell))


def _read_raw(path: Path) -> list[list[str | None]]:
    """The cells of the list's first sheet, as text (the rolls' reader: any encoding or format they take)."""
    try:
        sheets = read_file(path, path.name)
    except ReconError as e:
        raise ConfigError(
            f"读不了豁免名单：{e.message}",
            file=str(path),
            fix=e.fix or "用 Excel 另存为 .xlsx 或 UTF-8 CSV",
            en=f"cannot read the exemption list: {e.en or e.message}",
            fix_en=e.fix_en or "save it from Excel as .xlsx or UTF-8 CSV",
        ) from e
    grid = sheets[0].load() if sheets else None
    if grid is None:
        return []
    return [[c if c != "" else None for c in row] for row in grid.iter_rows()]


def read_exemptions(path: Path | str) -> pl.DataFrame:
    """Exemption rows (id_number, rule, reason, source_row); every problem names the file, row and fix."""
    path = Path(path)
    if not path.exists():
        raise ConfigError(
            "找不到豁免名单",
            file=str(path),
            fix="检查 --exemptions 给的路径",
            en="the exemption list cannot be found",
            fix_en="check the path given to --exemptions",
        )
    rows = _read_raw(path)
    header_at, columns = None, {}
    for i, row in enumerate(rows[:_HEADER_SCAN_ROWS]):
        found = {_HEADER_LOOKUP.get(header_key(c)): j for j, c in enumerate(row)}
        found.pop(None, None)
        if {"id_number", "rule", "reason"} <= set(found):
            header_at, columns = i, found
            break
    if header_at is None:
        raise ConfigError(
            "豁免名单中找不到表头（需要 身份证号、规则、原因 三列）",
            file=str(path),
            fix=(
                "第一行写 身份证号,规则,原因，下面每行一条，"
                "例如 371521195001011234,T1,本人自愿签订协议继续享受低保"
            ),
            en="no header found in the exemption list (it needs the three columns 身份证号, 规则, 原因)",
            fix_en=(
                "write 身份证号,规则,原因 on the first line and one exemption per line below it, "
                "e.g. 371521195001011234,T1,本人自愿签订协议继续享受低保"
            ),
        )
    valid = {r.code for r in RULES}
    out: dict[str, list] = {c: [] for c in EXEMPTION_SCHEMA}
    for i, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        padded = [*row, *([None] * (max(columns.values()) + 1))]
        raw_rule = padded[columns["rule"]]
        idn, rule, reason = (
            _as_18(_cleaned(padded[columns["id_number"]])),
            _cleaned(raw_rule),
            padded[columns["reason"]],
        )
        reason = reason.strip() if reason else None
        if not idn and not rule and not reason:
            continue
        if not idn:
            raise ConfigError(
                "豁免行缺少身份证号",
                file=str(path),
                row=i,
                fix="填上身份证号，或删除这一行",
                en="the exemption row has no ID number",
                fix_en="fill in the ID number, or delete this row",
            )
        if rule != ALL_RULES and rule not in valid:
            raise ConfigError(
                f"豁免行的规则 {raw_rule!r} 不存在",
                file=str(path),
                row=i,
                fix=f"规则写规则代码（{'、'.join(sorted(valid))}），或写 * 表示所有规则",
                en=f"the rule {raw_rule!r} in the exemption row does not exist",
                fix_en=f"write a rule code ({', '.join(sorted(valid))}), or * for all rules",
            )
        if not reason:
            raise ConfigError(
                "豁免行没有写原因",
                file=str(path),
                row=i,
                fix="写明豁免原因，例如“本人自愿签订协议”",
                en="the exemption row gives no reason",
                fix_en="write the reason for the exemption, e.g. “本人自愿签订协议”",
            )
        out["id_number"].append(idn)
        out["rule"].append(rule)
        out["reason"].append(reason)
        out["source_row"].append(i)
    return pl.DataFrame(out, schema=EXEMPTION_SCHEMA)


def apply_exemptions(findings: pl.DataFrame, exemptions: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(kept, exempted): exempted rows carry `exemption_reason`; kept + exempted = findings."""
    f = findings.with_row_index("_order")
    ex = exemptions.select(
        pl.col("id_number").alias("_ex_id"),
        pl.col("rule").alias("_ex_rule"),
        pl.col("reason").alias("_reason"),
    )
    exact = f.join(
        ex.filter(pl.col("_ex_rule") != ALL_RULES),
        left_on=["id_number", "rule"],
        right_on=["_ex_id", "_ex_rule"],
        how="inner",
    )
    wildcard = f.join(
        ex.filter(pl.col("_ex_rule") == ALL_RULES).drop("_ex_rule"),
        left_on="id_number",
        right_on="_ex_id",
        how="inner",
    )
    # a specific exemption's reason wins over a blanket one; one reason per finding
    hits = pl.concat([exact.select("_order", "_reason"), wildcard.select("_order", "_reason")]).unique(
        subset="_order", keep="first", maintain_order=True
    )
    exempted = (
        f.join(hits, on="_order", how="inner")
        .sort("_order")
        .select(*FINDING_SCHEMA, pl.col("_reason").alias("exemption_reason"))
    )
    kept = f.join(hits, on="_order", how="anti").sort("_order").drop("_order")
    return kept, exempted


def unused_exemptions(findings: pl.DataFrame, exemptions: pl.DataFrame) -> pl.DataFrame:
    """Exemption rows that matched no finding this month (fixed, or a mistyped ID: the officer looks)."""
    f = findings.select("id_number", "rule")
    exact = exemptions.join(f, on=["id_number", "rule"], how="semi")
    wildcard = exemptions.filter(pl.col("rule") == ALL_RULES).join(f, on="id_number", how="semi")
    used = pl.concat([exact, wildcard]).select("source_row")
    return exemptions.join(used, on="source_row", how="anti")


def unused_exemption_issues(findings: pl.DataFrame, exemptions: pl.DataFrame, file: str) -> pl.DataFrame:
    """A data-quality warning for each exemption row that matched no finding (ISSUE_SCHEMA)."""
    unused = unused_exemptions(findings, exemptions)
    return issue_rows(
        unused,
        "warning",
        "exemption_unused",
        "豁免名单的这一行本月没有对应的疑点：可能已整改，也可能身份证号或规则写错，请核对",
        source_file=pl.lit(file),
        source_sheet=pl.lit(None, dtype=pl.String),
        source_row=pl.col("source_row"),
        column="身份证号",
        value=pl.concat_str([pl.col("id_number"), pl.lit(" "), pl.col("rule")]),
    )
