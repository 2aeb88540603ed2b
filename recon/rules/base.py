"""What a rule is handed: the linked records of one run and the per-run facts every rule shares.

A rule is data plus one `check` function. The facts that several rules need (who is on which roll, who
has died and when, each person's most severe certificate, dibao household sizes) are computed once per
run in `RuleContext`, with group_by over the whole linked frame, never per rule and never per row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import polars as pl

from recon.config import Policy
from recon.link.keys import with_person_keys
from recon.model import (
    BASIS_ID,
    CREMATION,
    DEATH,
    DIBAO,
    DISABILITY,
    ISSUE_SCHEMA,
    KINDS,
    LINKED_SCHEMA,
    POVERTY,
    RUN_UNUSED,
    SUBSIDY,
    SUBSIDY_CARE,
    SUBSIDY_LIVING,
    TEKUN,
)
from recon.normalize.households import household_key
from recon.rules.columns import RELATED_COLS as _RELATED_COLS
from recon.rules.columns import RULE_COLS as _RULE_COLS
from recon.rules.columns import related_as
from recon.rules.rule import (
    FAMILIES,
    PREVIOUS_ROLL_ZH,
    Rule,
    RuleDefinitionError,
    rule_info,
    rule_parameters,
)
from recon.rules.text import date_text, location

__all__ = [
    "FAMILIES",
    "PREVIOUS_ROLL_ZH",
    "Rule",
    "RuleContext",
    "RuleDefinitionError",
    "age_at",
    "is_head_expr",
    "related_as",
    "rule_info",
    "rule_parameters",
    "t1_disability_expr",
]


def t1_disability_expr(
    policy: Policy, type_col: str = "disability_type", grade_col: str = "disability_grade"
) -> pl.Expr:
    counts = pl.lit(False)
    for d in policy.t1_disabilities:
        counts = counts | ((pl.col(type_col) == d.type) & (pl.col(grade_col) <= d.max_grade))
    return counts.fill_null(False)


def is_head_expr() -> pl.Expr:
    """A household's head: relation 户主/本人 (as households write it), or the record's ID is the 户主身份证号."""
    rel = pl.col("relation").cast(pl.String).str.replace_all(r"\s", "")
    return (
        rel.is_in(["户主", "本人", "户主本人", "本人（户主）", "本人(户主)"])
        | (pl.col("id_number") == pl.col("head_id"))
    ).fill_null(False)


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
    # last month's rolls (model.SNAPSHOT_SCHEMA), for the M rules; None when no previous month was given
    previous_roll: pl.DataFrame | None = None

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
    def death_records(self) -> pl.DataFrame:
        """Every linkable death record (cremation, and `death` rows whose reason is a death) with its
        date (`person_death`: 死亡日期, else 火化日期 or 注销日期) and the label of that date."""
        parts = []
        for kind, fallback, fallback_label in (
            (CREMATION, "cremation_date", "火化日期"),
            (DEATH, "cancel_date", "注销日期"),
        ):
            recs = self._linkable_of(kind, "death_date", fallback, "is_death")
            parts.append(
                recs.filter(pl.col("is_death").fill_null(True))
                .with_columns(
                    pl.coalesce(pl.col("death_date"), pl.col(fallback)).alias("person_death"),
                    pl.when(pl.col("death_date").is_not_null())
                    .then(pl.lit("死亡日期"))
                    .otherwise(pl.lit(fallback_label))
                    .alias("death_label"),
                )
                .filter(pl.col("person_death").is_not_null())
                .select("person_key", "person_death", "death_label", *_RELATED_COLS)
            )
        return pl.concat(parts, how="vertical").sort(["person_key", "person_death", "rec_id"])

    @cached_property
    def deaths(self) -> pl.DataFrame:
        """Per linkable person: the earliest death over every death source, that record (`c_` columns),
        and `death_sources`, the text naming each source (one source: its place; several: each with its
        date, earliest first)."""
        m = self.month
        recs = self.death_records
        place = location()
        each = pl.concat_str(
            [place, pl.lit(" "), pl.col("death_label"), pl.lit(" "), date_text(pl.col("person_death"))]
        )
        sources = (
            recs.lazy()
            .group_by("person_key", maintain_order=True)
            .agg(
                pl.len().alias("_n"),
                place.first().alias("_first_place"),
                each.str.join("；").alias("_all"),
            )
            .select(
                "person_key",
                pl.when(pl.col("_n") > 1)
                .then(pl.col("_all"))
                .otherwise(pl.col("_first_place"))
                .alias("death_sources"),
                pl.col("_n").alias("death_source_count"),
            )
            .collect()
        )
        first = recs.unique(subset="person_key", keep="first", maintain_order=True)
        months = pl.lit(m.year * 12 + m.month) - (
            pl.col("person_death").dt.year().cast(pl.Int64) * 12
            + pl.col("person_death").dt.month().cast(pl.Int64)
        )
        return first.join(sources, on="person_key", how="left").select(
            "person_key",
            pl.col("person_death").alias("death_date_p"),
            months.alias("months_since_death"),
            (months > self.policy.death_grace_months).alias("dead"),
            (pl.col("death_label") == "死亡日期").alias("death_is_death_date"),
            "death_label",
            "death_sources",
            "death_source_count",
            *[pl.col(c).alias(f"c_{c}") for c in _RELATED_COLS],
        )

    @cached_property
    def death_conflicts(self) -> pl.DataFrame:
        """Data-quality rows (ISSUE_SCHEMA) for people whose death records disagree on the date by more
        than `death_date_tolerance_days`: the earliest date is used, and the row says so."""
        recs = self.death_records
        tol = self.policy.death_date_tolerance_days
        spread = (
            recs.lazy()
            .group_by("person_key", maintain_order=True)
            .agg(
                (pl.col("person_death").max() - pl.col("person_death").min()).dt.total_days().alias("_days"),
                pl.concat_str(
                    [
                        location(),
                        pl.lit(" "),
                        pl.col("death_label"),
                        pl.lit(" "),
                        date_text(pl.col("person_death")),
                    ]
                )
                .str.join("；")
                .alias("_all"),
                pl.col("name").first(),
                pl.col("source_file").last(),
                pl.col("source_sheet").last(),
                pl.col("source_row").last(),
            )
            .filter(pl.col("_days") > tol)
            .collect()
        )
        return spread.select(
            pl.lit("warning").alias("level"),
            pl.lit("death_date_conflict").alias("code"),
            "source_file",
            "source_sheet",
            pl.col("source_row").cast(ISSUE_SCHEMA["source_row"]),
            pl.lit("死亡日期").alias("column"),
            pl.col("name").alias("value"),
            pl.concat_str(
                [
                    pl.lit("同一人的死亡记录日期相差 "),
                    pl.col("_days").cast(pl.String),
                    pl.lit(f" 天（超过 {tol} 天）："),
                    pl.col("_all"),
                    pl.lit("；死亡类规则按最早日期计，请核实哪一条记录有误"),
                ]
            ).alias("reason"),
        ).cast({c: t for c, t in ISSUE_SCHEMA.items()})

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

    def households(self, kind: str) -> pl.DataFrame:
        """The records of a household roll (dibao or poverty) with `hh_key`, `hh_size` and `is_head`."""
        hh = self.dibao_households if kind == DIBAO else self.poverty_households
        return hh.with_columns(is_head_expr().alias("is_head"))

    def household_heads(self, kind: str) -> pl.DataFrame:
        """One record per household of a household roll: the head's (relation 户主/本人, or ID = 户主身份证号),
        else the first member row; with `hh_key` and `hh_size`. E4, P2, P3 and the C rules report here."""
        key = ("heads", kind)
        if key not in self._first_cache:
            hh = self.households(kind).sort(["hh_key", "is_head", "rec_id"], descending=[False, True, False])
            self._first_cache[key] = hh.unique(subset="hh_key", keep="first", maintain_order=True)
        return self._first_cache[key]

    def household_texts(self, kind: str) -> pl.DataFrame:
        """Per household of a household roll: `hh_text`, the household as the evidence names it —
        "低保户 37152110000001（3 人）：户主 张三；成员 李四（配偶）、张小五（长子）" — and `hh_head_name`.

        Every E, R and K row carries it: eligibility is decided per household, and the auditor must see
        who else is affected. A member is named once, however many records list them."""
        key = ("texts", kind)
        if key in self._first_cache:
            return self._first_cache[key]
        hh = (
            self.households(kind)
            .sort(["hh_key", "is_head", "rec_id"], descending=[False, True, False])
            .unique(subset=["hh_key", "person_key"], keep="first", maintain_order=True)
        )
        member = pl.concat_str(
            [
                pl.col("name").fill_null("（无姓名）"),
                pl.when(pl.col("relation").is_not_null()).then(
                    pl.concat_str([pl.lit("（"), pl.col("relation").cast(pl.String), pl.lit("）")])
                ),
            ],
            ignore_nulls=True,
        )
        label = "低保户" if kind == DIBAO else "监测户"
        texts = (
            hh.lazy()
            .group_by("hh_key", maintain_order=True)
            .agg(
                pl.col("name").filter(pl.col("is_head")).first().alias("_head"),
                pl.col("head_name").drop_nulls().first().alias("_head_col"),
                member.filter(~pl.col("is_head")).str.join("、").alias("_others"),
                pl.col("household_id").drop_nulls().first().alias("_hid"),
                pl.len().alias("_n"),
            )
            .with_columns(pl.coalesce("_head", "_head_col").alias("hh_head_name"))
            .select(
                "hh_key",
                "hh_head_name",
                pl.concat_str(
                    [
                        pl.lit(label),
                        pl.when(pl.col("_hid").is_not_null()).then(
                            pl.concat_str([pl.lit(" "), pl.col("_hid")])
                        ),
                        pl.lit("（"),
                        pl.col("_n").cast(pl.String),
                        pl.lit(" 人）：户主 "),
                        pl.col("hh_head_name").fill_null("不详"),
                        pl.when(pl.col("_head").is_null() & pl.col("_head_col").is_not_null()).then(
                            pl.lit("（不在名册成员中）")
                        ),
                        pl.when(pl.col("_others") != "").then(
                            pl.concat_str([pl.lit("；成员 "), pl.col("_others")])
                        ),
                    ],
                    ignore_nulls=True,
                ).alias("hh_text"),
            )
            .collect()
        )
        self._first_cache[key] = texts
        return texts

    def assisted(self) -> pl.DataFrame:
        """One row per linkable person on dibao or tekun, on the record E and R rows are reported on —
        the person's first dibao record, else their first tekun record — with `programme` (dibao/tekun),
        `hh_key` (dibao) and `hh_text`: the dibao household, or a tekun person's own line."""
        key = ("assisted", "")
        if key in self._first_cache:
            return self._first_cache[key]
        dib = self.households(DIBAO).filter(pl.col("linkable"))
        dib = dib.unique(subset="person_key", keep="first", maintain_order=True).join(
            self.household_texts(DIBAO).select("hh_key", "hh_text"), on="hh_key", how="left"
        )
        tek = self.of_kind(TEKUN).filter(pl.col("linkable"))
        tek = tek.unique(subset="person_key", keep="first", maintain_order=True).join(
            dib.select("person_key"), on="person_key", how="anti"
        )
        tek_text = pl.lit("特困供养人员（单人保障，无低保户）")
        tek = tek.with_columns(
            pl.lit(None, dtype=pl.String).alias("hh_key"),
            pl.lit(None, dtype=pl.UInt32).alias("hh_size"),
            pl.lit(None, dtype=pl.Int64).alias("hh_declared"),
            pl.lit(False).alias("is_head"),
            tek_text.alias("hh_text"),
        )
        dib = dib.with_columns(pl.lit(DIBAO).alias("programme"))
        tek = tek.with_columns(pl.lit(TEKUN).alias("programme"))
        out = pl.concat([dib, tek.select(dib.columns)], how="vertical")
        self._first_cache[key] = out
        return out

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
    def _first_cache(self) -> dict[tuple[str, str], pl.DataFrame]:  # also households(), assisted()
        return {}

    def shared(self, key: str, build: Callable[[], pl.DataFrame]) -> pl.DataFrame:
        """A fact the rules of one family compute the same way (this month's payment lines, what each
        household was paid), built once per run by whichever of them runs first."""
        k = ("shared", key)
        if k not in self._first_cache:
            self._first_cache[k] = build()
        return self._first_cache[k]

    @cached_property
    def notes(self) -> dict[str, pl.DataFrame]:
        """Data-quality rows (ISSUE_SCHEMA) a rule's reading revealed, by topic: a topic is noted once
        however many rules of the family meet it (lines of other months set aside, a minor's payee)."""
        return {}

    def note(self, topic: str, rows: pl.DataFrame) -> None:
        if topic not in self.notes and rows.height:
            self.notes[topic] = rows

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
