"""The columns rules read from the per-kind frames, and those carried of a related record."""

from __future__ import annotations

import polars as pl

# Columns that some rule reads from `of_kind` frames; the others never leave `records`.
RULE_COLS = (
    "rec_id",
    "kind",
    "source_file",
    "source_sheet",
    "source_row",
    "id_raw",
    "id_number",
    "id_clean",
    "id_status",
    "birth_date",
    "name",
    "name_pinyin",
    "town",
    "village",
    "household_id",
    "head_name",
    "head_id",
    "relation",
    "monthly_amount",
    "amount_household",
    "household_size",
    "cert_number",
    "cert_id",
    "cert_type",
    "cert_grade",
    "disability_type",
    "disability_grade",
    "subsidy_type",
    "death_date",
    "cremation_date",
    "poverty_category",
    "income_per_capita",
    # the other offices' lists (专项治理) and the payment file
    "is_death",
    "cancel_date",
    "cancel_reason",
    "unit",
    "staff_type",
    "plate",
    "vehicle_type",
    "vehicle_status",
    "in_use",
    "entity_name",
    "credit_code",
    "entity_type",
    "capital",
    "entity_status",
    "property_location",
    "property_unit",
    "property_use",
    "floor_area",
    "pension_type",
    "position",
    "cadre_name",
    "cadre_id",
    "filing_relation",
    "pay_month",
    "programme",
    "account_name",
    "account_no",
    "child_category",
    "person_id",
    "person_key",
    "link_basis",
    "link_confidence",
    "linkable",
)

# Columns of a related record carried next to the reported one (for pair_basis and `related`).
RELATED_COLS = (
    "rec_id",
    "kind",
    "name",
    "name_pinyin",
    "link_basis",
    "link_confidence",
    "source_file",
    "source_sheet",
    "source_row",
)


def related_as(prefix_in: str, prefix_out: str = "r_") -> list[pl.Expr]:
    """Rename a related record's carried columns (e.g. `c_name`) to the `r_` prefix pair_basis reads."""
    return [pl.col(f"{prefix_in}{c}").alias(f"{prefix_out}{c}") for c in RELATED_COLS]
