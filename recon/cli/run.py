"""`recon run`: the monthly comparison. Parses arguments, calls `run_pipeline`, prints."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from recon.cli.progress import StageProgress
from recon.messages import current_lang, msg
from recon.pipeline import bundled_sample_dir, run_pipeline
from recon.report.outputs import SPLIT_CHOICES
from recon.report.summary import build_summary
from recon.result import RunResult

log = logging.getLogger("recon")

# the run completed and wrote its outputs, but files meant to be compared could not be used
EXIT_UNREAD = 4


def _summary_table(summary: dict[str, Any], result: RunResult, lang: str) -> Table:
    titles = {ri.code: (ri.title_zh if lang == "zh" else ri.title_en) for ri in result.rules}
    table = Table(title=msg("summary_title", lang, month=summary["month"]))
    for key in ("col_rule", "col_title", "col_count", "col_overpaid"):
        table.add_column(msg(key, lang), justify="right" if key in ("col_count", "col_overpaid") else "left")
    overpaid = summary["overpaid_by_rule"]
    for code in (ri.code for ri in result.rules):
        o = overpaid.get(code)
        table.add_row(
            code, titles.get(code, ""), str(summary["by_rule"].get(code, 0)), f"{o:,.2f}" if o else ""
        )
    total = summary["overpaid_total"]
    table.add_row(msg("total", lang), "", str(summary["total_findings"]), f"{total:,.2f}" if total else "")
    return table


@click.command("run")
@click.argument("input_dir", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--month", required=True, help="名册月份，如 2020-04")
@click.option("--out", "out", required=True, type=click.Path(path_type=Path), help="输出目录")
@click.option(
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="配置文件 (TOML)",
)
@click.option(
    "--exemptions",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="豁免名单（身份证号、规则、原因）",
)
@click.option("--select", default=None, help="只执行这些规则，如 D,T1")
@click.option("--ignore", default=None, help="不执行这些规则，如 Q")
@click.option(
    "--previous",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="上月 recon run 的输出目录（标出新增/持续/已消除）",
)
@click.option(
    "--previous-input",
    "previous_input",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="上月的输入目录（M1 退出比对用；上月没有 recon 输出时，或上月用了 --mask）",
)
@click.option(
    "--reviewed",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="乡镇交回的已核实工作簿或其所在文件夹（可多次给出）",
)
@click.option(
    "--split-by", "split_by", type=click.Choice(SPLIT_CHOICES), default=None, help="另按乡镇分册输出"
)
@click.option("--mask", is_flag=True, help="身份证号和姓名脱敏（用于公示）")
@click.option("--force", is_flag=True, help="输出目录已存在时覆盖")
@click.option("--shared-perms", is_flag=True, help="输出文件不限制为仅本人可读")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="界面语言（也可设 RECON_LANG）")
@click.option(
    "--strict", is_flag=True, help="有任何文件无法读取或识别就停止（退出码 2），不在其余文件上完成比对"
)
@click.option("--quiet", "-q", is_flag=True, help="只输出错误")
@click.option("--json", "as_json", is_flag=True, help="把汇总以 JSON 打印到标准输出")
@click.pass_context
def command(
    ctx: click.Context,
    input_dir: Path | None,
    month: str,
    out: Path,
    config_path: Path | None,
    exemptions: Path | None,
    select: str | None,
    ignore: str | None,
    previous: Path | None,
    previous_input: Path | None,
    reviewed: tuple[Path, ...],
    split_by: str | None,
    mask: bool,
    force: bool,
    shared_perms: bool,
    lang: str | None,
    strict: bool,
    quiet: bool,
    as_json: bool,
) -> None:
    """比对一个月的名册，写出疑点清单（anomalies.xlsx / .csv、summary.json、manifest.json）。

    不给 INPUT_DIR 时使用内置的样例数据。
    """
    lang = current_lang(lang)
    ctx.meta["recon.lang"] = lang
    ctx.meta["recon.json"] = as_json
    console = Console(stderr=True)
    interactive = console.is_terminal and not quiet
    logging.basicConfig(
        level=logging.WARNING if quiet else logging.INFO,
        format="%(asctime)s %(message)s",
        stream=sys.stderr,
        force=True,
    )

    def note(text: str) -> None:
        if quiet:
            return
        if interactive:
            console.print(text)
        else:
            log.info(text)

    if input_dir is None:
        note(msg("sample_data", lang, path=bundled_sample_dir()))
    progress = StageProgress(console, lang, interactive=interactive, quiet=quiet)
    with progress:
        outcome = run_pipeline(
            input_dir,
            month,
            out,
            config=config_path,
            exemptions=exemptions,
            select=select,
            ignore=ignore,
            mask=mask,
            split_by=split_by,
            force=force,
            shared_perms=shared_perms,
            previous=previous,
            previous_input=previous_input,
            reviewed=reviewed,
            strict=strict,
            progress=progress,
        )
    r = outcome.result
    summary = build_summary(r, masked=mask)
    rows = summary["rows"]
    note(
        msg(
            "loaded",
            lang,
            files=len(r.inputs),
            sheets=len(r.sources),
            rows=rows["read"],
            used=rows["used"],
            rejected=rows["rejected"],
            skipped=rows["skipped"],
        )
    )
    for code, why in r.skipped_rules:
        note(msg("rule_skipped", lang, code=code, reason=why))
    if r.notices and not quiet:
        lines = [msg("notices", lang, n=len(r.notices))]
        for n in r.notices:
            where = " ".join(x for x in (n.file, n.sheet) if x)
            text = (n.message_en or n.message) if lang == "en" else n.message
            lines.append(msg("notice_line", lang, where=f"{where}: " if where else "", message=text))
        for line in lines:
            # a warning a cron log must carry too: to stderr, also when not on a terminal
            click.echo(line, err=True)
    if r.previous_roll_source:
        note(msg("previous_roll", lang, source=r.previous_roll_source))
    note(msg("rules_done", lang, n=r.findings.height, exempted=r.exempted.height))
    if mask and outcome.written is not None:
        note(msg("snapshot_masked", lang))
    if interactive:
        console.print(_summary_table(summary, r, lang))
    if outcome.written is not None:
        note(msg("written", lang, out=out))
        if not quiet and not as_json:
            # the workbook path is the one line every user needs: always on stdout
            click.echo(msg("workbook_at", lang, path=outcome.written.workbook))
    if as_json:
        outputs = [str(p) for p in (outcome.written.all() if outcome.written else [])]
        click.echo(json.dumps({**summary, "outputs": outputs}, ensure_ascii=False, indent=2, default=str))
    unread = sorted({f.path for f in r.not_read if f.unread})
    if unread:
        click.echo(msg("unread_exit", lang, n=len(unread), files="、".join(unread)), err=True)
        ctx.exit(EXIT_UNREAD)
