"""Reading returned workbooks: headers found by text, rows by key, clear errors for unreadable files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from recon.contract import (
    ACTION_HEADER,
    BASE_HEADERS,
    DEADLINE_HEADER,
    KEY_HEADER,
    NOTE_HEADER,
    VERIFY_HEADER,
)
from recon.cycle.reviewed import read_reviews
from recon.errors import ReviewedWorkbookError

KEY = "D1|371521195001011234|dibao"


def _book(
    path: Path, header: list[str], rows: list[list[object]], *, above: int = 0, title: str = "X"
) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for _ in range(above):
        ws.append(["阳谷县疑点核实台账"])
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_columns_by_header_rows_by_key_header_moved_down(tmp_path: Path) -> None:
    header = ["备用", NOTE_HEADER, KEY_HEADER, DEADLINE_HEADER, VERIFY_HEADER, BASE_HEADERS["id_number"]]
    rows = [
        ["", "本人健在", KEY, dt.datetime(2020, 5, 31), "不属实", "371521195001011234"],
        ["", None, "T1|371521193003031115|dibao", "2020年6月", " 属实 ", "371521193003031115"],
        ["", None, "S2|x|dibao", None, None, None],  # nothing filled: not a review
    ]
    r = read_reviews([_book(tmp_path / "a.xlsx", header, rows, above=3, title="改了名字")]).rows
    got = {
        x["key"]: (x["verdict"], x["deadline"], x["note"], x["review_row"]) for x in r.iter_rows(named=True)
    }
    assert got == {
        KEY: ("不属实", dt.date(2020, 5, 31), "本人健在", 5),
        "T1|371521193003031115|dibao": ("属实", dt.date(2020, 6, 30), None, 6),  # a month means its end
    }
    assert set(r["rule"]) == {"D1", "T1"}


def test_without_key_column_rule_from_sheet_and_id(tmp_path: Path) -> None:
    header = [BASE_HEADERS["name"], BASE_HEADERS["id_number"], VERIFY_HEADER, ACTION_HEADER]
    path = _book(
        tmp_path / "b.xlsx", header, [["张三", "37152119500101123x", "属实", "停发"]], title="D1 死亡仍领低保"
    )
    row = read_reviews([path]).rows.to_dicts()[0]
    assert (row["key"], row["rule"], row["id_number"], row["action"]) == (
        None,
        "D1",
        "37152119500101123X",
        "停发",
    )


def test_unparseable_deadline_is_a_data_quality_warning(tmp_path: Path) -> None:
    header = [KEY_HEADER, VERIFY_HEADER, DEADLINE_HEADER]
    path = _book(tmp_path / "c.xlsx", header, [[KEY, "属实", "5月底"], ["D1|2|dibao", "属实", 43982]])
    rev = read_reviews([path])
    assert rev.rows.filter(pl.col("key") == "D1|2|dibao")["deadline"].to_list() == [dt.date(2020, 5, 31)]
    assert rev.issues.select("code", "source_row", "value").rows() == [("deadline_unparsed", 2, "5月底")]


def test_later_file_wins(tmp_path: Path) -> None:
    header = [KEY_HEADER, VERIFY_HEADER]
    a = _book(tmp_path / "county.xlsx", header, [[KEY, "待核实"]])
    b = _book(tmp_path / "town.xlsx", header, [[KEY, "属实"]])
    assert read_reviews([a, b]).rows["verdict"].to_list() == ["属实"]


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("old.xls", b"\xd0\xcf\x11\xe0", ".xls"),
        ("notes.xlsx", b"just text", "不是可读的 .xlsx"),
    ],
)
def test_unreadable_files_name_the_file(tmp_path: Path, name: str, content: bytes, words: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReviewedWorkbookError) as e:
        read_reviews([path])
    assert words in e.value.message and e.value.file == str(path)


def test_no_rule_sheet(tmp_path: Path) -> None:
    path = _book(tmp_path / "d.xlsx", ["姓名", "电话"], [["张三", "123"]], title="通讯录")
    with pytest.raises(ReviewedWorkbookError) as e:
        read_reviews([path])
    assert "通讯录" in e.value.message
