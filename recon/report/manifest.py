"""manifest.json: what produced this folder, so a run can be checked and reproduced."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from recon.io.hashing import sha256_file
from recon.months import month_text
from recon.report.summary import dump_json, not_read_rows
from recon.result import RunResult


def _sources_of(result: RunResult, path: str) -> list[dict[str, Any]]:
    return [
        {
            "sheet": s.source_sheet,
            "kind": s.kind,
            "header_row": s.header_row,
            "rows_read": s.rows_read,
            "rows_used": s.rows_used,
            "rows_rejected": s.rows_rejected,
            "rows_skipped": s.rows_skipped,
        }
        for s in result.sources
        if path in (s.source_file, s.path)
    ]


def build_manifest(result: RunResult, out_dir: Path, outputs: list[Path], *, masked: bool) -> dict[str, Any]:
    return {
        "tool": "recon",
        "version": result.version,
        "month": month_text(result.month),
        "arguments": result.arguments,
        "config": result.config,
        "started": result.started.isoformat() if result.started else None,
        "finished": result.finished.isoformat() if result.finished else None,
        "masked": masked,
        "inputs": [
            {"path": i.path, "size": i.size, "sha256": i.sha256, "sources": _sources_of(result, i.path)}
            for i in result.inputs
        ],
        "not_read": not_read_rows(result),
        "outputs": [
            {"path": p.relative_to(out_dir).as_posix(), "size": p.stat().st_size, "sha256": sha256_file(p)}
            for p in outputs
        ],
    }


def write_manifest(result: RunResult, out_dir: Path, outputs: list[Path], *, masked: bool = False) -> Path:
    path = out_dir / "manifest.json"
    return dump_json(build_manifest(result, out_dir, outputs, masked=masked), path)
