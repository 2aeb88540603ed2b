"""Writing an output folder safely: all or nothing, one writer at a time, private by default.

Files are written into a temporary folder next to OUT_DIR (same filesystem, so the final move is a
rename) and moved into place only when complete. Replacing an existing folder renames the old one
aside first, so a crash at any point leaves either the old or the new folder complete, and the next
run puts a set-aside old folder back if the new one never arrived.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from recon.contract import ROLL_SNAPSHOT
from recon.errors import OutputError

PRIVATE_FILE, PRIVATE_DIR = 0o600, 0o700
SHARED_FILE, SHARED_DIR = 0o644, 0o755

_FIX = "加 --force 覆盖，或换一个 --out 目录"


def os_error(e: OSError, where: Path) -> OutputError:
    """One plain message per failure a data officer can act on."""
    if e.errno == errno.ENOSPC:
        msg, fix = "磁盘空间不足，结果没有写出", "清理磁盘空间，或用 --out 换到空间充足的磁盘"
        msg_en, fix_en = (
            "not enough disk space; the results were not written",
            "free some disk space, or use --out to write to a disk with enough space",
        )
    elif e.errno == errno.EROFS:
        msg, fix = "输出位置是只读的，结果没有写出", "用 --out 换一个可以写入的目录"
        msg_en, fix_en = (
            "the output location is read-only; the results were not written",
            "use --out to choose a writable folder",
        )
    elif e.errno in (errno.EACCES, errno.EPERM):
        msg, fix = (
            "没有写入输出目录的权限，结果没有写出",
            "用 --out 换一个自己有权限的目录，或请管理员开通权限",
        )
        msg_en, fix_en = (
            "no permission to write to the output folder; the results were not written",
            "use --out to choose a folder you may write to, or ask an administrator for access",
        )
    else:
        msg, fix = f"写入结果时出错：{e.strerror or e}", "检查输出目录是否可用，再运行一次"
        msg_en, fix_en = (
            f"error while writing the results: {e.strerror or e}",
            "check that the output folder is usable, then run again",
        )
    return OutputError(msg, file=str(where), fix=fix, en=msg_en, fix_en=fix_en)


def check_not_input(out_dir: Path, input_dir: str | os.PathLike[str] | None) -> None:
    """Refuse an output folder inside the input folder (the next run would read it) or holding it (--force
    would delete the inputs)."""
    if not input_dir:
        return
    out, inp = out_dir.resolve(), Path(input_dir).resolve()
    if out == inp or out.is_relative_to(inp):
        raise OutputError(
            "输出目录不能放在输入目录里面",
            file=str(out_dir),
            fix="用 --out 指定输入目录以外的目录",
            en="the output folder must not be inside the input folder",
            fix_en="use --out to choose a folder outside the input folder",
        )
    if inp.is_relative_to(out):
        raise OutputError(
            "输出目录包含输入目录，覆盖时会删掉输入文件",
            file=str(out_dir),
            fix="用 --out 指定一个单独的新目录",
            en="the output folder contains the input folder; overwriting it would delete the input files",
            fix_en="use --out to choose a separate new folder",
        )


def set_modes(root: Path, *, shared: bool, always_private: tuple[str, ...] = ()) -> None:
    """0600/0700 unless shared; files named in `always_private` 0600 even when shared (the roll
    snapshot's full IDs). On Windows chmod only toggles read-only: access follows the folder's ACL."""
    fmode, dmode = (SHARED_FILE, SHARED_DIR) if shared else (PRIVATE_FILE, PRIVATE_DIR)
    for dirpath, dirnames, filenames in os.walk(root):
        for f in filenames:
            os.chmod(Path(dirpath) / f, PRIVATE_FILE if f in always_private else fmode)
        for d in dirnames:
            os.chmod(Path(dirpath) / d, dmode)
    os.chmod(root, dmode)


def _is_nonempty_dir(p: Path) -> bool:
    return p.is_dir() and any(p.iterdir())


def _recover(out_dir: Path) -> None:
    """Clean what a killed run left: temp folders go; an old folder set aside with no new one comes back."""
    parent, name = out_dir.parent, out_dir.name
    for tmp in parent.glob(f".{name}.tmp-*"):
        shutil.rmtree(tmp, ignore_errors=True)
    olds = sorted(parent.glob(f".{name}.old-*"), key=lambda p: p.stat().st_mtime)
    if olds and not out_dir.exists():
        olds.pop().rename(out_dir)
    for old in olds:
        shutil.rmtree(old, ignore_errors=True)


@contextmanager
def staged_output(
    out_dir: Path, *, force: bool = False, shared_perms: bool = False, input_dir: str | None = None
) -> Iterator[Path]:
    """Yield a temporary folder to write into; on success it becomes `out_dir`, on any error it goes."""
    out_dir = Path(out_dir).absolute()
    check_not_input(out_dir, input_dir)
    parent, name = out_dir.parent, out_dir.name
    try:
        parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(parent / f".{name}.lock"), timeout=0)
        lock.acquire()
    except Timeout as e:
        raise OutputError(
            f"另一个 recon 正在写入 {out_dir}",
            file=str(out_dir),
            fix="等那次运行结束再试，或换一个 --out 目录",
            en=f"another recon run is writing {out_dir}",
            fix_en="wait for that run to finish, or choose another --out folder",
        ) from e
    except OSError as e:
        raise os_error(e, out_dir) from e
    try:
        _recover(out_dir)
        if out_dir.exists() and not out_dir.is_dir():
            raise OutputError(
                "输出位置已有一个同名文件",
                file=str(out_dir),
                fix="换一个 --out 目录",
                en="a file with the same name already exists at the output location",
                fix_en="choose another --out folder",
            )
        if _is_nonempty_dir(out_dir) and not force:
            raise OutputError(
                "输出目录已存在且不是空的，没有覆盖",
                file=str(out_dir),
                fix=_FIX,
                en="the output folder exists and is not empty; nothing was overwritten",
                fix_en="add --force to replace it, or choose another --out folder",
            )
        try:
            tmp = Path(tempfile.mkdtemp(prefix=f".{name}.tmp-", dir=parent))
        except OSError as e:
            raise os_error(e, out_dir) from e
        try:
            yield tmp
            set_modes(tmp, shared=shared_perms, always_private=(ROLL_SNAPSHOT,))
            _swap_in(tmp, out_dir)
        except OSError as e:
            shutil.rmtree(tmp, ignore_errors=True)
            raise os_error(e, out_dir) from e
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    finally:
        lock.release()


def _swap_in(tmp: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        tmp.rename(out_dir)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
    old.rmdir()  # only the unique name is wanted: rename needs it free
    out_dir.rename(old)
    try:
        tmp.rename(out_dir)
    except OSError:
        old.rename(out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


@contextmanager
def staged_file(path: Path, *, force: bool = False, shared_perms: bool = False) -> Iterator[Path]:
    """Yield a temporary file path to write one output file into (`recon match --out`, `recon diff
    --out`); on success it replaces `path` in one rename, private unless shared; on any error it goes.
    An existing file is replaced only with `force`; a lock stops two runs writing the same file."""
    path = Path(path).absolute()
    parent = path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(parent / f".{path.name}.lock"), timeout=0)
        lock.acquire()
    except Timeout as e:
        raise OutputError(
            f"另一个 recon 正在写入 {path}",
            file=str(path),
            fix="等那次运行结束再试，或换一个 --out 文件名",
            en=f"another recon run is writing {path}",
            fix_en="wait for that run to finish, or choose another --out file",
        ) from e
    except OSError as e:
        raise os_error(e, path) from e
    try:
        if path.exists() and not force:
            raise OutputError(
                "输出文件已存在，没有覆盖",
                file=str(path),
                fix="加 --force 覆盖，或换一个 --out 文件名",
                en="the output file exists; nothing was overwritten",
                fix_en="add --force to replace it, or choose another --out file",
            )
        for stale in parent.glob(f".{path.name}.tmp-*"):
            stale.unlink(missing_ok=True)
        try:
            fd, name = tempfile.mkstemp(prefix=f".{path.name}.tmp-", suffix=path.suffix, dir=parent)
            os.close(fd)
        except OSError as e:
            raise os_error(e, path) from e
        tmp = Path(name)
        try:
            yield tmp
            os.chmod(tmp, SHARED_FILE if shared_perms else PRIVATE_FILE)
            os.replace(tmp, path)
        except OSError as e:
            tmp.unlink(missing_ok=True)
            raise os_error(e, path) from e
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    finally:
        lock.release()
