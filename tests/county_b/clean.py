"""Build the clean records of one county-B month (base population plus planted cases)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import polars as pl

from tests.county_b.base import Base
from tests.county_b.cases_data import DataCases
from tests.county_b.cases_life import LifeCases
from tests.county_b.people import Population, villages_by_town
from tests.county_b.records import Rolls


@dataclass(frozen=True)
class Clean:
    records: pl.DataFrame  # recon.sample.records.SCHEMA + rec + declared_size
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
    return Clean(rolls.frame(), pl.DataFrame(rolls.cases), villages)
