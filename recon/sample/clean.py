"""The clean record tables of one county month.

One seed gives one random stream, so the order of the steps is part of every seed's output: the planted
cases, then the base rolls (which take no ID a case holds), then the ID damage, last because it chooses
its records by where else each person appears.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from recon.sample import base_lists, payments
from recon.sample.base_rolls import Base
from recon.sample.id_damage import break_ids, legacy_15
from recon.sample.people import RareNames, villages_by_town
from recon.sample.planted import Planter, plant_all
from recon.sample.previous import previous_roll
from recon.sample.records import conform


@dataclass
class Clean:
    records: pl.DataFrame  # SCHEMA plus `rec`
    cases: pl.DataFrame  # case, pid, name, present, absent, note
    month: dt.date
    previous: pl.DataFrame  # last month's dibao roll (SCHEMA plus `rec`)
    villages: dict[str, tuple[str, ...]] = field(default_factory=dict)


def build(month: dt.date, seed: int, scale: float) -> Clean:
    rng = np.random.default_rng(seed)
    villages = villages_by_town(rng)
    used: set[str] = set()
    rare = RareNames(rng)  # it shuffles its pool now: that place in the stream is part of the output
    planter = Planter(month, rng, villages, used)
    plant_all(planter)
    planted = conform(pl.DataFrame(planter.rows, infer_schema_length=None))
    base_ = Base(month, rng, scale, villages, used)
    rolls = base_.build()
    rolls = pl.concat([rolls, base_lists.build(base_, rolls)])
    base = break_ids(rolls, rng, rare, scale, month)
    records = pl.concat([planted, base])
    records = legacy_15(records, rng)
    # paid after the IDs are damaged: a roll record whose ID is broken gets no line (payments.py)
    records = pl.concat(
        [
            records,
            payments.lines(records.with_row_index("rec").cast({"rec": pl.Int64}), month, planter.pay_handled),
        ]
    )
    # 户编号 of poverty households: one code per household, as the poverty office numbers them
    code = pl.lit("3715211") + (pl.col("hh").rank("dense").cast(pl.String).str.zfill(7))
    records = records.with_columns(
        household_id=pl.when(pl.col("kind") == "poverty")
        .then(code.over("kind"))
        .otherwise(pl.col("household_id"))
    )
    records = (
        records.with_columns(id_cell=pl.lit("text"))
        .with_row_index("rec")
        .with_columns(pl.col("rec").cast(pl.Int64))
    )
    cases = pl.DataFrame(planter.cases)
    previous = previous_roll(records, pl.DataFrame(planter.previous_rows, infer_schema_length=None), month)
    return Clean(records=records, cases=cases, month=month, previous=previous, villages=villages)
