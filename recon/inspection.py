"""`recon inspect`: what recon makes of each file and sheet, before any comparison.

Inspect reads the files the way a run does (the same loader, the same linker), so what it shows is what
a run would use: each sheet's kind and the evidence for it, any doubt, the header row and the column
mapping, the rows used, rejected and skipped, the ID numbers' state, and the share of its records that
link to another of the files given. Unlike a run, inspect never stops at an unusable file: it reports
every file, usable or not, so an officer can fix them all in one go.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recon.config import Config
from recon.errors import InputErrors, ReconError
from recon.link.engine import link_records
from recon.load import discover_files, load_paths
from recon.model import FileNotRead, Notice, SourceStats
from recon.notices import attach_link_shares, run_notices


@dataclass
class Inspection:
    sheets: list[SourceStats]  # every sheet read, and every file or sheet that could not be used
    not_read: list[FileNotRead] = field(default_factory=list)  # everything not read, and why
    notices: list[Notice] = field(default_factory=list)


def _expand(paths: list[Path]) -> tuple[list[Path], dict[Path, str], list[FileNotRead]]:
    files: list[Path] = []
    names: dict[Path, str] = {}
    skipped: list[FileNotRead] = []
    for p in paths:
        if p.is_dir() and p.name.startswith(("_", ".")):
            # the same rule as a run: such folders hold no inputs (e.g. the sample's answer key)
            continue
        if p.is_dir():
            found, others = discover_files(p)
            files += found
            names.update({f: f.relative_to(p).as_posix() for f in found})
            skipped += others
        else:
            files.append(p)
            names[p] = p.name
    return files, names, skipped


def _unread_sheet(f: FileNotRead) -> SourceStats:
    text = f.reason + (f"\n怎么办：{f.fix}" if f.fix else "")
    return SourceStats(source_file=f.path, source_sheet=f.sheet, kind=None, path=f.path, error=text)


def inspect_paths(
    paths: list[Path], config: Config | None = None, today: dt.date | None = None
) -> Inspection:
    config = config or Config()
    files, names, skipped = _expand(paths)
    if not files:
        return Inspection([_unread_sheet(f) for f in skipped], skipped)
    try:
        loaded = load_paths(files, config, today=today or dt.date.today(), names=names)
    except ReconError as e:
        errors = e.errors if isinstance(e, InputErrors) else [e]
        unread = [
            FileNotRead(path=x.file or "", code="unusable", reason=x.message, sheet=x.sheet, fix=x.fix)
            for x in errors
        ]
        return Inspection([_unread_sheet(f) for f in unread], skipped + unread)
    loaded.not_read = skipped + loaded.not_read
    attach_link_shares(loaded.stats, link_records(loaded.records, config.linking).records)
    unread_sheets = [_unread_sheet(f) for f in loaded.not_read if f.unread]
    return Inspection(loaded.stats + unread_sheets, loaded.not_read, run_notices(loaded, [], []))


def reports_to_dicts(inspection: Inspection) -> dict[str, Any]:
    """The sheets, the files not read and the notices, as `recon inspect --json` prints them."""
    return {
        "sheets": [
            {
                "file": r.source_file,
                "sheet": r.source_sheet,
                "kind": r.kind,
                "evidence": r.evidence,
                "doubt": r.doubt,
                "header_row": r.header_row,
                "columns": dict(r.columns),
                "rows_read": r.rows_read,
                "rows_used": r.rows_used,
                "rows_rejected": r.rows_rejected,
                "rows_skipped": r.rows_skipped,
                "records": r.records,
                "id_status": dict(r.id_status_counts),
                "link_share": None if r.link_share is None else round(r.link_share, 4),
                "problems": list(r.problems),
                "error": r.error,
            }
            for r in inspection.sheets
        ],
        "not_read": [
            {"path": f.path, "sheet": f.sheet, "code": f.code, "reason": f.reason, "fix": f.fix}
            for f in inspection.not_read
        ],
        "notices": [
            {"code": n.code, "file": n.file, "sheet": n.sheet, "message": n.message, "fix": n.fix}
            for n in inspection.notices
        ],
    }
