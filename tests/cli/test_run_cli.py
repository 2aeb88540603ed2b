"""`recon run` and `recon inspect` through the CLI edge: exit codes, plain output for cron, JSON."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from recon.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_data"
ANSI = re.compile(r"\x1b\[")


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("run") / "out"
    res = CliRunner().invoke(cli, ["run", str(SAMPLE), "--month", "2020-04", "--out", str(out)])
    return out, res


def test_run_writes_the_contract_and_exits_0(sample_run: tuple[Path, object]) -> None:
    out, res = sample_run
    assert res.exit_code == 0, res.output
    assert {p.name for p in out.iterdir()} >= {
        "anomalies.xlsx",
        "anomalies.csv",
        "summary.json",
        "manifest.json",
    }
    # the one line every user needs, on stdout; no colour codes when not on a terminal (cron)
    assert f"{out / 'anomalies.xlsx'}" in res.stdout
    assert not ANSI.search(res.output)
    assert "Traceback" not in res.output


def test_a_run_off_a_terminal_logs_each_stage_with_its_counts_and_time(
    sample_run: tuple[Path, object],
) -> None:
    _out, res = sample_run
    text = res.output  # type: ignore[attr-defined]
    for stage in (r"关联人员：[\d,]+ 条记录", r"执行比对规则：\d+ 条规则", r"写出结果：[\d,]+ 条疑点"):
        assert re.search(stage + r"（已用 [\d.]+ 秒）", text), (stage, text)
    # and how far each counted stage got: every file, the last rule, the last row written
    n_files = len([p for p in SAMPLE.iterdir() if p.is_file() and not p.name.startswith("_")])
    for i in range(1, n_files + 1):
        assert f"读取名册：文件 {i}/{n_files}（" in text, text
    rules = re.search(r"执行比对规则：(\d+) 条规则", text)
    assert rules and f"规则 {rules[1]}/{rules[1]}（" in text
    rows = re.search(r"写出结果：([\d,]+) 条疑点", text)
    assert rows and f"疑点行 {rows[1]}/{rows[1]}（" in text


def test_without_input_dir_runs_the_bundled_sample(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["run", "--month", "2020-04", "--out", str(tmp_path / "o"), "--json"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout)
    expected_rows = (
        len((SAMPLE / "_answers" / "expected.csv").read_text(encoding="utf-8-sig").splitlines()) - 1
    )
    assert summary["total_findings"] == expected_rows
    rows = summary["rows"]
    assert rows["read"] == rows["used"] + rows["rejected"] + rows["skipped"]


def test_existing_out_dir_needs_force(sample_run: tuple[Path, object]) -> None:
    out, _ = sample_run
    before = (out / "anomalies.csv").read_bytes()
    res = CliRunner().invoke(cli, ["run", str(SAMPLE), "--month", "2020-04", "--out", str(out)])
    assert res.exit_code == 3
    assert "--force" in res.output and "Traceback" not in res.output
    assert (out / "anomalies.csv").read_bytes() == before


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--month", "2020-13"], "2020-13"),
        (["--month", "2020-04", "--select", "Z9"], "Z9"),
    ],
)
def test_bad_arguments_exit_2_with_a_message(tmp_path: Path, args: list[str], needle: str) -> None:
    res = CliRunner().invoke(cli, ["run", str(SAMPLE), "--out", str(tmp_path / "o"), *args])
    assert res.exit_code == 2, res.output
    assert needle in res.output and "Traceback" not in res.output


def test_unusable_input_exits_2_naming_the_file(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "名单.csv").write_text("甲,乙\n1,2\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["run", str(d), "--month", "2020-04", "--out", str(tmp_path / "o")])
    assert res.exit_code == 2
    assert "名单.csv" in res.output and "怎么办" in res.output
    assert not (tmp_path / "o").exists()


def test_json_error_for_machines(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "x.csv").write_text("甲,乙\n1,2\n", encoding="utf-8")
    res = CliRunner().invoke(
        cli, ["run", str(d), "--month", "2020-04", "--out", str(tmp_path / "o"), "--json"]
    )
    assert res.exit_code == 2
    err = json.loads(res.stderr.strip().splitlines()[-1])
    assert err["file"] == "x.csv"


def test_english_messages(tmp_path: Path) -> None:
    res = CliRunner(env={"RECON_LANG": "en"}).invoke(
        cli, ["run", str(SAMPLE), "--month", "2020-04", "--out", str(tmp_path / "o")]
    )
    assert res.exit_code == 0
    assert "Workbook:" in res.stdout


def test_output_inside_input_is_refused(tmp_path: Path) -> None:
    d = tmp_path / "in"
    shutil.copytree(SAMPLE, d)
    res = CliRunner().invoke(cli, ["run", str(d), "--month", "2020-04", "--out", str(d / "out")])
    assert res.exit_code == 2
    assert not (d / "out").exists()


@pytest.mark.parametrize("as_glob", [False, True])
def test_inspect_classifies_every_sample_file(as_glob: bool) -> None:
    # `recon inspect sample_data/*` as a shell expands it: the _answers folder is passed too, and skipped
    paths = sorted(str(p) for p in SAMPLE.iterdir()) if as_glob else [str(SAMPLE)]
    res = CliRunner().invoke(cli, ["inspect", *paths, "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    reports = out["sheets"]
    assert reports and all(r["kind"] and not r["error"] for r in reports)
    kinds = {r["kind"] for r in reports}
    assert kinds == {
        "dibao", "tekun", "disability", "subsidy", "cremation", "poverty",
        "death", "public_employee", "vehicle", "business", "property", "pension",
        "cadre", "filing", "payment", "child_welfare",
    }  # fmt: skip
    for r in reports:
        assert r["rows_read"] == r["rows_used"] + r["rows_rejected"] + r["rows_skipped"]
        assert "name" in r["columns"].values()
        # what made recon take the sheet for its kind, and how much of it links to the other files
        assert r["evidence"] and r["link_share"] is not None and 0 < r["link_share"] <= 1
    # the sample month is read without a doubt worth a person's time
    assert out["notices"] == []


def test_inspect_table_for_people() -> None:
    res = CliRunner(env={"COLUMNS": "250"}).invoke(cli, ["inspect", str(SAMPLE / "火化记录.csv")])
    assert res.exit_code == 0
    assert "cremation" in res.output


def test_inspect_reports_a_non_table_file(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("说明\n本月名册已收齐\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["inspect", str(tmp_path / "notes.csv"), "--json"])
    assert res.exit_code == 0
    (rep,) = json.loads(res.stdout)["sheets"]
    assert rep["kind"] is None and "表头" in rep["error"]


def test_errors_in_english(tmp_path: Path) -> None:
    res = CliRunner().invoke(
        cli, ["run", str(SAMPLE), "--month", "2020-13", "--out", str(tmp_path / "o"), "--lang", "en"]
    )
    assert res.exit_code == 2
    assert "Error: --month '2020-13' is not a month" in res.stderr and "Fix:" in res.stderr
