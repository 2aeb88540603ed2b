"""A folder as an office fills it: copies read once, strays listed with why, an ignored or unusable file
never stops the month (exit 4 names it), and nothing is skipped in silence."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from click.testing import CliRunner

from recon.cli.main import cli
from recon.load import load_folder
from tests.conftest import make_id, write_xlsx

DIBAO = [["户主姓名", "户主身份证号", "成员姓名", "身份证号", "与户主关系"]] + [
    [f"户{i}", make_id(seq=f"{100 + i}"), f"户{i}", make_id(seq=f"{100 + i}"), "户主"] for i in range(5)
]


def _run(d: Path, out: Path, *extra: str) -> object:
    return CliRunner().invoke(cli, ["run", str(d), "--month", "2020-04", "--out", str(out), *extra])


def test_a_byte_identical_copy_is_read_once(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "低保花名册.xlsx", {"表": DIBAO})
    shutil.copy(tmp_path / "低保花名册.xlsx", tmp_path / "低保花名册 - 副本.xlsx")
    loaded = load_folder(tmp_path)
    assert loaded.records.height == 5
    (copy,) = [f for f in loaded.not_read if f.code == "copy"]
    assert (copy.path, copy.same_as) == ("低保花名册 - 副本.xlsx", "低保花名册.xlsx")


def test_the_same_rows_saved_again_under_another_name_are_read_once(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "低保花名册(1).xlsx", {"表": DIBAO})
    wb = openpyxl.load_workbook(tmp_path / "低保花名册(1).xlsx")
    wb.save(tmp_path / "低保花名册.xlsx")  # other bytes, the same cells
    assert (tmp_path / "低保花名册.xlsx").read_bytes() != (tmp_path / "低保花名册(1).xlsx").read_bytes()
    loaded = load_folder(tmp_path)
    assert loaded.records.height == 5
    # the one whose name looks like a copy is the one left out
    assert [(f.path, f.same_as) for f in loaded.not_read if f.code == "copy"] == [
        ("低保花名册(1).xlsx", "低保花名册.xlsx")
    ]


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need rights on Windows")
def test_strays_are_listed_with_why_they_were_not_read(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "低保.xlsx", {"表": DIBAO})
    (tmp_path / "~$低保.xlsx").write_bytes(b"lock")
    (tmp_path / "通知.pdf").write_bytes(b"%PDF")
    (tmp_path / "快捷方式.lnk").write_bytes(b"L\x00\x00\x00")
    (tmp_path / "_旧.xlsx").write_bytes(b"x")
    (tmp_path / ".隐藏").mkdir()
    os.symlink(tmp_path / "不存在.xlsx", tmp_path / "链接.xlsx")
    res = _run(tmp_path, tmp_path.parent / "out")
    assert res.exit_code == 0, res.output
    manifest = json.loads((tmp_path.parent / "out" / "manifest.json").read_text(encoding="utf-8"))
    got = {f["path"]: f["code"] for f in manifest["not_read"]}
    assert got == {
        "~$低保.xlsx": "lock_file",
        "通知.pdf": "not_a_table",
        "快捷方式.lnk": "shortcut",
        "_旧.xlsx": "hidden",
        ".隐藏/": "hidden",
        "链接.xlsx": "dangling_link",
    }
    quality = pl.read_csv(tmp_path.parent / "out" / "data_quality.csv", infer_schema=False)
    assert set(quality.filter(pl.col("code").str.starts_with("file_"))["source_file"]) == set(got)


def test_an_ignored_file_is_listed_and_the_run_goes_on(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    write_xlsx(d / "低保.xlsx", {"表": DIBAO})
    (d / "村干部名单.csv").write_text("姓名,职务\n张三,村支书\n", encoding="utf-8")
    cfg = tmp_path / "recon.toml"
    cfg.write_text('[[sources]]\nfile = "村干部名单.csv"\nignore = true\n', encoding="utf-8")
    res = _run(d, tmp_path / "out", "--config", str(cfg))
    assert res.exit_code == 0, res.output
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert [(f["path"], f["code"]) for f in summary["not_read"]] == [("村干部名单.csv", "ignored")]
    assert summary["unread_files"] == [] and summary["notices"] == []


def test_a_list_recon_does_not_know_does_not_stop_the_month(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    write_xlsx(d / "低保.xlsx", {"表": DIBAO})
    (d / "村干部名单.csv").write_text("序号,单位,职务,任职时间\n1,城关镇,村支书,2018\n", encoding="utf-8")
    res = _run(d, tmp_path / "out")
    # the comparison ran on the dibao roll, wrote its outputs, and says what it could not read
    assert res.exit_code == 4, res.output
    assert (tmp_path / "out" / "anomalies.xlsx").exists()
    assert "村干部名单.csv" in res.stderr
    wb = openpyxl.load_workbook(tmp_path / "out" / "anomalies.xlsx")
    top = [c.value for row in wb["汇总"].iter_rows(min_row=1, max_row=8) for c in row if c.value]
    assert any("请先核对" in str(v) for v in top) and "村干部名单.csv" in top
    # with --strict the same folder stops before anything is written
    res = _run(d, tmp_path / "strict", "--strict")
    assert res.exit_code == 2 and not (tmp_path / "strict").exists()
