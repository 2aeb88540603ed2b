"""From a folder of agency files to one frame of normalised records, with every row accounted for.

Stages inside: discover files -> read sheets as text -> find headers and kinds (all files first, so
every unusable file is reported together before any work) -> classify rows (data / blank / title /
totals / notes) -> map columns -> normalise -> records. Each input row ends up used, rejected with a
reason, or skipped with a reason; `SourceStats.balanced()` holds for every sheet.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from recon.config import Config, SourceMapping
from recon.errors import InputError, InputErrors, ReconError
from recon.io.hashing import sha256_file
from recon.io.header import Header, detect_header
from recon.io.readers import SUPPORTED_SUFFIXES, RawSheet, read_file
from recon.kinds import REQUIRED, SYNONYMS, classify, field_for_header, header_key, missing_required
from recon.model import (
    CREMATION,
    ID_MISSING,
    KIND_ZH,
    KINDS,
    POVERTY_LIFTED,
    POVERTY_MARGINAL,
    POVERTY_SUDDEN,
    POVERTY_UNSTABLE,
    RECORD_SCHEMA,
    SUBSIDY,
    SUBSIDY_CARE,
    SUBSIDY_LIVING,
    USABLE_ID_STATUSES,
    SourceStats,
    empty_issues,
    issue_rows,
)
from recon.normalize.amounts import parse_amount_expr
from recon.normalize.certificates import add_cert_columns, parse_disability_type_expr, parse_grade_expr
from recon.normalize.dates import parse_date_expr, parse_month_expr
from recon.normalize.ids import add_id_columns
from recon.normalize.names import add_name_columns
from recon.result import InputFile

# "合计", "小计：", and per-village subtotals such as "中冯海村小计"
_TOTALS = r"^\s*(合\s*计|小\s*计|总\s*计|共\s*计|累\s*计)|(合\s*计|小\s*计|总\s*计)\s*[:：]?\s*$"
_NOTES = r"(制表|填表|审核人|负责人|联系电话|说明[:：]|注[:：]|备注[:：]|填报单位|单位[:：]|日期[:：]|盖章)"
_TOWN_IN_ADDRESS = r"([\p{Han}]{1,8}?(?:街道|镇|乡))"
LONG_CELL = 500  # characters: no name, ID, place or amount is this long; a pasted note or a broken export is


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
    duplicates: list[tuple[int, int, str]] = field(default_factory=list)  # (used col, unused col, field)


@dataclass
class LoadResult:
    records: pl.DataFrame
    issues: pl.DataFrame
    stats: list[SourceStats]
    inputs: list[InputFile]
    ignored: list[tuple[str, str]] = field(default_factory=list)  # files not read: (file, reason)

    @property
    def kinds(self) -> set[str]:
        return set(self.records.get_column("kind").unique().to_list()) if self.records.height else set()


# ---------------------------------------------------------------------------------------------------
# discovery
# ---------------------------------------------------------------------------------------------------
def discover_files(input_dir: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """Data files under input_dir; names starting with "_" or "." and Excel lock files are not inputs
    (the sample's answer file lives in `_answers/`)."""
    if not input_dir.is_dir():
        raise InputError(
            "输入目录不存在",
            file=str(input_dir),
            fix="检查 INPUT_DIR 路径",
            en="the input folder does not exist",
            fix_en="check the INPUT_DIR path",
        )
    files, ignored = [], []
    for p in sorted(input_dir.rglob("*")):
        rel = p.relative_to(input_dir)
        if any(part.startswith(("_", ".", "~$")) for part in rel.parts):
            continue
        if not p.is_file():
            continue
        if p.suffix.lower() in SUPPORTED_SUFFIXES:
            files.append(p)
        else:
            ignored.append((rel.as_posix(), f"不是表格文件（{p.suffix or '无扩展名'}），未读取"))
    return files, ignored


def _mapping_for(rel: str, sheet: str | None, config: Config) -> SourceMapping | None:
    name = rel.rsplit("/", 1)[-1]
    for m in config.sources:
        if fnmatch.fnmatch(rel, m.file) or fnmatch.fnmatch(name, m.file):
            if m.sheet is None or m.sheet == sheet:
                return m
    return None


# ---------------------------------------------------------------------------------------------------
# planning: header, kind, columns (no data work yet)
# ---------------------------------------------------------------------------------------------------
def _where(plan: SheetPlan) -> dict[str, str | None]:
    return {"file": plan.raw.display, "sheet": plan.raw.sheet}


def plan_sheet(raw: RawSheet, config: Config, require_kind: bool = True) -> SheetPlan:
    stats = SourceStats(source_file=raw.display, source_sheet=raw.sheet, kind=None, path=str(raw.path))
    stats.rows_read = raw.grid.height
    plan = SheetPlan(raw=raw, stats=stats)
    m = _mapping_for(raw.display, raw.sheet, config)
    plan.mapping = m
    if m is not None and m.ignore:
        plan.skip_reason = "配置文件要求忽略"
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
    index = {h: i for i, h in reversed(list(enumerate(header.names))) if h}
    plan.columns = {index[h]: f for h, f in cls.mapping.items() if h in index and f != "seq"}
    stats.columns = {header.names[i]: f for i, f in sorted(plan.columns.items())}
    _note_duplicate_columns(plan)
    return plan


def field_label(fld: str) -> str:
    """The common Chinese header for a canonical field, for messages."""
    names = SYNONYMS.get(fld)
    return names[0] if names else fld


def _note_duplicate_columns(plan: SheetPlan) -> None:
    """Two columns naming one field (two 身份证号 columns): the first is used, as `map_headers` decides;
    the other is reported, and rows where the two disagree become warnings in load_sheet."""
    assert plan.header is not None
    used = {f: i for i, f in plan.columns.items()}
    explicit = {header_key(k): v for k, v in ((plan.mapping.columns or {}) if plan.mapping else {}).items()}
    for i, h in enumerate(plan.header.names):
        if not h or i in plan.columns:
            continue
        fld = explicit.get(header_key(h)) or field_for_header(h)
        if fld is None or fld == "seq" or fld not in used:
            continue
        plan.duplicates.append((used[fld], i, fld))
    plan.stats.problems.extend(_duplicate_problems(plan))


def _duplicate_problems(plan: SheetPlan) -> list[str]:
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
                **_where(plan),
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
            **_where(plan),
            fix=(
                "在配置文件中加：\n[[sources]]\n"
                f'file = "{Path(plan.raw.display).name}"\n'
                'kind = "dibao"   # dibao/tekun/disability/subsidy/cremation/poverty 之一'
            ),
        )
    missing = missing_required(plan.kind, set(plan.columns.values()))
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
            **_where(plan),
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


# ---------------------------------------------------------------------------------------------------
# rows: classify and normalise
# ---------------------------------------------------------------------------------------------------
def _issue_frame(
    df: pl.DataFrame,
    level: str,
    code: str,
    reason: pl.Expr | str,
    plan: SheetPlan | None,
    column: str | None = None,
    value: pl.Expr | None = None,
) -> pl.DataFrame:
    """Issue rows for the rows of `df`; without a plan, df carries source_file/source_sheet itself."""
    return issue_rows(
        df,
        level,
        code,
        reason,
        source_file=pl.lit(plan.raw.display) if plan else pl.col("source_file"),
        source_sheet=pl.lit(plan.raw.sheet, dtype=pl.String) if plan else pl.col("source_sheet"),
        source_row=pl.col("source_row"),
        column=column,
        value=value,
    )


def _subsidy_from_text(e: pl.Expr) -> pl.Expr:
    return (
        pl.when(e.str.contains("护理"))
        .then(pl.lit(SUBSIDY_CARE))
        .when(e.str.contains("生活"))
        .then(pl.lit(SUBSIDY_LIVING))
        .otherwise(pl.lit(None, dtype=pl.String))
    )


def _poverty_category(e: pl.Expr) -> pl.Expr:
    return (
        pl.when(e.str.contains("不稳定"))
        .then(pl.lit(POVERTY_UNSTABLE))
        .when(e.str.contains("边缘"))
        .then(pl.lit(POVERTY_MARGINAL))
        .when(e.str.contains("突发"))
        .then(pl.lit(POVERTY_SUDDEN))
        .when(e.str.contains("脱贫"))
        .then(pl.lit(POVERTY_LIFTED))
        .otherwise(e)
    )


def _text(e: pl.Expr) -> pl.Expr:
    s = e.str.replace_all(r"[\s\u3000\u200b-\u200f\ufeff]+", "")
    return pl.when(s == "").then(None).otherwise(s)


def _subsidy_hint(plan: SheetPlan) -> str | None:
    joined = " ".join(plan.names)
    if plan.mapping and plan.mapping.subsidy_type:
        return plan.mapping.subsidy_type
    has_care, has_living = "护理" in joined, "生活补贴" in joined
    if has_care != has_living:
        return SUBSIDY_CARE if has_care else SUBSIDY_LIVING
    return None


def load_sheet(plan: SheetPlan, today: dt.date) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(records without rec_id, issues) for one planned sheet."""
    return _load_plans([plan], today)


def _sheet_rows(plan: SheetPlan, index: int) -> tuple[pl.DataFrame | None, list[pl.DataFrame]]:
    """Classify one sheet's rows and pick its mapped cells out as raw text fields (no parsing yet).

    Parsing happens once for all sheets together (`_normalise`): a county workbook has a sheet per
    town, and normalising each small sheet on its own costs more in fixed overhead than in work.
    """
    raw, stats = plan.raw, plan.stats
    stats.rows_read = raw.load().height
    grid = raw.grid.with_row_index("__i").with_columns(
        (pl.col("__i").cast(pl.Int64) + raw.first_row).alias("source_row")
    )
    if plan.header is None:
        issues = _issue_frame(
            grid,
            "skipped",
            "not_a_table",
            plan.skip_reason or "未识别的工作表",
            plan,
            value=pl.concat_str(
                [pl.col(c) for c in raw.grid.columns], separator=" ", ignore_nulls=True
            ).str.slice(0, 200),
        )
        stats.rows_skipped = grid.height
        stats.problems.append(plan.skip_reason or "未识别的工作表")
        return None, [issues]
    h = plan.header
    # Most rows are plain data: past the header, with a digit in the ID cell. Only the rest (blank IDs,
    # titles, totals, notes, repeated headers) are classified cell by cell, which at a province's 10
    # million rows would otherwise be the most expensive step of loading.
    id_cols = [i for i, f in plan.columns.items() if f == "id_number"]
    plain = pl.col("__i") > h.last
    plain = plain & (
        pl.col(f"c{id_cols[0]}").str.contains(r"\d").fill_null(False) if id_cols else pl.lit(False)
    )
    cells = [pl.col(c) for c in raw.grid.columns]
    stripped = [c.str.strip_chars() for c in cells]
    nonblank = pl.sum_horizontal([(s.str.len_chars() > 0).fill_null(False).cast(pl.Int32) for s in stripped])
    header_cells = h.names
    same_as_header = pl.sum_horizontal(
        [
            (s == header_cells[i]).fill_null(False).cast(pl.Int32) if header_cells[i] else pl.lit(0)
            for i, s in enumerate(stripped)
        ]
    )
    n_header = sum(1 for x in header_cells if x)
    joined = pl.concat_str(stripped, separator=" ", ignore_nulls=True)
    key_cols = [i for i, f in plan.columns.items() if f in ("name", "id_number")]
    key_nonblank = pl.sum_horizontal(
        [(stripped[i].str.len_chars() > 0).fill_null(False).cast(pl.Int32) for i in key_cols] or [pl.lit(0)]
    )
    status = (
        pl.when(pl.col("__i") < h.first)
        .then(pl.lit("title_row"))
        .when(pl.col("__i") <= h.last)
        .then(pl.lit("header_row"))
        .when(nonblank == 0)
        .then(pl.lit("blank_row"))
        .when(pl.any_horizontal([s.str.contains(_TOTALS).fill_null(False) for s in stripped]))
        .then(pl.lit("totals_row"))
        .when(same_as_header >= max(2, n_header // 2))
        .then(pl.lit("repeated_header"))
        .when((nonblank == 1) & (key_nonblank == 0))
        .then(pl.lit("note_row"))
        .when((key_nonblank == 0) & joined.str.contains(_NOTES))
        .then(pl.lit("note_row"))
        .otherwise(pl.lit("data"))
    )
    grid = grid.with_columns(plain.alias("__plain"))
    suspects = grid.filter(~pl.col("__plain")).select(
        "__i", "source_row", status.alias("__status"), joined.str.slice(0, 200).alias("__joined")
    )
    reasons = {
        "title_row": "表头上方的标题行",
        "header_row": "表头行",
        "blank_row": "空行",
        "totals_row": "合计/小计行",
        "repeated_header": "重复的表头行",
        "note_row": "表尾说明或分段标题（不含姓名、身份证号）",
    }
    issue_parts = []
    for code, reason in reasons.items():
        part = suspects.filter(pl.col("__status") == code)
        issue_parts.append(_issue_frame(part, "skipped", code, reason, plan, value=pl.col("__joined")))
    stats.rows_skipped = int(suspects.filter(pl.col("__status") != "data").height)
    # the text of data rows without an ID, kept aside: the rejected among them are listed with it
    plan.row_text = suspects.filter(pl.col("__status") == "data").select(
        pl.lit(index, dtype=pl.Int32).alias("__sheet"), "__i", "__joined"
    )
    keep = pl.col("__plain") | pl.col("__i").is_in(plan.row_text["__i"].implode())
    # numeric-stored ID cells, read only for the ID columns (a second, narrow read)
    id_numeric = {}
    for i, f in plan.columns.items():
        if f in ("id_number", "head_id", "cert_number"):
            flags = raw.numeric_flags(i)
            if flags is None and raw.typed:
                dtype = list(raw.typed.values())[i]
                if dtype.is_float():
                    flags = pl.Series([True] * raw.grid.height)
            if flags is not None:
                id_numeric[f] = flags
    if id_numeric:
        grid = grid.with_columns([s.alias(f"__num_{f}") for f, s in id_numeric.items()])
    # lazily, so that only the mapped columns of the data rows are copied (a province file's unmapped
    # columns and its skipped rows are never duplicated)
    data = grid.lazy().filter(keep)

    fields = {f: pl.col(f"c{i}") for i, f in plan.columns.items()}

    def fld(name: str) -> pl.Expr:
        return fields.get(name, pl.lit(None, dtype=pl.String))

    kind = plan.kind
    hint = _subsidy_hint(plan) if kind == SUBSIDY else None
    base = data.select(
        pl.lit(index, dtype=pl.Int32).alias("__sheet"),
        pl.lit(hint, dtype=pl.String).alias("__hint"),
        pl.lit(kind).alias("kind"),
        pl.lit(raw.display).alias("source_file"),
        pl.lit(raw.sheet, dtype=pl.String).alias("source_sheet"),
        pl.col("source_row"),
        pl.col("__i"),
        fld("id_number").alias("id_raw"),
        (pl.col("__num_id_number") if "id_number" in id_numeric else pl.lit(False)).alias("__id_numeric"),
        fld("head_id").alias("head_id_raw"),
        (pl.col("__num_head_id") if "head_id" in id_numeric else pl.lit(False)).alias("__head_numeric"),
        fld("name").alias("name_raw"),
        _text(fld("head_name")).alias("head_name"),
        fld("birth_date").alias("__birth"),
        fld("gender").alias("__gender"),
        _text(fld("town")).alias("town"),
        _text(fld("village")).alias("village"),
        _text(fld("household_id")).alias("household_id"),
        _text(fld("relation")).alias("relation"),
        fld("household_size").str.extract(r"(\d+)").cast(pl.Int64, strict=False).alias("household_size"),
        _text(fld("area_type")).alias("__area"),
        fld("start_month").alias("__start"),
        fld("monthly_amount").alias("__amount"),
        _text(fld("support_mode")).alias("__support"),
        _text(fld("self_care")).alias("self_care"),
        fld("cert_number").alias("cert_number"),
        fld("disability_type").alias("__dtype"),
        fld("disability_grade").alias("__dgrade"),
        _text(fld("subsidy_type")).alias("__subsidy"),
        fld("death_date").alias("__death"),
        fld("cremation_date").alias("__cremation"),
        fld("address").str.strip_chars().alias("address"),
        _text(fld("poverty_category")).alias("__category"),
        fld("income_per_capita").alias("__income"),
        fld("risk").str.strip_chars().alias("risk"),
    ).collect()
    issue_parts.extend(_cell_warnings(plan, data))
    return base, issue_parts


def _normalise(
    base: pl.DataFrame, row_text: pl.DataFrame, today: dt.date
) -> tuple[pl.DataFrame, pl.Expr, pl.DataFrame, pl.DataFrame]:
    """Parse and normalise the raw fields of every sheet at once.

    Returns (all rows, the mask of rows used, issues, per-sheet counts). The rows are not filtered here:
    a filtered copy of every temporary column is the largest allocation of a province-sized load.
    """
    lf = base.lazy()
    lf = add_id_columns(lf, raw="id_raw", stored_numeric="__id_numeric", today=today)
    lf = add_id_columns(lf, raw="head_id_raw", stored_numeric="__head_numeric", prefix="head_", today=today)
    lf = add_name_columns(lf, raw="name_raw")
    lf = add_cert_columns(lf, raw="cert_number")
    lf = lf.with_columns(
        # DOMAIN order: the ID's date when the ID is usable, else a birth-date column, else the digits
        # that survived in a damaged or mistyped ID
        pl.coalesce(
            pl.when(pl.col("id_status").is_in(list(USABLE_ID_STATUSES))).then(pl.col("id_birth_date")),
            parse_date_expr(pl.col("__birth")),
            pl.col("id_birth_date"),
        ).alias("birth_date"),
        pl.coalesce(
            pl.col("id_gender"),
            pl.when(pl.col("__gender").str.contains("女"))
            .then(pl.lit("女"))
            .when(pl.col("__gender").str.contains("男"))
            .then(pl.lit("男")),
        ).alias("gender"),
        pl.coalesce(pl.col("head_id_number"), pl.col("head_id_clean")).alias("head_id"),
        pl.when(pl.col("__area").str.contains("城"))
        .then(pl.lit("城市"))
        .when(pl.col("__area").str.contains("农|乡|村"))
        .then(pl.lit("农村"))
        .otherwise(pl.col("__area"))
        .alias("area_type"),
        parse_month_expr(pl.col("__start")).alias("start_month"),
        parse_amount_expr(pl.col("__amount")).alias("monthly_amount"),
        pl.when(pl.col("__support").str.contains("集中"))
        .then(pl.lit("集中"))
        .when(pl.col("__support").str.contains("分散"))
        .then(pl.lit("分散"))
        .otherwise(pl.col("__support"))
        .alias("support_mode"),
        pl.coalesce(parse_disability_type_expr(pl.col("__dtype")), pl.col("cert_type")).alias(
            "disability_type"
        ),
        pl.coalesce(parse_grade_expr(pl.col("__dgrade")), pl.col("cert_grade")).alias("disability_grade"),
        pl.when(pl.col("kind") == SUBSIDY)
        .then(pl.coalesce(_subsidy_from_text(pl.col("__subsidy")), pl.col("__hint")))
        .otherwise(pl.lit(None, dtype=pl.String))
        .alias("subsidy_type"),
        parse_date_expr(pl.col("__death")).alias("death_date"),
        parse_date_expr(pl.col("__cremation")).alias("cremation_date"),
        _poverty_category(pl.col("__category")).alias("poverty_category"),
        parse_amount_expr(pl.col("__income")).alias("income_per_capita"),
        parse_date_expr(pl.col("__birth")).is_null().alias("__birth_unparsed"),
    ).with_columns(
        pl.coalesce(
            pl.col("town"),
            pl.col("address")
            .str.replace(r"^.*?省", "")
            .str.replace(r"^.*?市", "")
            .str.replace(r"^.*?[县区]", "")
            .str.extract(_TOWN_IN_ADDRESS, 1),
        ).alias("town"),
    )
    df = lf.collect()

    # rejected: a row that names no one
    no_one = pl.col("name").is_null() & (pl.col("id_status") == ID_MISSING)
    rejected = df.filter(no_one).join(row_text, on=["__sheet", "__i"], how="left")
    parts = [
        _issue_frame(
            rejected,
            "rejected",
            "no_name_no_id",
            "既没有姓名也没有身份证号，无法使用",
            None,
            column=None,
            value=pl.col("__joined"),
        )
    ]
    used = ~no_one

    def given(src: str) -> pl.Expr:
        return pl.col(src).str.strip_chars().str.len_chars().fill_null(0).gt(0)

    # warnings: rows used, but an officer should know. Every test is evaluated in one pass over the
    # batch and only the rows that fail one are kept: a filter of the whole batch per test cost more
    # than the rest of normalising together.
    warnings: list[tuple[pl.Expr, str, pl.Expr | str, str, pl.Expr | None]] = [
        (
            pl.col("id_status") == ID_MISSING,
            "id_missing",
            "身份证号空白，只能按姓名+出生日期+乡镇关联",
            "身份证号",
            None,
        ),
        (
            pl.col("id_region_known").not_(),
            "region_unknown",
            pl.format(
                "身份证号前6位 {} 不在行政区划代码表中（旧代码仍然有效，仅提示）",
                pl.col("id_number").str.slice(0, 6),
            ),
            "身份证号",
            pl.col("id_number"),
        ),
    ]
    for src, bad_expr, label in (
        ("__birth", given("__birth") & pl.col("__birth_unparsed"), "出生日期"),
        ("__death", given("__death") & pl.col("death_date").is_null(), "死亡日期"),
        ("__cremation", given("__cremation") & pl.col("cremation_date").is_null(), "火化日期"),
        ("__start", given("__start") & pl.col("start_month").is_null(), "保障起始年月"),
    ):
        warnings.append((bad_expr, "bad_date", f"{label}无法识别，按空白处理", label, pl.col(src)))
    for out, label in (("death_date", "死亡日期"), ("cremation_date", "火化日期")):
        warnings.append(
            (
                pl.col(out) > pl.lit(today),
                "future_date",
                f"{label}晚于今天，请核对",
                label,
                pl.col(out).cast(pl.String),
            )
        )
    for src, out, label in (
        ("__amount", "monthly_amount", "金额"),
        ("__income", "income_per_capita", "人均纯收入"),
    ):
        warnings.append(
            (
                given(src) & pl.col(out).is_null(),
                "bad_amount",
                f"{label}无法识别，按空白处理",
                label,
                pl.col(src),
            )
        )
        warnings.append((pl.col(out) < 0, "negative_amount", f"{label}为负数，请核对", label, pl.col(src)))
    warnings.append(
        (
            (pl.col("kind") == SUBSIDY) & pl.col("subsidy_type").is_null(),
            "subsidy_unknown",
            "无法判断补贴类别（生活补贴/护理补贴），该行不参与 S 类规则",
            "补贴类别",
            pl.col("__subsidy"),
        )
    )
    flags = [f"__warn{i}" for i in range(len(warnings))]
    flagged = (
        df.lazy()
        .with_columns(
            [(used & cond).fill_null(False).alias(f) for f, (cond, *_) in zip(flags, warnings, strict=True)]
        )
        .filter(pl.any_horizontal(flags))
        .collect()
    )
    for f, (_, code, reason, label, value) in zip(flags, warnings, strict=True):
        parts.append(
            _issue_frame(flagged.filter(pl.col(f)), "warning", code, reason, None, column=label, value=value)
        )
    counts = pl.concat(
        [
            rejected.group_by("__sheet").agg(pl.len().alias("n"), pl.lit("__rejected").alias("what")),
            df.select("__sheet", "id_status", used.alias("__used"))
            .filter("__used")
            .group_by("__sheet", "id_status")
            .agg(pl.len().alias("n"))
            .rename({"id_status": "what"}),
            flagged.filter(pl.col(flags[-1]))  # the subsidy_unknown test, last of the warnings
            .group_by("__sheet")
            .agg(pl.len().alias("n"), pl.lit("__subsidy_unknown").alias("what")),
        ],
        how="diagonal_relaxed",
    )
    issues = pl.concat([p for p in parts if p.height] or [empty_issues()], how="vertical")
    return df, used, issues, counts


# Rows normalised together. Large enough that a county's many small sheets share one pass, small enough
# that a province file's temporary columns never all exist at once.
BATCH_ROWS = 1_000_000

_NO_TEXT = {"__sheet": pl.Int32, "__i": pl.UInt32, "__joined": pl.String}


def _records_of(
    base: pl.DataFrame, row_text: pl.DataFrame, today: dt.date, drop: frozenset[str] = frozenset()
) -> tuple[pl.DataFrame, ...]:
    """(records without the columns in `drop`, issues, counts) of one batch of raw rows."""
    df, used, issues, counts = _normalise(base, row_text, today)
    records = (
        df.lazy()
        .filter(used)
        .select(
            [
                pl.col(c).cast(t) if c in df.columns else pl.lit(None, dtype=t).alias(c)
                for c, t in RECORD_SCHEMA.items()
                if c != "rec_id" and c not in drop
            ]
        )
        .collect()
    )
    return records, issues, counts


def _load_plans(
    plans: list[SheetPlan], today: dt.date, drop: frozenset[str] = frozenset()
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Records (without rec_id) and issues of planned sheets, with each sheet's row accounting.

    Sheets are read, cut into batches and normalised one after another, so at any time only one file's
    raw cells, one batch's temporary columns and the records made so far are in memory.
    """
    # Sheets of one kind are loaded together, so each kind's records form one contiguous block of the
    # frame (in file order within the kind) and the rule stage can take a kind as a slice, not a copy.
    kind_rank = {k: i for i, k in enumerate(KINDS)}
    plans = sorted(plans, key=lambda p: kind_rank.get(p.kind or "", len(kind_rank)))
    issue_parts: list[pl.DataFrame] = []
    texts: list[pl.DataFrame] = []
    record_parts: list[pl.DataFrame] = []
    count_parts: list[pl.DataFrame] = []
    pending: list[pl.DataFrame] = []
    pending_rows = 0
    columns = [c for c in RECORD_SCHEMA if c not in drop]

    def flush() -> None:
        nonlocal pending_rows
        if not pending:
            return
        batch = pl.concat(pending, how="vertical")
        pending.clear()
        pending_rows = 0
        row_text = pl.concat(texts) if texts else pl.DataFrame(schema=_NO_TEXT)
        records, issues, counts = _records_of(batch, row_text, today, drop)
        # numbered per part: a rec_id column added to the concatenated frame would not share its
        # chunking and would make polars copy every column (4.5 GB at a province's 10M rows)
        offset = sum(p.height for p in record_parts)
        records = records.with_columns(
            (pl.int_range(pl.len(), dtype=pl.Int64) + offset).alias("rec_id")
        ).select(columns)
        record_parts.append(records)
        issue_parts.append(issues)
        count_parts.append(counts)

    for i, plan in enumerate(plans):
        base, issues = _sheet_rows(plan, i)
        issue_parts.extend(issues)
        # the sheet's cells are in `base` now; the grid would only hold memory until the run ends
        plan.raw.grid = plan.raw.grid.clear()
        if base is None:
            continue
        if plan.row_text is not None:
            texts.append(plan.row_text)
        for start in range(0, base.height, BATCH_ROWS):
            part = base.slice(start, BATCH_ROWS)
            pending.append(part)
            pending_rows += part.height
            if pending_rows >= BATCH_ROWS:
                flush()
        del base
    flush()
    counts = (
        pl.concat(count_parts, how="vertical_relaxed").group_by("__sheet", "what").agg(pl.col("n").sum())
        if count_parts
        else pl.DataFrame(schema={"__sheet": pl.Int32, "what": pl.String, "n": pl.UInt32})
    )
    per_sheet: dict[int, dict[str, int]] = {}
    for sheet, what, n in counts.select("__sheet", "what", "n").iter_rows():
        per_sheet.setdefault(sheet, {})[what] = n
    for i, plan in enumerate(plans):
        if plan.header is None:
            continue
        c = per_sheet.get(i, {})
        stats = plan.stats
        stats.rows_rejected = c.pop("__rejected", 0)
        unknown = c.pop("__subsidy_unknown", 0)
        stats.id_status_counts = c
        stats.rows_used = sum(c.values())
        if unknown:
            stats.problems.append(f"{unknown} 行无法判断补贴类别（生活补贴/护理补贴）")
        if stats.rows_used == 0:
            problem = "没有可用的数据行（只有表头，或每行都被剔除/跳过）"
            stats.problems.append(problem)
            issue_parts.append(_sheet_issue(plan, "no_data_rows", problem))
    records = (
        _one_chunk(record_parts)
        if record_parts
        else pl.DataFrame(schema={c: RECORD_SCHEMA[c] for c in columns})
    )
    issues = pl.concat([p for p in issue_parts if p.height] or [empty_issues()], how="vertical")
    return records, issues


def _one_chunk(parts: list[pl.DataFrame]) -> pl.DataFrame:
    """The parts stacked into one chunk per column, emptying `parts`.

    One chunk per column, because the later stages add columns and polars would otherwise re-copy the
    whole frame at each of them. Copied column by column, each column's parts released as soon as it is
    copied: a whole-frame rechunk holds the parts and the copy at once (twice the records' memory).
    """
    columns = {c: [p.get_column(c) for p in parts] for c in parts[0].columns}
    parts.clear()
    out = []
    for name in list(columns):
        out.append(pl.concat(columns.pop(name)).rechunk())
    return pl.DataFrame(out)


def _sheet_issue(plan: SheetPlan, code: str, reason: str, column: str | None = None) -> pl.DataFrame:
    """A warning about a whole sheet, placed on its header row so the 数据质量 sheet shows it."""
    row = plan.stats.header_row
    return _issue_frame(
        pl.DataFrame({"source_row": [row]}, schema={"source_row": pl.Int64}),
        "warning",
        code,
        reason,
        plan,
        column=column,
    )


def _cell_warnings(plan: SheetPlan, data: pl.LazyFrame) -> list[pl.DataFrame]:
    """Warnings about cells of data rows (rejected rows included: the officer fixes the file either way)."""
    assert plan.header is not None
    names = plan.header.names
    out = [
        _sheet_issue(plan, "duplicate_column", problem, column=names[dup])
        for (_u, dup, _f), problem in zip(plan.duplicates, _duplicate_problems(plan), strict=True)
    ]
    for used, dup, _fld in plan.duplicates:
        a, b = pl.col(f"c{used}").str.strip_chars(), pl.col(f"c{dup}").str.strip_chars()
        differs = (a.is_null() | (a != b)).fill_null(True)
        differ = data.filter((b.str.len_chars() > 0).fill_null(False) & differs).collect()
        out.append(
            _issue_frame(
                differ,
                "warning",
                "duplicate_column_differs",
                f"第 {used + 1} 列「{names[used]}」和第 {dup + 1} 列「{names[dup]}」的值不一致，"
                f"使用了第 {used + 1} 列的值",
                plan,
                column=names[dup],
                value=pl.col(f"c{dup}").str.slice(0, 200),
            )
        )
    for i, fld in plan.columns.items():
        c = pl.col(f"c{i}")
        long = data.filter(c.str.len_chars().fill_null(0) > LONG_CELL).collect()
        out.append(
            _issue_frame(
                long,
                "warning",
                "long_cell",
                pl.format(
                    "{}内容异常地长（{} 个字符），请核对原表", pl.lit(field_label(fld)), c.str.len_chars()
                ),
                plan,
                column=names[i],
                value=c.str.slice(0, 200),
            )
        )
    if plan.raw.formulas:
        cells = pl.DataFrame(
            {
                "__i": [x.row for x in plan.raw.formulas],
                "__col": [x.col for x in plan.raw.formulas],
                "__formula": [x.formula for x in plan.raw.formulas],
            },
            schema={"__i": data.collect_schema()["__i"], "__col": pl.Int64, "__formula": pl.String},
        )
        # one pass per column that holds formulas (a handful at most)
        for i in sorted(set(cells.filter(pl.col("__col").is_between(0, len(names) - 1))["__col"].to_list())):
            hit = data.join(cells.filter(pl.col("__col") == i).lazy(), on="__i").collect()
            shown = pl.col(f"c{i}").fill_null("（空）").str.slice(0, 100)
            out.append(
                _issue_frame(
                    hit,
                    "warning",
                    "formula_cell",
                    pl.format(
                        "单元格是公式 {}，按文件中保存的结果「{}」读取（recon 不计算公式），请核对",
                        pl.col("__formula").str.slice(0, 200),
                        shown,
                    ),
                    plan,
                    column=names[i] or f"第 {i + 1} 列",
                    value=pl.col("__formula").str.slice(0, 200),
                )
            )
    return out


def _unify_towns(records: pl.DataFrame) -> pl.DataFrame:
    """'阿城' and '阿城镇' written by two agencies are one town: map a bare name to its suffixed form when
    exactly one suffixed form exists in this run (the set of towns is small, so plain Python is fine)."""
    towns = [t for t in records.get_column("town").unique().to_list() if t]
    full = set(towns)
    fix = {}
    for t in towns:
        if t.endswith(("镇", "乡", "街道", "办事处")):
            continue
        cands = [t + s for s in ("镇", "乡", "街道") if t + s in full]
        if len(cands) == 1:
            fix[t] = cands[0]
    if not fix:
        return records
    return records.with_columns(pl.col("town").replace(fix))


def load_paths(
    paths: list[Path],
    config: Config | None = None,
    *,
    base: Path | None = None,
    require_kind: bool = True,
    today: dt.date | None = None,
    drop: Collection[str] = (),
) -> LoadResult:
    """Load the files; `drop` names RECORD_SCHEMA columns not to keep (see RUN_UNUSED)."""
    config = config or Config()
    today = today or dt.date.today()
    errors: list[ReconError] = []
    plans: list[SheetPlan] = []
    inputs: list[InputFile] = []
    for p in paths:
        display = p.relative_to(base).as_posix() if base and p.is_relative_to(base) else p.name
        try:
            sheets = read_file(p, display, config.csv_encoding)
        except ReconError as e:
            errors.append(e)
            continue
        inputs.append(InputFile(path=display, size=p.stat().st_size, sha256=sha256_file(p)))
        file_plans = [plan_sheet(s, config, require_kind) for s in sheets]
        file_errors = [e for e in (plan_error(fp, require_kind) for fp in file_plans) if e]
        usable = [fp for fp in file_plans if fp.header is not None]
        if not usable and not file_errors:
            seen = "；".join(f"{fp.raw.sheet or '表'}：{fp.skip_reason}" for fp in file_plans) or "文件是空的"
            file_errors.append(
                InputError(
                    f"文件中没有可用的名册（{seen}）",
                    file=display,
                    en=f"no usable roll in the file ({seen})",
                    fix_en=(
                        "make sure this is a roll to compare; the header should have columns such as 姓名 and 身份证号. "
                        "If the header is unusual, set header_row and columns in the config"
                    ),
                    fix=(
                        "确认这是要比对的名册；表头应含“姓名”“身份证号”等列名。"
                        "若表头写法特殊，在配置中用 header_row 和 columns 指明"
                    ),
                )
            )
        errors.extend(file_errors)
        plans.extend(file_plans)
    if errors:
        raise errors[0] if len(errors) == 1 else InputErrors(errors)

    records, issues = _load_plans(plans, today, frozenset(drop))
    records = _unify_towns(records)
    return LoadResult(records=records, issues=issues, stats=[p.stats for p in plans], inputs=inputs)


def load_folder(
    input_dir: Path,
    config: Config | None = None,
    *,
    today: dt.date | None = None,
    drop: Collection[str] = (),
) -> LoadResult:
    files, ignored = discover_files(input_dir)
    if not files:
        raise InputError(
            "输入目录中没有 .xlsx/.xls/.csv/.parquet 文件",
            file=str(input_dir),
            fix="把各部门的名册放进这个目录再运行",
            en="the input folder holds no .xlsx/.xls/.csv/.parquet file",
            fix_en="put the month's rolls into this folder and run again",
        )
    result = load_paths(files, config, base=input_dir, today=today, drop=drop)
    result.ignored = ignored
    return result


__all__ = [
    "LoadResult",
    "SheetPlan",
    "discover_files",
    "load_folder",
    "load_paths",
    "plan_sheet",
    "REQUIRED",
    "CREMATION",
]
