"""Faults in unattended runs: a killed process, a full disk, a read-only output location. The previous
outputs survive, nothing half-written is left, and the message says what happened (exit 3)."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import recon.report.outputs as outputs_module
from recon.sample import generate
from tests.conftest import make_id, write_xlsx
from tests.robustness.conftest import assert_clean_error, output_bytes, run_cli

ROOT = Path(__file__).resolve().parents[2]


def _small_input(d: Path) -> Path:
    d.mkdir(parents=True, exist_ok=True)
    write_xlsx(d / "低保.xlsx", {"表1": [["姓名", "身份证号", "乡镇"], ["张三", make_id(), "阿城镇"]]})
    return d


def _leftovers(out: Path) -> list[str]:
    return sorted(
        p.name for p in out.parent.iterdir() if p.name.startswith((f".{out.name}.tmp-", f".{out.name}.old-"))
    )


def _previous_run(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    small = _small_input(tmp_path / "small")
    out = tmp_path / "results" / "2020-04"
    res = run_cli(small, out)
    assert res.exit_code == 0, res.output
    return small, out, output_bytes(out)


@pytest.mark.slow
def test_sigkill_mid_run_keeps_previous_outputs(tmp_path: Path) -> None:
    small, out, before = _previous_run(tmp_path)
    big = tmp_path / "county"
    generate(big, scale=10)
    cmd = [
        sys.executable,
        "-c",
        "from recon.cli.main import main; main()",
        "run",
        str(big),
        "--month",
        "2020-04",
        "--out",
        str(out),
        "--force",
        "--quiet",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        # kill while the new outputs are being written: the riskiest moment
        while not any(p.name.startswith(f".{out.name}.tmp-") for p in out.parent.iterdir()):
            assert proc.poll() is None, f"run ended before writing began: {proc.stderr.read()!r}"
            assert time.monotonic() < deadline
            time.sleep(0.002)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert output_bytes(out) == before  # the previous outputs, byte for byte, and nothing new inside
    # the next run cleans what the killed one left
    res = run_cli(small, out, "--force")
    assert res.exit_code == 0, res.output
    assert _leftovers(out) == []


def test_disk_full_while_writing_is_exit_3_and_leaves_previous_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small, out, before = _previous_run(tmp_path)
    real = outputs_module.write_summary

    def full_disk(data: object, path: Path, **kw: object) -> Path:
        real(data, path, **kw)  # type: ignore[arg-type]
        with path.open("ab") as f:
            f.write(b"{")  # half a write, as a full disk leaves it
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(outputs_module, "write_summary", full_disk)
    res = run_cli(small, out, "--force")
    assert_clean_error(res, 3, "磁盘空间不足", str(out))
    assert output_bytes(out) == before
    assert _leftovers(out) == []


def test_disk_full_on_a_first_run_leaves_no_output_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = _small_input(tmp_path / "small")
    out = tmp_path / "results" / "2020-04"

    def full_disk(*a: object, **kw: object) -> Path:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(outputs_module, "write_anomalies_csv", full_disk)
    res = run_cli(small, out)
    assert_clean_error(res, 3, "磁盘空间不足")
    assert not out.exists()
    assert _leftovers(out) == []


@pytest.mark.parametrize(("err", "needle"), [(errno.EROFS, "只读"), (errno.EACCES, "权限")])
def test_unwritable_output_location_is_exit_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, err: int, needle: str
) -> None:
    # tests run as root, where chmod 0555 stops nothing: the refusal is simulated at the system call
    small, out, before = _previous_run(tmp_path)
    real_mkdir = os.mkdir
    parent = str(out.parent)

    def refuse(path: object, *a: object, **kw: object) -> None:
        if str(path).startswith(parent):
            raise OSError(err, os.strerror(err), str(path))
        real_mkdir(path, *a, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "mkdir", refuse)
    res = run_cli(small, out, "--force")
    assert_clean_error(res, 3, needle)
    monkeypatch.undo()
    assert output_bytes(out) == before
    assert _leftovers(out) == []


def test_refused_final_rename_keeps_previous_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    small, out, before = _previous_run(tmp_path)
    real_rename = os.rename

    def refuse(src: object, dst: object, *a: object, **kw: object) -> None:
        if Path(str(dst)) == out.absolute() and ".tmp-" in str(src):
            raise OSError(errno.EACCES, os.strerror(errno.EACCES), str(dst))
        real_rename(src, dst, *a, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "rename", refuse)
    res = run_cli(small, out, "--force")
    assert_clean_error(res, 3, "权限")
    monkeypatch.undo()
    assert output_bytes(out) == before
    assert _leftovers(out) == []
