"""A corpus of broken county files, generated here. Each one either stops the run with one clear message
(file, what is wrong, how to fix it; exit 2) or is read with a data-quality finding: never a traceback,
never a silently dropped row."""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter

from recon.errors import InputError
from recon.io.html_table import read_html_tables
from recon.load import load_folder
from tests.conftest import make_id, write_xlsx
from tests.robustness.conftest import TODAY, assert_clean_error, output_bytes, run_cli

PID = make_id(seq="123")
PID2 = make_id(seq="125")
HEADER = ["姓名", "身份证号", "乡镇", "月保障金"]
ROWS = [HEADER, ["张三", PID, "阿城镇", "300"], ["李四", PID2, "七级镇", "260元"]]


def _good_xlsx(path: Path) -> Path:
    return write_xlsx(path, {"阿城镇": ROWS})


def _truncated(d: Path) -> None:
    whole = _good_xlsx(d / "whole.xlsx").read_bytes()
    (d / "whole.xlsx").unlink()
    (d / "低保.xlsx").write_bytes(whole[: len(whole) // 2])


def _docx(d: Path) -> None:
    with zipfile.ZipFile(d / "低保.xlsx", "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")


def _encrypted(d: Path) -> None:
    # what Excel writes for a password-protected .xlsx: an OLE2/CFB container, not a zip
    (d / "低保.xlsx").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 4088)


def _undecodable_csv(d: Path) -> None:
    (d / "低保.csv").write_bytes(b"\xc4\xe3,\xff\xfe\x80\x81\n" * 20)


# (case, builder, words the message must contain)
FATAL: list[tuple[str, Callable[[Path], object], tuple[str, ...]]] = [
    ("empty_xlsx", lambda d: (d / "低保.xlsx").write_bytes(b""), ("低保.xlsx", "空的")),
    ("empty_csv", lambda d: (d / "低保.csv").write_bytes(b""), ("低保.csv", "空的")),
    (
        "no_header",
        lambda d: write_xlsx(d / "低保.xlsx", {"表1": [["a", "b"], ["1", "2"]]}),
        ("低保.xlsx", "找不到表头", "header_row"),
    ),
    ("truncated_xlsx", _truncated, ("低保.xlsx", "不完整", "重新下载")),
    ("encrypted_xlsx", _encrypted, ("低保.xlsx", "密码", "另存为")),
    ("docx_renamed", _docx, ("低保.xlsx", "Word")),
    (
        "html_without_table",
        lambda d: (d / "低保.xls").write_text("<html><body><p>登录超时</p></body></html>"),
        ("低保.xls", "网页", "没有表格"),
    ),
    ("undecodable_csv", _undecodable_csv, ("低保.csv", "编码", "csv_encoding")),
    (
        "required_column_missing",
        lambda d: write_xlsx(
            d / "低保.xlsx", {"表1": [["姓名", "乡镇", "月保障金"], ["张三", "阿城镇", "300"]]}
        ),
        ("低保.xlsx", "工作表 表1", "缺少必需的列", "身份证号", "[sources.columns]"),
    ),
]


@pytest.mark.parametrize(("builder", "needles"), [(b, n) for _, b, n in FATAL], ids=[c for c, _, _ in FATAL])
def test_unusable_file_is_one_message_and_exit_2(
    tmp_path: Path, builder: Callable[[Path], object], needles: tuple[str, ...]
) -> None:
    d = tmp_path / "in"
    d.mkdir()
    builder(d)
    res = run_cli(d, tmp_path / "out")
    assert_clean_error(res, 2, *needles)
    assert "calamine" not in res.output  # library jargon is not a message for a data officer
    assert not (tmp_path / "out").exists()
    with pytest.raises(InputError) as e:
        load_folder(d, today=TODAY)
    assert e.value.file and e.value.fix


def test_message_names_internal_fields_in_chinese(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    write_xlsx(d / "低保.xlsx", {"表1": [["姓名", "乡镇", "月保障金"], ["张三", "阿城镇", "300"]]})
    with pytest.raises(InputError) as e:
        load_folder(d, today=TODAY)
    # the code identifier may appear in the config example, never as the name of what is missing
    assert not re.search(r"缺少必需的列：id_number", e.value.message)


def test_all_unusable_files_reported_together(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    _encrypted(d)
    _undecodable_csv(d)
    _good_xlsx(d / "特困.xlsx")
    # with --strict, every unusable file is named at once and nothing is written
    res = run_cli(d, tmp_path / "strict", "--strict")
    assert_clean_error(res, 2, "低保.xlsx", "低保.csv", "密码", "编码")
    assert not (tmp_path / "strict").exists()
    # by default the month is compared on what could be read, the unread files named, exit 4
    res = run_cli(d, tmp_path / "out")
    assert res.exit_code == 4, res.output
    assert "低保.xlsx" in res.stderr and "低保.csv" in res.stderr and "Traceback" not in res.output
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["unread_files"] == ["低保.csv", "低保.xlsx"]
    assert {n["file"] for n in summary["notices"] if n["code"] == "file_unread"} == {"低保.csv", "低保.xlsx"}
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert {f["path"] for f in manifest["not_read"]} >= {"低保.csv", "低保.xlsx"}


def test_only_unusable_files_exit_2(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    _encrypted(d)
    _undecodable_csv(d)
    res = run_cli(d, tmp_path / "out")
    assert_clean_error(res, 2, "低保.xlsx", "低保.csv", "密码", "编码")


def _load(d: Path) -> tuple[object, pl.DataFrame]:
    loaded = load_folder(d, today=TODAY)
    for s in loaded.stats:
        assert s.balanced(), s
    return loaded, loaded.issues


def test_header_only_is_a_finding_not_a_failure(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    write_xlsx(d / "低保.xlsx", {"表1": [HEADER]})
    res = run_cli(d, tmp_path / "out")
    assert res.exit_code == 0, res.output
    loaded, issues = _load(d)
    (s,) = loaded.stats
    assert (s.rows_read, s.rows_used, s.rows_skipped) == (1, 0, 1)
    assert any("没有可用的数据行" in p for p in s.problems)
    assert issues.filter(pl.col("code") == "no_data_rows").height == 1
    # and the officer sees it in the workbook
    assert "没有可用的数据行".encode() in b"".join(output_bytes(tmp_path / "out").values())


def test_duplicate_id_columns_first_wins_and_disagreements_are_listed(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    rows = [
        ["姓名", "身份证号", "身份证号", "乡镇"],
        ["张三", PID, PID, "阿城镇"],
        ["李四", PID2, "371521195001019999", "阿城镇"],
        ["王五", "", make_id(seq="127"), "阿城镇"],
    ]
    write_xlsx(d / "低保.xlsx", {"表1": rows})
    assert run_cli(d, tmp_path / "out").exit_code == 0
    loaded, issues = _load(d)
    recs = loaded.records.sort("source_row")
    # first column wins, even where it is blank: a row is never re-keyed from a column the file disowns
    assert recs.get_column("id_number").to_list() == [PID, PID2, None]
    assert recs.height == 3
    (s,) = loaded.stats
    assert any("有两列都是身份证号" in p and "第 3 列未读取" in p for p in s.problems)
    differs = issues.filter(pl.col("code") == "duplicate_column_differs")
    assert differs.get_column("source_row").to_list() == [3, 4]
    assert issues.filter(pl.col("code") == "duplicate_column").height == 1


def test_html_table_saved_as_xls_is_read(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    page = (
        '<html><head><meta charset="gbk"><title>导出</title></head><body>'
        "<table><tr><td colspan=4>阳谷县2020年4月农村低保花名册</td></tr>"
        "<tr><th>姓名</th><th>身份证号</th><th>乡镇</th><th>月保障金</th></tr>"
        f"<tr><td>张&nbsp;三</td><td>{PID}</td><td rowspan=2>阿城镇</td><td>300</td></tr>"
        f"<tr><td>李四</td><td>{PID2}</td><td>260</td></tr>"
        "<tr><td>合计</td><td></td><td></td><td>560</td></tr></table></body></html>"
    )
    (d / "低保.xls").write_bytes(page.encode("gbk"))
    loaded, issues = _load(d)
    recs = loaded.records.sort("source_row")
    assert recs.select("name", "id_number", "monthly_amount").rows() == [
        ("张三", PID, 300.0),
        ("李四", PID2, 260.0),
    ]
    assert recs.get_column("source_row").to_list() == [3, 4]
    assert issues.filter(pl.col("code") == "totals_row").get_column("source_row").to_list() == [5]
    res = run_cli(d, tmp_path / "out")
    assert res.exit_code == 0, res.output


def test_html_reader_places_spanned_cells_like_a_workbook(tmp_path: Path) -> None:
    p = tmp_path / "x.xls"
    p.write_text(
        "<table><tr><td rowspan=2>序号</td><td colspan=2>成员信息</td><td>乡镇</td></tr>"
        "<tr><td>姓名</td><td>身份证号<br>（18位）</td><td>x</td></tr></table>"
        "<table><tr><td>另一张表</td></tr></table>",
        encoding="utf-8",
    )
    (name, grid), (name2, _) = read_html_tables(p, "x.xls")
    assert (name, name2) == ("表格1", "表格2")
    assert grid.rows() == [("序号", "成员信息", None, "乡镇"), (None, "姓名", "身份证号 （18位）", "x")]


def test_huge_cell_is_read_and_flagged(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    huge = "张" * 1_000_000
    text = f"姓名,身份证号,乡镇\n{huge},{PID},阿城镇\n李四,{PID2},阿城镇\n"
    (d / "低保.csv").write_text(text, encoding="utf-8")
    res = run_cli(d, tmp_path / "out")
    assert res.exit_code == 0, res.output
    loaded, issues = _load(d)
    assert loaded.records.height == 2
    long = issues.filter(pl.col("code") == "long_cell")
    assert long.select("source_row", "column").rows() == [(2, "姓名")]
    assert "1000000" in long.item(0, "reason")


def test_formula_cells_are_never_evaluated_and_never_become_formulas(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    wb = xlsxwriter.Workbook(str(d / "低保.xlsx"))
    ws = wb.add_worksheet("表1")
    ws.write_row(0, 0, HEADER)
    ws.write_formula(1, 0, '="张"&"三"', None, "张三")  # cached value as Excel saved it
    ws.write_string(1, 1, PID)
    ws.write_string(1, 2, "阿城镇")
    ws.write_formula(1, 3, "=100+200", None, 999)  # a stale cache is what the file says: read, not recomputed
    # a text cell that looks like a formula, and an ID that is one (a classic injection)
    ws.write_string(2, 0, '=HYPERLINK("http://example.invalid","李四")')
    ws.write_string(2, 1, "=1+1")
    ws.write_string(2, 2, "阿城镇")
    wb.close()
    loaded, issues = _load(d)
    recs = loaded.records.sort("source_row")
    assert recs.get_column("name").to_list()[0] == "张三"
    assert recs.get_column("monthly_amount").to_list()[0] == 999.0
    f = issues.filter(pl.col("code") == "formula_cell").sort("column")
    assert f.select("source_row", "column", "value").rows() == [
        (2, "姓名", '="张"&"三"'),
        (2, "月保障金", "=100+200"),
    ]
    out = tmp_path / "out"
    res = run_cli(d, out)
    assert res.exit_code == 0, res.output
    files = output_bytes(out)
    sheets = {k: v for k, v in files.items() if re.search(r"!xl/worksheets/.*\.xml$", k)}
    assert sheets
    # the formula-looking texts did reach the outputs (as text), so the checks below are not vacuous
    assert any(b"HYPERLINK" in v for k, v in files.items() if k.startswith("anomalies.xlsx!"))
    assert "HYPERLINK" in files["anomalies.csv"].decode("utf-8-sig")
    for name, xml in sheets.items():
        assert b"<f>" not in xml and b"<f " not in xml, name
    csv = files["anomalies.csv"].decode("utf-8-sig")
    assert not re.search(r'(^|,)"?[=+@]', csv, re.M)


def test_future_dates_and_negative_amounts_are_warnings(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "火化记录.csv").write_text(
        f"姓名,身份证号,死亡日期,火化日期\n张三,{PID},2099-01-01,2099-01-03\n李四,{PID2},2020-03-01,2020-03-02\n",
        encoding="utf-8",
    )
    write_xlsx(
        d / "低保.xlsx", {"表1": [HEADER, ["张三", PID, "阿城镇", "-300"], ["李四", PID2, "阿城镇", "300"]]}
    )
    res = run_cli(d, tmp_path / "out")
    assert res.exit_code == 0, res.output
    loaded, issues = _load(d)
    fut = issues.filter(pl.col("code") == "future_date")
    assert sorted(fut.get_column("column").to_list()) == ["死亡日期", "火化日期"]
    assert set(fut.get_column("source_row").to_list()) == {2}
    neg = issues.filter(pl.col("code") == "negative_amount")
    assert neg.select("source_file", "source_row").rows() == [("低保.xlsx", 2)]
    # used, not dropped: the amount stays as written for the officer to check
    assert loaded.records.filter(pl.col("monthly_amount") < 0).height == 1
