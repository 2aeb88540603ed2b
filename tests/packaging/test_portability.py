"""Guards that keep recon working on the county offices' Windows PCs, checked from Linux:
no POSIX-only module on the import path, a non-UTF-8 console, Excel-friendly CSV, Chinese paths."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "recon"
SAMPLE = ROOT / "sample_data"
POSIX_ONLY = ("fcntl", "termios", "pwd", "grp", "resource", "posix", "tty", "pty", "curses")

# Installed before recon is imported: what `import fcntl` and the rest do on Windows, for the import
# statements of the code under test (and of the -c script). The standard library and the dependencies
# are left alone: on Linux they take their POSIX branch where on Windows they take the Windows one. The
# hook sits on __import__, not on sys.meta_path, so a module a dependency already loaded is refused too.
BLOCKER = """
import builtins
BLOCKED = {blocked!r}
OWNERS = {owners!r}
_real_import = builtins.__import__

def _import(name, globals=None, locals=None, fromlist=(), level=0):
    if level == 0 and name.split(".")[0] in BLOCKED:
        owner = ((globals or {{}}).get("__name__") or "").split(".")[0]
        if owner in OWNERS:
            raise ModuleNotFoundError(f"No module named {{name!r}} (as on Windows)", name=name)
    return _real_import(name, globals, locals, fromlist, level)

builtins.__import__ = _import
"""


def blocker(*packages: str) -> str:
    return BLOCKER.format(blocked=POSIX_ONLY, owners=["__main__", *packages])


IMPORT_ALL = """
import importlib, json, sys
failures = {}
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except Exception as e:
        failures[name] = f"{type(e).__name__}: {e}"
try:
    import fcntl  # noqa: F401
    blocker_works = False
except ImportError:
    blocker_works = True
print(json.dumps({"failures": failures, "blocker_works": blocker_works}))
"""

CLI = "from recon.cli.main import main; main()"


def module_names(package_dir: Path) -> list[str]:
    """Every importable module under the package, found from the files (walking by import would run
    the imports before the blocker could see them)."""
    names = []
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(package_dir.parent).with_suffix("").parts)
        if parts[-1] == "__main__":
            continue
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    return names


def import_failures(modules: list[str], *, blocked: bool, path: Path = ROOT) -> dict[str, object]:
    code = (blocker(*{m.split(".")[0] for m in modules}) if blocked else "") + IMPORT_ALL
    env = {**os.environ, "PYTHONPATH": str(path)}
    r = subprocess.run(
        [sys.executable, "-c", code, *modules], capture_output=True, text=True, env=env, cwd=path, timeout=300
    )
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


def windows_like_env() -> dict[str, str]:
    """A console that is not UTF-8: GBK like cmd.exe on Chinese Windows, in the C locale. Python takes
    UTF-8 for file names there (Windows file names are Unicode too); an open() without encoding=, which
    on Windows reads and writes GBK, is caught by the EncodingWarning it raises."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "RECON_"))}
    env.update(
        PYTHONIOENCODING="gbk",
        LANG="C",
        LC_ALL="C",
        PYTHONWARNDEFAULTENCODING="1",
        COLUMNS="200",
        PYTHONPATH=str(ROOT),
    )
    env.pop("FORCE_COLOR", None)
    return env


def run_cli(*args: str | Path, env: dict[str, str], cwd: Path) -> tuple[int, str, str]:
    """Run recon's CLI with POSIX-only modules blocked; output decoded strictly as GBK."""
    cmd = [sys.executable, "-c", blocker("recon") + CLI, *map(str, args)]
    r = subprocess.run(cmd, capture_output=True, env=env, cwd=cwd, timeout=300)
    return r.returncode, r.stdout.decode("gbk"), r.stderr.decode("gbk")


def assert_clean(code: int, out: str, err: str) -> None:
    assert code == 0, f"exit {code}\n{out}\n{err}"
    assert "Traceback" not in out + err
    # an open() without encoding= in recon reads GBK on Chinese Windows: name the line
    ours = str(PACKAGE) + os.sep
    assert not [line for line in err.splitlines() if "EncodingWarning" in line and ours in line], err


@dataclass
class WindowsRun:
    code: int
    out: str
    err: str
    rolls: Path
    renamed: Path
    out_dir: Path


@pytest.fixture(scope="module")
def windows_run(tmp_path_factory: pytest.TempPathFactory) -> WindowsRun:
    """One monthly run the way a county PC does it: GBK console, no POSIX-only modules, Chinese folder
    and file names for the rolls and the results."""
    cwd = tmp_path_factory.mktemp("win")
    rolls = cwd / "名册" / "2020年4月"
    shutil.copytree(SAMPLE, rolls)
    first = sorted(p for p in rolls.iterdir() if p.is_file())[0]
    renamed = first.rename(first.with_name(f"民政局报送_{first.name}"))
    out_dir = cwd / "比对结果" / "四月"
    code, out, err = run_cli(
        "run", rolls, "--month", "2020-04", "--out", out_dir, env=windows_like_env(), cwd=cwd
    )
    return WindowsRun(code, out, err, rolls, renamed, out_dir)


# (a) import path


def test_blocker_reports_a_module_that_needs_a_posix_only_module(tmp_path: Path) -> None:
    pkg = tmp_path / "canary"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "locks.py").write_text("import termios\n", encoding="utf-8")
    (pkg / "portable.py").write_text(
        "try:\n    import fcntl\nexcept ImportError:\n    fcntl = None\n", encoding="utf-8"
    )
    # a dependency may load fcntl first (filelock does on Linux): recon's own import must still be refused
    (tmp_path / "dependency.py").write_text("import fcntl\n", encoding="utf-8")
    (pkg / "late.py").write_text("import dependency\nimport fcntl\n", encoding="utf-8")
    result = import_failures(module_names(pkg), blocked=True, path=tmp_path)
    assert result["blocker_works"]
    assert set(result["failures"]) == {"canary.locks", "canary.late"}  # type: ignore[arg-type]


def test_every_recon_module_imports_without_posix_only_modules() -> None:
    modules = module_names(PACKAGE)
    baseline = import_failures(modules, blocked=False)["failures"]
    blocked = import_failures(modules, blocked=True)
    assert blocked["blocker_works"]
    # a module that is broken anyway is other tests' business; here only what blocking breaks
    new = {m: e for m, e in blocked["failures"].items() if m not in baseline}  # type: ignore[union-attr]
    assert not new, f"these modules import a POSIX-only module at import time: {new}"
    failures = blocked["failures"]
    assert "recon.cli.main" not in failures, failures  # type: ignore[operator]  # not a vacuous pass


POSIX_ONLY_ATTRS = {
    "os": {
        "getuid",
        "geteuid",
        "getgid",
        "getegid",
        "getgroups",
        "chown",
        "fchown",
        "lchown",
        "fchmod",
        "lchmod",
        "fork",
        "forkpty",
        "setsid",
        "setpgrp",
        "getpgid",
        "killpg",
        "mkfifo",
        "mknod",
        "uname",
        "sync",
        "statvfs",
        "fstatvfs",
        "pathconf",
        "getloadavg",
        "nice",
        "sched_getaffinity",
        "O_NOFOLLOW",
        "O_DIRECTORY",
        "O_CLOEXEC",
        "WNOHANG",
    },
    "signal": {
        "SIGKILL",
        "SIGHUP",
        "SIGALRM",
        "SIGUSR1",
        "SIGUSR2",
        "SIGCHLD",
        "SIGPIPE",
        "SIGQUIT",
        "alarm",
        "setitimer",
        "pause",
    },
}
GUARD_WORDS = ("hasattr", "sys.platform", "os.name")


def _guarded(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If | ast.IfExp) and any(w in ast.unparse(node.test) for w in GUARD_WORDS):
            return True
        if isinstance(node, ast.Try) and any(
            h.type is not None and "AttributeError" in ast.unparse(h.type) for h in node.handlers
        ):
            return True
    return False


def posix_only_uses(source: str) -> list[tuple[int, str]]:
    tree = ast.parse(source)
    parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    return [
        (node.lineno, f"{node.value.id}.{node.attr}")
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.attr in POSIX_ONLY_ATTRS.get(node.value.id, ())
        and not _guarded(node, parents)
    ]


def test_posix_only_attribute_check_sees_unguarded_uses() -> None:
    src = "import os\nos.fchmod(3, 0o600)\nif hasattr(os, 'getuid'):\n    os.getuid()\nos.chmod('x', 0o600)\n"
    assert posix_only_uses(src) == [(2, "os.fchmod")]


def test_recon_uses_no_unguarded_posix_only_os_functions() -> None:
    found = {
        f"{path.relative_to(ROOT).as_posix()}:{line}": name
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, name in posix_only_uses(path.read_text(encoding="utf-8"))
    }
    assert not found, f"missing on Windows (guard with hasattr/sys.platform): {found}"


# (b) a console that is not UTF-8


def test_run_on_a_gbk_console(windows_run: WindowsRun) -> None:
    assert_clean(windows_run.code, windows_run.out, windows_run.err)
    assert "核查工作簿" in windows_run.out + windows_run.err


def test_inspect_and_rules_on_a_gbk_console(tmp_path: Path) -> None:
    env = windows_like_env()
    code, out, err = run_cli("inspect", SAMPLE, env=env, cwd=tmp_path)
    assert_clean(code, out, err)
    assert "类别" in out and "表头行" in out
    code, out, err = run_cli("rules", env=env, cwd=tmp_path)
    assert_clean(code, out, err)
    assert "严重程度" in out and "死亡" in out


# (c) Excel on Windows reads a CSV as the ANSI code page unless it starts with the UTF-8 BOM


def test_csv_outputs_start_with_the_utf8_bom(windows_run: WindowsRun) -> None:
    assert windows_run.code == 0, windows_run.err
    csvs = sorted(windows_run.out_dir.rglob("*.csv"))
    assert csvs
    for path in csvs:
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), path.name
        assert not data[3:].startswith(b"\xef\xbb\xbf")  # exactly one BOM
        data.decode("utf-8")


# (d) Chinese folder and file names end to end


def test_chinese_folder_names_end_to_end(windows_run: WindowsRun) -> None:
    assert windows_run.code == 0, windows_run.err
    out_dir = windows_run.out_dir
    assert (out_dir / "anomalies.xlsx").is_file() and (out_dir / "anomalies.csv").is_file()
    assert str(out_dir / "anomalies.xlsx") in windows_run.out  # the path printed back, readable
    manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    text = json.dumps(manifest, ensure_ascii=False)
    assert windows_run.renamed.name in text and "2020年4月" in text
    before = {q.name for q in SAMPLE.rglob("*")} | {windows_run.renamed.name}
    assert not [p for p in windows_run.rolls.rglob("*") if p.name not in before]  # nothing written there
