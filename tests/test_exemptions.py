"""Exemption files: reading (CSV in UTF-8/GB18030, xlsx), validation, and applying without losing rows."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from recon.errors import ConfigError
from recon.exemptions import apply_exemptions, read_exemptions, unused_exemptions
from recon.model import conform_findings
from tests.rules.builder import make_id

ID_A = make_id(__import__("datetime").date(1950, 1, 1), 11)
ID_B = make_id(__import__("datetime").date(1951, 2, 2), 12)


def _findings() -> pl.DataFrame:
    return conform_findings(
        pl.DataFrame(
            {
                "rule": ["T1", "X1", "D1", "Q2"],
                "id_number": [ID_A, ID_A, ID_B, ID_B],
                "name": ["甲", "甲", "乙", "乙"],
            }
        )
    )


def test_gbk_csv_with_title_row_full_width_and_lowercase_x(tmp_path: Path) -> None:
    messy = " ".join(ID_A[:6]) + ID_A[6:].replace("X", "x")
    text = (
        f"阳谷县豁免名单\n身份证号码,规则,豁免原因\n\u3000{messy}\u200b,t1,本人自愿签订协议继续享受低保\n,,\n"
    )
    p = tmp_path / "exempt.csv"
    p.write_bytes(text.encode("gb18030"))
    ex = read_exemptions(p)
    assert ex.select("id_number", "rule", "source_row").rows() == [(ID_A, "T1", 3)]


def test_xlsx_and_wildcard(tmp_path: Path) -> None:
    p = tmp_path / "exempt.xlsx"
    pl.DataFrame({"id_number": [ID_B], "rule": ["*"], "reason": ["核实为同名不同人"]}).write_excel(p)
    ex = read_exemptions(p)
    kept, exempted = apply_exemptions(_findings(), ex)
    assert kept.select("rule", "id_number").rows() == [("T1", ID_A), ("X1", ID_A)]
    assert exempted.select("rule", "exemption_reason").rows() == [
        ("D1", "核实为同名不同人"),
        ("Q2", "核实为同名不同人"),
    ]


def test_apply_keeps_every_row_somewhere() -> None:
    ex = pl.DataFrame(
        {
            "id_number": [ID_A, ID_A, "371521000000000000"],
            "rule": ["T1", "*", "T1"],
            "reason": ["协议", "全部豁免", "无此人"],
            "source_row": [2, 3, 4],
        }
    )
    f = _findings()
    kept, exempted = apply_exemptions(f, ex)
    assert kept.height + exempted.height == f.height
    # the specific reason wins over the blanket one
    assert dict(exempted.select("rule", "exemption_reason").rows()) == {"T1": "协议", "X1": "全部豁免"}
    assert unused_exemptions(f, ex)["source_row"].to_list() == [4]


@pytest.mark.parametrize(
    ("line", "message"),
    [(f"{ID_A},Z1,原因", "规则 'Z1' 不存在"), (f"{ID_A},T1,  ", "没有写原因"), (",T1,原因", "缺少身份证号")],
)
def test_bad_rows_name_file_row_and_fix(tmp_path: Path, line: str, message: str) -> None:
    p = tmp_path / "exempt.csv"
    p.write_text(f"身份证号,规则,原因\n{ID_B},D1,已核实\n{line}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        read_exemptions(p)
    assert message in e.value.message
    assert e.value.row == 3 and e.value.file == str(p) and e.value.fix


def test_missing_header_is_explained(tmp_path: Path) -> None:
    p = tmp_path / "exempt.csv"
    p.write_text("号码,说明\n1,2\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="表头"):
        read_exemptions(p)


def test_a_legacy_15_digit_id_exempts_the_finding_filed_under_its_18_characters(tmp_path: Path) -> None:
    legacy = ID_A[:6] + ID_A[8:17]  # 15 digits: no century, no check character
    p = tmp_path / "exempt.csv"
    p.write_text(f"身份证号,规则,原因\n{legacy},T1,本人自愿签订协议继续享受低保\n", encoding="utf-8")
    kept, exempted = apply_exemptions(_findings(), read_exemptions(p))
    assert exempted.select("rule", "id_number").rows() == [("T1", ID_A)]
    assert kept.height == 3


def test_an_exemption_that_matches_nothing_is_a_data_quality_warning(tmp_path: Path) -> None:
    from recon.pipeline import bundled_sample_dir, run_pipeline

    plain = run_pipeline(bundled_sample_dir(), "2020-04", None).result.findings
    t1 = plain.filter(pl.col("rule") == "T1").row(0, named=True)["id_number"]
    p = tmp_path / "豁免.csv"
    p.write_text(f"身份证号,规则,原因\n{t1},T1,本人自愿签订协议\n{ID_A},T1,写错的号码\n", encoding="utf-8")
    result = run_pipeline(bundled_sample_dir(), "2020-04", None, exemptions=p).result
    assert result.exempted.select("rule", "id_number").rows() == [("T1", t1)]
    unused = result.issues.filter(pl.col("code") == "exemption_unused")
    assert unused.select("source_file", "source_row", "value").rows() == [("豁免.csv", 3, f"{ID_A} T1")]
