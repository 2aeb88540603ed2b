from __future__ import annotations

from pathlib import Path

import pytest
import xlwt

from recon.errors import InputError
from recon.io.encoding import detect_encoding
from recon.io.header import detect_header
from recon.io.readers import read_file
from tests.conftest import make_id, write_xlsx


def test_xlsx_every_sheet_as_text_with_numeric_flags(tmp_path: Path) -> None:
    pid = make_id()
    path = write_xlsx(
        tmp_path / "低保.xlsx",
        {
            "阿城镇": [
                ["阳谷县2020年4月农村低保花名册"],
                ["姓名", "身份证号"],
                ["张三", pid],
                ["李四", 371521195001011234],
            ],
            "七级镇": [["姓名", "身份证号"], ["王五", "0123"]],
        },
        numeric_cols={"阿城镇": {1}},
    )
    sheets = read_file(path)
    assert [s.sheet for s in sheets] == ["阿城镇", "七级镇"]
    first = sheets[0]
    assert first.grid.row(2) == ("张三", pid)
    # leading zeros survive, nothing becomes a number
    assert sheets[1].grid.row(1) == ("王五", "0123")
    flags = first.numeric_flags(1)
    assert flags is not None and flags.to_list() == [False, False, False, True]
    assert first.first_row == 1


def test_legacy_xls(tmp_path: Path) -> None:
    wb = xlwt.Workbook()
    ws = wb.add_sheet("城市低保")
    for c, v in enumerate(["序号", "姓名", "身份证号"]):
        ws.write(0, c, v)
    ws.write(1, 0, "1")
    ws.write(1, 1, "赵六")
    ws.write(1, 2, make_id(seq="222"))
    wb.save(str(tmp_path / "城市低保.xls"))
    sheets = read_file(tmp_path / "城市低保.xls")
    assert sheets[0].grid.row(1) == ("1", "赵六", make_id(seq="222"))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_encodings_detected(tmp_path: Path, encoding: str) -> None:
    pid = make_id()
    text = f"阳谷县特困人员名册\n姓名,身份证号,供养方式\n王秀英,{pid},集中\n李䶮,,分散\n"
    if encoding == "gbk":
        text = text.replace("李䶮", "李岩")  # 䶮 is not in GBK; GB18030 has it
    (tmp_path / "t.csv").write_bytes(text.encode(encoding))
    grid = read_file(tmp_path / "t.csv")[0].grid
    assert grid.height == 4
    assert grid.row(0)[0] == "阳谷县特困人员名册"
    assert grid.row(2) == ("王秀英", pid, "集中")
    assert grid.row(3)[1] is None


def test_gbk_is_not_mistaken_for_utf8() -> None:
    data = "姓名,身份证号\n张伟,1\n".encode("gbk")
    assert detect_encoding(data, "x.csv") == "gb18030"
    assert detect_encoding("姓名".encode(), "x.csv") == "utf-8-sig"


def test_undecodable_csv_is_one_clear_error() -> None:
    with pytest.raises(InputError) as e:
        detect_encoding(bytes([0x81, 0x20, 0xFF, 0xFE, 0x80]) * 5, "bad.csv")
    assert e.value.file == "bad.csv" and "csv_encoding" in (e.value.fix or "")


def test_docx_renamed_xlsx(tmp_path: Path) -> None:
    import zipfile

    p = tmp_path / "名册.xlsx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
        z.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(InputError) as e:
        read_file(p)
    assert "Word" in e.value.message


def test_header_under_title_rows_and_two_row_merged_header() -> None:
    preview = [
        ["阳谷县2020年4月农村低保花名册", None, None, None, None],
        ["填报单位：阿城镇", None, None, None, None],
        ["序号", "户主信息", None, "成员信息", None, "乡镇（街道）"],
        [None, "户主姓名", "户主身份证号", "成员姓名", "身份证号", None],
        ["1", "张三", "x", "张三", "y", "阿城镇"],
    ]
    h = detect_header(preview)
    assert h is not None
    assert (h.first, h.last) == (2, 3)
    assert h.names == ["序号", "户主姓名", "户主身份证号", "成员姓名", "身份证号", "乡镇（街道）"]


def test_single_header_row_not_merged_with_first_data_row() -> None:
    preview = [["姓名", "身份证号", "乡镇"], ["张三", "1", "阿城镇"]]
    h = detect_header(preview)
    assert h is not None and (h.first, h.last) == (0, 0)


def test_no_header_found() -> None:
    assert detect_header([["a", "b"], ["1", "2"]]) is None


def test_first_data_row_holding_header_words_is_not_a_second_header_row() -> None:
    # a 备案 sheet: 关系 "配偶" and 职务 "村委会主任" are header words elsewhere
    preview = [
        ["村干部近亲属享受低保备案表", None, None, None, None],
        ["享受人员姓名", "身份证号", "关联干部姓名", "职务", "关系", "备注"],
        ["李四", "371521196001011234", "李大", "村委会主任", "配偶", ""],
    ]
    h = detect_header(preview)
    assert h is not None and (h.first, h.last) == (1, 1)


def test_data_row_without_ids_but_mostly_plain_values_is_not_a_header_row() -> None:
    preview = [["姓名", "乡镇", "备注", "类别"], ["王五", "阿城镇", "户主", "城乡低保"]]
    h = detect_header(preview)
    assert h is not None and (h.first, h.last) == (0, 0)
