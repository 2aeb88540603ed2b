"""`recon diff PREV_OUT_DIR CURR_OUT_DIR`: what is new, persisting and resolved between two runs."""

from __future__ import annotations

from pathlib import Path

import click

from recon.cycle.diff import diff_runs, render_text
from recon.report.diff_workbook import mask_diff, write_diff_workbook


@click.command("diff")
@click.argument("previous", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("current", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="另存为 Excel 工作簿（.xlsx）",
)
@click.option("--counts-only", is_flag=True, help="只打印数量，不逐条列出")
@click.option("--mask", is_flag=True, help="身份证号、姓名脱敏（打印和 --out 工作簿都是）")
@click.option("--force", is_flag=True, help="--out 文件已存在时覆盖")
@click.option("--shared-perms", is_flag=True, help="--out 文件不限制为仅本人可读")
def command(
    previous: Path,
    current: Path,
    out: Path | None,
    counts_only: bool,
    mask: bool,
    force: bool,
    shared_perms: bool,
) -> None:
    """比较两次比对结果（两个 recon run 的输出目录）：新增、持续、已消除，按规则和乡镇计数并逐条列出。"""
    if out is not None and out.suffix.lower() != ".xlsx":
        raise click.BadParameter("--out 要以 .xlsx 结尾", param_hint="--out")
    d = diff_runs(previous, current)
    if mask:
        d = mask_diff(d)
    click.echo(render_text(d, list_rows=not counts_only), nl=False)
    if out is not None:
        write_diff_workbook(d, out, force=force, shared_perms=shared_perms)
        click.echo(f"已写出 {out}", err=True)
