"""Names Excel and Windows accept: sheet names and per-town file names."""

from __future__ import annotations

import re

_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
_FILE_BAD = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)
SHEET_MAX = 31


def sheet_name(text: str, taken: set[str]) -> str:
    """A valid, unique (case-insensitively) sheet name of at most 31 characters; adds it to `taken`."""
    base = _SHEET_BAD.sub("", text).strip().strip("'") or "Sheet"
    base = base[:SHEET_MAX].rstrip()
    name, i = base, 2
    while name.lower() in taken:
        suffix = f"({i})"
        name = base[: SHEET_MAX - len(suffix)] + suffix
        i += 1
    taken.add(name.lower())
    return name


def file_stem(text: str | None, taken: set[str], *, empty: str = "未填乡镇") -> str:
    """A Windows-safe, unique (case-insensitively) file name stem; adds it to `taken`."""
    base = _FILE_BAD.sub("_", text or "").strip().rstrip(". ")[:100] or empty
    if _RESERVED.match(base):
        base = "_" + base
    name, i = base, 2
    while name.lower() in taken:
        name = f"{base}({i})"
        i += 1
    taken.add(name.lower())
    return name
