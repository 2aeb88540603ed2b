"""The fast path of `add_id_columns` must give exactly what the full reference computation gives."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

import recon.normalize.ids as ids_module
from recon.normalize.ids import _add_id_columns_reference, add_id_columns, check_char
from recon.sample import ids as sample_ids
from recon.sample.mess import FULLWIDTH, ZERO_WIDTH

TODAY = dt.date(2020, 4, 1)
REGIONS = ["371521", "110105", "440304", "650102", "820000", "379999", "990101", "000000"]
# Characters the fast path strips or upper-cases, and those it must leave to the reference.
ODD = [" ", "\t", "\n", "\r", "\u3000", "\u00a0", "'", "`", "‘", "’", '"', "x", "X", "Ｘ", ".", "E", "+",
       "-", "e", "0", ZERO_WIDTH, "\ufeff", "\x1c", "１", "Ａ"]  # fmt: skip


@pytest.fixture(autouse=True, scope="module")
def _fast_path_on_small_frames() -> Iterator[None]:
    # Small batches normally skip the fast path; these frames are small, and the fast path is the
    # thing under test. Module scope, because hypothesis rejects function-scoped fixtures.
    saved = ids_module._FAST_PATH_MIN_ROWS
    ids_module._FAST_PATH_MIN_ROWS = 0
    yield
    ids_module._FAST_PATH_MIN_ROWS = saved


def _both(frame: pl.DataFrame, **kwargs: object) -> None:
    fast = add_id_columns(frame.lazy(), today=TODAY, **kwargs).collect()
    reference = _add_id_columns_reference(frame.lazy(), today=TODAY, **kwargs).collect()
    assert_frame_equal(fast, reference)


def _make_id(region: str, birth: str, seq: int) -> str:
    body = region + birth + f"{seq:03d}"
    return body + check_char(body)


@st.composite
def id_texts(draw: st.DrawFn) -> str | None:
    """Valid numbers, near misses (bad dates, check characters, provinces) and cosmetic mess."""
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return None
    if kind == 1:
        return draw(st.text(st.sampled_from("0123456789X" + "".join(ODD)), max_size=22))
    region = draw(st.sampled_from(REGIONS))
    y, m, d = draw(st.integers(1890, 2030)), draw(st.integers(0, 13)), draw(st.integers(0, 32))
    text = _make_id(region, f"{y:04d}{m:02d}{d:02d}", draw(st.integers(0, 999)))
    if kind == 3:  # one character changed: usually a wrong check character
        pos = draw(st.integers(0, 17))
        text = text[:pos] + draw(st.sampled_from("0123456789Xx")) + text[pos + 1 :]
    if kind == 4:  # cosmetic or damaging characters inserted anywhere
        for _ in range(draw(st.integers(1, 3))):
            pos = draw(st.integers(0, len(text)))
            text = text[:pos] + draw(st.sampled_from(ODD)) + text[pos:]
    return text


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(id_texts(), st.booleans() | st.none()), min_size=1, max_size=40), st.booleans())
def test_fast_path_equals_reference(rows: list[tuple[str | None, bool | None]], with_numeric: bool) -> None:
    frame = pl.DataFrame(
        {"id_raw": [r[0] for r in rows], "numeric": [r[1] for r in rows]},
        schema={"id_raw": pl.String, "numeric": pl.Boolean},
    )
    _both(frame, stored_numeric="numeric" if with_numeric else None)


def _messy_sample(n: int, seed: int) -> pl.DataFrame:
    """Several thousand IDs as county files hold them: mostly clean, with every mess the generator
    knows, float damage, legacy numbers, invalid dates and check characters, and random junk."""
    rng = np.random.default_rng(seed)
    out: list[str | None] = []
    for _ in range(n):
        region = str(rng.choice(REGIONS))
        birth = dt.date(1920, 1, 1) + dt.timedelta(days=int(rng.integers(0, 36000)))  # some after TODAY
        number = sample_ids.make_id(region, birth, int(rng.integers(0, 1000)))
        kind = int(rng.integers(0, 20))
        if kind == 0:
            text = number.lower()
        elif kind == 1:
            text = "".join(FULLWIDTH.get(c, c) for c in number)
        elif kind == 2:
            text = " " + number + "  "
        elif kind == 3:
            text = number[:6] + " " + number[6:]
        elif kind == 4:
            text = number + "\t"
        elif kind == 5:
            text = "'" + number
        elif kind == 6:
            text = number[:6] + ZERO_WIDTH + number[6:]
        elif kind == 7 and not number.endswith("X"):
            text = sample_ids.float_text(number)
        elif kind == 8:
            text = sample_ids.zeroed_tail(number)
        elif kind == 9 and number[6:8] == "19":
            text = sample_ids.to15(number)
        elif kind == 10:
            text = sample_ids.one_digit_wrong(number, rng)
        elif kind == 11:
            text = number[:10] + "1340" + number[14:]  # month 13
        elif kind == 12:
            text = "".join(rng.choice(list("0123456789X x.E+'")) for _ in range(int(rng.integers(0, 21))))
        elif kind == 13:
            text = None
        elif kind == 14:
            text = number + ".0"
        else:
            text = number
        out.append(text)
    numeric = rng.random(n) < 0.05
    schema = {"head_id_raw": pl.String, "flag": pl.Boolean}
    return pl.DataFrame({"head_id_raw": out, "flag": numeric}, schema=schema)


def test_messy_sample_equals_reference_with_prefix() -> None:
    frame = _messy_sample(6000, seed=7)
    # the sample must exercise both paths, or the comparison proves nothing about the split
    assert frame["head_id_raw"].str.contains(r"^[0-9]{17}[0-9X]$").sum() > 2000
    _both(frame, raw="head_id_raw", stored_numeric="flag", prefix="head_")
    _both(frame, raw="head_id_raw", stored_numeric=None, prefix="head_")


def test_edges_of_the_fast_checks_equal_reference() -> None:
    births = ["20200401", "20200402", "18991231", "19000101", "20000229", "19000229", "20210229", "20201301"]
    regions = ["371521", "100101", "990101", "820000", "710000"]
    good = [_make_id(r, b, 17) for r in regions for b in births]
    bad_check = [n[:17] + ("0" if n[17] != "0" else "1") for n in good]
    texts = good + bad_check + [n.lower() + " " for n in good] + ["'" + n + "\u3000" for n in bad_check]
    frame = pl.DataFrame({"id_raw": texts, "numeric": [i % 7 == 0 for i in range(len(texts))]})
    _both(frame, stored_numeric="numeric")
    _both(frame)


def test_existing_output_columns_are_replaced_like_the_reference() -> None:
    frame = _messy_sample(300, seed=3).rename({"head_id_raw": "id_raw"})
    frame = frame.with_columns(pl.lit("old").alias("id_status"), pl.lit(1).alias("after"))
    _both(frame, stored_numeric="flag")


def test_empty_and_numeric_typed_columns_equal_reference() -> None:
    _both(pl.DataFrame({"id_raw": []}, schema={"id_raw": pl.String}))
    numbers = [371521198102108275, 110105194912310026, 371521195001011234, 12345, None]
    _both(pl.DataFrame({"id_raw": numbers * 10}, schema={"id_raw": pl.Int64}))
