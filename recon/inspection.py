"""`recon inspect`: what recon makes of each file and sheet, before any comparison.

Unlike a run, inspect never stops at the first unusable file: it reports every file, usable or not,
so an officer can fix them all in one go. Each sheet is a `SourceStats`, the record a run keeps too.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from recon.config import Config
from recon.errors import ReconError
from recon.io.readers import SUPPORTED_SUFFIXES, read_file
from recon.load import discover_files, load_sheet, plan_error, plan_sheet
from recon.model import SourceStats


def _expand(paths: list[Path]) -> list[tuple[Path, Path | None]]:
    out: list[tuple[Path, Path | None]] = []
    for p in paths:
        if p.is_dir() and p.name.startswith(("_", ".")):
            # the same rule as a run: such folders hold no inputs (e.g. the sample's answer key)
            continue
        if p.is_dir():
            files, _ = discover_files(p)
            out.extend((f, p) for f in files)
        else:
            out.append((p, None))
    return out


def _unread(display: str, path: Path, error: str) -> SourceStats:
    return SourceStats(source_file=display, source_sheet=None, kind=None, path=str(path), error=error)


def inspect_paths(
    paths: list[Path], config: Config | None = None, today: dt.date | None = None
) -> list[SourceStats]:
    config = config or Config()
    today = today or dt.date.today()
    reports: list[SourceStats] = []
    for path, base in _expand(paths):
        display = path.relative_to(base).as_posix() if base else path.name
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            reports.append(_unread(display, path, "不是表格文件，未读取"))
            continue
        try:
            sheets = read_file(path, display, config.csv_encoding)
        except ReconError as e:
            reports.append(_unread(display, path, e.render()))
            continue
        for raw in sheets:
            plan = plan_sheet(raw, config)
            stats = plan.stats
            err = plan_error(plan, require_kind=True)
            if plan.header is None and err is None:
                stats.error = plan.skip_reason or "未识别的工作表"
                stats.rows_skipped = stats.rows_read
                stats.problems = []
            elif err is not None:
                stats.error = err.message
                stats.problems = []
            else:
                try:
                    load_sheet(plan, today)
                except ReconError as e:
                    stats.error = e.render()
            reports.append(stats)
    return reports


def reports_to_dicts(reports: list[SourceStats]) -> list[dict[str, Any]]:
    """The sheets as `recon inspect --json` prints them."""
    return [
        {
            "file": r.source_file,
            "sheet": r.source_sheet,
            "kind": r.kind,
            "header_row": r.header_row,
            "columns": dict(r.columns),
            "rows_read": r.rows_read,
            "rows_used": r.rows_used,
            "rows_rejected": r.rows_rejected,
            "rows_skipped": r.rows_skipped,
            "id_status": dict(r.id_status_counts),
            "problems": list(r.problems),
            "error": r.error,
        }
        for r in reports
    ]
