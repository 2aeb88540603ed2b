"""Loading a month's files: read every file, plan every sheet (reporting every unusable file together,
before any work), then load the planned sheets into one frame of records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from recon.config import Config
from recon.errors import InputError, InputErrors, ReconError
from recon.io.hashing import sha256_file
from recon.io.readers import read_file
from recon.load.batches import load_plans
from recon.load.discover import discover_files
from recon.load.plan import SheetPlan, plan_error, plan_sheet
from recon.model import SourceStats
from recon.normalize.towns import unify_towns
from recon.result import InputFile


@dataclass
class LoadResult:
    records: pl.DataFrame
    issues: pl.DataFrame
    stats: list[SourceStats]
    inputs: list[InputFile]
    ignored: list[tuple[str, str]] = field(default_factory=list)  # files not read: (file, reason)

    @property
    def kinds(self) -> set[str]:
        return set(self.records.get_column("kind").unique().to_list()) if self.records.height else set()


def load_sheet(plan: SheetPlan, today: dt.date) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(records without rec_id, issues) for one planned sheet."""
    return load_plans([plan], today)


def load_paths(
    paths: list[Path],
    config: Config | None = None,
    *,
    base: Path | None = None,
    require_kind: bool = True,
    today: dt.date | None = None,
    drop: Collection[str] = (),
) -> LoadResult:
    """Load the files; `drop` names RECORD_SCHEMA columns not to keep (see RUN_UNUSED)."""
    config = config or Config()
    today = today or dt.date.today()
    errors: list[ReconError] = []
    plans: list[SheetPlan] = []
    inputs: list[InputFile] = []
    for p in paths:
        display = p.relative_to(base).as_posix() if base and p.is_relative_to(base) else p.name
        try:
            sheets = read_file(p, display, config.csv_encoding)
        except ReconError as e:
            errors.append(e)
            continue
        inputs.append(InputFile(path=display, size=p.stat().st_size, sha256=sha256_file(p)))
        file_plans = [plan_sheet(s, config, require_kind) for s in sheets]
        file_errors = [e for e in (plan_error(fp, require_kind) for fp in file_plans) if e]
        usable = [fp for fp in file_plans if fp.header is not None]
        if not usable and not file_errors:
            seen = "；".join(f"{fp.raw.sheet or '表'}：{fp.skip_reason}" for fp in file_plans) or "文件是空的"
            file_errors.append(
                InputError(
                    f"文件中没有可用的名册（{seen}）",
                    file=display,
                    en=f"no usable roll in the file ({seen})",
                    fix_en=(
                        "make sure this is a roll to compare; the header should have columns such as 姓名 and 身份证号. "
                        "If the header is unusual, set header_row and columns in the config"
                    ),
                    fix=(
                        "确认这是要比对的名册；表头应含“姓名”“身份证号”等列名。"
                        "若表头写法特殊，在配置中用 header_row 和 columns 指明"
                    ),
                )
            )
        errors.extend(file_errors)
        plans.extend(file_plans)
    if errors:
        raise errors[0] if len(errors) == 1 else InputErrors(errors)

    records, issues = load_plans(plans, today, frozenset(drop))
    records = unify_towns(records)
    return LoadResult(records=records, issues=issues, stats=[p.stats for p in plans], inputs=inputs)


def load_folder(
    input_dir: Path,
    config: Config | None = None,
    *,
    today: dt.date | None = None,
    drop: Collection[str] = (),
) -> LoadResult:
    files, ignored = discover_files(input_dir)
    if not files:
        raise InputError(
            "输入目录中没有 .xlsx/.xls/.csv/.parquet 文件",
            file=str(input_dir),
            fix="把各部门的名册放进这个目录再运行",
            en="the input folder holds no .xlsx/.xls/.csv/.parquet file",
            fix_en="put the month's rolls into this folder and run again",
        )
    result = load_paths(files, config, base=input_dir, today=today, drop=drop)
    result.ignored = ignored
    return result
