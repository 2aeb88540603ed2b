"""The fuzzy cases are what they claim: a correct linker finds exactly the planted partner, and nothing
links the decoys or the broken-ID records of one-source people."""

from __future__ import annotations

import polars as pl
from pypinyin import lazy_pinyin

from recon.sample import GeneratedSample


def _one_edit(a: str, b: str) -> bool:
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diff) == 1:
        return True
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def test_broken_id_records_link_only_where_planted(mixed: GeneratedSample) -> None:
    recs = mixed.records.with_columns(
        sound=pl.col("name").map_elements(lambda n: " ".join(lazy_pinyin(n)), return_dtype=pl.String)
    )
    usable = recs.filter(pl.col("id_status").is_in(["valid", "valid15"]))
    broken = recs.filter(~pl.col("id_status").is_in(["valid", "valid15"]))
    ambiguous = 0
    for r in broken.iter_rows(named=True):
        others = usable.filter(pl.col("kind") != r["kind"], pl.col("sound") == r["sound"])
        by_birth = set(others.filter(pl.col("birth") == r["birth"], pl.col("town") == r["town"])["pid"])
        by_edit = {p for p in others["pid"] if r["id_text"] and _one_edit(p, r["id_text"])}
        found = by_birth | by_edit if r["kind"] == "cremation" else by_edit
        if r["pid"] is not None:
            assert found == {r["pid"]}, r["name"]
        elif len(by_birth) == 2:
            ambiguous += 1  # the planted 张桂兰 decoy
        else:
            assert found == set(), (r["name"], found)
    assert ambiguous == 1
    assert broken.filter(pl.col("pid").is_not_null()).height == 3  # blank, one digit, swap
