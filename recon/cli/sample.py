"""`recon sample`: write a synthetic county month (messy input files plus the answer key)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from recon.errors import ConfigError
from recon.months import parse_month
from recon.sample import generate


def _month(_ctx: click.Context, _param: click.Parameter, value: str) -> dt.date:
    try:
        return parse_month(value)
    except ConfigError as e:
        raise click.BadParameter(f"{e.message}；{e.fix}") from e


@click.command("sample")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="输出文件夹（数据文件；标准答案写在其中的 _answers/ 里）",
)
@click.option("--seed", default=1, show_default=True, type=int, help="随机种子：同一种子生成同样的数据")
@click.option(
    "--scale",
    default=1.0,
    show_default=True,
    type=click.FloatRange(min=0.01),
    help="人口规模倍数（1 约 5 千行，10 约 5 万行）",
)
@click.option(
    "--month", "month", default="2020-04", show_default=True, callback=_month, help="名册月份 YYYY-MM"
)
@click.option(
    "--format",
    "formats",
    default="mixed",
    show_default=True,
    type=click.Choice(["mixed", "csv", "parquet"]),
    help="mixed：县里真实的 xlsx/xls/csv 混合；csv、parquet：全部同一格式（用于测速）",
)
def command(out: Path, seed: int, scale: float, month: dt.date, formats: str) -> None:
    """生成一个月的模拟数据（阳谷县），含各种脏数据和埋设的异常，以及标准答案。"""
    g = generate(out, month=month, seed=seed, scale=scale, formats=formats)
    click.echo(f"已生成 {len(g.files)} 个数据文件，共 {g.data_rows} 行数据，写在 {g.out_dir}")
    for f in g.files:
        click.echo(f"  {f.name}")
    click.echo(f"标准答案：{g.answers}（{g.expected.height} 条，recon 会跳过 _answers 文件夹）")
    if g.skipped_messes:
        click.echo("此格式无法体现的脏数据：" + "；".join(g.skipped_messes))
