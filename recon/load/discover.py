"""Finding the input files of a month's folder, and saying why every other entry was not read.

A folder a county office fills by hand holds more than rolls: notices and PDFs, Excel's lock files of
an open workbook, shortcuts, links to files that moved, folders such as `_answers` that by convention
are not inputs. None is read; each is listed (manifest.json, 数据质量) with why, so nothing is skipped
in silence.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from recon.errors import InputError
from recon.io.readers import SUPPORTED_SUFFIXES
from recon.model import (
    NOT_READ_HIDDEN,
    NOT_READ_LINK,
    NOT_READ_LOCK,
    NOT_READ_NOT_TABLE,
    NOT_READ_SHORTCUT,
    NOT_READ_UNREADABLE,
    FileNotRead,
)

# names people give a copy: "花名册 - 副本.xlsx", "花名册(1).xlsx", "花名册 copy.xlsx"
_COPY_NAME = re.compile(r"(副本|拷贝|复件|copy|[(（]\s*\d+\s*[)）])", re.IGNORECASE)


def looks_like_a_copy(name: str) -> bool:
    return _COPY_NAME.search(Path(name).stem) is not None


def _not_read(rel: str, code: str, reason: str, fix: str | None = None) -> FileNotRead:
    return FileNotRead(path=rel, code=code, reason=reason, fix=fix)


def discover_files(input_dir: Path) -> tuple[list[Path], list[FileNotRead]]:
    """The table files under input_dir, in an order that puts a file before its copies, and every
    other entry with the reason it is not read."""
    if not input_dir.is_dir():
        raise InputError(
            "输入目录不存在",
            file=str(input_dir),
            fix="检查 INPUT_DIR 路径",
            en="the input folder does not exist",
            fix_en="check the INPUT_DIR path",
        )
    files: list[Path] = []
    skipped: list[FileNotRead] = []
    for root, dirs, names in os.walk(input_dir, followlinks=False):
        here = Path(root)
        for d in sorted(dirs):
            if d.startswith(("_", ".")):
                rel = (here / d).relative_to(input_dir).as_posix() + "/"
                skipped.append(
                    _not_read(rel, NOT_READ_HIDDEN, "文件夹名以 _ 或 . 开头，按约定不是输入（如答案、备份）")
                )
        dirs[:] = sorted(d for d in dirs if not d.startswith(("_", ".")))
        for n in sorted(names):
            p = here / n
            rel = p.relative_to(input_dir).as_posix()
            if n.startswith("~$"):
                skipped.append(_not_read(rel, NOT_READ_LOCK, "Excel 打开文件时生成的临时锁定文件，不是名册"))
            elif n.startswith(("_", ".")):
                skipped.append(_not_read(rel, NOT_READ_HIDDEN, "文件名以 _ 或 . 开头，按约定不是输入"))
            elif p.is_symlink() and not p.exists():
                skipped.append(
                    _not_read(
                        rel,
                        NOT_READ_LINK,
                        f"链接指向的文件不存在（{Path(os.readlink(p)).name}）",
                        "把链接指向的名册文件本身复制到文件夹里",
                    )
                )
            elif p.suffix.lower() == ".lnk":
                skipped.append(
                    _not_read(
                        rel,
                        NOT_READ_SHORTCUT,
                        "Windows 快捷方式，不是名册本身",
                        "把快捷方式指向的名册文件复制到文件夹里",
                    )
                )
            elif not os.access(p, os.R_OK):
                skipped.append(
                    _not_read(
                        rel, NOT_READ_UNREADABLE, "没有读取权限", "检查文件权限，或把文件另存一份再放进文件夹"
                    )
                )
            elif p.suffix.lower() in SUPPORTED_SUFFIXES:
                files.append(p)
            else:
                skipped.append(
                    _not_read(rel, NOT_READ_NOT_TABLE, f"不是表格文件（{p.suffix or '无扩展名'}），未读取")
                )
    # a file is read before the copies of it, so that the copy is the one left out
    files.sort(key=lambda p: (looks_like_a_copy(p.name), p.relative_to(input_dir).as_posix()))
    return files, skipped
