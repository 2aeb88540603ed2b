"""Safe output: all or nothing, one writer at a time, private files, never over the inputs."""

from __future__ import annotations

import errno
import os
import stat
import sys

import pytest
from filelock import FileLock

from recon.errors import OutputError
from recon.report import outputs, write_outputs
from recon.report.atomic import staged_output
from tests.report.conftest import make_result


def leftovers(parent) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if ".tmp-" in p.name or ".old-" in p.name)


def test_existing_nonempty_out_dir_is_refused_and_untouched(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("keep")
    with pytest.raises(OutputError) as e:
        write_outputs(make_result(), out)
    assert "--force" in e.value.render()
    assert [p.name for p in out.iterdir()] == ["mine.txt"]
    assert leftovers(tmp_path) == []


def test_empty_out_dir_is_used(tmp_path):
    (tmp_path / "out").mkdir()
    w = write_outputs(make_result(), tmp_path / "out")
    assert w.workbook.is_file()


def test_force_replaces_the_whole_folder(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "stale.txt").write_text("old")
    w = write_outputs(make_result(), out, force=True)
    assert not (out / "stale.txt").exists() and w.csv.is_file()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("force", [False, True])
def test_failure_midway_leaves_no_partial_output(tmp_path, monkeypatch, force):
    out = tmp_path / "out"
    if force:
        out.mkdir()
        (out / "previous.txt").write_text("old run")

    def boom(*a, **k):
        raise RuntimeError("injected")

    monkeypatch.setattr(outputs, "write_summary", boom)  # after the workbook and csv were written
    with pytest.raises(RuntimeError):
        write_outputs(make_result(), out, force=force)
    assert leftovers(tmp_path) == []
    if force:
        assert [p.name for p in out.iterdir()] == ["previous.txt"]
    else:
        assert not out.exists()


def test_disk_full_becomes_output_error(tmp_path, monkeypatch):
    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(outputs, "write_anomalies_csv", full)
    with pytest.raises(OutputError) as e:
        write_outputs(make_result(), tmp_path / "out")
    assert "磁盘空间不足" in e.value.message and e.value.exit_code == 3
    assert not (tmp_path / "out").exists() and leftovers(tmp_path) == []


def test_held_lock_refuses_second_writer(tmp_path):
    out = tmp_path / "out"
    with FileLock(str(tmp_path / ".out.lock")):
        with pytest.raises(OutputError) as e:
            write_outputs(make_result(), out)
    assert "另一个 recon 正在写入" in e.value.message
    assert not out.exists()
    write_outputs(make_result(), out)  # released: works again


def test_out_dir_inside_or_around_input_dir_refused(tmp_path):
    inp = tmp_path / "in"
    inp.mkdir()
    for out in (inp, inp / "out", tmp_path):
        with pytest.raises(OutputError):
            write_outputs(make_result(arguments={"input_dir": str(inp)}), out, force=True)
    assert list(inp.iterdir()) == []
    write_outputs(make_result(arguments={"input_dir": str(inp)}), tmp_path / "elsewhere")


def test_crash_between_renames_recovers_old_folder(tmp_path):
    # a run killed after setting the old folder aside and before moving the new one in
    aside = tmp_path / ".out.old-abc"
    aside.mkdir()
    (aside / "anomalies.csv").write_text("old")
    (tmp_path / ".out.tmp-xyz").mkdir()
    with pytest.raises(OutputError):  # the recovered old folder is not overwritten without --force
        with staged_output(tmp_path / "out"):
            pass
    assert (tmp_path / "out" / "anomalies.csv").read_text() == "old"
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="chmod is nearly a no-op on Windows")
@pytest.mark.parametrize(("shared", "fmode", "dmode"), [(False, 0o600, 0o700), (True, 0o644, 0o755)])
def test_modes(tmp_path, shared, fmode, dmode):
    w = write_outputs(make_result(), tmp_path / "out", split_by="town", shared_perms=shared)
    assert stat.S_IMODE(os.stat(w.out_dir).st_mode) == dmode
    for dirpath, dirnames, filenames in os.walk(w.out_dir):
        for d in dirnames:
            assert stat.S_IMODE(os.stat(os.path.join(dirpath, d)).st_mode) == dmode
        for f in filenames:
            assert stat.S_IMODE(os.stat(os.path.join(dirpath, f)).st_mode) == fmode


def test_workbook_disk_error_is_unwrapped(tmp_path, monkeypatch):
    # xlsxwriter reports a failed write as FileCreateError; the user must still get a plain OutputError
    import xlsxwriter.workbook

    def full(self, *a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(xlsxwriter.workbook.Workbook, "_store_workbook", full)
    with pytest.raises(OutputError) as e:
        write_outputs(make_result(), tmp_path / "out")
    assert "磁盘空间不足" in e.value.message
    assert not (tmp_path / "out").exists() and leftovers(tmp_path) == []
