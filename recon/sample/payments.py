"""The payment file's regular lines: what the roll approves, paid as the county's 一本通 pays it.

One line per dibao household (to the head, or the first living member when the head has died: a line
in a dead person's name is the P5 case, planted on purpose only) for the sum of its distinct members'
月保障金 (the sample's amounts are per member), and one per tekun person for their 月供养金. Nobody
dead before the month is paid (their households are D cases), nor anyone whose roll ID is broken (such
a record meets no cross-source rule, so its line would only blur P1/P2); the planted cases that write
their own lines or none (`Planter.pay_handled`) are left alone.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from recon.sample.records import DIBAO_PROGRAMME, NOT_DEATH_REASONS, TEKUN_PROGRAMME, conform


def deaths(records: pl.DataFrame) -> dict[str, dt.date]:
    """person -> earliest death date over the cremation records and the death-list rows that are deaths."""
    is_death = (pl.col("kind") == "cremation") | (
        (pl.col("kind") == "death") & ~pl.col("category").is_in(list(NOT_DEATH_REASONS))
    )
    date = pl.coalesce("death_date", "cremation_date", "event_date")
    df = (
        records.filter(is_death & pl.col("pid").is_not_null())
        .group_by("pid")
        .agg(date.min().alias("d"))
        .drop_nulls()
    )
    return dict(zip(df["pid"].to_list(), df["d"].to_list(), strict=True))


def lines(records: pl.DataFrame, month: dt.date, handled: set[str]) -> pl.DataFrame:
    died = deaths(records)

    def dead(pid: str | None) -> bool:
        return pid is not None and pid in died and died[pid] < month

    rows: list[dict[str, object]] = []
    dib = records.filter(pl.col("kind") == "dibao").select(
        "hh", "pid", "rec", "name", "gender", "birth", "town", "village", "relation", "amount"
    )
    for (hh,), members in dib.group_by("hh", maintain_order=True):
        if hh in handled:
            continue
        people = members.with_columns(_p=pl.coalesce(pl.col("pid"), pl.col("rec").cast(pl.String))).unique(
            "_p", keep="first", maintain_order=True
        )
        alive = [m for m in people.iter_rows(named=True) if not dead(m["pid"])]
        if not alive:
            continue
        heads = [m for m in alive if m["relation"] == "户主"]
        payee = (heads or alive)[0]
        if payee["pid"] is None:
            continue
        total = float(people["amount"].fill_null(0).sum())
        rows.append({**payee, "category": DIBAO_PROGRAMME, "amount": total})
    tek = records.filter(pl.col("kind") == "tekun", pl.col("pid").is_not_null())
    for t in tek.iter_rows(named=True):
        if t["pid"] in handled or dead(t["pid"]):
            continue
        rows.append({**t, "category": TEKUN_PROGRAMME})
    keep = ("pid", "name", "gender", "birth", "town", "village", "category", "amount")
    df = pl.DataFrame([{k: r[k] for k in keep} for r in rows], infer_schema_length=None)
    return conform(
        df.with_columns(
            kind=pl.lit("payment"),
            file=pl.lit("payment"),
            other_name=pl.col("name"),
            pay_month=pl.lit(month),
            id_status=pl.lit("valid"),
            id_text=pl.col("pid"),
        )
    )


def account_numbers(n: int, rng: np.random.Generator) -> list[str]:
    """一本通 account numbers (19 digits, a bank's 62… card range): never 18 characters, never an ID."""
    body = rng.integers(0, 10, size=(n, 13))
    return ["621" + "".join(map(str, r)) + "000" for r in body]
