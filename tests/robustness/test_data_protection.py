"""Personal data: private file modes, masking that leaves no full ID or name in any byte, an honest
manifest, untouched inputs, and no network access at all (in-process and, imports included, in a fresh
interpreter)."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import stat
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pytest

from recon.sample import GeneratedSample, generate
from tests.conftest import make_id, write_xlsx
from tests.robustness.conftest import output_bytes, run_cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> GeneratedSample:
    # small, but with every planted case: every rule, every kind of record, every mess
    return generate(tmp_path_factory.mktemp("county") / "2020-04", scale=0.3, seed=3)


def _input_files(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()}


def _fingerprint(root: Path) -> dict[str, tuple[str, int, int]]:
    return {
        rel: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns, p.stat().st_size)
        for rel, p in _input_files(root).items()
    }


@dataclass
class Run:
    out: Path
    before: dict[str, tuple[str, int, int]]  # input fingerprints around the run
    after: dict[str, tuple[str, int, int]]
    network_attempts: list[tuple[object, ...]]


def _run(county: GeneratedSample, out: Path, *flags: str) -> Run:
    """A whole run in this process with every way out to the network refused (and recorded)."""
    attempts: list[tuple[object, ...]] = []

    def refuse(*args: object, **kw: object) -> None:
        attempts.append(args)
        raise OSError("network access is forbidden in this test")

    before = _fingerprint(county.out_dir)
    with pytest.MonkeyPatch.context() as mp:
        for name in ("connect", "connect_ex", "sendto", "bind"):
            mp.setattr(socket.socket, name, refuse)
        mp.setattr(socket, "create_connection", refuse)
        mp.setattr(socket, "getaddrinfo", refuse)
        res = run_cli(county.out_dir, out, *flags)
    assert res.exit_code == 0, res.output
    return Run(out, before, _fingerprint(county.out_dir), attempts)


@pytest.fixture(scope="module")
def masked(county: GeneratedSample, tmp_path_factory: pytest.TempPathFactory) -> Run:
    return _run(county, tmp_path_factory.mktemp("masked") / "out", "--mask")


@pytest.fixture(scope="module")
def plain(county: GeneratedSample, tmp_path_factory: pytest.TempPathFactory) -> Run:
    return _run(county, tmp_path_factory.mktemp("plain") / "out")


def _tiny_input(d: Path) -> Path:
    d.mkdir()
    write_xlsx(
        d / "低保.xlsx",
        {
            "表1": [
                ["姓名", "身份证号", "乡镇"],
                ["张三", make_id(), "阿城镇"],
                ["李四", make_id(seq="125"), "七级镇"],
            ]
        },
    )
    return d


def _modes(out: Path) -> set[tuple[bool, int]]:
    return {(p.is_dir(), stat.S_IMODE(p.stat().st_mode)) for p in [out, *out.rglob("*")]}


@pytest.mark.parametrize(
    ("flags", "modes"),
    [((), {(True, 0o700), (False, 0o600)}), (("--shared-perms",), {(True, 0o755), (False, 0o644)})],
)
def test_output_modes_through_the_cli(
    tmp_path: Path, flags: tuple[str, ...], modes: set[tuple[bool, int]]
) -> None:
    res = run_cli(_tiny_input(tmp_path / "in"), tmp_path / "out", "--split-by", "town", *flags)
    assert res.exit_code == 0, res.output
    assert any(p.is_dir() for p in (tmp_path / "out").iterdir()), "the split folder should exist"
    snapshot = tmp_path / "out" / "roll_snapshot.parquet"
    # last month's roll for M1 holds every full ID: owner-only even when the rest is shared
    assert stat.S_IMODE(snapshot.stat().st_mode) == 0o600
    snapshot.unlink()
    assert _modes(tmp_path / "out") == modes


def test_masked_outputs_are_private(masked: Run) -> None:
    assert _modes(masked.out) == {(True, 0o700), (False, 0o600)}


def _personal_values(county: GeneratedSample) -> tuple[set[str], set[str]]:
    r = county.records
    ids = set(pl.concat([r.get_column("pid"), r.get_column("head_pid")]).drop_nulls().to_list())
    # the text as written too: invalid IDs are shown as found, and must be masked as well
    written = r.get_column("id_text").drop_nulls().str.replace_all(r"[^0-9Xx]", "")
    ids |= set(written.filter(written.str.len_chars() >= 15).to_list())
    names = set(
        pl.concat([r.get_column("name"), r.get_column("head_name")])
        .drop_nulls()
        .str.replace_all(r"\s", "")
        .to_list()
    )
    # a name that is part of a place name (王海 in 王海村) is the village's, which masking keeps on purpose
    places = " ".join(
        pl.concat([r.get_column(c) for c in ("town", "village") if c in r.columns]).drop_nulls().unique()
    )
    return ids, {n for n in names if len(n) >= 2 and n not in places}


def _found(run: Run, values: set[str]) -> list[tuple[str, str]]:
    files = output_bytes(run.out)
    texts = pl.Series([d.decode("utf-8", errors="ignore") for d in files.values()])
    # Aho-Corasick over every output at once; overlapping so a name inside a longer one is still seen
    hits = texts.str.extract_many(sorted(values), overlapping=True).to_list()
    return sorted({(where, v) for where, found in zip(files, hits, strict=True) for v in found})


def test_scan_sees_personal_data_in_unmasked_outputs(county: GeneratedSample, plain: Run) -> None:
    ids, names = _personal_values(county)
    assert len(ids) > 100 and len(names) > 100
    assert len({v for _, v in _found(plain, ids)}) > 10
    assert len({v for _, v in _found(plain, names)}) > 10


def test_masked_outputs_hold_no_full_id(county: GeneratedSample, masked: Run) -> None:
    ids, _ = _personal_values(county)
    assert _found(masked, ids) == []


def test_masked_outputs_hold_no_full_name(county: GeneratedSample, masked: Run) -> None:
    _, names = _personal_values(county)
    assert _found(masked, names) == []


def test_manifest_hashes_are_the_inputs_hashes(county: GeneratedSample, plain: Run) -> None:
    manifest = json.loads((plain.out / "manifest.json").read_text(encoding="utf-8"))
    listed = {i["path"]: (i["sha256"], i["size"]) for i in manifest["inputs"]}
    files = {rel: p for rel, p in _input_files(county.out_dir).items() if not rel.startswith("_")}
    assert set(listed) == set(files)
    for rel, p in files.items():
        assert listed[rel] == (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_size), rel


def test_inputs_untouched_by_a_run(masked: Run, plain: Run) -> None:
    for run in (masked, plain):
        assert run.before  # same files, bytes, sizes and modification times
        assert run.after == run.before


def test_no_network_in_process(plain: Run, masked: Run) -> None:
    assert (plain.out / "anomalies.xlsx").is_file() and (masked.out / "anomalies.xlsx").is_file()
    assert plain.network_attempts == [] and masked.network_attempts == []


GUARD = textwrap.dedent('''
    """Refuse every network call in this interpreter, from the first import on; record attempts."""
    import importlib.machinery, importlib.util, os, socket, sys

    _LOG = os.environ["RECON_NET_LOG"]

    def _refuse(*args, **kw):
        with open(_LOG, "a", encoding="utf-8") as f:
            f.write(repr(args[:2]) + "\\n")
        raise OSError("network access is forbidden in this test")

    for _n in ("connect", "connect_ex", "sendto", "bind"):
        setattr(socket.socket, _n, _refuse)
    socket.create_connection = _refuse
    socket.getaddrinfo = _refuse

    # chain to any other sitecustomize the environment relies on
    _here = os.path.dirname(os.path.abspath(__file__))
    _spec = importlib.machinery.PathFinder.find_spec(
        "sitecustomize", [p for p in sys.path if os.path.abspath(p or ".") != _here])
    if _spec is not None and _spec.loader is not None:
        _mod = importlib.util.module_from_spec(_spec)
        _spec.loader.exec_module(_mod)
''')


def _guarded_env(tmp_path: Path) -> tuple[dict[str, str], Path]:
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    log = tmp_path / "net.log"
    env = {
        **os.environ,
        "RECON_NET_LOG": str(log),
        "PYTHONPATH": os.pathsep.join([str(guard), *filter(None, [os.environ.get("PYTHONPATH")])]),
    }
    return env, log


def test_guard_catches_a_connection(tmp_path: Path) -> None:
    env, log = _guarded_env(tmp_path)
    p = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('127.0.0.1', 9))"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert p.returncode != 0 and "forbidden" in p.stderr
    assert log.read_text(encoding="utf-8")


def test_no_network_in_a_fresh_interpreter(tmp_path: Path) -> None:
    env, log = _guarded_env(tmp_path)
    cmd = [
        sys.executable,
        "-c",
        "from recon.cli.main import main; main()",
        "run",
        str(_tiny_input(tmp_path / "in")),
        "--month",
        "2020-04",
        "--out",
        str(tmp_path / "out"),
        "--mask",
        "--quiet",
    ]
    p = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "out" / "anomalies.xlsx").is_file()
    assert not log.exists(), log.read_text(encoding="utf-8")


def _account_numbers(county: GeneratedSample) -> set[str]:
    """Every bank account number written in the county's 一本通 payment file, read back from its cells."""
    path = next(f for f in county.files if "一本通" in f.name)
    sheets = pl.read_excel(path, sheet_id=0, has_header=False, infer_schema_length=0)
    found: set[str] = set()
    for df in sheets.values():
        for c in df.columns:
            digits = df[c].cast(pl.String).str.extract_all(r"62\d{14,17}").explode().drop_nulls()
            found |= set(digits.to_list())
    return found


def test_account_numbers_are_scrubbed_under_mask(county: GeneratedSample, plain: Run, masked: Run) -> None:
    accounts = _account_numbers(county)
    assert len(accounts) > 50
    # the unmasked workbook shows the accounts P4 rests on; the masked one none of them, in any byte
    assert _found(plain, accounts)
    assert _found(masked, accounts) == []
    assert not any(p.name == "roll_snapshot.parquet" for p in masked.out.iterdir())
