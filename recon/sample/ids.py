"""ID-number arithmetic for the generator: how IDs are made and how county files damage them.

The check character itself comes from recon.normalize.ids, so that one implementation computes it (it is
checked against python-stdnum there, which keeps the generator's valid IDs independent ground truth).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from recon.normalize.ids import check_char, id_check_char

__all__ = [
    "adjacent_swap",
    "check_char",
    "check_chars",
    "float_text",
    "is_valid18",
    "make_id",
    "one_digit_wrong",
    "to15",
    "zeroed_tail",
]


def check_chars(bodies: np.ndarray) -> np.ndarray:
    """Check characters ("<U1") of an array of 17-digit bodies, in one polars pass rather than a loop."""
    chars = pl.select(id_check_char(pl.lit(pl.Series(bodies, dtype=pl.String)))).to_series()
    if chars.null_count():  # a null would turn into the text "None" below
        raise ValueError("every body must be 17 ASCII digits")
    return chars.to_numpy().astype("<U1")


def make_id(region: str, birth: dt.date, seq: int) -> str:
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    return body + check_char(body)


def is_valid18(s: str) -> bool:
    if len(s) != 18 or not s[:17].isascii() or not s[:17].isdigit():
        return False
    return check_char(s[:17]) == s[17].upper()


def to15(id18: str) -> str:
    """The legacy 15-digit form (region + YYMMDD + sequence) of a 19xx-born person's ID."""
    assert id18[6:8] == "19", id18
    return id18[:6] + id18[8:17]


def one_digit_wrong(id18: str, rng: np.random.Generator) -> str:
    """Change one digit of the sequence part (the checksum then fails: MOD 11-2 catches every such error)."""
    pos = int(rng.integers(14, 17))
    old = id18[pos]
    new = str((int(old) + int(rng.integers(1, 10))) % 10)
    return id18[:pos] + new + id18[pos + 1 :]


def adjacent_swap(id18: str) -> str:
    """Swap two adjacent, different digits in the sequence part (caught by the checksum too)."""
    for pos in (14, 15, 13, 12):
        if id18[pos] != id18[pos + 1]:
            return id18[:pos] + id18[pos + 1] + id18[pos] + id18[pos + 2 :]
    raise ValueError(f"no adjacent pair to swap in {id18}")


def float_text(id18: str) -> str:
    """What a spreadsheet shows for an ID stored as a number: 3.71521E+17."""
    return f"{float(id18):.5E}"


def zeroed_tail(id18: str) -> str:
    """An ID exported from a numeric cell: 15 significant digits kept, the rest zeroed."""
    return id18[:15] + "000"
