"""The offline install a county PC does: a wheelhouse built here, installed with --no-index into a fresh
venv, and `recon run` on the sample month that the wheel itself carries."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = ROOT / "packaging" / "build_wheelhouse.py"
SAMPLE = ROOT / "sample_data"
OUTPUTS = ("anomalies.xlsx", "anomalies.csv", "summary.json", "manifest.json")

pytestmark = pytest.mark.slow


def _load_build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_wheelhouse", BUILD_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while the class is built
    spec.loader.exec_module(module)
    return module


def _offline_env() -> dict[str, str]:
    """No pip configuration at all: the machine's own find-links or mirrors must not make up for a
    wheel missing from the wheelhouse."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PIP_") and k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")
    }
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    return env


def _venv_bin(venv: Path, name: str) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / (f"{name}.exe" if os.name == "nt" else name)


def _run(cmd: list[str | Path], **kw: object) -> subprocess.CompletedProcess[str]:
    r = subprocess.run(
        [str(c) for c in cmd],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=600,
        **kw,
    )  # type: ignore[call-overload]
    assert r.returncode == 0, f"{cmd} exited {r.returncode}\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}"
    return r


@pytest.fixture(scope="module")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # This machine's platform and Python only, and no zip: the full matrix is `make wheelhouse`.
    out = tmp_path_factory.mktemp("dist") / "wheelhouse"
    _run(
        [
            sys.executable,
            BUILD_SCRIPT,
            "--platform",
            "current",
            "--python",
            "current",
            "--no-zip",
            "--out",
            out,
        ]
    )
    return out


@pytest.fixture(scope="module")
def venv(wheelhouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    venv = tmp_path_factory.mktemp("pc") / "venv"
    # this pip installs into the new venv (--python): saves seeding pip there; --no-compile saves the .pyc
    # pass over polars and numpy. Neither changes what gets resolved from the wheelhouse.
    _run([sys.executable, "-m", "venv", "--without-pip", venv])
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            _venv_bin(venv, "python"),
            "install",
            "--no-compile",
            "--no-index",
            "--find-links",
            wheelhouse,
            "recon",
        ],
        env=_offline_env(),
    )
    return venv


def test_wheelhouse_needs_no_compiler(wheelhouse: Path) -> None:
    files = sorted(p.name for p in wheelhouse.iterdir())
    guides = ("install.bat", "monthly_run.bat", "安装说明.txt")
    assert not [f for f in files if not f.endswith(".whl") and f not in guides], files
    assert any(f.startswith("recon-") for f in files)
    # every runtime dependency is there as a wheel (names as pip normalises them in file names)
    for dep in (
        "polars",
        "fastexcel",
        "xlsxwriter",
        "openpyxl",
        "rapidfuzz",
        "pypinyin",
        "rich",
        "click",
        "filelock",
        "xlwt",
        "numpy",
        "python_stdnum",
    ):
        assert any(f.lower().startswith(f"{dep}-") for f in files), dep


def test_guides_are_readable_on_chinese_windows(wheelhouse: Path) -> None:
    bat = (wheelhouse / "install.bat").read_bytes()
    assert b"\r\n" in bat and b"\n" not in bat.replace(b"\r\n", b"")
    assert "安装完成" in bat.decode("gbk")  # cmd.exe reads .bat files in code page 936
    assert "--no-index" in bat.decode("gbk")
    guide = (wheelhouse / "安装说明.txt").read_bytes()
    assert guide.startswith(b"\xef\xbb\xbf")  # Notepad on older Windows needs the BOM to see UTF-8
    assert "install.bat" in guide.decode("utf-8-sig")


def test_recon_wheel_carries_the_sample_month(wheelhouse: Path) -> None:
    (wheel,) = wheelhouse.glob("recon-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    prefix = "recon/data/sample_data/"
    packaged = {n.removeprefix(prefix) for n in names if n.startswith(prefix)}
    in_repo = {p.relative_to(SAMPLE).as_posix() for p in SAMPLE.rglob("*") if p.is_file()}
    assert in_repo, "sample_data/ is empty"
    assert in_repo <= packaged


def test_offline_install_runs_the_sample_month(venv: Path, tmp_path: Path) -> None:
    env = _offline_env()
    where = _run(
        [_venv_bin(venv, "python"), "-c", "import recon; print(recon.__file__)"], env=env, cwd=tmp_path
    )
    assert Path(where.stdout.strip()).is_relative_to(venv)  # the installed copy, not this checkout
    out = tmp_path / "out"
    _run([_venv_bin(venv, "recon"), "run", "--month", "2020-04", "--out", out], env=env, cwd=tmp_path)
    for name in OUTPUTS:
        assert (out / name).is_file(), name
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    text = json.dumps(manifest, ensure_ascii=False).replace("\\\\", "/")
    assert venv.as_posix() in text or venv.resolve().as_posix() in text  # read from the packaged sample
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary  # the run read the packaged rolls and counted something


def test_linux_targets_stop_at_glibc_2_28() -> None:
    build = _load_build_script()
    targets = build.parse_targets(list(build.DEFAULT_PLATFORMS), list(build.DEFAULT_PYTHONS))
    assert {(t.platform, t.python) for t in targets} == {
        (p, v) for p in ("win_amd64", "manylinux_x86_64") for v in ("3.11", "3.12", "3.13")
    }
    linux = next(t for t in targets if t.platform == "manylinux_x86_64" and t.python == "3.12").pip_args()
    platforms = {linux[i + 1] for i, a in enumerate(linux) if a == "--platform"}
    assert {"manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64"} <= platforms
    assert "manylinux_2_31_x86_64" not in platforms  # would not load on UOS 20 / Kylin V10
    assert linux[linux.index("--python-version") + 1] == "3.12"
    assert {linux[i + 1] for i, a in enumerate(linux) if a == "--abi"} == {"cp312", "abi3", "none"}
