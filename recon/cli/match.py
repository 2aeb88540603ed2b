"""`recon match A B`: compare two rolls person by person."""

from __future__ import annotations

from pathlib import Path

import click

from recon.config import load_config
from recon.match.pairs import match_files
from recon.match.workbook import (
    SHEET_CONFLICTS,
    SHEET_MATCHED,
    SHEET_ONLY_A,
    SHEET_ONLY_B,
    write_match_workbook,
)


@click.command("match")
@click.argument("a", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("b", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="把结果写入这个 Excel 文件 (.xlsx)",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="配置文件 (TOML)",
)
@click.option("--mask", is_flag=True, help="身份证号、姓名脱敏，不写出生日期（用于公示或外发）")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖")
@click.option("--shared-perms", is_flag=True, help="输出文件不限制为仅本人可读")
def command(
    a: Path, b: Path, out: Path | None, config_path: Path | None, mask: bool, force: bool, shared_perms: bool
) -> None:
    """逐人比对两个名册 A 和 B：两边都有的、只在一边的、身份证号相同但姓名/出生日期/性别不一致的。"""
    result = match_files(a, b, load_config(config_path))
    if out is not None:
        write_match_workbook(result, out, mask=mask, force=force, shared_perms=shared_perms)
    c = result.counts()
    click.echo(f"{SHEET_MATCHED}：{c['matched']} 对")
    click.echo(f"{SHEET_ONLY_A}（{a.name}）：{c['only_in_a']} 条")
    click.echo(f"{SHEET_ONLY_B}（{b.name}）：{c['only_in_b']} 条")
    click.echo(f"{SHEET_CONFLICTS}：{c['conflicts']} 对")
    if c["ambiguous"]:
        click.echo(f"另有 {c['ambiguous']} 条记录有多个可能的对应人员，未匹配（见“仅在A/仅在B”的备注）")
    if out is not None:
        click.echo(f"已写入 {out}")
