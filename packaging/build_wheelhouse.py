"""Build an offline install folder (a "wheelhouse"): recon's wheel and a wheel of every dependency, for
each target platform and Python version, plus install.bat and the Chinese install guide.

County PCs sit on intranets that cannot reach the package registry: copy the folder (or its zip), run
install.bat, done. The build itself needs the registry (or pip's cache); the install never does.

    python packaging/build_wheelhouse.py                         # win_amd64 + manylinux x86_64, 3.11-3.13
    python packaging/build_wheelhouse.py --platform current --python current   # this machine only

Portable on purpose (no shell, no make needed): it can be run on a Windows build PC too.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
DEFAULT_PLATFORMS = ("win_amd64", "manylinux_x86_64")
DEFAULT_PYTHONS = ("3.11", "3.12", "3.13")
# glibc 2.28 is the floor of the Linux desktops counties run (UOS 20, Kylin V10, RHEL 8): newer wheels
# would not load there, older ones all do.
MANYLINUX_GLIBC_MAX = 28
# What the wheel is built from; everything else in the checkout (venv, outputs, tests) stays out.
SOURCE_ENTRIES = ("pyproject.toml", "setup.py", "setup.cfg", "MANIFEST.in", "README.md", "LICENSE", "recon")
SAMPLE_DIR, PACKAGED_SAMPLE = "sample_data", Path("recon") / "data" / "sample_data"
GUIDE, INSTALLER, MONTHLY = "安装说明.txt", "install.bat", "monthly_run.bat"


@dataclass(frozen=True)
class Target:
    """One platform and Python version to download wheels for; None means "as this interpreter"."""

    platform: str | None
    python: str | None

    @property
    def label(self) -> str:
        return f"{self.platform or 'current'}/py{self.python or 'current'}"

    def pip_args(self) -> list[str]:
        if self.platform is None and self.python is None:
            return []
        python = self.python or f"{sys.version_info.major}.{sys.version_info.minor}"
        platforms = platform_tags(self.platform or host_platform())
        cp = "cp" + python.replace(".", "")
        args = ["--python-version", python, "--implementation", "cp"]
        for abi in (cp, "abi3", "none"):
            args += ["--abi", abi]
        for tag in platforms:
            args += ["--platform", tag]
        return args


def host_platform() -> str:
    """This machine's platform in the names --platform takes."""
    name = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return {"win_amd64": "win_amd64", "linux_x86_64": "manylinux_x86_64"}.get(name, name)


def platform_tags(platform: str) -> list[str]:
    """pip matches --platform tags literally: spell out every manylinux tag a glibc-2.28 system accepts."""
    if platform in ("manylinux_x86_64", "linux_x86_64"):
        tags = [f"manylinux_2_{minor}_x86_64" for minor in range(MANYLINUX_GLIBC_MAX, 4, -1)]
        return [*tags, "manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64"]
    return [platform]


def parse_targets(platforms: list[str], pythons: list[str]) -> list[Target]:
    return [
        Target(None if p == "current" else p, None if v == "current" else v)
        for p in platforms
        for v in pythons
    ]


def _pip(*args: str, python: str = sys.executable) -> None:
    cmd = [python, "-m", "pip", *args]
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True)


def stage_source(project: Path, dest: Path) -> Path:
    """A copy of the project with the sample month inside the package, where `bundled_sample_dir()`
    looks once recon is installed (package data `recon/data/sample_data`)."""
    src = dest / "src"
    src.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in SOURCE_ENTRIES:
        p = project / name
        if p.is_dir():
            shutil.copytree(p, src / name, ignore=ignore)
        elif p.is_file():
            shutil.copy2(p, src / name)
    sample = project / SAMPLE_DIR
    packaged = src / PACKAGED_SAMPLE
    if sample.is_dir() and any(sample.iterdir()) and not packaged.is_dir():
        if packaged.exists():  # a symlink checked out as a text file (git on Windows without symlinks)
            packaged.unlink()
        shutil.copytree(sample, packaged, ignore=ignore)
    return src


def build_recon_wheel(project: Path, out: Path, work: Path) -> Path:
    src = stage_source(project, work)
    built = work / "recon-wheel"
    _pip("wheel", "--no-deps", "--wheel-dir", str(built), str(src))
    (wheel,) = built.glob("recon-*.whl")
    shutil.copy2(wheel, out / wheel.name)
    return out / wheel.name


def build_pure_wheels(recon_wheel: Path, out: Path, work: Path) -> None:
    """Wheels of dependencies published only as source (xlwt in some mirrors): built once here, they are
    py3-none-any and serve every target. Binary wheels fetched for this machine are left out: the
    per-target downloads pick the right ones."""
    built = work / "host-wheels"
    _pip("wheel", "--wheel-dir", str(built), str(recon_wheel))
    for whl in built.glob("*-none-any.whl"):
        if not whl.name.startswith("recon-"):
            shutil.copy2(whl, out / whl.name)


def download_target(recon_wheel: Path, out: Path, target: Target) -> None:
    print(f"== {target.label}", flush=True)
    _pip(
        "download",
        "--only-binary=:all:",
        "--dest",
        str(out),
        "--find-links",
        str(out),
        *target.pip_args(),
        str(recon_wheel),
    )


def verify_target(out: Path, target: Target, work: Path) -> None:
    """Resolve recon from the wheelhouse alone, as the offline PC will: a wheel missing for one target
    fails here, not in a county office."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull  # no mirror or find-links of this machine may fill a gap
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--dry-run",
        "--quiet",
        "--ignore-installed",
        "--no-index",
        "--find-links",
        str(out),
        "--only-binary=:all:",
        "--target",
        str(work / "dry-run"),
        *target.pip_args(),
        "recon",
    ]
    print(f"== check {target.label} offline", flush=True)
    subprocess.run(cmd, check=True, env=env)


def _write_text(src: Path, dest: Path, encoding: str) -> None:
    # Notepad and cmd.exe want CRLF; cmd.exe reads a .bat in the console code page (936 = GBK on
    # Chinese Windows), so the installer is written in GBK and the guide as UTF-8 with a BOM.
    text = src.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\n", "\r\n")
    dest.write_bytes(text.encode(encoding))


def add_guides(out: Path) -> None:
    _write_text(HERE / GUIDE, out / GUIDE, "utf-8-sig")
    for script in (INSTALLER, MONTHLY):
        _write_text(HERE / script, out / script, "gbk")


def check_wheelhouse(out: Path) -> list[str]:
    """Everything the offline PC would have to compile is a failure: it has no compiler and no registry."""
    return sorted(p.name for p in out.iterdir() if p.is_file() and p.suffix not in (".whl", ".txt", ".bat"))


def build(out: Path, targets: list[Target], *, project: Path = PROJECT, make_zip: bool = True) -> Path:
    started = time.monotonic()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="recon-wheelhouse-") as tmp:
        work = Path(tmp)
        recon_wheel = build_recon_wheel(project, out, work)
        if targets == [Target(None, None)]:
            # this machine only (the test suite): one resolution gives every wheel it needs
            _pip("wheel", "--wheel-dir", str(out), "--find-links", str(out), str(recon_wheel))
        else:
            build_pure_wheels(recon_wheel, out, work)
            for target in targets:
                download_target(recon_wheel, out, target)
            for target in targets:
                verify_target(out, target, work)
    add_guides(out)
    strays = check_wheelhouse(out)
    if strays:
        raise SystemExit(f"wheelhouse holds files that would need building offline: {', '.join(strays)}")
    if make_zip:
        archive = shutil.make_archive(str(out), "zip", root_dir=out.parent, base_dir=out.name)
        print(f"zip: {archive} ({os.path.getsize(archive) / 2**20:.1f} MiB)")
    size = sum(p.stat().st_size for p in out.iterdir() if p.is_file())
    n_wheels = len(list(out.glob("*.whl")))
    took = time.monotonic() - started
    print(f"wheelhouse: {out} ({n_wheels} wheels, {size / 2**20:.1f} MiB) in {took:.0f} s")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build an offline install folder of wheels.")
    parser.add_argument("--out", type=Path, default=PROJECT / "dist" / "wheelhouse", help="wheelhouse folder")
    parser.add_argument(
        "--platform",
        action="append",
        dest="platforms",
        help=(f"win_amd64, manylinux_x86_64 or current (repeatable; default {DEFAULT_PLATFORMS})"),
    )
    parser.add_argument(
        "--python",
        action="append",
        dest="pythons",
        help=f"3.11, 3.12, 3.13 or current (repeatable; default {DEFAULT_PYTHONS})",
    )
    parser.add_argument("--project", type=Path, default=PROJECT, help="the recon checkout to build from")
    parser.add_argument("--no-zip", action="store_true", help="skip the .zip next to the folder")
    args = parser.parse_args(argv)
    targets = parse_targets(args.platforms or list(DEFAULT_PLATFORMS), args.pythons or list(DEFAULT_PYTHONS))
    build(args.out.absolute(), targets, project=args.project.resolve(), make_zip=not args.no_zip)
    return 0


if __name__ == "__main__":
    sys.exit(main())
