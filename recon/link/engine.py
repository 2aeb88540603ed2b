"""Link records to persons: by the ID where it is usable, else by a cautious fuzzy fallback.

Levels of the fuzzy fallback, strongest first (`FUZZY_LEVELS`):
  1. ID one edit away (one wrong character, or two adjacent characters swapped) + same name
  2. ID one edit away + same-sounding name
  3. same name + same birth date + same town
  4. same-sounding name + same birth date + same town
Candidates are counted per target person, not per record. A record links only when exactly one
person reaches its best level; two or more persons at that level make it ambiguous, and it is listed,
not linked. A fuzzy record links only to a record with a usable ID in another file or sheet, so
fuzzy links never chain.

Choices the linking contract ("an ID one edit away with the same or homophone name; or the same or
homophone name with the same birth date and town") leaves open, made on the safe side:
- A name one character different (not same-sounding) with a one-edit ID does not link: the contract
  asks for the same or a homophone name.
- A float-damaged ID takes no part in the ID-edit levels: its trailing digits were rounded, not
  mistyped, so "one edit away" means nothing (such a number is never repaired and never matched). Its surviving
  birth digits still serve the birth-date-and-town levels.
- The cleaned ID must look like an ID (17 digits and a digit or X) to use the ID-edit levels.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from recon.config import Linking
from recon.link.blocking import (
    EDIT_SUBSTITUTION,
    TIER_BIRTH_TOWN,
    TIER_ID_EDIT,
    birth_town_pairs,
    id_edit_pairs,
    id_value_expr,
    source_key_expr,
)
from recon.link.keys import with_person_keys
from recon.link.labels import location_expr
from recon.link.names import (
    NAME_EXACT,
    NAME_HOMOPHONE,
    fill_missing_pinyin,
    name_level_expr,
)
from recon.model import (
    BASIS_HOMOPHONE_BIRTH_TOWN,
    BASIS_ID,
    BASIS_ID_EDIT_HOMOPHONE,
    BASIS_ID_EDIT_NAME,
    BASIS_NAME_BIRTH_TOWN,
    ID_FLOAT,
    ID_INVALID,
    ID_MISSING,
    LINK_COLUMNS,
    USABLE_ID_STATUSES,
)
from recon.normalize.towns import town_codes


@dataclass(frozen=True)
class FuzzyLevel:
    basis: str
    tier: str
    name_level: str
    confidence: float


FUZZY_LEVELS: tuple[FuzzyLevel, ...] = (
    FuzzyLevel(BASIS_ID_EDIT_NAME, TIER_ID_EDIT, NAME_EXACT, 0.95),
    FuzzyLevel(BASIS_ID_EDIT_HOMOPHONE, TIER_ID_EDIT, NAME_HOMOPHONE, 0.90),
    FuzzyLevel(BASIS_NAME_BIRTH_TOWN, TIER_BIRTH_TOWN, NAME_EXACT, 0.85),
    FuzzyLevel(BASIS_HOMOPHONE_BIRTH_TOWN, TIER_BIRTH_TOWN, NAME_HOMOPHONE, 0.75),
)
FUZZY_STATUSES = (ID_MISSING, ID_INVALID, ID_FLOAT)

LINKS_SCHEMA: dict[str, pl.DataType] = {
    "rec_id": pl.Int64(),
    "target_rec_id": pl.Int64(),
    "person_id": pl.String(),
    "basis": pl.String(),
    "confidence": pl.Float64(),
    "name": pl.String(),
    "target_name": pl.String(),
    "name_level": pl.String(),
    "id_clean": pl.String(),
    "target_id_number": pl.String(),
    "id_edit": pl.String(),  # Chinese: which characters differ, for the ID-edit levels
    "birth_date": pl.Date(),
    "target_birth_date": pl.Date(),
    "town": pl.String(),
    "target_town": pl.String(),
    "location": pl.String(),
    "target_location": pl.String(),
    "evidence": pl.String(),
}

AMBIGUOUS_SCHEMA: dict[str, pl.DataType] = {
    "rec_id": pl.Int64(),
    "source_file": pl.String(),
    "source_sheet": pl.String(),
    "source_row": pl.Int64(),
    "location": pl.String(),
    "name": pl.String(),
    "id_clean": pl.String(),
    "birth_date": pl.Date(),
    "town": pl.String(),
    "level": pl.String(),  # the basis label at which the candidates tie
    "confidence": pl.Float64(),
    "n_candidates": pl.UInt32(),
    "candidate_person_ids": pl.List(pl.String()),
    "candidate_names": pl.List(pl.String()),
    "candidate_locations": pl.List(pl.String()),
    "candidates": pl.String(),  # the same, as one Chinese line for the workbook
}


@dataclass
class LinkResult:
    records: pl.DataFrame  # the input plus LINK_COLUMNS
    ambiguous: pl.DataFrame  # AMBIGUOUS_SCHEMA: never linked
    links: pl.DataFrame  # LINKS_SCHEMA: one row per fuzzy link

    def summary(self) -> dict[str, int]:
        basis = self.records.get_column("link_basis")
        return {
            "records": self.records.height,
            "linked_by_id": int((basis == BASIS_ID).sum()),
            "linked_fuzzy": self.links.height,
            "ambiguous": self.ambiguous.height,
            "unlinked": int(basis.is_null().sum()),
        }


_TARGET_COLS = {
    "rec_id": "t_rec_id",
    "person_id": "person_id",
    "name": "t_name",
    "name_pinyin": "t_pinyin",
    "birth_date": "t_birth",
    "town": "t_town",
    "id_number": "t_id_number",
    "location": "t_location",
}
_QUERY_COLS = {
    "rec_id": "q_rec_id",
    "name": "q_name",
    "name_pinyin": "q_pinyin",
    "birth_date": "q_birth",
    "town": "q_town",
    "id_clean": "q_id_clean",
    "location": "q_location",
}


def _levels_frame() -> pl.LazyFrame:
    return pl.LazyFrame(
        {
            "tier": [lv.tier for lv in FUZZY_LEVELS],
            "name_level": [lv.name_level for lv in FUZZY_LEVELS],
            "basis": [lv.basis for lv in FUZZY_LEVELS],
            "confidence": [lv.confidence for lv in FUZZY_LEVELS],
            "rank": list(range(len(FUZZY_LEVELS))),
        },
        schema={
            "tier": pl.String,
            "name_level": pl.String,
            "basis": pl.String,
            "confidence": pl.Float64,
            "rank": pl.Int64,
        },
    )


def _scored_candidates(df: pl.DataFrame, settings: Linking) -> pl.DataFrame:
    """Every (query record, target record) pair that reaches a fuzzy level, with its best level.

    Blocking runs on lean frames (ids, Int64 ID values, birth date, town code); names and locations
    are attached only to the pairs found, since most of 10 million records meet no candidate.
    """
    usable = pl.col("id_status").is_in(USABLE_ID_STATUSES) & pl.col("id_number").is_not_null()
    keys = df.select(
        "rec_id",
        usable.alias("_usable"),
        pl.col("id_status").is_in(FUZZY_STATUSES).fill_null(False).alias("_fuzzy"),
        "id_status",
        "id_number",
        "id_clean",
        "birth_date",
        town_codes(df.get_column("town")).alias("_town"),
        # exact names share their pinyin, so the sound key narrows the birth-and-town block to the
        # names the levels can accept; a hash collision only adds a pair the name check then drops
        pl.coalesce(pl.col("name_pinyin").replace("", None), pl.col("name").replace("", None))
        .hash(seed=0)
        .alias("_sound"),
    )
    targets = keys.filter("_usable").select(
        pl.col("rec_id").alias("t_rec_id"),
        id_value_expr("id_number").alias("t_value"),
        pl.col("birth_date").alias("t_birth"),
        pl.col("_town").alias("t_town_key"),
        pl.col("_sound").alias("t_sound"),
    )
    queries = keys.filter("_fuzzy").select(
        pl.col("rec_id").alias("q_rec_id"),
        pl.when(pl.col("id_status") != ID_FLOAT).then(id_value_expr("id_clean")).alias("q_value"),
        pl.col("birth_date").alias("q_birth"),
        pl.col("_town").alias("q_town_key"),
        pl.col("_sound").alias("q_sound"),
    )
    q_lean, t_lean = queries.lazy(), targets.lazy()
    pairs = pl.concat(
        [
            id_edit_pairs(q_lean.select("q_rec_id", "q_value"), t_lean.select("t_rec_id", "t_value")),
            birth_town_pairs(
                q_lean.select("q_rec_id", "q_birth", "q_town_key", "q_sound"),
                t_lean.select("t_rec_id", "t_birth", "t_town_key", "t_sound"),
            ),
        ]
    ).collect()
    pair_ids = pl.concat(
        [pairs.select(pl.col("q_rec_id").alias("rec_id")), pairs.select(pl.col("t_rec_id").alias("rec_id"))]
    ).unique()
    needed = df.join(pair_ids, on="rec_id", how="semi").with_columns(
        source_key_expr().alias("src"),
        location_expr().alias("location"),
        pl.col("id_number").alias("person_id"),
    )
    q_attrs = needed.select(*[pl.col(c).alias(a) for c, a in _QUERY_COLS.items()], q_src="src")
    t_attrs = needed.select(*[pl.col(c).alias(a) for c, a in _TARGET_COLS.items()], t_src="src")
    # Exact and same-sound names are all the levels need, so the costly one-char comparison of
    # name_level_expr is left to the few linked pairs.
    same_name = pl.col("q_name") == pl.col("t_name")
    qp = pl.col("q_pinyin")
    same_sound = qp.is_not_null() & (qp != "") & (qp == pl.col("t_pinyin"))
    return (
        pairs.lazy()
        .join(q_attrs.lazy(), on="q_rec_id", how="inner")
        .join(t_attrs.lazy(), on="t_rec_id", how="inner")
        .filter(pl.col("q_src") != pl.col("t_src"))
        .filter(pl.col("q_name").is_not_null() & (pl.col("q_name") != ""))
        .with_columns(
            pl.when(same_name)
            .then(pl.lit(NAME_EXACT))
            .when(same_sound)
            .then(pl.lit(NAME_HOMOPHONE))
            .otherwise(None)
            .alias("name_level")
        )
        .filter(pl.col("name_level").is_not_null())
        .join(_levels_frame(), on=["tier", "name_level"], how="inner")
        .filter(pl.col("confidence") >= settings.min_confidence)
        # one row per pair: its best level (a pair can meet both tiers)
        .sort(["q_rec_id", "t_rec_id", "rank"])
        .unique(["q_rec_id", "t_rec_id"], keep="first")
        .collect()
    )


def _decide(cands: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(links, ties): the best candidate person per query record, or the persons tied for best."""
    # per (query, person): the best level, and the target record showing it (lowest rec_id)
    per_person = (
        cands.sort(["q_rec_id", "person_id", "rank", "t_rec_id"])
        .unique(["q_rec_id", "person_id"], keep="first")
        .with_columns(pl.col("rank").min().over("q_rec_id").alias("best_rank"))
        .filter(pl.col("rank") == pl.col("best_rank"))
        .with_columns(pl.len().over("q_rec_id").alias("n_persons"))
    )
    links = per_person.filter(pl.col("n_persons") == 1)
    ties = per_person.filter(pl.col("n_persons") > 1).sort(["q_rec_id", "person_id"])
    return links, ties


def _id_edit_text() -> pl.Expr:
    pos = pl.col("edit_pos") + 1
    return (
        pl.when(pl.col("tier") != TIER_ID_EDIT)
        .then(None)
        .when(pl.col("edit_kind") == EDIT_SUBSTITUTION)
        .then(pl.format("第{}位不同", pos))
        .otherwise(pl.format("第{}、{}位颠倒", pos, pos + 1))
    )


def _links_frame(links: pl.DataFrame) -> pl.DataFrame:
    name_zh = (
        pl.when(pl.col("name_level") == NAME_EXACT)
        .then(pl.lit("姓名相同"))
        .otherwise(pl.format("姓名同音（{}/{}）", "q_name", "t_name"))
    )
    evidence = (
        pl.when(pl.col("tier") == TIER_ID_EDIT)
        .then(pl.format("身份证号与{}只差一处（{}），{}", "t_location", "id_edit", name_zh))
        .otherwise(
            pl.format("无可用身份证号；与{}{}，出生日期（{}）和乡镇相同", "t_location", name_zh, "q_birth")
        )
    )
    out = links.with_columns(_id_edit_text().alias("id_edit")).with_columns(
        evidence.alias("evidence"),
        name_level_expr("q_name", "q_pinyin", "t_name", "t_pinyin").alias("name_level"),
    )
    return out.select(
        pl.col("q_rec_id").alias("rec_id"),
        pl.col("t_rec_id").alias("target_rec_id"),
        "person_id",
        "basis",
        "confidence",
        pl.col("q_name").alias("name"),
        pl.col("t_name").alias("target_name"),
        "name_level",
        pl.col("q_id_clean").alias("id_clean"),
        pl.col("t_id_number").alias("target_id_number"),
        "id_edit",
        pl.col("q_birth").alias("birth_date"),
        pl.col("t_birth").alias("target_birth_date"),
        pl.col("q_town").alias("town"),
        pl.col("t_town").alias("target_town"),
        pl.col("q_location").alias("location"),
        pl.col("t_location").alias("target_location"),
        "evidence",
    ).sort("rec_id")


def _ambiguous_frame(ties: pl.DataFrame, df: pl.DataFrame) -> pl.DataFrame:
    if ties.height == 0:
        return pl.DataFrame(schema=AMBIGUOUS_SCHEMA)
    grouped = ties.group_by("q_rec_id", maintain_order=True).agg(
        pl.col("basis").first().alias("level"),
        pl.col("confidence").first(),
        pl.len().alias("n_candidates"),
        pl.col("person_id").alias("candidate_person_ids"),
        pl.col("t_name").alias("candidate_names"),
        pl.col("t_location").alias("candidate_locations"),
        pl.format("{}（{}，{}）", pl.col("t_name").fill_null(""), "person_id", "t_location")
        .str.join("；")
        .alias("candidates"),
    )
    info = df.join(ties.select(pl.col("q_rec_id").alias("rec_id")).unique(), on="rec_id", how="semi").select(
        pl.col("rec_id").alias("q_rec_id"),
        "source_file",
        "source_sheet",
        "source_row",
        location_expr().alias("location"),
        "name",
        "id_clean",
        "birth_date",
        "town",
    )
    return (
        grouped.join(info, on="q_rec_id", how="left")
        .rename({"q_rec_id": "rec_id"})
        .select(list(AMBIGUOUS_SCHEMA))
        .cast(AMBIGUOUS_SCHEMA)  # type: ignore[arg-type]
        .sort("rec_id")
    )


def link_records(records: pl.DataFrame | pl.LazyFrame, settings: Linking | None = None) -> LinkResult:
    """Attach a person to every record (LINK_COLUMNS), list ambiguous records and explain fuzzy links."""
    settings = settings or Linking()
    df = records.collect() if isinstance(records, pl.LazyFrame) else records
    df = df.drop([c for c in LINK_COLUMNS if c in df.columns])
    if df.get_column("rec_id").n_unique() != df.height:
        raise ValueError("rec_id must be unique within the records frame")
    usable = pl.col("id_status").is_in(USABLE_ID_STATUSES) & pl.col("id_number").is_not_null()
    if settings.fuzzy:
        cands = _scored_candidates(fill_missing_pinyin(df), settings)
        chosen, ties = _decide(cands)
    else:
        chosen = ties = pl.DataFrame()
    if chosen.height:
        fuzzy = chosen.select(
            pl.col("q_rec_id").alias("rec_id"),
            pl.col("person_id").alias("_fz_person"),
            pl.col("basis").alias("_fz_basis"),
            pl.col("confidence").alias("_fz_conf"),
            pl.col("t_rec_id").alias("_fz_rec"),
        )
        links = _links_frame(chosen)
    else:
        fuzzy = pl.DataFrame(
            schema={
                "rec_id": pl.Int64,
                "_fz_person": pl.String,
                "_fz_basis": pl.String,
                "_fz_conf": pl.Float64,
                "_fz_rec": pl.Int64,
            }
        )
        links = pl.DataFrame(schema=LINKS_SCHEMA)
    ambiguous = _ambiguous_frame(ties, df) if ties.height else pl.DataFrame(schema=AMBIGUOUS_SCHEMA)
    # The link columns are computed on a narrow frame and put beside the input: joining the wide
    # frame itself would copy every column of 10 million rows.
    # only rec_id takes part in the join; the ID columns are put beside its result uncopied (the join
    # keeps the left order and rec_id is unique, so the rows line up)
    aligned = df.select("rec_id").join(fuzzy, on="rec_id", how="left", maintain_order="left").drop("rec_id")
    link_cols = pl.concat([df.select("rec_id", "id_status", "id_number"), aligned], how="horizontal").select(
        pl.when(usable)
        .then(pl.col("id_number"))
        .when(pl.col("_fz_person").is_not_null())
        .then(pl.col("_fz_person"))
        .otherwise(pl.format("rec:{}", "rec_id"))
        .alias("person_id"),
        pl.when(usable)
        .then(pl.lit(BASIS_ID))
        .otherwise(pl.col("_fz_basis"))
        .cast(LINK_COLUMNS["link_basis"])
        .alias("link_basis"),
        pl.when(usable).then(pl.lit(1.0)).otherwise(pl.col("_fz_conf")).alias("link_confidence"),
        pl.when(usable).then(None).otherwise(pl.col("_fz_rec")).cast(pl.Int64).alias("link_rec_id"),
    )
    out = with_person_keys(df.hstack(link_cols))
    return LinkResult(records=out, ambiguous=ambiguous, links=links)
