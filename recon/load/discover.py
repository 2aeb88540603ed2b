"""Finding the input files of a month's folder."""

from __future__ import annotations

from pathlib import Path

from recon.errors import InputError
from recon.io.readers import SUPPORTED_SUFFIXES


def discover_files(input_dir: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """Data files under input_dir; names starting with "_" or "." and Excel lock files are not inputs
    (the sample's answer file lives in `_answers/`)."""
    if not input_dir.is_dir():
        raise InputError(
            "输入目录不存在",
            file=str(input_dir),
            fix="检查 INPUT_DIR 路径",
            en="the input folder does not exist",
            fix_en="check the INPUT_DIR path",
        )
    files, ignored = [], []
    for p in sorted(input_dir.rglob("*")):
        rel = p.relative_to(input_dir)
        if any(part.startswith(("_", ".", "~$")) for part in rel.parts):
            continue
        if not p.is_file():
            continue
        if p.suffix.lower() in SUPPORTED_SUFFIXES:
            files.append(p)
        else:
            ignored.append((rel.as_posix(), f"不是表格文件（{p.suffix or '无扩展名'}），未读取"))
    return files, ignored
