"""What a rule is, what it is handed, and the per-run facts every rule shares.

A rule is data plus one `check` function. The facts that several rules need (who is on which roll, who
has died and when, each person's most severe certificate, dibao household sizes) are computed once per
run in `RuleContext`, with group_by over the whole linked frame, never per rule and never per row.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import polars as pl

from recon.config import Policy
from recon.link.keys import with_person_keys
from recon.model import (
    BASIS_ID,
    CREMATION,
    DIBAO,
    DISABILITY,
    KINDS,
    LINKED_SCHEMA,
    POVERTY,
    RUN_UNUSED,
    SEVERITIES,
    SUBSIDY,
    SUBSIDY_CARE,
    SUBSIDY_LIVING,
)
from recon.normalize.households import household_key
from recon.result import RuleInfo

FAMILIES = ("D", "T", "C", "S", "X", "Q")
_DOC_FIELDS = ("title_zh", "title_en", "basis", "definition", "finds", "why", "fail_example", "pass_example")


class RuleDefinitionError(Exception):
    """A rule was declared without its complete documentation (a programming error, caught at import)."""


@dataclass(frozen=True)
class Rule:
    code: str
    title_zh: str
    title_en: str
    severity: str
    needs: tuple[str, ...]
    basis: str
    definition: str
    finds: str
    why: str
    fail_example: str
    pass_example: str
    check: Callable[[RuleContext], pl.DataFrame]
    optional: tuple[str, ...] = ()
    parameters: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        problems = [f for f in _DOC_FIELDS if not str(getattr(self, f) or "").strip()]
        if not self.code or self.code[0] not in FAMILIES:
            problems.append(f"code {self.code!r} does not start with a family letter {FAMILIES}")
        if self.severity not in SEVERITIES:
            problems.append(f"severity {self.severity!r} not in {SEVERITIES}")
        for kind in (*self.needs, *self.optional):
            if kind not in KINDS:
                problems.append(f"unknown kind {kind!r}")
        policy_fields = {f.name for f in dataclasses.fields(Policy)}
        for p in self.parameters:
            if p not in policy_fields:
                problems.append(f"parameter {p!r} is not a Policy field")
        if problems:
            raise RuleDefinitionError(f"rule {self.code or '?'} is incomplete: {'; '.join(problems)}")

    @property
    def family(self) -> str:
        return self.code[0]


def _plain(value: Any) -> Any:
    """Policy values as JSON-friendly data (tuples of dataclasses become lists of dicts)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


def rule_parameters(rule: Rule, policy: Policy) -> dict[str, Any]:
    return {p: _plain(getattr(policy, p)) for p in rule.parameters}


def rule_info(rule: Rule, policy: Policy) -> RuleInfo:
    return RuleInfo(
        code=rule.code,
        title_zh=rule.title_zh,
        title_en=rule.title_en,
        severity=rule.severity,
        family=rule.family,
        needs=rule.needs,
        definition=rule.definition,
        basis=rule.basis,
        parameters=rule_parameters(rule, policy),
        optional=rule.optional,
        finds=rule.finds,
        why=rule.why,
        fail_example=rule.fail_example,
        pass_example=rule.pass_example,
    )


def t1_disability_expr(
    policy: Policy, type_col: str = "disability_type", grade_col: str = "disability_grade"
) -> pl.Expr:
    counts = pl.lit(False)
    for d in policy.t1_disabilities:
        counts = counts | ((pl.col(type_col) == d.type) & (pl.col(grade_col) <= d.max_grade))
    return counts.fill_null(False)


def age_at(month: dt.date, birth: pl.Expr) -> pl.Expr:
    """Whole years from birth to the first day of the roster month; a birthday on that day counts."""
    before_birthday = (birth.dt.month() > month.month) | (
        (birth.dt.month() == month.month) & (birth.dt.day() > 1)
    )
    return (pl.lit(month.year) - birth.dt.year().cast(pl.Int64) - before_birthday.cast(pl.Int64)).cast(
        pl.Int64
    )


@dataclass
class RuleContext:
    """The linked records of one run plus the facts rules share, each computed on first use."""

    linked: pl.DataFrame | pl.LazyFrame
    month: dt.date
    policy: Policy = field(default_factory=Policy)
    present_kinds: frozenset[str] = frozenset()

    @cached_property
    def records(self) -> pl.DataFrame:
        df = self.linked.collect() if isinstance(self.linked, pl.LazyFrame) else self.linked
        missing = [c for c in LINKED_SCHEMA if c not in df.columns and c not in RUN_UNUSED]
        if missing:
            df = df.with_columns([pl.lit(None, dtype=LINKED_SCHEMA[c]).alias(c) for c in missing])
        # a frame linked elsewhere (the Python API, tests) may lack the person keys the linker adds
        if df.get_column("person_key").null_count():
            df = with_person_keys(df)
        # a finding about a record linked to no one rests on that record alone
        fills = [
            pl.col(c).fill_null(v)
            for c, v in (("link_basis", BASIS_ID), ("link_confidence", 1.0))
            if df.get_column(c).null_count()
        ]
        return df.with_columns(fills) if fills else df

    def of_kind(self, kind: str) -> pl.DataFrame:
        """The records of one kind in rec_id order, with the columns rules read (`_RULE_COLS`)."""
        return self._by_kind.get(kind, self.records.select(_RULE_COLS).clear())

    @cached_property
    def _by_kind(self) -> dict[str, pl.DataFrame]:
        sliced = self._kind_slices()
        if sliced is not None:
            return sliced
        # Frames not laid out by the loader (hand-made, or from the Python API) are split by filtering,
        # which copies: only the columns some rule reads, and of those only the ones that hold a value
        # in that kind; a column empty in a kind becomes a null constant, which costs no memory.
        records = self.records.lazy()
        filled = (
            records.group_by("kind")
            .agg([pl.col(c).is_not_null().any() for c in _RULE_COLS if c != "kind"])
            .collect()
        )
        # records usually arrive in rec_id order, and then one O(n) check replaces sorting every part
        ids = self.records.get_column("rec_id")
        in_order = bool((ids.diff().drop_nulls() > 0).all())
        parts: dict[str, pl.DataFrame] = {}
        for row in filled.iter_rows(named=True):
            kind = row.pop("kind")
            if kind is None:
                continue
            kept = ["kind", *(c for c, has in row.items() if has)]
            part = records.filter(pl.col("kind") == kind).select(kept).collect()
            if not in_order:
                part = part.sort("rec_id")
            empty = [pl.lit(None, dtype=self.records.schema[c]).alias(c) for c in _RULE_COLS if c not in kept]
            parts[kind] = part.with_columns(empty).select(_RULE_COLS)
        return parts

    def _kind_slices(self) -> dict[str, pl.DataFrame] | None:
        """Each kind as a zero-copy slice, when the loader laid the kinds out as contiguous blocks in
        rec_id order (it does); None otherwise, and the kinds are then copied out by filtering."""
        kinds = self.records.get_column("kind")
        runs = kinds.rle().struct.unnest()
        if runs.get_column("value").null_count() or runs.get_column("value").n_unique() != runs.height:
            return None
        if not bool((self.records.get_column("rec_id").diff().drop_nulls() > 0).all()):
            return None
        parts: dict[str, pl.DataFrame] = {}
        offset = 0
        for length, kind in runs.iter_rows():
            parts[kind] = self.records.slice(offset, length).select(_RULE_COLS)
            offset += length
        return parts

    def _linkable_of(self, kind: str, *columns: str) -> pl.DataFrame:
        """The linkable records of `kind`, with the person key, `columns` and the related-record columns."""
        keep = dict.fromkeys(["person_key", *columns, *_RELATED_COLS])
        return self.of_kind(kind).lazy().filter(pl.col("linkable")).select(list(keep)).collect()

    @cached_property
    def deaths(self) -> pl.DataFrame:
        """Per linkable person: the earliest death over their cremation records, and that record."""
        m = self.month
        # narrowed before filtering: a filter copies every column it is handed
        cre = self._linkable_of(CREMATION, "death_date", "cremation_date")
        death = pl.coalesce(pl.col("death_date"), pl.col("cremation_date"))
        cre = (
            cre.with_columns(death.alias("person_death"))
            .filter(pl.col("person_death").is_not_null())
            .sort(["person_key", "person_death", "rec_id"])
            .unique(subset="person_key", keep="first", maintain_order=True)
        )
        months = pl.lit(m.year * 12 + m.month) - (
            pl.col("person_death").dt.year().cast(pl.Int64) * 12
            + pl.col("person_death").dt.month().cast(pl.Int64)
        )
        return cre.select(
            "person_key",
            pl.col("person_death").alias("death_date_p"),
            months.alias("months_since_death"),
            (months > self.policy.death_grace_months).alias("dead"),
            pl.col("death_date").is_not_null().alias("death_is_death_date"),
            *[pl.col(c).alias(f"c_{c}") for c in _RELATED_COLS],
        )

    @cached_property
    def certificates(self) -> pl.DataFrame:
        """Per linkable person: the most severe certificate (lowest grade) and that record."""
        dis = self._linkable_of(DISABILITY, "disability_grade", "disability_type")
        return (
            dis.sort(["person_key", "disability_grade", "rec_id"], nulls_last=True)
            .unique(subset="person_key", keep="first", maintain_order=True)
            .select(
                "person_key",
                pl.col("disability_grade").alias("best_grade"),
                pl.col("disability_type").alias("best_type"),
                *[pl.col(c).alias(f"d_{c}") for c in _RELATED_COLS],
            )
        )

    @cached_property
    def persons(self) -> pl.DataFrame:
        """One row per linkable person with the facts rules ask about."""
        kind = pl.col("kind")
        stype = pl.col("subsidy_type")
        aggs = [(kind == k).any().alias(f"on_{k}") for k in KINDS]
        aggs += [
            ((kind == SUBSIDY) & (stype == SUBSIDY_LIVING)).any().alias("has_living"),
            ((kind == SUBSIDY) & (stype == SUBSIDY_CARE)).any().alias("has_care"),
        ]
        # three columns are all the kind facts need; grouping the projection, not the full frame
        facts = (
            self.records.lazy()
            .select("person_key", "kind", "subsidy_type", "linkable")
            .filter(pl.col("linkable"))
            .group_by("person_key")
            .agg(aggs)
            .collect()
        )
        # only the facts: the death and certificate records themselves (c_*, d_*) stay in `deaths` and
        # `certificates`, since a column of a few people costs its full width on every person's row
        death_facts = ("death_date_p", "months_since_death", "dead", "death_is_death_date")
        facts = facts.join(self.deaths.select("person_key", *death_facts), on="person_key", how="left").join(
            self.certificates.select("person_key", "best_grade", "best_type"), on="person_key", how="left"
        )
        # rule-semantics.md: a person's certificate is their most severe one, also for T1
        counts = t1_disability_expr(self.policy, "best_type", "best_grade")
        return facts.with_columns(pl.col("dead").fill_null(False), counts.alias("t1_disability"))

    @cached_property
    def dibao_households(self) -> pl.DataFrame:
        """Dibao records with their household key, the household's size in distinct persons (hh_size)
        and the largest size its rows declare (hh_declared, 保障人数/家庭人口数; null when none do)."""
        dib = self.of_kind(DIBAO).with_columns(household_key().alias("hh_key"))
        return dib.with_columns(
            pl.col("person_key").n_unique().over("hh_key").alias("hh_size"),
            pl.col("household_size").max().over("hh_key").alias("hh_declared"),
        )

    @cached_property
    def poverty_households(self) -> pl.DataFrame:
        pov = self.of_kind(POVERTY).with_columns(household_key().alias("hh_key"))
        return pov.with_columns(pl.col("person_key").n_unique().over("hh_key").alias("hh_size"))

    def first_of_kind(self, kind: str, prefix: str = "r_") -> pl.DataFrame:
        """Per linkable person: their first record of `kind` (by rec_id), carried columns prefixed."""
        key = (kind, prefix)
        if key not in self._first_cache:
            first = self._linkable_of(kind).unique(subset="person_key", keep="first", maintain_order=True)
            self._first_cache[key] = first.select(
                "person_key", *[pl.col(c).alias(f"{prefix}{c}") for c in _RELATED_COLS]
            )
        return self._first_cache[key]

    @cached_property
    def _first_cache(self) -> dict[tuple[str, str], pl.DataFrame]:
        return {}

    def with_person_facts(self, df: pl.DataFrame, columns: tuple[str, ...] | None = None) -> pl.DataFrame:
        """Attach person facts to records; unlinkable records get facts of nobody (all False).

        `columns` limits the facts attached: the full set is ~30 columns, and joining all of them onto
        hundreds of thousands of records when a rule reads three is most of that rule's time.
        """
        persons = self.persons if columns is None else self.persons.select("person_key", *columns)
        out = df.join(persons, on="person_key", how="left")
        bools = [c for c, t in persons.schema.items() if t == pl.Boolean()]
        return out.with_columns([pl.col(c).fill_null(False) for c in bools])

    def with_best_certificate(self, df: pl.DataFrame) -> pl.DataFrame:
        """Attach all person facts and each person's most severe certificate record (`r_` columns)."""
        cert = self.certificates.select("person_key", *related_as("d_"))
        return self.with_person_facts(df).join(cert, on="person_key", how="left")


# Columns that some rule reads from `of_kind` frames; the others never leave `records`.
_RULE_COLS = (
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
    "person_id",
    "person_key",
    "link_basis",
    "link_confidence",
    "linkable",
)

# Columns of a related record carried next to the reported one (for pair_basis and `related`).
_RELATED_COLS = (
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
    return [pl.col(f"{prefix_in}{c}").alias(f"{prefix_out}{c}") for c in _RELATED_COLS]
