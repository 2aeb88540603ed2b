"""Loading a month's files: read every file, plan every sheet (reporting every unusable file together,
before any work), then load the planned sheets into one frame of records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from recon.config import Config
from recon.errors import InputError, InputErrors, ReconError
from recon.io.hashing import sha256_file
from recon.io.readers import RawSheet, read_file
from recon.load.batches import load_plans
from recon.load.checks import household_size_issues
from recon.load.discover import discover_files
from recon.load.plan import SheetPlan, plan_error, plan_sheet
from recon.model import (
    NOT_READ_COPY,
    NOT_READ_IGNORED,
    NOT_READ_UNREADABLE,
    NOT_READ_UNUSABLE,
    FileNotRead,
    Notice,
    SourceStats,
)
from recon.normalize.towns import unify_towns
from recon.result import InputFile


@dataclass
class LoadResult:
    records: pl.DataFrame
    issues: pl.DataFrame
    stats: list[SourceStats]
    inputs: list[InputFile]
    not_read: list[FileNotRead] = field(default_factory=list)  # every file or sheet not read, and why
    notices: list[Notice] = field(default_factory=list)  # what a person should look at first

    @property
    def kinds(self) -> set[str]:
        return set(self.records.get_column("kind").unique().to_list()) if self.records.height else set()

    @property
    def unread(self) -> list[FileNotRead]:
        """The files (or sheets) meant to be compared that could not be used."""
        return [f for f in self.not_read if f.unread]


def load_sheet(plan: SheetPlan, today: dt.date) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(records without rec_id, issues) for one planned sheet."""
    return load_plans([plan], today)


def _content_key(sheets: list[RawSheet]) -> tuple[tuple[str | None, int, int], ...] | None:
    """The cells of a file's sheets, as a comparable key: equal for a workbook saved again under
    another name. None for files read lazily (a province file is compared by its hash only)."""
    if any(s.loader is not None for s in sheets):
        return None
    return tuple((s.sheet, s.grid.height, int(s.grid.hash_rows(seed=0).sum())) for s in sheets)


def _no_usable_roll(display: str, plans: list[SheetPlan]) -> InputError:
    seen = "；".join(f"{fp.raw.sheet or '表'}：{fp.skip_reason}" for fp in plans) or "文件是空的"
    return InputError(
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


def _unusable(e: ReconError, code: str = NOT_READ_UNUSABLE, sheet: str | None = None) -> FileNotRead:
    return FileNotRead(
        path=e.file or "",
        code=code,
        reason=e.message,
        sheet=sheet if sheet is not None else e.sheet,
        fix=e.fix,
        reason_en=e.en,
        fix_en=e.fix_en,
    )


def load_paths(
    paths: list[Path],
    config: Config | None = None,
    *,
    base: Path | None = None,
    require_kind: bool = True,
    today: dt.date | None = None,
    drop: Collection[str] = (),
    strict: bool = False,
    names: dict[Path, str] | None = None,
    on_file: Callable[[int, int], None] | None = None,
) -> LoadResult:
    """Load the files (shown by their path relative to `base`, or as `names` gives); `drop` names RECORD_SCHEMA columns not to keep (see RUN_UNUSED).

    A file (or sheet) that cannot be read or whose kind or required columns cannot be told is left
    out and listed in `not_read` with the fix, and the others are loaded: one stray list never stops
    the month. With `strict`, or when no file at all is usable, every such problem is raised together.
    A file with the same bytes, or the same cells, as one already read is a copy, read once.
    """
    config = config or Config()
    today = today or dt.date.today()
    errors: list[ReconError] = []
    not_read: list[FileNotRead] = []
    plans: list[SheetPlan] = []
    inputs: list[InputFile] = []
    by_hash: dict[str, str] = {}
    by_content: dict[tuple[tuple[str | None, int, int], ...], str] = {}
    for done, p in enumerate(paths, start=1):
        if on_file is not None:
            on_file(done, len(paths))
        if names and p in names:
            display = names[p]
        else:
            display = p.relative_to(base).as_posix() if base and p.is_relative_to(base) else p.name
        digest = sha256_file(p)
        if digest in by_hash:
            not_read.append(
                FileNotRead(
                    display,
                    NOT_READ_COPY,
                    f"与 {by_hash[digest]} 内容完全相同（副本），只读一次",
                    same_as=by_hash[digest],
                )
            )
            continue
        by_hash[digest] = display
        try:
            sheets = read_file(p, display, config.csv_encoding)
        except ReconError as e:
            errors.append(e)
            not_read.append(_unusable(e, NOT_READ_UNREADABLE))
            continue
        key = _content_key(sheets)
        if key is not None and key in by_content:
            not_read.append(
                FileNotRead(
                    display,
                    NOT_READ_COPY,
                    f"每个工作表的每一行都与 {by_content[key]} 相同（另存的副本），只读一次",
                    same_as=by_content[key],
                )
            )
            continue
        if key is not None:
            by_content[key] = display
        inputs.append(InputFile(path=display, size=p.stat().st_size, sha256=digest))
        file_plans = [plan_sheet(s, config, require_kind) for s in sheets]
        ignored = [fp for fp in file_plans if fp.ignored]
        if ignored and len(ignored) == len(file_plans):
            not_read.append(FileNotRead(display, NOT_READ_IGNORED, "配置文件要求忽略（ignore = true）"))
            continue
        for fp in ignored:
            not_read.append(
                FileNotRead(
                    display, NOT_READ_IGNORED, "配置文件要求忽略（ignore = true）", sheet=fp.raw.sheet
                )
            )
        file_plans = [fp for fp in file_plans if not fp.ignored]
        usable = []
        for fp in file_plans:
            err = plan_error(fp, require_kind)
            if err is None:
                usable.append(fp)
                continue
            errors.append(err)
            not_read.append(_unusable(err, sheet=fp.raw.sheet))
        if not any(fp.header is not None for fp in usable):
            if not any(f.path == display and f.unread for f in not_read):
                err = _no_usable_roll(display, file_plans)
                errors.append(err)
                not_read.append(_unusable(err))
            continue
        plans.extend(usable)
    if errors and (strict or not any(fp.header is not None for fp in plans)):
        raise errors[0] if len(errors) == 1 else InputErrors(errors)

    records, issues = load_plans(plans, today, frozenset(drop))
    records = unify_towns(records)
    sizes = household_size_issues(records)
    if sizes.height:
        issues = pl.concat([issues, sizes], how="vertical")
    return LoadResult(
        records=records, issues=issues, stats=[p.stats for p in plans], inputs=inputs, not_read=not_read
    )


def load_folder(
    input_dir: Path,
    config: Config | None = None,
    *,
    today: dt.date | None = None,
    drop: Collection[str] = (),
    strict: bool = False,
    on_file: Callable[[int, int], None] | None = None,
) -> LoadResult:
    files, skipped = discover_files(input_dir)
    if not files:
        raise InputError(
            "输入目录中没有 .xlsx/.xls/.csv/.parquet 文件",
            file=str(input_dir),
            fix="把各部门的名册放进这个目录再运行",
            en="the input folder holds no .xlsx/.xls/.csv/.parquet file",
            fix_en="put the month's rolls into this folder and run again",
        )
    result = load_paths(files, config, base=input_dir, today=today, drop=drop, strict=strict, on_file=on_file)
    result.not_read = skipped + result.not_read
    return result
