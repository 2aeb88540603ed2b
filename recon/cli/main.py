"""The `recon` command group, and the one place where errors become messages and exit codes.

Exit codes: 0 the run completed (anomalies or not); 4 the run completed and wrote its outputs, but
some input files could not be used (listed at the top of 汇总, in summary.json and on stderr); 2 unusable
input (nothing to compare, or any unusable file with --strict), configuration or arguments; 3 the output
could not be written; 1 recon itself failed (a bug: the message says so).
"""

from __future__ import annotations

import json
import sys

import click

from recon.cli import diff as diff_cmd
from recon.cli import inspect as inspect_cmd
from recon.cli import match as match_cmd
from recon.cli import rules as rules_cmd
from recon.cli import run as run_cmd
from recon.cli import sample as sample_cmd
from recon.errors import ReconError
from recon.messages import current_lang, msg
from recon.version import __version__


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


cli.add_command(run_cmd.command)
cli.add_command(inspect_cmd.command)
cli.add_command(match_cmd.command)
cli.add_command(rules_cmd.command)
cli.add_command(sample_cmd.command)
cli.add_command(diff_cmd.command)


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
