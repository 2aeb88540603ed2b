"""`recon match --out` and `recon diff --out` write like `recon run`: whole or not at all, owner-only
unless --shared-perms, never over an existing file without --force, and masked with --mask."""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import recon.report.atomic as atomic
from recon.cli.main import cli
from recon.pipeline import bundled_sample_dir, run_pipeline
from tests.conftest import make_id

A, B = make_id(birth="19500101", seq="101"), make_id(birth="19620303", seq="202")


def _rolls(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "甲.csv", tmp_path / "乙.csv"
    a.write_text(f"姓名,身份证号,出生日期\n张三丰,{A},1950-01-01\n李四,{B},1962-03-03\n", encoding="utf-8")
    b.write_text(f"姓名,身份证号\n张三丰,{A}\n王五,{make_id(seq='303')}\n", encoding="utf-8")
    return a, b


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def _text(p: Path) -> str:
    with zipfile.ZipFile(p) as z:
        return "".join(z.read(n).decode("utf-8", errors="replace") for n in z.namelist())


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_match_out_is_private_unless_shared_and_refuses_to_overwrite(tmp_path: Path) -> None:
    a, b = _rolls(tmp_path)
    out = tmp_path / "匹配.xlsx"
    assert CliRunner().invoke(cli, ["match", str(a), str(b), "--out", str(out)]).exit_code == 0
    assert _mode(out) == 0o600
    again = CliRunner().invoke(cli, ["match", str(a), str(b), "--out", str(out)])
    assert again.exit_code == 3 and "--force" in again.output
    shared = CliRunner().invoke(
        cli, ["match", str(a), str(b), "--out", str(out), "--force", "--shared-perms"]
    )
    assert shared.exit_code == 0 and _mode(out) == 0o644
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [".匹配.xlsx.lock"]


def test_match_out_masked(tmp_path: Path) -> None:
    a, b = _rolls(tmp_path)
    out = tmp_path / "匹配.xlsx"
    res = CliRunner().invoke(cli, ["match", str(a), str(b), "--out", str(out), "--mask"])
    assert res.exit_code == 0, res.output
    text = _text(out)
    assert "371521********" in text and "张*丰" in text
    for needle in (A, B, "张三丰", "1950-01-01", "1962-03-03"):
        assert needle not in text, needle


def test_a_failed_write_leaves_the_old_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = _rolls(tmp_path)
    out = tmp_path / "匹配.xlsx"
    CliRunner().invoke(cli, ["match", str(a), str(b), "--out", str(out)])
    before = out.read_bytes()

    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", fail)
    res = CliRunner().invoke(cli, ["match", str(a), str(b), "--out", str(out), "--force"])
    assert res.exit_code == 3 and "磁盘空间不足" in res.output
    assert out.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("diff")
    run_pipeline(bundled_sample_dir(), "2020-04", base / "4月")
    run_pipeline(bundled_sample_dir(), "2020-05", base / "5月")
    return base / "4月", base / "5月"


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_diff_out_private_atomic_and_masked(two_runs: tuple[Path, Path], tmp_path: Path) -> None:
    prev, cur = two_runs
    plain = tmp_path / "比较.xlsx"
    res = CliRunner().invoke(cli, ["diff", str(prev), str(cur), "--out", str(plain)])
    assert res.exit_code == 0 and _mode(plain) == 0o600
    assert CliRunner().invoke(cli, ["diff", str(prev), str(cur), "--out", str(plain)]).exit_code == 3
    masked = tmp_path / "公示比较.xlsx"
    res = CliRunner().invoke(cli, ["diff", str(prev), str(cur), "--out", str(masked), "--mask"])
    assert res.exit_code == 0, res.output
    names = [line.split("\t")[3] for line in res.stdout.splitlines() if line.count("\t") >= 5]
    assert names and all("*" in n for n in names if n)
    text = _text(masked)
    assert "********" in text and not any(make_id_like in text for make_id_like in _full_ids(plain))


def _full_ids(workbook: Path) -> set[str]:
    import re

    return set(re.findall(r"\d{17}[\dX]", _text(workbook)))
