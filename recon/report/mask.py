"""Masking personal data for outputs that leave the office (公示 lists, workbooks sent to towns).

ID numbers keep the region code and the last four characters (371521********123X); names keep their
first and last character (张*三, 张*). Free text (evidence sentences, related records, keys, issue values)
may quote IDs and names of any record, so it is scrubbed twice: every ID-like digit run by pattern, and
every name and ID value known to the run by literal replacement.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

import polars as pl

from recon.result import RunResult

_STARS = "*" * 64
# Free-text columns of the finding and issue schemas.
FREE_TEXT_COLUMNS = frozenset(
    {
        "evidence",
        "related",
        "key",
        "value",
        "reason",
        "exemption_reason",
        "exclusion_reason",
        "resolved_reason",
    }
)
_ID_COLUMNS = frozenset({"id_number", "id_raw", "id_clean", "head_id", "cert_number", "cert_id", "person_id"})
# Controlled vocabularies and places: nothing personal, and a short name must not garble a village name
# such as 王庄村 (towns also name the split workbooks).
_STRUCTURAL_COLUMNS = frozenset(
    {
        "rule",
        "severity",
        "source_kind",
        "kind",
        "level",
        "code",
        "column",
        "match_basis",
        "town",
        "village",
        "source_file",
        "source_sheet",
        "disability",
        "subsidy_type",
        "household_category",
        # the monthly cycle's controlled values
        "status",
        "first_seen",
        "overdue",
        "resolved_code",
        "verify_result",
        "deadline",
        "review_month",
    }
)
# Pattern passes, longest first, so a 20-character certificate number loses its embedded ID too.
_ID_PATTERNS = (
    (r"(\d{6})\d{8}(\d{3}[\dXx])", "${1}********${2}"),
    (r"(\d{6})\d{7}(\d{4})", "${1}*******${2}"),
    (r"(\d{6})\d{6}(\d{4})", "${1}******${2}"),
    (r"(\d{6})\d{5}(\d{4})", "${1}*****${2}"),
)
# Known values shorter than this are not replaced inside free text: "12" would hit every row number.
_MIN_LITERAL_ID = 6
_MIN_LITERAL_NAME = 2


def mask_id(value: str | None) -> str | None:
    """371521195001011234 -> 371521********1234; shorter or invalid values keep at most 2+2 characters."""
    if value is None:
        return None
    n = len(value)
    if n >= 15:
        return value[:6] + "*" * (n - 10) + value[-4:]
    if n >= 6:
        return value[:2] + "*" * (n - 4) + value[-2:]
    return "*" * n


def mask_name(value: str | None) -> str | None:
    """张三丰 -> 张*丰, 张三 -> 张*, 张 -> *."""
    if value is None or value == "":
        return value
    if len(value) == 1:
        return "*"
    if len(value) == 2:
        return value[0] + "*"
    return value[0] + "*" + value[-1]


def mask_id_expr(expr: pl.Expr) -> pl.Expr:
    """Vectorised `mask_id`."""
    n = expr.str.len_chars()
    stars = pl.lit(_STARS)
    return (
        pl.when(n >= 15)
        .then(pl.concat_str([expr.str.head(6), stars.str.head(n - 10), expr.str.tail(4)]))
        .when(n >= 6)
        .then(pl.concat_str([expr.str.head(2), stars.str.head(n - 4), expr.str.tail(2)]))
        .otherwise(stars.str.head(n))
    )


def mask_name_expr(expr: pl.Expr) -> pl.Expr:
    """Vectorised `mask_name`."""
    n = expr.str.len_chars()
    return (
        pl.when(n >= 3)
        .then(pl.concat_str([expr.str.head(1), pl.lit("*"), expr.str.tail(1)]))
        .when(n == 2)
        .then(pl.concat_str([expr.str.head(1), pl.lit("*")]))
        .when(n == 1)
        .then(pl.lit("*"))
        .otherwise(expr)
    )


def _literal_map(ids: Iterable[str | None], names: Iterable[str | None]) -> dict[str, str]:
    """Known values -> masked forms, longest first (replace_many with leftmost=True prefers earlier)."""
    out: dict[str, str] = {}
    for v in ids:
        if v and len(v) >= _MIN_LITERAL_ID:
            out[v] = mask_id(v) or ""
    for v in names:
        if v and len(v) >= _MIN_LITERAL_NAME and v not in out:
            out[v] = mask_name(v) or ""
    return dict(sorted(out.items(), key=lambda kv: (-len(kv[0]), kv[0])))


def scrub_text_expr(expr: pl.Expr, literals: dict[str, str]) -> pl.Expr:
    """Free text with known IDs/names and every ID-like digit run masked."""
    if literals:
        expr = expr.str.replace_many(list(literals), list(literals.values()), leftmost=True)
    for pattern, repl in _ID_PATTERNS:
        expr = expr.str.replace_all(pattern, repl)
    return expr


def _is_name_column(col: str) -> bool:
    # name_pinyin spells the name out in latin letters, so it is masked like a name
    return "name" in col or col in {"姓名"}


def _is_id_column(col: str) -> bool:
    return (
        col in _ID_COLUMNS or col.endswith("id_number") or col.endswith("id_raw") or col.endswith("id_clean")
    )


def mask_frame(
    df: pl.DataFrame, *, ids: Iterable[str | None] = (), names: Iterable[str | None] = ()
) -> pl.DataFrame:
    """Mask a findings, issues or candidates frame by column role.

    ID columns get `mask_id`, name columns `mask_name`, every other text column is scrubbed of the
    given known `ids`/`names` (plus the frame's own) and of ID-like digit runs. An issues frame's
    `value` is masked as a whole when its `column` says it holds an ID or a name.
    """
    # candidate lists (ambiguous links): mask each element by the column's role, then show as one text
    lists = {c: t for c, t in df.schema.items() if isinstance(t, pl.List)}
    if lists:

        def element(c: str) -> pl.Expr:
            e = pl.element().cast(pl.String)
            if _is_name_column(c):
                return mask_name_expr(e)
            if c.endswith(("ids", "id")):
                return mask_id_expr(e)
            return e

        df = df.with_columns(pl.col(c).list.eval(element(c)).list.join("；").alias(c) for c in lists)
    text_cols = [c for c, t in df.schema.items() if t == pl.String() and c not in lists]
    own_ids = [v for c in text_cols if _is_id_column(c) for v in df[c].drop_nulls().unique().to_list()]
    own_names = [
        v
        for c in text_cols
        if _is_name_column(c) and "pinyin" not in c
        for v in df[c].drop_nulls().unique().to_list()
    ]
    literals = _literal_map([*ids, *own_ids], [*names, *own_names])
    exprs: list[pl.Expr] = []
    for c in text_cols:
        col = pl.col(c)
        if _is_id_column(c):
            exprs.append(mask_id_expr(col).alias(c))
        elif _is_name_column(c):
            exprs.append(mask_name_expr(col).alias(c))
        elif c == "value" and "column" in df.columns:
            header = pl.col("column").fill_null("")
            id_like = header.str.contains("身份|证件|证号|号码|id_number|id_raw|head_id|cert")
            name_like = header.str.contains("姓名|户主|name")
            exprs.append(
                pl.when(id_like)
                .then(mask_id_expr(col))
                .when(name_like)
                .then(mask_name_expr(col))
                .otherwise(scrub_text_expr(col, literals))
                .alias(c)
            )
        elif c in _STRUCTURAL_COLUMNS:
            continue
        else:
            exprs.append(scrub_text_expr(col, literals).alias(c))
    return df.with_columns(exprs) if exprs else df


def _values(frames: list[pl.DataFrame], pick: Callable[[str], bool]) -> list[str]:
    out: set[str] = set()
    for df in frames:
        for c, t in df.schema.items():
            if t == pl.String() and pick(c):
                out.update(df[c].drop_nulls().unique().to_list())
    return sorted(out)


def mask_result(result: RunResult) -> RunResult:
    """A copy of `result` whose frames carry no full ID number or name (for --mask outputs)."""
    frames = [result.findings, result.exempted]
    cycle = {"resolved": result.resolved, "verified_excluded": result.verified_excluded}
    frames += [f for f in (result.ambiguous, result.links, *cycle.values()) if f is not None]
    ids = _values(frames, _is_id_column)
    names = _values(frames, lambda c: _is_name_column(c) and "pinyin" not in c)
    issue_vals = result.issues.filter(pl.col("column").fill_null("").str.contains("姓名|name"))["value"]
    # names and IDs of every input record: evidence may quote another record (Q2: "在 特困 名为 …")
    names = sorted({*names, *issue_vals.drop_nulls().to_list(), *result.personal_names})
    ids = sorted({*ids, *result.personal_ids})
    return dataclasses.replace(
        result,
        findings=mask_frame(result.findings, ids=ids, names=names),
        exempted=mask_frame(result.exempted, ids=ids, names=names),
        issues=mask_frame(result.issues, ids=ids, names=names),
        ambiguous=None if result.ambiguous is None else mask_frame(result.ambiguous, ids=ids, names=names),
        links=None if result.links is None else mask_frame(result.links, ids=ids, names=names),
        resolved=None if result.resolved is None else mask_frame(result.resolved, ids=ids, names=names),
        verified_excluded=None
        if result.verified_excluded is None
        else mask_frame(result.verified_excluded, ids=ids, names=names),
    )
