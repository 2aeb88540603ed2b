"""Masking personal data for outputs that leave the office (公示 lists, workbooks sent to towns).

The 公示 form of an ID number keeps the region code and the last four characters and hides the birth
date, digits 7–14: 371521********123X (a legacy 15-digit number: 371521******123). Six and four are
what a town needs to find the person on its own list (the region, and the sequence and check character
printed on the card), and what stays says no more than the county and the sex. Because the hidden part
*is* the birth date, a masked output never prints a birth date next to a masked ID: the age in whole
years stays, the date goes — from T1's evidence, from the sentences that explain a fuzzy link, from the
candidates of an ambiguous link, from every free text where a known birth date appears in any spelling.

Names keep their first and last character (张*三, 张*). Free text (evidence, related records, keys,
data-quality reasons, notices) may quote IDs, names, phone and account numbers of any record, so it is
scrubbed by literal replacement of every name and ID the run read, and by pattern for every ID-like,
account-like and phone-like digit run. Paths are reduced to file names: a folder can carry a person's
name.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import PurePath, PurePosixPath, PureWindowsPath
from typing import Any

import polars as pl

from recon.result import RunResult

_STARS = "*" * 64
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
# Pattern passes over free text, longest runs first: an ID inside a 20-character certificate number, a
# legacy 15-digit ID, then any other run of ten or more digits (bank and 一卡通 accounts, card numbers,
# mobile numbers: the last four stay), then phone numbers written with dashes and landlines.
_TEXT_PATTERNS = (
    (r"(\d{6})\d{8}(\d{3}[\dXx])", "${1}********${2}"),
    (r"(\d{6})\d{6}(\d{3})", "${1}******${2}"),
    (r"\d{6,15}(\d{4})", "****${1}"),  # also an 11-digit mobile number
    (r"(1[3-9]\d)[-－ ]\d{4}[-－ ](\d{4})", "${1}-****-${2}"),
    (r"(0\d{2,3})[-－ ]?\d{3,4}(\d{4})", "${1}-****${2}"),
)
# recon's own sentences that carry a birth date: the date goes, the sentence stays readable
_BIRTH_FRAGMENTS = (
    (r"[（(]\s*\d{4}-\d{2}-\d{2}\s*出生\s*[）)]", ""),
    (r"[，,]\s*\d{4}-\d{2}-\d{2}\s*出生", ""),
    (r"出生日期[（(][^）)]*[）)]", "出生日期"),
)
BIRTH_HIDDEN = "****-**-**"
# Known values shorter than this are not replaced inside free text: "12" would hit every row number.
_MIN_LITERAL_ID = 6
_MIN_LITERAL_NAME = 2


def mask_id(value: str | None) -> str | None:
    """371521195001011234 -> 371521********1234; 371521500101123 -> 371521******123; shorter or invalid
    values keep at most 2+2 characters."""
    if value is None:
        return None
    n = len(value)
    if n >= 18:
        return value[:6] + "*" * (n - 10) + value[-4:]
    if n >= 15:
        return value[:6] + "*" * (n - 9) + value[-3:]
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
        pl.when(n >= 18)
        .then(pl.concat_str([expr.str.head(6), stars.str.head(n - 10), expr.str.tail(4)]))
        .when(n >= 15)
        .then(pl.concat_str([expr.str.head(6), stars.str.head(n - 9), expr.str.tail(3)]))
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


def birth_spellings(ids: Iterable[str | None]) -> set[str]:
    """Every way a sentence may spell the birth dates inside these ID numbers (2020-03-05, 2020/3/5,
    2020.3.5, 2020年3月5日, 20200305 …)."""
    out: set[str] = set()
    for v in ids:
        if not v or not v[:6].isdigit():
            continue
        digits = v[6:14] if len(v) >= 18 else ("19" + v[6:12] if len(v) == 15 else "")
        try:
            d = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
        except ValueError:
            continue
        y, m, day = d.year, d.month, d.day
        out.update(
            {
                f"{y}-{m:02d}-{day:02d}",
                f"{y}/{m:02d}/{day:02d}",
                f"{y}.{m:02d}.{day:02d}",
                f"{y}/{m}/{day}",
                f"{y}.{m}.{day}",
                f"{y}-{m}-{day}",
                f"{y}年{m}月{day}日",
                f"{y}年{m:02d}月{day:02d}日",
                f"{y}{m:02d}{day:02d}",
            }
        )
    return out


def literal_map(
    ids: Iterable[str | None], names: Iterable[str | None], births: Iterable[str] = ()
) -> dict[str, str]:
    """Known values -> masked forms, longest first (replace_many with leftmost=True prefers earlier)."""
    out: dict[str, str] = {}
    for v in ids:
        if v and len(v) >= _MIN_LITERAL_ID:
            out[v] = mask_id(v) or ""
    for v in births:
        out.setdefault(v, BIRTH_HIDDEN)
    for v in names:
        if v and len(v) >= _MIN_LITERAL_NAME and v not in out:
            out[v] = mask_name(v) or ""
    return dict(sorted(out.items(), key=lambda kv: (-len(kv[0]), kv[0])))


def scrub_text_expr(expr: pl.Expr, literals: dict[str, str]) -> pl.Expr:
    """Free text with birth dates, known IDs/names, and ID-, account- and phone-like digit runs masked."""
    for pattern, repl in _BIRTH_FRAGMENTS:
        expr = expr.str.replace_all(pattern, repl)
    if literals:
        expr = expr.str.replace_many(list(literals), list(literals.values()), leftmost=True)
    for pattern, repl in _TEXT_PATTERNS:
        expr = expr.str.replace_all(pattern, repl)
    return expr


def scrub_text(text: str | None, literals: dict[str, str]) -> str | None:
    """`scrub_text_expr` for one Python string (notices, paths)."""
    if text is None:
        return None
    return pl.select(scrub_text_expr(pl.lit(text), literals)).item()


def _is_name_column(col: str) -> bool:
    # name_pinyin spells the name out in latin letters, so it is masked like a name
    return "name" in col or col in {"姓名"}


def _is_id_column(col: str) -> bool:
    return (
        col in _ID_COLUMNS or col.endswith("id_number") or col.endswith("id_raw") or col.endswith("id_clean")
    )


def mask_frame(
    df: pl.DataFrame,
    *,
    ids: Iterable[str | None] = (),
    names: Iterable[str | None] = (),
    births: Iterable[str] = (),
) -> pl.DataFrame:
    """Mask a findings, issues, candidates or match frame by column role.

    ID columns get `mask_id`, name columns `mask_name`, birth dates are dropped (set null), every other
    text column is scrubbed of the given known `ids`/`names`/`births` (plus the frame's own) and of
    ID-, account- and phone-like digit runs. An issues frame's `value` is masked as a whole when its
    `column` says it holds an ID, a name, a birth date or a phone or account number.
    """
    # the birth date is the masked part of an ID: it is printed nowhere next to one
    birth_cols = [c for c in df.columns if "birth" in c]
    if birth_cols:
        df = df.with_columns(pl.lit(None, dtype=df.schema[c]).alias(c) for c in birth_cols)
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
    all_ids = [*ids, *own_ids]
    literals = literal_map(all_ids, [*names, *own_names], {*births, *birth_spellings(all_ids)})
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
            birth_like = header.str.contains("出生")
            exprs.append(
                pl.when(birth_like)
                .then(pl.lit(BIRTH_HIDDEN))
                .when(id_like)
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


def file_name(path: str | None) -> str | None:
    """A path as its last part: a folder's name can carry a person's name (张三的名册/…)."""
    if not path:
        return path
    pure: PurePath = PureWindowsPath(path) if "\\" in path or ":" in path[:3] else PurePosixPath(path)
    return pure.name or path


def _masked_arguments(arguments: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in arguments.items():
        if k in ("input_dir", "out", "config", "exemptions", "previous"):
            out[k] = file_name(v) if isinstance(v, str) else v
        elif k == "reviewed":
            out[k] = [file_name(p) for p in v]
        else:
            out[k] = v
    return out


def mask_result(result: RunResult) -> RunResult:
    """A copy of `result` that carries no full ID number, name, birth date, phone or account number, nor a
    folder path (for --mask outputs)."""
    frames = [result.findings, result.exempted]
    cycle = {"resolved": result.resolved, "verified_excluded": result.verified_excluded}
    frames += [f for f in (result.ambiguous, result.links, *cycle.values()) if f is not None]
    ids = _values(frames, _is_id_column)
    names = _values(frames, lambda c: _is_name_column(c) and "pinyin" not in c)
    issue_vals = result.issues.filter(pl.col("column").fill_null("").str.contains("姓名|name"))["value"]
    # names and IDs of every input record: evidence may quote another record (Q2: "在 特困 名为 …")
    names = sorted({*names, *issue_vals.drop_nulls().to_list(), *result.personal_names})
    ids = sorted({*ids, *result.personal_ids})
    births = birth_spellings(ids)
    literals = literal_map(ids, names, births)

    def mask(df: pl.DataFrame | None) -> pl.DataFrame | None:
        return None if df is None else mask_frame(df, ids=ids, names=names, births=births)

    def text(value: str | None) -> str | None:
        return scrub_text(value, literals)

    issues = mask(result.issues)
    assert issues is not None
    # a reviewed workbook's rows name it by its full path
    issues = issues.with_columns(
        pl.col("source_file").str.replace(r"[/\\]+$", "").str.replace(r"^.*[/\\]", "")
    )
    return dataclasses.replace(
        result,
        findings=mask_frame(result.findings, ids=ids, names=names, births=births),
        exempted=mask_frame(result.exempted, ids=ids, names=names, births=births),
        issues=issues,
        ambiguous=mask(result.ambiguous),
        links=mask(result.links),
        resolved=mask(result.resolved),
        verified_excluded=mask(result.verified_excluded),
        arguments=_masked_arguments(result.arguments),
        sources=[
            dataclasses.replace(s, path=file_name(s.path) or "", problems=[text(p) or "" for p in s.problems])
            for s in result.sources
        ],
        notices=[
            dataclasses.replace(
                n, message=text(n.message) or "", fix=text(n.fix), message_en=text(n.message_en)
            )
            for n in result.notices
        ],
        not_read=[
            dataclasses.replace(f, reason=text(f.reason) or "", fix=text(f.fix)) for f in result.not_read
        ],
    )
