from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import recon
from recon.model import CONTRACT_COLUMNS, findings_to_records

ROOT = Path(__file__).resolve().parent.parent


def test_run_returns_the_anomalies_as_a_frame(tmp_path: Path) -> None:
    df = recon.run(ROOT / "sample_data", month="2020-04")
    assert isinstance(df, pl.DataFrame)
    assert list(df.columns[: len(CONTRACT_COLUMNS)]) == list(CONTRACT_COLUMNS)
    expected = pl.read_csv(ROOT / "sample_data" / "_answers" / "expected.csv", infer_schema=False)
    assert df.height == expected.height
    # typed records for those who prefer objects
    first = findings_to_records(df.head(1))[0]
    assert first.rule == df["rule"][0] and first.evidence
    assert not (tmp_path / "out").exists()


def test_run_with_out_writes_outputs(tmp_path: Path) -> None:
    recon.run(None, month="2020-04", out=tmp_path / "out", select="D")
    assert (tmp_path / "out" / "anomalies.xlsx").is_file()
    csv = pl.read_csv(tmp_path / "out" / "anomalies.csv", infer_schema=False)
    assert set(csv["rule"]) <= {"D1", "D2", "D3", "D4"} and csv.height > 0


def test_the_month_is_required_as_on_the_command_line() -> None:
    with pytest.raises(TypeError):
        recon.run(ROOT / "sample_data")  # type: ignore[call-arg]
