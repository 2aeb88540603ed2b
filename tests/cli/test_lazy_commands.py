"""`recon --help` lists the commands without importing them: the list must say what each command says."""

from __future__ import annotations

import importlib
import subprocess
import sys

import click
from click.testing import CliRunner

from recon.cli.main import COMMANDS, cli


def test_each_listed_line_is_the_commands_own_short_help() -> None:
    for name, (module, short) in COMMANDS.items():
        command = importlib.import_module(module).command
        assert isinstance(command, click.Command) and command.name == name
        assert command.get_short_help_str(limit=200) == short, name


def test_help_lists_every_command_and_each_command_still_runs_its_own_help() -> None:
    runner = CliRunner()
    top = runner.invoke(cli, ["--help"])
    assert top.exit_code == 0
    assert [line.split()[0] for line in top.output.split("Commands:")[1].strip().splitlines()] == list(
        COMMANDS
    )
    assert runner.invoke(cli, ["rules", "--help"]).exit_code == 0
    unknown = runner.invoke(cli, ["rnu"])
    assert unknown.exit_code == 2 and "rnu" in unknown.output


def test_the_command_line_loads_no_data_library_until_a_command_needs_it() -> None:
    code = (
        "import sys, recon.cli.main, recon; "
        "print(sorted(m for m in ('polars', 'xlsxwriter', 'openpyxl', 'rapidfuzz', 'rich') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
