"""Compare two rolls person by person (`recon match A B`): who is in both, who in only one, and
which records share an ID but disagree on name, birth date or gender.

The two files are linked with the same engine as a full run, with one difference: each side counts as
one source, so a fuzzy link always crosses from A to B (never between two sheets of A).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from recon.config import Config, Linking
from recon.link.basis import pair_basis
from recon.link.engine import link_records
from recon.link.labels import location_expr
from recon.link.names import NAME_HOMOPHONE, NAME_ONE_CHAR, fill_missing_pinyin, name_level_expr
from recon.load import load_paths
from recon.model import BASIS_ID, RECORD_SCHEMA

SIDE_A, SIDE_B = "A", "B"
_NAME_CONFLICT = {NAME_HOMOPHONE: "姓名不同（同音）", NAME_ONE_CHAR: "姓名不同（差一个字）"}

# the columns each side shows in the result frames
_SHOWN = (
    "rec_id", "source_file", "source_sheet", "source_row", "name", "id_number", "id_clean", "id_status",
    "birth_date", "gender", "town", "village", "kind", "person_id", "link_basis", "link_confidence",
)  # fmt: skip


@dataclass
class MatchResult:
    matched: pl.DataFrame  # one row per (A record, B record) of the same person; a_*/b_* columns
    only_in_a: pl.DataFrame  # A records whose person has no record in B
    only_in_b: pl.DataFrame
    conflicts: pl.DataFrame  # matched pairs by the same ID whose name, birth date or gender differ
    ambiguous: pl.DataFrame  # records left unmatched because several persons fit equally well

    def counts(self) -> dict[str, int]:
        return {
            "matched": self.matched.height,
            "only_in_a": self.only_in_a.height,
            "only_in_b": self.only_in_b.height,
            "conflicts": self.conflicts.height,
            "ambiguous": self.ambiguous.height,
        }


def _side(df: pl.DataFrame, side: str) -> pl.DataFrame:
    missing = [pl.lit(None, dtype=t).alias(c) for c, t in RECORD_SCHEMA.items() if c not in df.columns]
    return df.with_columns(missing).select(
        *[pl.col(c).cast(t) for c, t in RECORD_SCHEMA.items() if c != "rec_id"],
        pl.col("rec_id").alias("orig_rec_id"),
        pl.lit(side).alias("side"),
    )


def _prefixed(df: pl.DataFrame, prefix: str) -> pl.DataFrame:
    return df.select(
        pl.col("person_id").alias("_person"),
        *[pl.col(c).alias(f"{prefix}{c}") for c in (*_SHOWN, "name_pinyin")],
        location_expr().alias(f"{prefix}location"),
    )


def match_frames(a: pl.DataFrame, b: pl.DataFrame, settings: Linking | None = None) -> MatchResult:
    """Match two records frames (RECORD_SCHEMA; rec_ids may overlap, they are renumbered here)."""
    settings = settings or Linking()
    both = pl.concat([_side(a, SIDE_A), _side(b, SIDE_B)], how="vertical")
    both = both.with_columns(pl.int_range(pl.len(), dtype=pl.Int64).alias("rec_id"))
    # each side is one source for the linker, so fuzzy links only cross between A and B
    shown = both.select("rec_id", "source_file", "source_sheet")
    linking_input = fill_missing_pinyin(
        both.with_columns(
            pl.col("side").alias("source_file"), pl.lit(None, dtype=pl.String).alias("source_sheet")
        )
    ).select(*RECORD_SCHEMA, "orig_rec_id", "side")
    res = link_records(linking_input, settings)
    linked = (
        res.records.drop("source_file", "source_sheet")
        .join(shown, on="rec_id", how="left", maintain_order="left")
        .with_columns(pl.col("orig_rec_id").alias("rec_id"))
    )
    a_l = linked.filter(pl.col("side") == SIDE_A)
    b_l = linked.filter(pl.col("side") == SIDE_B)
    pairs = _prefixed(a_l, "a_").join(_prefixed(b_l, "b_"), on="_person", how="inner")
    basis, conf = pair_basis("a_", "b_")
    matched = pairs.with_columns(basis, conf).rename({"_person": "person_id"}).sort("a_rec_id", "b_rec_id")
    conflicts = _conflicts(matched)
    b_persons = b_l.select(pl.col("person_id").unique())
    a_persons = a_l.select(pl.col("person_id").unique())
    amb = res.ambiguous.select(
        pl.col("rec_id"),
        pl.format("有{}个可能的对应人员，未匹配：{}", "n_candidates", "candidates").alias("note"),
    )
    note = amb.join(both.select("rec_id", "orig_rec_id", "side"), on="rec_id").drop("rec_id")

    def only(side_df: pl.DataFrame, others: pl.DataFrame, side: str) -> pl.DataFrame:
        notes = note.filter(pl.col("side") == side).select(pl.col("orig_rec_id").alias("rec_id"), "note")
        return (
            side_df.join(others, on="person_id", how="anti")
            .join(notes, on="rec_id", how="left", maintain_order="left")
            .select(*_SHOWN, location_expr().alias("location"), "note")
            .sort("rec_id")
        )

    ambiguous = (
        res.ambiguous.join(
            both.select("rec_id", "orig_rec_id", "side", "source_file", "source_sheet"),
            on="rec_id",
            how="left",
            suffix="_orig",
        )
        .with_columns(
            pl.col("orig_rec_id").alias("rec_id"),
            pl.col("source_file_orig").alias("source_file"),
            pl.col("source_sheet_orig").alias("source_sheet"),
        )
        .drop("orig_rec_id", "source_file_orig", "source_sheet_orig")
    )
    return MatchResult(
        matched=matched,
        only_in_a=only(a_l, b_persons, SIDE_A),
        only_in_b=only(b_l, a_persons, SIDE_B),
        conflicts=conflicts,
        ambiguous=ambiguous,
    )


def _differs(left: str, right: str) -> pl.Expr:
    # a missing value on either side is no evidence of a difference
    lc, rc = pl.col(left), pl.col(right)
    return (lc.is_not_null() & rc.is_not_null() & (lc != rc)).fill_null(False)


def _conflicts(matched: pl.DataFrame) -> pl.DataFrame:
    by_id = matched.filter((pl.col("a_link_basis") == BASIS_ID) & (pl.col("b_link_basis") == BASIS_ID))
    level = name_level_expr("a_name", "a_name_pinyin", "b_name", "b_name_pinyin")
    name_diff = _differs("a_name", "b_name")
    with_level = by_id.with_columns(level.alias("name_level"))
    return (
        with_level.with_columns(
            pl.concat_str(
                [
                    pl.when(name_diff).then(
                        pl.col("name_level").replace_strict(_NAME_CONFLICT, default="姓名不同")
                    ),
                    pl.when(_differs("a_birth_date", "b_birth_date")).then(pl.lit("出生日期不同")),
                    pl.when(_differs("a_gender", "b_gender")).then(pl.lit("性别不同")),
                ],
                separator="；",
                ignore_nulls=True,
            ).alias("conflict")
        )
        .filter(pl.col("conflict") != "")
        .sort("a_rec_id", "b_rec_id")
    )


def match_files(a: Path, b: Path, config: Config | None = None) -> MatchResult:
    """Load two files (any kind, recognised or not) and match them."""
    config = config or Config()
    ra = load_paths([a], config, require_kind=False)
    rb = load_paths([b], config, require_kind=False)
    return match_frames(ra.records, rb.records, config.linking)
