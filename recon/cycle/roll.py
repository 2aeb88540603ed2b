"""Last month's rolls for M1 and the movement of the roll: the snapshot a run keeps in its output folder
(`--previous`), or last month's input folder read as a run reads it (`--previous-input`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from recon.contract import ROLL_SNAPSHOT
from recon.errors import InputError
from recon.model import DIBAO, SNAPSHOT_SCHEMA, TEKUN

_ROLL_KINDS = [DIBAO, TEKUN]


def snapshot_of(linked: pl.DataFrame, month: dt.date) -> pl.DataFrame:
    """The dibao and tekun records of linked records as SNAPSHOT_SCHEMA rows."""
    rolls = linked.lazy().filter(pl.col("kind").cast(pl.String).is_in(_ROLL_KINDS))
    # "rec:<id>" is a record linked to no one: it cannot be followed to next month
    person = pl.when(~pl.col("person_id").str.starts_with("rec:")).then(pl.col("person_id"))
    cols = [c for c in SNAPSHOT_SCHEMA if c not in ("month", "person_id")]
    return (
        rolls.select(
            pl.lit(month).alias("month"),
            person.alias("person_id"),
            *[pl.col(c) if c in linked.columns else pl.lit(None).alias(c) for c in cols],
        )
        .cast({c: t for c, t in SNAPSHOT_SCHEMA.items()})
        .collect()
    )


def read_snapshot(out_dir: Path) -> pl.DataFrame | None:
    """The snapshot kept in a previous run's output folder; None when that run kept none (a --mask run,
    or one written before recon kept snapshots)."""
    path = Path(out_dir) / ROLL_SNAPSHOT
    if not path.is_file():
        return None
    try:
        df = pl.read_parquet(path)
    except (OSError, pl.exceptions.PolarsError) as e:
        raise InputError(
            f"上月的名册快照无法读取：{e}",
            file=str(path),
            fix="用 --previous-input 指向上月的输入目录，由 recon 重新读取上月名册",
            en=f"last month's roll snapshot cannot be read: {e}",
            fix_en="point --previous-input at last month's input folder instead",
        ) from e
    missing = [c for c in SNAPSHOT_SCHEMA if c not in df.columns]
    if missing:
        raise InputError(
            f"上月的名册快照缺少列：{', '.join(missing)}",
            file=str(path),
            fix="用 --previous-input 指向上月的输入目录",
            en=f"last month's roll snapshot lacks columns: {', '.join(missing)}",
            fix_en="point --previous-input at last month's input folder instead",
        )
    return df.select(list(SNAPSHOT_SCHEMA)).cast({c: t for c, t in SNAPSHOT_SCHEMA.items()})
