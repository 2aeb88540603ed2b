"""CSV files that lose cells when read naively: ragged rows, unbalanced quotes, Big5, BOM-less UTF-16."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from recon.errors import InputError
from recon.io.readers import read_file
from recon.load import load_folder
from tests.conftest import make_id

A, B, C = make_id(seq="101"), make_id(seq="202"), make_id(seq="303")


def test_a_stray_comma_keeps_the_last_field_and_is_reported(tmp_path: Path) -> None:
    text = f"姓名,身份证号,供养方式,住址\n张三,{A},分散供养,城关镇\n李四,{B},集中,供养,阿城镇\n王五,{C}\n"
    (tmp_path / "特困.csv").write_text(text, encoding="utf-8")
    (sheet,) = read_file(tmp_path / "特困.csv")
    # the table is as wide as its widest line: 阿城镇 is still there to be seen
    assert sheet.grid.row(2) == ("李四", B, "集中", "供养", "阿城镇")
    loaded = load_folder(tmp_path)
    ragged = loaded.issues.filter(pl.col("code") == "ragged_row").sort("source_row")
    assert ragged.select("source_row", "value").rows() == [(3, "5"), (4, "2")]
    assert "多了逗号" in ragged["reason"][0] and "少了逗号" in ragged["reason"][1]
    assert loaded.records.height == 3


def test_an_unbalanced_quote_names_its_line(tmp_path: Path) -> None:
    text = f'姓名,身份证号\n张三,{A}\n"李四,{B}\n王五,{C}\n赵六,{A}\n' + "".join(
        f"某{i},{A}\n" for i in range(30)
    )
    (tmp_path / "x.csv").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_file(tmp_path / "x.csv")
    assert e.value.row == 3 and "引号不成对" in e.value.message


def test_a_quoted_cell_over_two_lines_is_no_error(tmp_path: Path) -> None:
    text = f'姓名,身份证号,住址\n张三,{A},"城关镇\n东街"\n李四,{B},阿城镇\n'
    (tmp_path / "x.csv").write_text(text, encoding="utf-8")
    (sheet,) = read_file(tmp_path / "x.csv")
    assert sheet.grid.height == 3 and sheet.grid.row(1)[2] == "城关镇\n东街"


def test_big5_is_read_as_big5_and_said(tmp_path: Path) -> None:
    text = f"姓名,身份證號碼,供養方式\n陳國華,{A},分散供養\n"
    (tmp_path / "特困.csv").write_bytes(text.encode("big5"))
    (sheet,) = read_file(tmp_path / "特困.csv")
    assert sheet.grid.row(1)[0] == "陳國華"
    assert any("Big5" in n for n in sheet.notes)


def test_utf16_without_a_bom(tmp_path: Path) -> None:
    text = f"姓名,身份证号\n张三,{A}\n"
    (tmp_path / "x.csv").write_bytes(text.encode("utf-16-le"))
    (sheet,) = read_file(tmp_path / "x.csv")
    assert sheet.grid.row(1) == ("张三", A)


def test_an_encoding_nothing_decodes_names_what_was_tried(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_bytes(bytes([0x81, 0x20, 0xFF, 0xFE, 0x80]) * 5)
    with pytest.raises(InputError) as e:
        read_file(tmp_path / "x.csv")
    assert all(w in e.value.message for w in ("UTF-8", "GB18030", "Big5", "UTF-16"))
