"""Households as counties lay them out, turned into one record per member with the household's cells.

Four layouts beside the plain one (a row per member, every household cell filled):
- **merged cells**: 户编号, 户主, 保障人数, 月保障金 merged vertically over the member rows (the value is in
  the first row only): the merged range's value is given to every row it covers (`fill_merged`);
- **folded**: no merge records, but the 户主 cells blank on member rows whose 与户主关系 is not 户主/本人:
  such a row belongs to the household above, within the sheet and village, never across a blank or
  totals row or a new 户编号 (`fold_households`);
- **members side by side**: one row per household with 成员1姓名, 成员1身份证号 … (`MemberLayout.slots`);
- **members in one cell**: 家庭成员姓名 "张三，李四" with 家庭成员身份证号 "…，…", or "张三 4114…；李四 4114…"
  (`MemberLayout.cells`).
A household row of the last two becomes a record for the 户主 (when the row names one) and one for each
member not the 户主 (`expand_members`). Where the amount is the household's (a merged, folded or per-row
household cell, or a header such as 户月保障金额), the records say so (`amount_household`), so money is
never counted once per member.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import polars as pl

from recon.io.merges import MergedRange
from recon.kinds import header_key, match_header

# 与户主关系 values that name the head himself
HEAD_RELATIONS = ("户主", "本人", "户主本人", "主申请人", "申请人")
# the raw household fields a member row takes from its household (names as in `rows.sheet_rows`)
HOUSEHOLD_FIELDS = (
    "household_id",
    "head_name",
    "__head_name_raw",
    "head_id_raw",
    "__head_numeric",
    "household_size",
    "__amount",
    "__area",
    "__start",
    "town",
    "village",
)
_IDENTITY = ("household_id", "head_name", "head_id_raw")
_SLOT_RE = re.compile(r"^(?:家庭)?(?:成员|人员)([0-9]{1,2}|[一二三四五六七八九十]{1,3})(.+)$")
_TRAILING_SLOT_RE = re.compile(r"^(.+?)([0-9]{1,2})$")
_MEMBERS_HEADER = re.compile(r"成员|家庭|家属成员|其他")
_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
_SLOT_FIELDS = ("name", "id_number", "relation", "gender", "birth_date")
_SEP = r"[；;，,、|/\n]+"
_SEP_OR_SPACE = r"[；;，,、|/\n\s\u3000]+"
# an ID number inside a list cell, valid or not: a long run of digits, or a float rendering (4.11421E+17)
_ID_TOKEN = r"([0-9０-９]{15,}[XxＸｘ]?|[0-9]\.[0-9]+[Ee]\+?[0-9]+)"


@dataclass
class MemberLayout:
    """Where a household row names its members: numbered slots, or one or two cells of lists."""

    slots: list[dict[str, int]] = field(default_factory=list)  # per member: field -> grid column
    names_col: int | None = None  # a cell listing member names
    ids_col: int | None = None  # a cell listing member ID numbers
    pairs_col: int | None = None  # a cell listing "name ID" pairs

    @property
    def columns(self) -> set[int]:
        cols = {c for s in self.slots for c in s.values()}
        return cols | {c for c in (self.names_col, self.ids_col, self.pairs_col) if c is not None}

    def describe(self) -> str:
        if self.slots:
            return f"每户一行，成员并排（{len(self.slots)} 组成员列）"
        return "每户一行，成员列在同一单元格中"


def _slot_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if all(c in _NUMERALS for c in text):
        if text == "十":
            return 10
        return sum(_NUMERALS[c] for c in text) if len(text) > 1 and text[0] == "十" else _NUMERALS[text[-1]]
    return None


def _slot_field(rest: str) -> str | None:
    m = match_header(rest)
    return m.field if m and m.field in _SLOT_FIELDS else None


def _slots(names: list[str]) -> list[dict[str, int]]:
    found: dict[int, dict[str, int]] = {}
    for i, h in enumerate(names):
        k = header_key(h)
        m = _SLOT_RE.match(k)
        number, fld = (None, None)
        if m:
            number, fld = _slot_number(m.group(1)), _slot_field(m.group(2))
        else:
            t = _TRAILING_SLOT_RE.match(k)
            if t:
                number, fld = int(t.group(2)), _slot_field(t.group(1))
        if number is not None and fld is not None:
            found.setdefault(number, {}).setdefault(fld, i)
    slots = [found[n] for n in sorted(found) if "name" in found[n] or "id_number" in found[n]]
    return slots if len(slots) >= 2 else []


def _list_rows(column: pl.Series) -> tuple[int, int, int]:
    """(rows listing several IDs, rows listing several names, rows naming both a person and an ID)."""
    text = column.cast(pl.String)
    n_ids = text.str.count_matches(_ID_TOKEN).fill_null(0)
    n_tokens = (
        text.str.replace_all(_SEP, "\x1f").str.strip_chars("\x1f").str.count_matches("\x1f").fill_null(-1) + 1
    )
    han = text.str.contains(r"[\u4e00-\u9fff]").fill_null(False)
    several_ids = int((n_ids >= 2).sum())
    several_names = int(((n_tokens >= 2) & (n_ids == 0) & han).sum())
    both = int(((n_ids >= 1) & han).sum())
    return several_ids, several_names, both


def detect_member_layout(
    names: list[str], data: pl.DataFrame, columns: dict[int, str]
) -> MemberLayout | None:
    """The member layout of a household sheet, or None for a row per member.

    `columns` is the planned mapping (grid column -> field); `data` the sheet's rows below the header.
    A column that lists members in two or more rows is a member list.
    """
    slots = _slots(names)
    if slots:
        return MemberLayout(slots=slots)
    layout = MemberLayout()
    for col, fld in columns.items():
        if fld not in ("name", "id_number") or col >= data.width:
            continue
        several_ids, several_names, both = _list_rows(data.get_column(data.columns[col]))
        # a header that names members needs one row listing several; any other column two
        enough = 1 if _MEMBERS_HEADER.search(header_key(names[col])) else 2
        if both >= enough and several_ids + several_names >= 1:
            layout.pairs_col = col
        elif fld == "id_number" and several_ids >= enough:
            layout.ids_col = col
        elif fld == "name" and several_names >= enough:
            layout.names_col = col
    if layout.pairs_col is None and layout.names_col is None and layout.ids_col is None:
        return None
    if layout.pairs_col is None:
        # a list of names goes with the ID column beside it, and the other way round
        partner = {"name": "names_col", "id_number": "ids_col"}
        for col, fld in columns.items():
            if (
                fld in partner
                and getattr(layout, partner[fld]) is None
                and _MEMBERS_HEADER.search(header_key(names[col]))
            ):
                setattr(layout, partner[fld], col)
    return layout


def fill_merged(
    grid: pl.DataFrame, merges: list[MergedRange], first_data: int, row_offset: int
) -> tuple[pl.DataFrame, dict[int, int]]:
    """The grid with each vertical merged range's value in every row it covers (data rows only).

    `first_data` is the grid index of the first data row; `row_offset` the sheet row of grid row 0
    (0-based). Returns the grid and, per grid column, how many cells were filled.
    """
    spans = [
        (m.col0, m.row0 - row_offset, m.row1 - row_offset)
        for m in merges
        if m.vertical and m.row0 - row_offset >= first_data and f"c{m.col0}" in grid.columns
    ]
    if not spans:
        return grid, {}
    rows = (
        pl.DataFrame({"col": [s[0] for s in spans], "r0": [s[1] for s in spans], "r1": [s[2] for s in spans]})
        .filter(pl.col("r1") < grid.height)
        .with_columns(pl.int_ranges(pl.col("r0") + 1, pl.col("r1") + 1).alias("row"))
        .explode("row")
    )
    filled: dict[int, int] = {}
    updates = []
    for (col,), part in rows.group_by("col", maintain_order=True):
        name = f"c{int(col)}"  # the grid's cell columns are c0, c1 … whatever else the frame carries
        anchor = pl.int_range(grid.height, dtype=pl.Int64, eager=True).scatter(part["row"], part["r0"])
        source = grid.get_column(name)
        value = source.gather(anchor)
        updates.append(pl.when(source.is_null()).then(value).otherwise(source).alias(name))
        filled[int(col)] = int((source.is_null() & value.is_not_null()).sum())
    return grid.with_columns(updates), {c: n for c, n in filled.items() if n}


def fold_households(base: pl.DataFrame) -> tuple[pl.DataFrame, int]:
    """Member rows with blank 户主 cells take their household's cells from the household above.

    `base` holds one sheet's data rows (raw fields of `rows.sheet_rows`, in sheet order). Returns the
    rows and how many were folded into the household above. Needs a 与户主关系 column and at least one
    household column; without them every row stays as it is.
    """
    present = [c for c in _IDENTITY if base.get_column(c).null_count() < base.height]
    if not present or base.get_column("relation").null_count() == base.height or base.height < 2:
        return base, 0
    blank = pl.all_horizontal(pl.col(c).is_null() for c in present)
    rel = pl.col("relation")
    head_rel = rel.is_in(list(HEAD_RELATIONS)) | rel.str.contains("户主")
    adjacent = (pl.col("__i") - pl.col("__i").shift(1)) == 1
    village = pl.col("village")
    same_village = (village == village.shift(1)) | village.is_null() | village.shift(1).is_null()
    start = (~blank | rel.is_null() | head_rel | ~adjacent | ~same_village).fill_null(True)
    marked = base.with_columns(start.alias("__start_hh")).with_columns(
        pl.col("__start_hh").cum_sum().alias("__block")
    )
    folded = int((~marked.get_column("__start_hh")).sum())
    if not folded:
        return base, 0
    member = ~pl.col("__start_hh")
    fills = [
        pl.when(member & pl.col(c).is_null())
        .then(pl.col(c).first().over("__block"))
        .otherwise(pl.col(c))
        .alias(c)
        for c in HOUSEHOLD_FIELDS
        if c in base.columns
    ]
    return marked.with_columns(fills).drop("__start_hh", "__block"), folded


def _clean_id_text(e: pl.Expr) -> pl.Expr:
    return e.str.replace_all(r"[\s\u3000'’]", "").str.to_uppercase()


def expand_members(base: pl.DataFrame, layout: MemberLayout) -> tuple[pl.DataFrame, list[tuple[int, str]]]:
    """One record per member of each household row: the 户主 (when the row names one) and each member.

    Returns the records (household fields repeated, `__member` numbering the members of a row) and,
    per row whose name and ID lists differ in length, (grid row, what differs).
    """
    head = base.filter(
        pl.col("__head_name_raw").is_not_null() | pl.col("head_id_raw").is_not_null()
    ).with_columns(
        pl.col("__head_name_raw").alias("name_raw"),
        pl.col("head_id_raw").alias("id_raw"),
        pl.col("__head_numeric").alias("__id_numeric"),
        pl.lit("户主").alias("relation"),
        pl.lit(0, dtype=pl.Int32).alias("__member"),
    )
    mismatched: list[tuple[int, str]] = []
    if layout.slots:
        parts = []
        for k in range(1, len(layout.slots) + 1):
            parts.append(
                base.with_columns(
                    pl.col(f"__m{k}_name").alias("name_raw"),
                    pl.col(f"__m{k}_id").alias("id_raw"),
                    pl.col(f"__m{k}_num").alias("__id_numeric"),
                    pl.col(f"__m{k}_rel").alias("relation"),
                    pl.lit(k, dtype=pl.Int32).alias("__member"),
                ).filter(pl.col("name_raw").is_not_null() | pl.col("id_raw").is_not_null())
            )
        members = pl.concat(parts, how="vertical") if parts else base.clear()
    else:
        if layout.pairs_col is not None:
            tokens = pl.col("__cell_pairs").str.replace_all(_SEP, "\x1f").str.split("\x1f")
            lists = base.with_columns(tokens.alias("__tokens")).with_columns(
                # "张三 4114…": the name is what comes before the first digit, the ID number the rest
                pl.col("__tokens")
                .list.eval(pl.element().str.extract(r"([0-9０-９].*)$", 1).str.strip_chars())
                .alias("__ids"),
                pl.col("__tokens")
                .list.eval(
                    pl.element()
                    .str.extract(r"^([^0-9０-９]*)", 1)
                    .str.replace_all(r"[\s\u3000（）()：:]", "")
                )
                .alias("__names"),
            )
        else:
            ids = (
                pl.col("__cell_ids")
                .str.replace_all(_SEP_OR_SPACE, "\x1f")
                .str.strip_chars("\x1f")
                .str.split("\x1f")
            )
            names1 = pl.col("__cell_names").str.replace_all(_SEP, "\x1f").str.split("\x1f")
            names2 = (
                pl.col("__cell_names")
                .str.replace_all(_SEP_OR_SPACE, "\x1f")
                .str.strip_chars("\x1f")
                .str.split("\x1f")
            )
            lists = base.with_columns(
                ids.alias("__ids"), names1.alias("__n1"), names2.alias("__n2")
            ).with_columns(
                # names are split at spaces too only when that makes them as many as the IDs
                pl.when(
                    (pl.col("__n1").list.len() < pl.col("__ids").list.len().fill_null(0))
                    & (pl.col("__n2").list.len() == pl.col("__ids").list.len())
                )
                .then(pl.col("__n2"))
                .otherwise(pl.col("__n1"))
                .alias("__names")
            )
        n_names = pl.col("__names").list.len().fill_null(0)
        n_ids = pl.col("__ids").list.len().fill_null(0)
        both = layout.pairs_col is None and layout.names_col is not None and layout.ids_col is not None
        if both:
            bad = lists.filter(n_names != n_ids).select("__i", n_names.alias("n"), n_ids.alias("m"))
            mismatched = [
                (i, f"成员姓名 {n} 个、身份证号 {m} 个，按先后顺序配对") for i, n, m in bad.iter_rows()
            ]
        members = (
            lists.with_columns(
                pl.int_ranges(1, pl.max_horizontal(n_names, n_ids) + 1, dtype=pl.Int32).alias("__member")
            )
            .explode("__member")
            .filter(pl.col("__member").is_not_null())
            .with_columns(
                pl.col("__names").list.get(pl.col("__member") - 1, null_on_oob=True).alias("name_raw"),
                pl.col("__ids").list.get(pl.col("__member") - 1, null_on_oob=True).alias("id_raw"),
                pl.lit(False).alias("__id_numeric"),
                pl.lit(None, dtype=pl.String).alias("relation"),
            )
            .with_columns(
                pl.when(pl.col("name_raw").str.strip_chars() != "")
                .then(pl.col("name_raw"))
                .alias("name_raw"),
                pl.when(pl.col("id_raw").str.strip_chars() != "").then(pl.col("id_raw")).alias("id_raw"),
            )
            .filter(pl.col("name_raw").is_not_null() | pl.col("id_raw").is_not_null())
            .drop("__tokens", "__ids", "__names", "__n1", "__n2", strict=False)
        )
    # a member the row lists again as its 户主 is the 户主's record
    same_id = _clean_id_text(pl.col("id_raw")) == _clean_id_text(pl.col("head_id_raw"))
    same_name = pl.col("id_raw").is_null() & (
        pl.col("name_raw").str.replace_all(r"\s", "") == pl.col("__head_name_raw").str.replace_all(r"\s", "")
    )
    has_head = pl.col("__head_name_raw").is_not_null() | pl.col("head_id_raw").is_not_null()
    members = members.filter(~(has_head & (same_id | same_name)).fill_null(False))
    columns = head.columns
    out = pl.concat([head, members.select(columns)], how="vertical").sort("__i", "__member")
    return out, mismatched
