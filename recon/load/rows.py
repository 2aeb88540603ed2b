"""Classifying a sheet's rows (title, header, blank, totals, repeated header, notes, data) and picking
the mapped cells of its data rows out as raw text fields; parsing comes later, for all sheets at once."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from recon.kinds import header_unit
from recon.load.checks import cell_warnings
from recon.load.households import expand_members, fill_merged, fold_households
from recon.load.issues import issue_frame, sheet_issue
from recon.load.plan import HOUSEHOLD_KINDS, SheetPlan, subsidy_hint
from recon.model import BUSINESS, CADRE, SUBSIDY, SUBSIDY_CARE, SUBSIDY_LIVING, VEHICLE
from recon.months import month_in_texts
from recon.normalize.categories import text_or_null

# "合计", "小计：", and per-village subtotals such as "中冯海村小计"
_TOTALS = r"^\s*(合\s*计|小\s*计|总\s*计|共\s*计|累\s*计)|(合\s*计|小\s*计|总\s*计)\s*[:：]?\s*$"

_NOTES = r"(制表|填表|审核人|负责人|联系电话|说明[:：]|注[:：]|备注[:：]|填报单位|单位[:：]|日期[:：]|盖章)"


def sheet_rows(plan: SheetPlan, index: int) -> tuple[pl.DataFrame | None, list[pl.DataFrame]]:
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
        issues = issue_frame(
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
    issue_parts = []
    if raw.merges:
        grid, filled = fill_merged(grid, raw.merges, h.last + 1, raw.first_row - 1)
        if filled:
            names = "、".join(h.names[c] or f"第 {c + 1} 列" for c in sorted(filled) if c < len(h.names))
            issue_parts.append(
                sheet_issue(
                    plan,
                    "merged_cells_filled",
                    f"{sum(filled.values())} 个合并单元格的值已填入它覆盖的各行（{names}）",
                )
            )
            amount_cols = [c for c, f in plan.columns.items() if f == "monthly_amount"]
            if any(c in filled for c in amount_cols):
                plan.amount_household = True
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
    key_cols = [i for i, f in plan.columns.items() if f in ("name", "id_number", "head_name", "head_id")]
    key_cols += sorted(plan.members.columns) if plan.members is not None else []
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
    for code, reason in reasons.items():
        part = suspects.filter(pl.col("__status") == code)
        issue_parts.append(issue_frame(part, "skipped", code, reason, plan, value=pl.col("__joined")))
    stats.rows_skipped = int(suspects.filter(pl.col("__status") != "data").height)
    # the text of data rows without an ID, kept aside: the rejected among them are listed with it
    plan.row_text = suspects.filter(pl.col("__status") == "data").select(
        pl.lit(index, dtype=pl.Int32).alias("__sheet"), "__i", "__joined"
    )
    keep = pl.col("__plain") | pl.col("__i").is_in(plan.row_text["__i"].implode())
    # numeric-stored ID cells, read only for the ID columns (a second, narrow read)
    id_numeric = {}
    id_columns = [(i, f) for i, f in plan.columns.items() if f in ("id_number", "head_id", "cert_number")]
    if plan.members is not None:
        id_columns += [
            (s["id_number"], f"m{k}") for k, s in enumerate(plan.members.slots, 1) if "id_number" in s
        ]
    for i, f in id_columns:
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
    hint = subsidy_hint(plan) if kind == SUBSIDY else None
    base = data.select(
        pl.lit(index, dtype=pl.Int32).alias("__sheet"),
        pl.lit(hint, dtype=pl.String).alias("__hint"),
        pl.lit(kind).alias("kind"),
        pl.lit(raw.display).alias("source_file"),
        pl.lit(raw.sheet, dtype=pl.String).alias("source_sheet"),
        pl.col("source_row"),
        pl.col("__i"),
        (pl.coalesce(fld("id_number"), fld("cadre_id")) if kind == CADRE else fld("id_number")).alias(
            "id_raw"
        ),
        (pl.col("__num_id_number") if "id_number" in id_numeric else pl.lit(False)).alias("__id_numeric"),
        fld("head_id").alias("head_id_raw"),
        (pl.col("__num_head_id") if "head_id" in id_numeric else pl.lit(False)).alias("__head_numeric"),
        # a cadre list may name its people only as 村干部姓名 / 干部身份证号
        (pl.coalesce(fld("name"), fld("cadre_name")) if kind == CADRE else fld("name")).alias("name_raw"),
        text_or_null(fld("head_name")).alias("head_name"),
        fld("birth_date").alias("__birth"),
        fld("gender").alias("__gender"),
        text_or_null(fld("town")).alias("town"),
        text_or_null(fld("village")).alias("village"),
        text_or_null(fld("household_id")).alias("household_id"),
        text_or_null(fld("relation")).alias("relation"),
        fld("household_size").str.extract(r"(\d+)").cast(pl.Int64, strict=False).alias("household_size"),
        text_or_null(fld("area_type")).alias("__area"),
        fld("start_month").alias("__start"),
        fld("monthly_amount").alias("__amount"),
        fld("care_cost").alias("__care_cost"),
        text_or_null(fld("support_mode")).alias("__support"),
        text_or_null(fld("self_care")).alias("self_care"),
        fld("cert_number").alias("cert_number"),
        fld("disability_type").alias("__dtype"),
        fld("disability_grade").alias("__dgrade"),
        text_or_null(fld("subsidy_type")).alias("__subsidy"),
        fld("death_date").alias("__death"),
        fld("cremation_date").alias("__cremation"),
        fld("address").str.strip_chars().alias("address"),
        text_or_null(fld("poverty_category")).alias("__category"),
        fld("income_per_capita").alias("__income"),
        fld("risk").str.strip_chars().alias("risk"),
        fld("head_name").alias("__head_name_raw"),
        fld("living_amount").alias("__living"),
        fld("care_amount").alias("__care"),
        *other_office_fields(plan, fld),
        *member_fields(plan, id_numeric),
    ).collect()
    issue_parts.extend(cell_warnings(plan, data))
    issue_parts.extend(sheet_issue(plan, "read_note", note) for note in raw.notes)
    if raw.field_counts is not None and raw.field_counts.len() == raw.grid.height:
        issue_parts.append(_ragged_rows(plan, data, raw.field_counts))
    if kind in HOUSEHOLD_KINDS:
        base, folded = fold_households(base)
        if folded:
            issue_parts.append(
                sheet_issue(
                    plan,
                    "households_folded",
                    f"{folded} 行的户主信息空白且与户主关系不是户主/本人：按上一户的成员读入",
                )
            )
            if "monthly_amount" in plan.columns.values():
                plan.amount_household = True
    if kind == SUBSIDY and (
        "living_amount" in plan.columns.values() or "care_amount" in plan.columns.values()
    ):
        base = subsidy_lines(base)
    if plan.members is not None:
        base, mismatched = expand_members(base, plan.members)
        for i, text in mismatched:
            issue_parts.append(
                issue_frame(
                    pl.DataFrame({"source_row": [i + raw.first_row]}, schema={"source_row": pl.Int64}),
                    "warning",
                    "member_lists_differ",
                    text,
                    plan,
                )
            )
    # every sheet's rows have the same columns, so that sheets can be normalised together
    layout_columns = [
        c for c in base.columns if c.startswith(("__m", "__cell_")) or c in ("__living", "__care")
    ]
    base = base.drop(layout_columns).with_columns(pl.lit(plan.amount_household).alias("amount_household"))
    return base, issue_parts


def member_fields(plan: SheetPlan, id_numeric: dict[str, pl.Series]) -> list[pl.Expr]:
    """The raw cells of a household row's members (slots or list cells), for `expand_members`."""
    layout = plan.members
    if layout is None:
        return []
    none = pl.lit(None, dtype=pl.String)
    out: list[pl.Expr] = []
    for k, slot in enumerate(layout.slots, start=1):
        cols = {f: pl.col(f"c{i}") for f, i in slot.items()}
        out += [
            cols.get("name", none).alias(f"__m{k}_name"),
            cols.get("id_number", none).alias(f"__m{k}_id"),
            text_or_null(cols.get("relation", none)).alias(f"__m{k}_rel"),
            (pl.col(f"__num_m{k}") if f"m{k}" in id_numeric else pl.lit(False)).alias(f"__m{k}_num"),
        ]
    for col, name in (
        (layout.names_col, "__cell_names"),
        (layout.ids_col, "__cell_ids"),
        (layout.pairs_col, "__cell_pairs"),
    ):
        out.append((pl.col(f"c{col}") if col is not None else none).alias(name))
    return out


def _ragged_rows(plan: SheetPlan, data: pl.LazyFrame, field_counts: pl.Series) -> pl.DataFrame:
    """A warning for each data row of a CSV with more or fewer fields than its header line: a stray
    comma shifts the cells after it, a missing one leaves the last cells blank."""
    assert plan.header is not None
    header_fields = int(field_counts[plan.header.last] or 0)
    counts = pl.DataFrame(
        {"__i": pl.int_range(field_counts.len(), eager=True).cast(pl.UInt32), "__fields": field_counts}
    )
    rows = (
        data.select("__i", "source_row")
        .join(counts.lazy(), on="__i", how="inner")
        .filter(pl.col("__fields").is_not_null() & (pl.col("__fields") != header_fields))
        .collect()
    )
    extra = pl.col("__fields") - header_fields
    reason = (
        pl.when(extra > 0)
        .then(
            pl.format(
                "这一行有 {} 个字段，表头只有 {} 个：可能多了逗号，多出的字段未读入，其后各列可能错位，请核对原表",
                pl.col("__fields"),
                pl.lit(header_fields),
            )
        )
        .otherwise(
            pl.format(
                "这一行只有 {} 个字段，表头有 {} 个：可能少了逗号，缺的字段按空白读入，请核对原表",
                pl.col("__fields"),
                pl.lit(header_fields),
            )
        )
    )
    return issue_frame(rows, "warning", "ragged_row", reason, plan, value=pl.col("__fields").cast(pl.String))


def subsidy_lines(base: pl.DataFrame) -> pl.DataFrame:
    """A row paying both subsidies (生活补贴 and 护理补贴, one amount column each) is two payment lines;
    a row with one amount is that subsidy's line; a row with neither stays one line of unknown type."""
    blank = r"^\s*(0+(\.0+)?)?\s*(元)?\s*$"
    parts = []
    for col, stype in (("__living", SUBSIDY_LIVING), ("__care", SUBSIDY_CARE)):
        paid = pl.col(col).is_not_null() & ~pl.col(col).str.contains(blank)
        parts.append(
            base.filter(paid).with_columns(pl.col(col).alias("__amount"), pl.lit(stype).alias("__subsidy"))
        )
    none_paid = pl.all_horizontal(
        (pl.col(c).is_null() | pl.col(c).str.contains(blank)).fill_null(True) for c in ("__living", "__care")
    )
    parts.append(base.filter(none_paid))
    return pl.concat(parts, how="vertical").sort("__i", maintain_order=True)


def _status(plan: SheetPlan, fld: Callable[[str], pl.Expr], field: str, kind: str) -> pl.Expr:
    # a bare 状态 column is the vehicle's on a vehicle list and the entity's on a business list
    return pl.coalesce(fld(field), fld("status")) if plan.kind == kind else fld(field)


def other_office_fields(plan: SheetPlan, fld: Callable[[str], pl.Expr]) -> list[pl.Expr]:
    """The raw cells of the other offices' lists (death registers, vehicles, businesses, property,
    pensions, cadres and filings, payments, child welfare); parsed in `normalise`."""
    assert plan.header is not None
    capital_col = next((i for i, f in plan.columns.items() if f == "capital"), None)
    capital_unit = header_unit(plan.header.names[capital_col]) if capital_col is not None else None
    name_month = month_in_texts(plan.names)
    return [
        fld("cancel_date").alias("__cancel_date"),
        text_or_null(fld("cancel_reason")).alias("cancel_reason"),
        fld("unit").str.strip_chars().alias("unit"),
        text_or_null(fld("staff_type")).alias("staff_type"),
        text_or_null(fld("plate")).alias("plate"),
        fld("vehicle_type").alias("__vehicle_type"),
        text_or_null(_status(plan, fld, "vehicle_status", VEHICLE)).alias("vehicle_status"),
        fld("reg_date").alias("__reg_date"),
        fld("entity_name").str.strip_chars().alias("entity_name"),
        text_or_null(fld("credit_code")).alias("credit_code"),
        text_or_null(fld("entity_type")).alias("entity_type"),
        fld("capital").alias("__capital"),
        pl.lit(capital_unit, dtype=pl.String).alias("__capital_unit"),
        text_or_null(_status(plan, fld, "entity_status", BUSINESS)).alias("entity_status"),
        fld("property_location").str.strip_chars().alias("property_location"),
        text_or_null(fld("property_unit")).alias("property_unit"),
        text_or_null(fld("property_use")).alias("property_use"),
        fld("floor_area").alias("__floor_area"),
        text_or_null(fld("pension_type")).alias("pension_type"),
        fld("position").str.strip_chars().alias("position"),
        text_or_null(fld("cadre_name")).alias("cadre_name"),
        fld("cadre_id").alias("__cadre_id"),
        text_or_null(fld("filing_relation")).alias("filing_relation"),
        fld("filing_date").alias("__filing_date"),
        fld("pay_month").alias("__pay_month"),
        pl.lit(name_month, dtype=pl.Date).alias("__name_month"),
        fld("programme").alias("__programme"),
        text_or_null(fld("account_name")).alias("account_name"),
        text_or_null(fld("account_no")).alias("account_no"),
        fld("child_category").alias("__child"),
    ]
