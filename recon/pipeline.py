"""One monthly comparison, end to end: load -> link -> rules -> exemptions -> outputs.

`run_pipeline` is what the CLI calls; `recon.run` is the notebook-friendly front that returns the
anomalies as a polars DataFrame.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import polars as pl

from recon.config import Config, load_config
from recon.contract import ROLL_SNAPSHOT
from recon.cycle import apply_cycle
from recon.cycle.roll import read_snapshot, snapshot_of
from recon.errors import ConfigError, InputError
from recon.exemptions import apply_exemptions, read_exemptions, unused_exemption_issues
from recon.link.engine import link_records
from recon.load import LoadResult, load_folder
from recon.model import DIBAO, ISSUE_SCHEMA, RUN_UNUSED, TEKUN, Notice, roll_of
from recon.months import add_months, as_month, month_text
from recon.notices import attach_link_shares, run_notices
from recon.report import WrittenOutputs, write_outputs
from recon.report.outputs import check_split_by
from recon.result import RunResult
from recon.rules.base import rule_info
from recon.rules.registry import select_rules
from recon.rules.run import run_rules
from recon.version import __version__

# (stage, text): text is "" as a stage starts, a number (what the stage has in hand), or "i/n" as it
# advances (files read, rules done, rows written) -- the CLI draws bars from it or logs lines for cron
Progress = Callable[[str, str], None]


def bundled_sample_dir() -> Path:
    """The sample month shipped in the repository (sample_data/), for `recon run` without INPUT_DIR."""
    here = Path(__file__).resolve().parent.parent / "sample_data"
    if here.is_dir():
        return here
    packaged = resources.files("recon") / "data" / "sample_data"
    return Path(str(packaged))


@dataclass
class RunOutcome:
    result: RunResult
    loaded: LoadResult
    written: WrittenOutputs | None


def run_pipeline(
    input_dir: str | Path | None,
    month: str | dt.date,
    out: str | Path | None = None,
    *,
    config: Config | str | Path | None = None,
    exemptions: str | Path | None = None,
    select: str | None = None,
    ignore: str | None = None,
    mask: bool = False,
    split_by: str | None = None,
    force: bool = False,
    shared_perms: bool = False,
    previous: str | Path | None = None,
    previous_input: str | Path | None = None,
    reviewed: list[Path] | tuple[Path, ...] = (),
    strict: bool = False,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> RunOutcome:
    started = dt.datetime.now().astimezone()
    say = progress or (lambda stage, text: None)
    month_start = as_month(month)
    cfg = config if isinstance(config, Config) else load_config(config)
    input_path = Path(input_dir) if input_dir is not None else bundled_sample_dir()
    out_path = Path(out) if out is not None else None
    if out_path is not None:
        _check_out_not_inside_input(input_path, out_path)
    check_split_by(split_by)
    rules = select_rules(select, ignore)  # validated before any reading
    exemption_path = Path(exemptions) if exemptions else None
    exemption_frame = read_exemptions(exemption_path) if exemption_path else None

    previous_roll, roll_source, roll_notice = _previous_roll(previous, previous_input, month_start, cfg)

    say("load", "")
    unused = [c for c in RUN_UNUSED if not (mask and c == "name_raw")]
    loaded = load_folder(
        input_path,
        cfg,
        today=today,
        drop=unused,
        strict=strict,
        on_file=lambda i, n: say("load", f"{i}/{n}"),
    )
    say("link", str(loaded.records.height))
    linked = link_records(loaded.records, cfg.linking)
    attach_link_shares(loaded.stats, linked.records)
    say("rules", str(len(rules)))
    outcome = run_rules(
        linked.records,
        month_start,
        cfg.policy,
        rules,
        present_kinds=loaded.kinds,
        previous_roll=previous_roll,
        on_rule=lambda i, n: say("rules", f"{i}/{n}"),
    )
    findings = outcome.findings
    exempted = None
    issues = _with_files_not_read(loaded)
    if outcome.issues.height:
        issues = pl.concat([issues, outcome.issues], how="vertical")
    if exemption_path is not None and exemption_frame is not None:
        findings, exempted = apply_exemptions(findings, exemption_frame)
        not_matched = unused_exemption_issues(outcome.findings, exemption_frame, exemption_path.name)
        issues = pl.concat([issues, not_matched], how="vertical") if not_matched.height else issues

    result = RunResult(
        month=month_start,
        findings=findings,
        issues=issues,
        ambiguous=linked.ambiguous,
        links=linked.links,
        sources=loaded.stats,
        not_read=loaded.not_read,
        notices=run_notices(loaded, outcome.skipped, rules) + ([roll_notice] if roll_notice else []),
        inputs=loaded.inputs,
        rules=[rule_info(r, cfg.policy) for r in rules],
        skipped_rules=list(outcome.skipped),
        config=cfg.to_dict(),
        arguments={
            "input_dir": str(input_path),
            "month": month_text(month_start),
            "out": str(out_path) if out_path else None,
            "config": str(cfg.path) if cfg.path else None,
            "exemptions": str(exemptions) if exemptions else None,
            "select": select,
            "ignore": ignore,
            "mask": mask,
            "split_by": split_by,
            "previous": str(previous) if previous else None,
            "previous_input": str(previous_input) if previous_input else None,
            "reviewed": [str(p) for p in reviewed],
            "strict": strict,
        },
        version=__version__,
        started=started,
        roll=roll_of(linked.records),
        tables=outcome.tables,
        # full IDs: next month's --previous reads them; a masked run keeps none (and says so)
        roll_snapshot=None if mask else snapshot_of(linked.records, month_start),
        previous_roll_source=roll_source,
    )
    if exempted is not None:
        result.exempted = exempted
    if mask:
        result.personal_names, result.personal_ids = _personal_values(loaded)
    if previous is not None or reviewed:
        result = apply_cycle(result, Path(previous) if previous else None, list(reviewed))
    written = None
    if out_path is not None:
        say("write", str(findings.height))
        result.finished = dt.datetime.now().astimezone()
        written = write_outputs(
            result,
            out_path,
            mask=mask,
            split_by=split_by,
            force=force,
            shared_perms=shared_perms,
            on_rows=lambda i, n: say("write", f"{i}/{n}"),
        )
    else:
        result.finished = dt.datetime.now().astimezone()
    return RunOutcome(result=result, loaded=loaded, written=written)


def _previous_roll(
    previous: str | Path | None, previous_input: str | Path | None, month: dt.date, cfg: Config
) -> tuple[pl.DataFrame | None, str | None, Notice | None]:
    """Last month's rolls for M1 and the movement table: last month's input folder when given (read as a
    run reads it), else the snapshot kept in the previous run's output folder; with a sentence saying
    where they came from, and a notice when `--previous` points at a run that kept no snapshot."""
    last = add_months(month, -1)
    if previous_input is not None:
        read = _roll_from_input(Path(previous_input), last, cfg)
        return read, f"上月输入目录 {Path(previous_input).name}（{read.height} 条低保、特困记录）", None
    if previous is None:
        return None, None, None
    roll = read_snapshot(Path(previous))
    if roll is None:
        notice = Notice(
            code="previous_without_snapshot",
            message=f"上月输出目录 {Path(previous).name} 没有名册快照（{ROLL_SNAPSHOT}）：上月可能用了 --mask，"
            "或是旧版本的输出；M1 和低保名册变动表没有运行",
            fix="用 --previous-input 指向上个月的输入目录，或 --previous 指向局里保存的未脱敏输出目录",
            file=Path(previous).name,
            message_en=f"the previous output folder holds no roll snapshot ({ROLL_SNAPSHOT}): M1 and the "
            "movement table did not run",
            fix_en="point --previous-input at last month's input folder, or --previous at an unmasked run",
        )
        return None, None, notice
    return roll, f"上月输出目录 {Path(previous).name} 的名册快照（{roll.height} 条低保、特困记录）", None


def _roll_from_input(input_dir: Path, month: dt.date, cfg: Config) -> pl.DataFrame:
    """Last month's input folder read and linked as a run reads it, reduced to its rolls."""
    loaded = load_folder(input_dir, cfg)
    rolls = loaded.records.filter(pl.col("kind").cast(pl.String).is_in([DIBAO, TEKUN]))
    if rolls.is_empty():
        raise InputError(
            "上月的输入目录里没有低保或特困名册",
            file=str(input_dir),
            fix="--previous-input 要指向上个月交来的名册所在的文件夹",
            en="last month's input folder holds no dibao or tekun roll",
            fix_en="point --previous-input at the folder of last month's rolls",
        )
    return snapshot_of(link_records(rolls, cfg.linking).records, month)


def _with_files_not_read(loaded: LoadResult) -> pl.DataFrame:
    """The load's issues, and one row per file or sheet not read (data_quality.csv lists them too)."""
    if not loaded.not_read:
        return loaded.issues
    rows = pl.DataFrame(
        [
            {
                "level": "skipped",
                "code": f"file_{f.code}",
                "source_file": f.path,
                "source_sheet": f.sheet,
                "source_row": None,
                "column": None,
                "value": f.same_as,
                "reason": f.reason + (f"；怎么办：{f.fix}" if f.fix else ""),
            }
            for f in loaded.not_read
        ],
        schema=ISSUE_SCHEMA,
    )
    return pl.concat([rows, loaded.issues], how="vertical")


def _personal_values(loaded: LoadResult) -> tuple[frozenset[str], frozenset[str]]:
    r = loaded.records
    names = pl.concat([r["name"], r["name_raw"], r["head_name"], r["account_name"]]).drop_nulls().unique()
    # a bank account number is personal data like an ID: scrubbed wherever it appears
    ids = pl.concat([r["id_number"], r["id_clean"], r["id_raw"], r["head_id"], r["account_no"]]).drop_nulls()
    ids = ids.unique()
    return frozenset(names.to_list()), frozenset(ids.to_list())


def _check_out_not_inside_input(input_dir: Path, out: Path) -> None:
    try:
        inside = out.resolve().is_relative_to(input_dir.resolve())
    except OSError:
        inside = False
    if inside:
        raise ConfigError(
            "输出目录不能放在输入目录里面（recon 从不往输入目录写东西，下次运行也会把结果当成名册读进来）",
            file=str(out),
            fix="把 --out 指到输入目录之外，例如 ../比对结果/2020-04",
            en="the output folder must not be inside the input folder",
            fix_en="point --out outside the input folder, e.g. ../results/2020-04",
        )


def run(
    input_dir: str | Path | None,
    month: str | dt.date,
    out: str | Path | None = None,
    **kwargs: Any,
) -> pl.DataFrame:
    """Run a monthly comparison and return the anomalies (FINDING_SCHEMA). `input_dir` None means the
    bundled sample month; the month is required, as on the command line. Writes outputs when `out` is
    given; keyword arguments as `run_pipeline`."""
    return run_pipeline(input_dir, month, out, **kwargs).result.findings
