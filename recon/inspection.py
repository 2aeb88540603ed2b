"""`recon inspect`: what recon makes of each file and sheet, before any comparison.

Unlike a run, inspect never stops at the first unusable file: it reports every file, usable or not,
so an officer can fix them all in one go.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from pathlib import Path

from recon.config import Config
from recon.errors import ReconError
from recon.io.readers import SUPPORTED_SUFFIXES, read_file
from recon.load import discover_files, load_sheet, plan_error, plan_sheet


@dataclass
class SheetReport:
    file: str
    sheet: str | None
    kind: str | None
    header_row: int | None
    columns: dict[str, str] = field(default_factory=dict)
    rows_read: int = 0
    rows_used: int = 0
    rows_rejected: int = 0
    rows_skipped: int = 0
    id_status: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    error: str | None = None


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


def inspect_paths(
    paths: list[Path], config: Config | None = None, today: dt.date | None = None
) -> list[SheetReport]:
    config = config or Config()
    today = today or dt.date.today()
    reports: list[SheetReport] = []
    for path, base in _expand(paths):
        display = path.relative_to(base).as_posix() if base else path.name
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            reports.append(SheetReport(display, None, None, None, error="不是表格文件，未读取"))
            continue
        try:
            sheets = read_file(path, display, config.csv_encoding)
        except ReconError as e:
            reports.append(SheetReport(display, None, None, None, error=e.render()))
            continue
        for raw in sheets:
            plan = plan_sheet(raw, config)
            err = plan_error(plan, require_kind=True)
            rep = SheetReport(display, raw.sheet, plan.kind, plan.stats.header_row, dict(plan.stats.columns))
            if plan.header is None and err is None:
                err_text = plan.skip_reason or "未识别的工作表"
                rep.error, rep.rows_read, rep.rows_skipped = (
                    err_text,
                    plan.stats.rows_read,
                    plan.stats.rows_read,
                )
                reports.append(rep)
                continue
            if err is not None:
                rep.error = err.message
                rep.rows_read = plan.stats.rows_read
                reports.append(rep)
                continue
            try:
                load_sheet(plan, today)
            except ReconError as e:
                rep.error = e.render()
            s = plan.stats
            rep.rows_read, rep.rows_used, rep.rows_rejected, rep.rows_skipped = (
                s.rows_read,
                s.rows_used,
                s.rows_rejected,
                s.rows_skipped,
            )
            rep.id_status = dict(s.id_status_counts)
            rep.problems = list(s.problems)
            reports.append(rep)
    return reports


def reports_to_dicts(reports: list[SheetReport]) -> list[dict[str, object]]:
    return [asdict(r) for r in reports]
