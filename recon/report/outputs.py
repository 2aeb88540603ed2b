"""write_outputs: every file of OUT_DIR from one RunResult, written all-or-nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from recon.contract import (
    EXCLUDED_CSV,
    EXCLUDED_EXTRA,
    QUALITY_CSV,
    RESOLVED_CSV,
    RESOLVED_EXTRA,
    ROLL_SNAPSHOT,
    SPLIT_FOLDER,
)
from recon.errors import ConfigError
from recon.months import month_text
from recon.report.atomic import staged_output
from recon.report.csv_file import write_anomalies_csv, write_quality_csv
from recon.report.manifest import write_manifest
from recon.report.mask import mask_result
from recon.report.names import file_stem
from recon.report.summary import write_summary
from recon.report.workbook import towns_of, write_workbook
from recon.result import RunResult

SPLIT_CHOICES = ("town",)


def check_split_by(split_by: str | None) -> None:
    """ConfigError unless `split_by` is None or one of SPLIT_CHOICES (called before any work is done)."""
    if split_by is not None and split_by not in SPLIT_CHOICES:
        raise ConfigError(
            f"不支持按 {split_by!r} 拆分",
            fix=f"--split-by 可用：{', '.join(SPLIT_CHOICES)}",
            en=f"splitting by {split_by!r} is not supported",
            fix_en=f"--split-by accepts: {', '.join(SPLIT_CHOICES)}",
        )


@dataclass
class WrittenOutputs:
    """Final paths (inside out_dir) of what was written."""

    out_dir: Path
    csv: Path
    quality_csv: Path
    summary: Path
    manifest: Path
    workbook: Path
    town_workbooks: dict[str, Path] = field(default_factory=dict)

    extra_csvs: list[Path] = field(default_factory=list)  # the monthly cycle's lists, when it ran
    snapshot: Path | None = None  # the rolls read, for next month's --previous (never under --mask)

    def all(self) -> list[Path]:
        return [
            self.workbook,
            self.csv,
            self.quality_csv,
            *self.extra_csvs,
            *([self.snapshot] if self.snapshot else []),
            self.summary,
            *self.town_workbooks.values(),
            self.manifest,
        ]


def write_outputs(
    result: RunResult,
    out_dir: Path,
    *,
    mask: bool = False,
    split_by: str | None = None,
    force: bool = False,
    shared_perms: bool = False,
    on_rows: Callable[[int, int], None] | None = None,
) -> WrittenOutputs:
    """Write anomalies.xlsx/.csv, data_quality.csv, summary.json, manifest.json (and 按乡镇/<town>.xlsx)
    into `out_dir`.

    Raises OutputError when out_dir exists and is not empty (without `force`), another run holds it,
    it lies inside the input folder, or the disk refuses; nothing half-written is ever left.
    """
    check_split_by(split_by)
    out_dir = Path(out_dir).absolute()
    data = mask_result(result) if mask else result
    month = month_text(result.month)
    with staged_output(
        out_dir, force=force, shared_perms=shared_perms, input_dir=result.arguments.get("input_dir")
    ) as tmp:
        written = [
            write_workbook(data, tmp / "anomalies.xlsx", masked=mask, tmpdir=tmp, on_rows=on_rows),
            write_anomalies_csv(data.findings, tmp / "anomalies.csv", month=month),
            write_quality_csv(data.issues, tmp / QUALITY_CSV),
            write_summary(data, tmp / "summary.json", masked=mask),
        ]
        # the cycle's own lists, read back by next month's --previous
        if data.verified_excluded is not None:
            written.append(
                write_anomalies_csv(
                    data.verified_excluded, tmp / EXCLUDED_CSV, month=month, extra=EXCLUDED_EXTRA
                )
            )
        if data.resolved is not None:
            written.append(
                write_anomalies_csv(data.resolved, tmp / RESOLVED_CSV, month=month, extra=RESOLVED_EXTRA)
            )
        # the rolls read, for next month's --previous (M1); full IDs, so never in a masked folder
        if result.roll_snapshot is not None and not mask:
            snapshot = tmp / ROLL_SNAPSHOT
            result.roll_snapshot.write_parquet(snapshot)
            written.append(snapshot)
        towns: dict[str, Path] = {}
        if split_by == "town":
            folder = tmp / SPLIT_FOLDER
            folder.mkdir()
            taken: set[str] = set()
            for town in towns_of(data):
                path = folder / f"{file_stem(town, taken)}.xlsx"
                towns[town] = write_workbook(data, path, masked=mask, town=town, tmpdir=tmp)
            written += towns.values()
        write_manifest(data, tmp, written, masked=mask)

    def final(p: Path) -> Path:
        return out_dir / p.relative_to(tmp)

    return WrittenOutputs(
        out_dir=out_dir,
        csv=out_dir / "anomalies.csv",
        quality_csv=out_dir / QUALITY_CSV,
        summary=out_dir / "summary.json",
        manifest=out_dir / "manifest.json",
        workbook=out_dir / "anomalies.xlsx",
        town_workbooks={t: final(p) for t, p in towns.items()},
        snapshot=out_dir / ROLL_SNAPSHOT if result.roll_snapshot is not None and not mask else None,
        extra_csvs=[
            out_dir / n
            for n, frame in ((EXCLUDED_CSV, result.verified_excluded), (RESOLVED_CSV, result.resolved))
            if frame is not None
        ],
    )
