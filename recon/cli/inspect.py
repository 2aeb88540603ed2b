"""`recon inspect PATH...`: per sheet, the kind and its evidence, the header row, the column mapping,
the rows, the ID numbers and the share that links to the other files; then what to check first."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from recon.config import load_config
from recon.inspection import inspect_paths, reports_to_dicts
from recon.messages import msg
from recon.model import KIND_ZH


@click.command("inspect")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="配置文件 (TOML)",
)
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出到标准输出")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="界面语言")
def command(paths: tuple[Path, ...], config_path: Path | None, as_json: bool, lang: str | None) -> None:
    """查看每个文件/工作表被识别成什么：类别及依据、表头行、列对应、行数、身份证号情况、与其他名册的关联率。"""
    inspection = inspect_paths(list(paths), load_config(config_path))
    if as_json:
        click.echo(json.dumps(reports_to_dicts(inspection), ensure_ascii=False, indent=2))
        return
    console = Console()
    table = Table(show_lines=True)
    for key in (
        "inspect_file",
        "inspect_sheet",
        "inspect_kind",
        "inspect_header",
        "inspect_rows",
        "inspect_ids",
        "inspect_link",
        "inspect_columns",
        "inspect_problems",
    ):
        table.add_column(msg(key, lang), overflow="fold")
    for r in inspection.sheets:
        kind = f"{r.kind} {KIND_ZH.get(r.kind, '')}" if r.kind else msg("unclassified", lang)
        if r.evidence:
            kind += f"\n{msg('inspect_evidence', lang)}：{r.evidence}"
        ids = "  ".join(f"{k}:{v}" for k, v in sorted(r.id_status_counts.items()))
        cols = "  ".join(f"{h}→{f}" for h, f in r.columns.items())
        problems = "\n".join(
            ([r.error] if r.error else []) + ([f"⚠ {r.doubt}"] if r.doubt else []) + r.problems
        )
        table.add_row(
            r.source_file,
            r.source_sheet or "",
            kind,
            str(r.header_row or ""),
            f"{r.rows_read}/{r.rows_used}/{r.rows_rejected}/{r.rows_skipped}",
            ids,
            "" if r.link_share is None else f"{r.link_share:.0%}",
            cols,
            problems,
        )
    console.print(table)
    others = [f for f in inspection.not_read if not f.unread]
    for f in others:
        console.print(f"{f.path}：{f.reason}", style="dim", markup=False)
    if inspection.notices:
        console.print(msg("notices", lang, n=len(inspection.notices)), style="bold red")
        for n in inspection.notices:
            where = " ".join(x for x in (n.file, n.sheet) if x)
            console.print(f"  - {where}：{n.message}" + (f"\n    {n.fix}" if n.fix else ""), markup=False)
