"""Parsing the raw text fields of every loaded sheet at once into the normalised record columns.

A county workbook has a sheet per town, and normalising each small sheet on its own costs more in fixed
overhead than in work: the sheets' raw fields are stacked into batches first (`batches.py`).
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from recon.load.checks import check_rows
from recon.model import (
    BUSINESS,
    CHILD_WELFARE,
    CREMATION,
    DEATH,
    PAYMENT,
    SUBSIDY,
    TEKUN,
    USABLE_ID_STATUSES,
    VEHICLE,
)
from recon.normalize.amounts import parse_amount_expr, parse_area_expr, parse_capital_expr
from recon.normalize.categories import (
    area_type_expr,
    child_category_expr,
    entity_in_operation_expr,
    is_death_expr,
    poverty_category_expr,
    programme_expr,
    subsidy_type_expr,
    support_mode_expr,
    vehicle_in_use_expr,
    vehicle_type_expr,
)
from recon.normalize.certificates import add_cert_columns, parse_disability_type_expr, parse_grade_expr
from recon.normalize.dates import parse_date_expr, parse_month_expr
from recon.normalize.ids import add_id_columns
from recon.normalize.names import add_name_columns
from recon.normalize.towns import town_from_address_expr, village_from_address_expr


def parse_fields(base: pl.DataFrame, today: dt.date) -> pl.DataFrame:
    """The batch with every normalised record column added (the raw `__` fields stay for the checks)."""
    lf = base.lazy()
    lf = add_id_columns(lf, raw="id_raw", stored_numeric="__id_numeric", today=today)
    lf = add_id_columns(lf, raw="head_id_raw", stored_numeric="__head_numeric", prefix="head_", today=today)
    lf = add_name_columns(lf, raw="name_raw")
    lf = add_cert_columns(lf, raw="cert_number")
    lf = lf.with_columns(
        # the ID's date when the ID is usable, else a birth-date column, else the digits that survived in
        # a damaged or mistyped ID (a damaged ID's date is only a fallback: its digits may be the mistake)
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
        area_type_expr(pl.col("__area")).alias("area_type"),
        parse_month_expr(pl.col("__start")).alias("start_month"),
        pl.when((pl.col("kind") == TEKUN) & pl.col("__care_cost").is_not_null())
        .then(
            parse_amount_expr(pl.col("__amount")).fill_null(0)
            + parse_amount_expr(pl.col("__care_cost")).fill_null(0)
        )
        .otherwise(parse_amount_expr(pl.col("__amount")))
        .alias("monthly_amount"),
        support_mode_expr(pl.col("__support")).alias("support_mode"),
        pl.coalesce(parse_disability_type_expr(pl.col("__dtype")), pl.col("cert_type")).alias(
            "disability_type"
        ),
        pl.coalesce(parse_grade_expr(pl.col("__dgrade")), pl.col("cert_grade")).alias("disability_grade"),
        pl.when(pl.col("kind") == SUBSIDY)
        .then(pl.coalesce(subsidy_type_expr(pl.col("__subsidy")), pl.col("__hint")))
        .otherwise(pl.lit(None, dtype=pl.String))
        .alias("subsidy_type"),
        parse_date_expr(pl.col("__death")).alias("death_date"),
        parse_date_expr(pl.col("__cremation")).alias("cremation_date"),
        poverty_category_expr(pl.col("__category")).alias("poverty_category"),
        parse_amount_expr(pl.col("__income")).alias("income_per_capita"),
        parse_date_expr(pl.col("__birth")).is_null().alias("__birth_unparsed"),
    ).with_columns(
        pl.coalesce(pl.col("town"), town_from_address_expr(pl.col("address"))).alias("town"),
        pl.coalesce(pl.col("village"), village_from_address_expr(pl.col("address"))).alias("village"),
    )
    lf = _other_offices(lf, base)
    return lf.collect()


def _other_offices(lf: pl.LazyFrame, base: pl.DataFrame) -> pl.LazyFrame:
    """The fields of the other offices' lists: dates, amounts, statuses read to what the rules ask."""
    kind = pl.col("kind")
    lf = lf.with_columns(
        parse_date_expr(pl.col("__cancel_date")).alias("cancel_date"),
        parse_date_expr(pl.col("__reg_date")).alias("reg_date"),
        parse_date_expr(pl.col("__filing_date")).alias("filing_date"),
        pl.coalesce(parse_month_expr(pl.col("__pay_month")), pl.col("__name_month")).alias("pay_month"),
        parse_capital_expr(pl.col("__capital"), None).alias("__capital_yuan"),
        parse_area_expr(pl.col("__floor_area")).alias("floor_area"),
        vehicle_type_expr(pl.col("__vehicle_type")).alias("vehicle_type"),
        # a payment file may name its programme in a 补贴项目 column
        pl.when(kind == PAYMENT)
        .then(programme_expr(pl.coalesce(pl.col("__programme"), pl.col("__subsidy"))))
        .alias("programme"),
        pl.when(kind == CHILD_WELFARE)
        .then(child_category_expr(pl.coalesce(pl.col("__child"), pl.col("__area"))))
        .alias("child_category"),
        pl.when(kind == CREMATION)
        .then(pl.lit(True))
        .when(kind == DEATH)
        .then(is_death_expr(pl.col("cancel_reason")))
        .alias("is_death"),
        pl.when(kind == VEHICLE)
        .then(vehicle_in_use_expr(pl.col("vehicle_status")))
        .when(kind == BUSINESS)
        .then(entity_in_operation_expr(pl.col("entity_status")))
        .alias("in_use"),
    ).with_columns(
        pl.when(pl.col("__capital_unit") == "万元")
        .then(pl.col("__capital_yuan") * 10000)
        .otherwise(pl.col("__capital_yuan"))
        .alias("capital"),
    )
    if base.get_column("__cadre_id").null_count() < base.height:
        # only a filing list names a cadre's ID: the ID machinery runs where there is one
        lf = add_id_columns(lf, raw="__cadre_id", prefix="cadre_")
        lf = lf.with_columns(
            pl.coalesce(pl.col("cadre_id_number"), pl.col("cadre_id_clean")).alias("cadre_id")
        )
    else:
        lf = lf.with_columns(pl.lit(None, dtype=pl.String).alias("cadre_id"))
    return lf


def normalise(
    base: pl.DataFrame, row_text: pl.DataFrame, today: dt.date
) -> tuple[pl.DataFrame, pl.Expr, pl.DataFrame, pl.DataFrame]:
    """Parse and check the raw fields of a batch of sheets.

    Returns (all rows, the mask of rows used, issues, per-sheet counts). The rows are not filtered here:
    a filtered copy of every temporary column is the largest allocation of a province-sized load.
    """
    df = parse_fields(base, today)
    used, issues, counts = check_rows(df, row_text, today)
    return df, used, issues, counts
