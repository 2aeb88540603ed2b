"""The integer person keys the rules join on must be equal exactly when the person IDs are equal."""

from __future__ import annotations

import polars as pl

from recon.link.keys import person_keys


def test_distinct_ids_get_distinct_keys_and_equal_ids_equal_keys() -> None:
    ids = [
        "11010119900101123X",
        "110101199001011230",  # differs only in the check character
        "110101199001011239",
        "11010119900101123X",  # repeated
        "rec:7",  # a record of its own
        "rec:70",
        None,
    ]
    keys = person_keys(pl.Series(ids, dtype=pl.String)).to_list()
    assert keys[0] == keys[3]
    assert len({keys[i] for i in (0, 1, 2, 4, 5)}) == 5
    assert keys[4] == -8 and keys[5] == -71  # records of their own never meet a person's key
    assert keys[6] is None
    assert all(k >= 0 for k in keys[:4])


def test_other_texts_fall_back_to_a_rank_that_keeps_equality() -> None:
    ids = ["p1", "p2", "p1", "110101199001011230", None]
    keys = person_keys(pl.Series(ids, dtype=pl.String)).to_list()
    assert keys[0] == keys[2] and len({keys[0], keys[1], keys[3]}) == 3
    assert keys[4] is None


def test_signs_spaces_and_leading_zeros_are_not_taken_for_ids() -> None:
    # each would parse as a 17-digit number if the shape were not checked; none is a real person ID
    odd = ["+1234567890123456X", "-1234567890123456X", "01234567890123456X", "1234567890123456 X", "rec:x"]
    ids = ["11234567890123456X", *odd]
    keys = person_keys(pl.Series(ids, dtype=pl.String)).to_list()
    assert len(set(keys)) == len(ids)
