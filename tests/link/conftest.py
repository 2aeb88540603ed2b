from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import pytest
from pypinyin import lazy_pinyin

from recon.model import ID_VALID, records_frame
from tests.conftest import with_check


def vid(body17: str) -> str:
    """A valid 18-character ID for a 17-digit body (GB 11643 check character)."""
    return with_check(body17)


def rec(rec_id: int, source_file: str, name: str | None, **kw: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "rec_id": rec_id,
        "source_file": source_file,
        "source_row": rec_id + 1,
        "name": name,
        "name_pinyin": " ".join(lazy_pinyin(name)) if name else None,
    }
    if "id_number" in kw and "id_status" not in kw:
        kw["id_status"] = ID_VALID
        kw.setdefault("id_clean", kw["id_number"])
    row.update(kw)
    return row


def frame(*rows: dict[str, Any]) -> pl.DataFrame:
    return records_frame(list(rows))


@pytest.fixture
def born() -> dt.date:
    return dt.date(1950, 3, 7)
