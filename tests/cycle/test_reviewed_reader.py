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
        ("broken.xls", b"\xd0\xcf\x11\xe0", "不是可读的工作簿"),
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


def _xls(path: Path, header: list[str], rows: list[list[object]], title: str) -> Path:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet(title)
    ws.write(0, 0, "阳谷县疑点核实台账（乡镇交回）")
    for j, h in enumerate(header):
        ws.write(1, j, h)
    for i, row in enumerate(rows, start=2):
        for j, v in enumerate(row):
            if isinstance(v, dt.date):
                ws.write(i, j, v, xlwt.easyxf(num_format_str="yyyy-mm-dd"))
            elif v is not None:
                ws.write(i, j, v)
    wb.save(str(path))
    return path


@pytest.mark.parametrize("suffix", [".xls", ".et"])
def test_workbooks_returned_as_excel_2003_or_wps(tmp_path: Path, suffix: str) -> None:
    # town offices save in Excel 2003 format or WPS's own .et (an .xls inside, read by content)
    header = [KEY_HEADER, VERIFY_HEADER, DEADLINE_HEADER, NOTE_HEADER]
    rows = [
        [KEY, "属实", dt.datetime(2020, 5, 31), "已停发"],
        ["T1|371521193003031115|dibao", "不属实", None, "有子女赡养"],
    ]
    path = _xls(tmp_path / f"阿城镇核实{suffix}", header, rows, title="D1 死亡仍领低保")
    got = read_reviews([path]).rows.sort("key")
    assert got.select("key", "verdict", "deadline", "note").rows() == [
        (KEY, "属实", dt.date(2020, 5, 31), "已停发"),
        ("T1|371521193003031115|dibao", "不属实", None, "有子女赡养"),
    ]


def test_a_wps_file_saved_as_xlsx_inside(tmp_path: Path) -> None:
    xlsx = _book(tmp_path / "a.xlsx", [KEY_HEADER, VERIFY_HEADER], [[KEY, "待核实"]], title="D1")
    et = tmp_path / "a.et"
    et.write_bytes(xlsx.read_bytes())
    assert read_reviews([et]).rows.select("key", "verdict").rows() == [(KEY, "待核实")]


def test_a_folder_gives_every_returned_workbook(tmp_path: Path) -> None:
    from recon.cycle.apply import expand_reviewed

    _book(tmp_path / "a.xlsx", [KEY_HEADER, VERIFY_HEADER], [[KEY, "属实"]])
    _xls(tmp_path / "b.xls", [KEY_HEADER, VERIFY_HEADER], [[KEY, "属实"]], "D1")
    (tmp_path / "c.et").write_bytes((tmp_path / "b.xls").read_bytes())
    (tmp_path / "~$a.xlsx").write_bytes(b"lock")
    (tmp_path / "说明.docx").write_bytes(b"x")
    assert [p.name for p in expand_reviewed([tmp_path])] == ["a.xlsx", "b.xls", "c.et"]
