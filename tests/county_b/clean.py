"""Build the clean records of one county-B month (base population plus planted cases), and last
month's dibao roll (M1)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import polars as pl

from tests.county_b.base import Base
from tests.county_b.cases_data import DataCases
from tests.county_b.cases_life import LifeCases
from tests.county_b.cases_means import MeansCases
from tests.county_b.cases_pay import PayCases
from tests.county_b.payments import pay_regular
from tests.county_b.people import Population, villages_by_town
from tests.county_b.previous import previous_roll
from tests.county_b.records import Rolls


@dataclass(frozen=True)
class Clean:
    records: pl.DataFrame  # recon.sample.records.SCHEMA + rec + declared_size
    previous: pl.DataFrame  # last month's dibao roll, the same columns
    cases: pl.DataFrame  # case, pid, name, present, absent, note
    villages: dict[str, tuple[str, ...]]


def build(month: dt.date, seed: int) -> Clean:
    rng = np.random.default_rng([seed, 411421])
    villages = villages_by_town(rng)
    rolls = Rolls(month, Population(month, rng, villages))
    base = Base(rolls)
    base.build()
    LifeCases(rolls).plant()
    DataCases(rolls, base).plant()
    MeansCases(rolls).plant()
    PayCases(rolls).plant()
    pay_regular(rolls)  # last: every roll is complete
    records = rolls.frame()
    previous = previous_roll(records, rolls.frame(rolls.previous_rows), month)
    return Clean(records, previous, pl.DataFrame(rolls.cases), villages)
