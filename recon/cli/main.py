"""The `recon` command group, and the one place where errors become messages and exit codes.

Exit codes: 0 the run completed (anomalies or not); 4 the run completed and wrote its outputs, but
some input files could not be used (listed at the top of 汇总, in summary.json and on stderr); 2 unusable
input (nothing to compare, or any unusable file with --strict), configuration or arguments; 3 the output
could not be written; 1 recon itself failed (a bug: the message says so).
"""

from __future__ import annotations

import importlib
import json
import sys

import click

from recon.errors import ReconError
from recon.messages import current_lang, msg
from recon.version import __version__

# name -> (module, the one-line help `recon --help` shows). A command's module (and polars with it) is
# imported only when that command runs or shows its own help: `recon --help` must answer at once, and
# a cron line that only asks for `recon --version` should not pay for the data stack.
# tests/cli/test_lazy_commands.py checks each line against the command's own help.
COMMANDS: dict[str, tuple[str, str]] = {
    "run": (
        "recon.cli.run",
        "比对一个月的名册，写出疑点清单（anomalies.xlsx / .csv、summary.json、manifest.json）。",
    ),
    "inspect": (
        "recon.cli.inspect",
        "查看每个文件/工作表被识别成什么：类别及依据、表头行、列对应、行数、身份证号情况、与其他名册的关联率。",
    ),
    "match": (
        "recon.cli.match",
        "逐人比对两个名册 A 和 B：两边都有的、只在一边的、身份证号相同但姓名/出生日期/性别不一致的。",
    ),
    "rules": ("recon.cli.rules", "列出全部规则；给出规则代码（如 T1）或类别字母（如 D）时显示其说明。"),
    "sample": (
        "recon.cli.sample",
        "生成一个月的模拟数据（阳谷县），含各种脏数据和埋设的异常，以及标准答案。",
    ),
    "diff": (
        "recon.cli.diff",
        "比较两次比对结果（两个 recon run 的输出目录）：新增、持续、已消除，按规则和乡镇计数并逐条列出。",
    ),
}


def _configure_streams() -> None:
    # A Windows console on code page 936 cannot print every character; never crash on one.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


class ReconGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        command = importlib.import_module(COMMANDS[cmd_name][0]).command
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, short) for name, (_module, short) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ReconError as e:
            lang = current_lang(ctx.meta.get("recon.lang"))
            if ctx.meta.get("recon.json"):
                click.echo(json.dumps(e.to_dict(), ensure_ascii=False), err=True)
            else:
                sep = ": " if lang == "en" else "："
                click.echo(f"{msg('error', lang)}{sep}{e.render(lang)}", err=True)
            ctx.exit(e.exit_code)


@click.group(cls=ReconGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="recon")
def cli() -> None:
    """recon：社会救助数据比对工具 (reconcile social-assistance rolls across agencies)."""


def main() -> None:
    _configure_streams()
    try:
        cli.main(prog_name="recon", standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        click.echo("已中断 / interrupted", err=True)
        sys.exit(130)
    except Exception as e:  # noqa: BLE001 - the last line of defence: no traceback for users
        click.echo(msg("crash", err=f"{type(e).__name__}: {e}"), err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
