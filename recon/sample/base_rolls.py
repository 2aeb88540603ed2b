"""The base population: consistent rolls, so that anomalies come mostly from the planted cases.

It draws from the same random stream as the planted cases, after them, and takes no ID they hold (`used`),
so a base person is never mistaken for a planted one.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from recon.sample.people import RURAL_TOWNS, STREETS, TOWNS, place, population
from recon.sample.records import (
    CARE,
    COMBINED_CARE_TOWNS,
    LIFTED,
    LIVING,
    MARGINAL,
    RISKS,
    SUDDEN,
    UNSTABLE,
    add_months,
    conform,
)


class Base:
    """The regular rolls of one county month at `scale` (1 is about 5,000 rows)."""

    def __init__(
        self,
        month: dt.date,
        rng: np.random.Generator,
        scale: float,
        villages: dict[str, tuple[str, ...]],
        used: set[str],
    ) -> None:
        self.month, self.rng, self.scale, self.villages, self.used = month, rng, scale, villages, used

    def n(self, k: float) -> int:
        return max(1, round(k * self.scale))

    def people(self, k: int, lo: int, hi: int, towns: tuple[str, ...]) -> pl.DataFrame:
        df = population(np.full(k, lo), np.full(k, hi), self.month, self.rng, self.used)
        return place(df, towns, self.villages, self.rng)

    def households(
        self, n_h: int, towns: tuple[str, ...], file: str, prefix: str, single_share: float
    ) -> pl.DataFrame:
        rng = self.rng
        sizes = np.where(
            rng.random(n_h) < single_share, 1, rng.choice([2, 3, 4, 5], size=n_h, p=[0.45, 0.3, 0.17, 0.08])
        )
        single = sizes == 1
        # single-person households are working-age here: elderly, minor or disabled singles are planted
        heads = pl.concat(
            [
                self.people(int(single.sum()), 20, 59, towns),
                self.people(int((~single).sum()), 30, 85, towns),
            ]
        )
        order = np.concatenate([np.nonzero(single)[0], np.nonzero(~single)[0]])
        hh = np.array([f"{prefix}{i:05d}" for i in range(n_h)])[order]
        sizes = sizes[order]
        per_person = (
            (rng.integers(60, 85, size=n_h) * 5)
            if file == "dibao_rural"
            else (rng.integers(96, 125, size=n_h) * 5)
        )
        start = [add_months(self.month, -int(k)) for k in rng.integers(1, 96, size=n_h)]
        heads = heads.with_columns(
            hh=pl.Series(hh),
            relation=pl.lit("户主"),
            amount=pl.Series(per_person.astype(float)),
            start_month=pl.Series(start, dtype=pl.Date),
            size=pl.Series(sizes),
        )
        n_members = int((sizes - 1).sum())
        members = population(np.zeros(n_members), np.full(n_members, 90), self.month, rng, self.used)
        members = members.with_columns(hh=pl.Series(np.repeat(hh, sizes - 1)))
        hinfo = heads.select(
            "hh",
            "town",
            "village",
            "amount",
            "start_month",
            head_name="name",
            head_pid="pid",
            head_birth="birth",
        )
        members = members.join(hinfo, on="hh", how="left")
        older = (pl.col("head_birth") - pl.col("birth")).dt.total_days() / 365.25
        members = members.with_columns(
            relation=pl.when(older <= -18)
            .then(pl.when(pl.col("gender") == "男").then(pl.lit("父亲")).otherwise(pl.lit("母亲")))
            .when(older >= 40)
            .then(pl.when(pl.col("gender") == "男").then(pl.lit("孙子")).otherwise(pl.lit("孙女")))
            .when(older >= 16)
            .then(pl.when(pl.col("gender") == "男").then(pl.lit("儿子")).otherwise(pl.lit("女儿")))
            .otherwise(pl.lit("配偶"))
        ).drop("head_birth")
        heads = heads.with_columns(head_name=pl.col("name"), head_pid=pl.col("pid")).drop("size")
        out = pl.concat([heads, members], how="diagonal_relaxed").sort("hh", maintain_order=True)
        area = "农村" if file == "dibao_rural" else "城市"
        hid = (pl.lit("CB") + pl.col("hh").str.slice(1)) if file == "dibao_urban" else pl.lit(None, pl.String)
        return out.with_columns(
            kind=pl.lit("dibao"), file=pl.lit(file), area_type=pl.lit(area), household_id=hid
        )

    def tekun(self) -> pl.DataFrame:
        k = self.n(380)
        old = self.people(round(k * 0.75), 60, 95, TOWNS)
        young = self.people(k - old.height, 16, 59, TOWNS)
        df = pl.concat([old, young])
        rng = self.rng
        mode = np.where(rng.random(df.height) < 0.3, "集中供养", "分散供养")
        care = np.array(["全自理", "半自理", "全护理"])[rng.choice(3, size=df.height, p=[0.6, 0.25, 0.15])]
        amount = np.where(mode == "集中供养", 780.0, 590.0)
        return df.with_columns(
            kind=pl.lit("tekun"),
            file=pl.lit("tekun"),
            support_mode=pl.Series(mode),
            self_care=pl.Series(care),
            amount=pl.Series(amount),
        )

    def disabilities(self, holders: pl.DataFrame) -> pl.DataFrame:
        rng = self.rng
        k = holders.height
        dtype = rng.choice([1, 2, 3, 4, 5, 6, 7], size=k, p=[0.12, 0.15, 0.03, 0.35, 0.12, 0.1, 0.13])
        grade = rng.choice([1, 2, 3, 4], size=k, p=[0.15, 0.25, 0.3, 0.3])
        return holders.with_columns(
            kind=pl.lit("disability"),
            file=pl.lit("disability"),
            dis_type=pl.Series(dtype),
            dis_grade=pl.Series(grade),
        ).with_columns(
            cert_number=pl.col("pid")
            + pl.col("dis_type").cast(pl.String)
            + pl.col("dis_grade").cast(pl.String)
        )

    def cremations(self) -> pl.DataFrame:
        rng = self.rng
        k = self.n(230)
        df = self.people(k, 55, 100, RURAL_TOWNS + STREETS)
        m0 = np.datetime64(self.month, "D")
        death = m0 + rng.integers(-480, 25, size=k).astype("timedelta64[D]")
        crem = death + rng.integers(1, 5, size=k).astype("timedelta64[D]")
        blank = rng.random(k) < 0.1
        return df.with_columns(
            kind=pl.lit("cremation"),
            file=pl.lit("cremation"),
            death_date=pl.Series(death).cast(pl.Date),
            cremation_date=pl.Series(crem).cast(pl.Date),
        ).with_columns(death_date=pl.when(pl.Series(blank)).then(None).otherwise(pl.col("death_date")))

    def poverty_from(self, dibao: pl.DataFrame, share: float) -> pl.DataFrame:
        rng = self.rng
        hhs = dibao.select("hh").unique(maintain_order=True)["hh"].to_numpy()
        chosen = hhs[rng.random(len(hhs)) < share]
        cats = np.array([LIFTED, UNSTABLE, MARGINAL, SUDDEN])[
            rng.choice(4, size=len(chosen), p=[0.6, 0.2, 0.15, 0.05])
        ]
        meta = pl.DataFrame(
            {
                "hh": chosen,
                "poverty_category": cats,
                "income": rng.integers(3000, 9000, size=len(chosen)).astype(float),
                "risk": np.array(RISKS)[rng.integers(len(RISKS), size=len(chosen))],
            }
        )
        return dibao.join(meta, on="hh", how="inner").with_columns(
            kind=pl.lit("poverty"),
            file=pl.lit("poverty"),
            hh=pl.lit("P") + pl.col("hh"),
            amount=pl.lit(None, pl.Float64),
            start_month=pl.lit(None, pl.Date),
            area_type=pl.lit(None, pl.String),
            household_id=pl.lit(None, pl.String),
        )

    def poverty_own(self) -> pl.DataFrame:
        """Households on the poverty roster only: all 脱贫户 (not monitored, so no C anomaly)."""
        rng = self.rng
        n_h = self.n(120)
        df = self.households(n_h, RURAL_TOWNS, "poverty_tmp", "Q", single_share=0.2)
        meta = pl.DataFrame({"hh": df["hh"].unique(maintain_order=True)}).with_columns(
            income=pl.Series(rng.integers(5200, 14000, size=n_h).astype(float)),
            risk=pl.Series(np.array(RISKS)[rng.integers(len(RISKS), size=n_h)]),
        )
        return df.join(meta, on="hh").with_columns(
            kind=pl.lit("poverty"),
            file=pl.lit("poverty"),
            poverty_category=pl.lit(LIFTED),
            amount=pl.lit(None, pl.Float64),
            start_month=pl.lit(None, pl.Date),
            area_type=pl.lit(None, pl.String),
            household_id=pl.lit(None, pl.String),
        )

    def build(self) -> pl.DataFrame:
        rng = self.rng
        rural = self.households(self.n(850), RURAL_TOWNS, "dibao_rural", "R", single_share=0.3)
        urban = self.households(self.n(130), STREETS, "dibao_urban", "U", single_share=0.3)
        dibao = pl.concat([rural, urban], how="diagonal_relaxed")
        tekun = self.tekun()
        # certificate holders: members of multi-person dibao households, tekun people, others
        multi = dibao.filter(pl.len().over("hh") > 1)
        from_dibao = multi.filter(pl.Series(rng.random(multi.height) < 0.1))
        from_tekun = tekun.filter(pl.Series(rng.random(tekun.height) < 0.3))
        others = self.people(self.n(420), 5, 90, TOWNS)
        keep = ["pid", "name", "gender", "birth", "town", "village"]
        holders = pl.concat([from_dibao.select(keep), from_tekun.select(keep), others.select(keep)])
        disability = self.disabilities(holders)
        on_dibao = set(dibao["pid"].to_list())
        on_tekun = set(tekun["pid"].to_list())
        d = disability.with_columns(
            on_dibao=pl.col("pid").is_in(list(on_dibao)), on_tekun=pl.col("pid").is_in(list(on_tekun))
        )
        living = d.filter(pl.col("on_dibao")).with_columns(
            subsidy_type=pl.lit(LIVING), amount=pl.when(pl.col("dis_grade") <= 2).then(100.0).otherwise(60.0)
        )
        care = d.filter(pl.col("dis_grade") <= 2, ~pl.col("on_tekun")).with_columns(
            subsidy_type=pl.lit(CARE), amount=pl.when(pl.col("dis_grade") == 1).then(100.0).otherwise(80.0)
        )
        subsidy = (
            pl.concat([living, care])
            .with_columns(
                kind=pl.lit("subsidy"),
                file=pl.when(
                    (pl.col("subsidy_type") == CARE) & ~pl.col("town").is_in(list(COMBINED_CARE_TOWNS))
                )
                .then(pl.lit("subsidy_care"))
                .otherwise(pl.lit("subsidy_all")),
            )
            .drop("on_dibao", "on_tekun", "dis_type", "dis_grade", "cert_number")
        )
        poverty = pl.concat([self.poverty_from(dibao, 0.25), self.poverty_own()], how="diagonal_relaxed")
        frames = [dibao, tekun, disability, subsidy, self.cremations(), poverty]
        records = pl.concat([conform(f.drop("size", strict=False)) for f in frames])
        # every base ID starts valid and as written; id_damage.py breaks some of them afterwards
        return records.with_columns(id_status=pl.lit("valid"), id_text=pl.col("pid"))
