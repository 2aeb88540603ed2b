"""ID-number arithmetic for the generator, independent of recon.normalize (this is the ground truth)."""

from __future__ import annotations

import datetime as dt

import numpy as np

WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
CHECK_CHARS = "10X98765432"
_CHECK_LOOKUP = np.array(list(CHECK_CHARS))


def check_char(body17: str) -> str:
    total = sum(int(c) * int(w) for c, w in zip(body17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def check_chars(bodies: list[str] | np.ndarray) -> np.ndarray:
    """Check characters for many 17-digit bodies at once."""
    if len(bodies) == 0:
        return np.array([], dtype="<U1")
    raw = np.frombuffer("".join(bodies).encode("ascii"), dtype=np.uint8).reshape(-1, 17)
    digits = raw.astype(np.int64) - 48
    return _CHECK_LOOKUP[(digits @ WEIGHTS) % 11]


def make_id(region: str, birth: dt.date, seq: int) -> str:
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    return body + check_char(body)


def is_valid18(s: str) -> bool:
    if len(s) != 18 or not s[:17].isdigit():
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
