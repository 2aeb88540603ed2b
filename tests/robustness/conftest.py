"""Helpers for the robustness suite: run the CLI edge as a user would and read its outputs."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from click.testing import CliRunner, Result

from recon.cli.main import cli

TODAY = dt.date(2020, 4, 15)  # loads use a fixed "today" so future-date checks are stable


def run_cli(input_dir: Path, out: Path, *extra: str) -> Result:
    # catch_exceptions=False: a crash fails the test with its traceback instead of hiding as exit 1
    return CliRunner().invoke(
        cli, ["run", str(input_dir), "--month", "2020-04", "--out", str(out), *extra], catch_exceptions=False
    )


def assert_clean_error(res: Result, exit_code: int, *needles: str) -> None:
    """One plain message: no traceback, the exit code, a '怎么办' line, and the given words."""
    assert res.exit_code == exit_code, res.output
    assert "Traceback" not in res.output
    assert "怎么办" in res.output, res.output
    for n in needles:
        assert n in res.output, (n, res.output)


def output_bytes(out: Path) -> dict[str, bytes]:
    """Every byte of every output file, with the XML parts of workbooks unzipped."""
    found: dict[str, bytes] = {}
    for p in sorted(out.rglob("*")):
        if not p.is_file():
            continue
        data = p.read_bytes()
        found[p.relative_to(out).as_posix()] = data
        if p.suffix == ".xlsx":
            with zipfile.ZipFile(p) as z:
                for name in z.namelist():
                    found[f"{p.relative_to(out).as_posix()}!{name}"] = z.read(name)
    return found
