"""ID damage, applied once every clean roll exists: who may carry a broken ID depends on where else that
person appears."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from recon.sample import ids
from recon.sample.people import RareNames
from recon.sample.records import LIFTED


def break_ids(
    df: pl.DataFrame, rng: np.random.Generator, rare: RareNames, scale: float, month: dt.date
) -> pl.DataFrame:
    """Destructive ID damage, only on records of people found in that one source (so they give Q1/Q3 and
    nothing else): blank, invalid, or stored as a number. Each gets a name no one else has."""
    counts = {  # file -> (float, missing, invalid) at scale 1
        "dibao_rural": (3, 3, 2),
        "dibao_urban": (1, 1, 1),
        "tekun": (2, 1, 1),
        "disability": (2, 1, 1),
        "poverty": (1, 1, 1),
        "cremation": (1, 3, 1),
        "vehicle": (1, 1, 1),
        "property": (1, 1, 1),
    }
    occurrences = pl.col("pid").count().over("pid")
    solo = (occurrences == 1) & pl.col("planted").is_null()
    years = (pl.lit(month) - pl.col("birth")).dt.total_days()
    eligible = solo & pl.when(pl.col("file").str.starts_with("dibao")).then(
        (pl.col("relation") != "户主") & (pl.len().over("hh") > 1) & (years > 365 * 17) & (years < 365 * 58)
    ).when(pl.col("file") == "disability").then(pl.col("dis_grade") >= 3).when(
        pl.col("file") == "poverty"
    ).then((pl.col("relation") != "户主") & (pl.col("poverty_category") == LIFTED)).when(
        pl.col("file") == "tekun"
    ).then(pl.lit(True)).when(pl.col("file").is_in(["cremation", "vehicle", "property"])).then(
        pl.lit(True)
    ).otherwise(pl.lit(False))
    df = df.with_row_index("_i").with_columns(_ok=eligible)
    status = np.full(df.height, None, dtype=object)
    ok = df["_ok"].to_numpy()
    files = df["file"].to_numpy()
    # a number cell cannot hold the check character X: only IDs ending in a digit were stored as numbers
    digit_end = ~df["pid"].str.ends_with("X").fill_null(True).to_numpy()
    for file, (n_float, n_missing, n_invalid) in counts.items():
        want = [max(1, round(k * scale)) for k in (n_float, n_missing, n_invalid)]
        pool = rng.permutation(np.nonzero(ok & (files == file) & digit_end)[0])
        status[pool[: want[0]]] = "float_damaged"
        rest = rng.permutation(np.nonzero(ok & (files == file) & (status == None))[0])  # noqa: E711
        status[rest[: want[1]]] = "missing"
        status[rest[want[1] : want[1] + want[2]]] = "invalid"
    hit = np.nonzero(status != None)[0]  # noqa: E711 (numpy element-wise comparison)
    pids = df["pid"].to_numpy()
    new_text, new_name = [], rare.take(len(hit))
    for j, i in enumerate(hit):
        pid = str(pids[i])
        if status[i] == "missing":
            new_text.append("")
        elif status[i] == "float_damaged":
            new_text.append(pid)
        else:
            new_text.append(_invalid_variant(pid, j))
    fix = pl.DataFrame(
        {
            "_i": hit.astype(np.uint32),
            "_status": status[hit].astype(str),
            "_text": new_text,
            "_name": new_name,
        },
        schema_overrides={"_i": pl.UInt32},
    )
    df = df.join(fix, on="_i", how="left")
    broken = pl.col("_status").is_not_null()
    return df.with_columns(
        id_status=pl.when(broken).then(pl.col("_status")).otherwise(pl.col("id_status")),
        id_text=pl.when(broken).then(pl.col("_text")).otherwise(pl.col("id_text")),
        name=pl.when(broken).then(pl.col("_name")).otherwise(pl.col("name")),
        pid=pl.when(broken).then(None).otherwise(pl.col("pid")),
        cert_number=pl.when(broken).then(None).otherwise(pl.col("cert_number")),
    ).drop("_i", "_ok", "_status", "_text", "_name")


def _invalid_variant(pid: str, j: int) -> str:
    """Ways an ID is invalid in real files, in turn: bad check character, a digit missing, an
    impossible birth date, an extra digit."""
    k = j % 4
    if k == 0:
        good = pid[17]
        # never "…000": 15 digits and three zeros is what Excel leaves of a number (Q3, not Q1)
        bad = next(c for c in "0123456789X" if c != good and not (c == "0" and pid[15:17] == "00"))
        return pid[:17] + bad
    if k == 1:
        return pid[:10] + pid[11:]
    if k == 2:
        body = pid[:10] + "13" + pid[12:17]
        return body + ids.check_char(body)
    return pid + "1"


def legacy_15(records: pl.DataFrame, rng: np.random.Generator) -> pl.DataFrame:
    """Some records of people born 19xx carry the old 15-digit number (status valid15)."""
    eligible = (
        (pl.col("id_status") == "valid")
        & pl.col("id_text").str.slice(6, 2).eq("19")
        & pl.col("file").is_in(["dibao_rural", "dibao_urban", "tekun", "disability", "poverty"])
    )
    pick = pl.Series(rng.random(records.height) < 0.025)
    legacy = eligible & pick
    return records.with_columns(
        id_status=pl.when(legacy).then(pl.lit("valid15")).otherwise(pl.col("id_status")),
        id_text=pl.when(legacy)
        .then(pl.col("id_text").str.slice(0, 6) + pl.col("id_text").str.slice(8, 9))
        .otherwise(pl.col("id_text")),
    )
