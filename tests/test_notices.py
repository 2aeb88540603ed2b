"""The self-checks that expose a misreading: each is a notice at the top of 汇总, in the terminal and in
summary.json, and none stops the run."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from recon.cli.main import cli
from recon.pipeline import run_pipeline
from tests.conftest import make_id, write_xlsx

IDS = [make_id(birth=f"19{40 + i:02d}0101", seq=f"{100 + i}") for i in range(40)]


def _dibao(path: Path, ids: list[str]) -> None:
    rows = [["户主姓名", "户主身份证号", "成员姓名", "身份证号", "与户主关系"]]
    rows += [[f"人{i}", x, f"人{i}", x, "户主"] for i, x in enumerate(ids)]
    write_xlsx(path, {"表": rows})


def _certificates(path: Path, ids: list[str]) -> None:
    rows = [["姓名", "身份证号", "残疾人证号", "残疾类别", "残疾等级"]]
    rows += [[f"人{i}", x, x + "42", "4", "2"] for i, x in enumerate(ids)]
    write_xlsx(path, {"表": rows})


def _codes(tmp_path: Path) -> dict[str, list[str | None]]:
    notices = run_pipeline(tmp_path, "2020-04", None).result.notices
    out: dict[str, list[str | None]] = {}
    for n in notices:
        out.setdefault(n.code, []).append(n.file)
    return out


def test_a_name_that_promises_a_kind_no_sheet_was_taken_for(tmp_path: Path) -> None:
    _dibao(tmp_path / "低保花名册.xlsx", IDS[:10])
    # named as a cremation register, read as a certificate roster by its columns
    _certificates(tmp_path / "火化登记表.xlsx", IDS[:5])
    assert _codes(tmp_path)["kind_promised"] == ["火化登记表.xlsx"]


def test_a_rule_skipped_while_a_file_name_suggests_its_source(tmp_path: Path) -> None:
    _dibao(tmp_path / "低保花名册.xlsx", IDS[:10])
    # a subsidy list whose columns recon cannot tell: the subsidy rules are skipped, and the name says why
    (tmp_path / "护理补贴发放表.csv").write_text("序号,单位,金额\n1,城关镇,100\n", encoding="utf-8")
    result = run_pipeline(tmp_path, "2020-04", None).result
    suggested = [n for n in result.notices if n.code == "rule_source_suggested"]
    assert len(suggested) == 1 and suggested[0].file == "护理补贴发放表.csv"
    assert all(code in suggested[0].message for code in ("D3", "S1", "S3", "S5"))


def test_a_roll_that_links_to_nothing_is_flagged(tmp_path: Path) -> None:
    _dibao(tmp_path / "低保花名册.xlsx", IDS[:35])
    # a certificate roster of 35 people none of whom is on the dibao roll (another county's file?)
    _certificates(
        tmp_path / "残疾人证持证人员.xlsx", [make_id(region="110101", seq=f"{500 + i}") for i in range(35)]
    )
    codes = _codes(tmp_path)
    assert sorted(codes["low_link_share"]) == ["低保花名册.xlsx", "残疾人证持证人员.xlsx"]


def test_a_subsidy_roll_mostly_off_the_certificate_roll(tmp_path: Path) -> None:
    _dibao(tmp_path / "低保花名册.xlsx", IDS[:35])
    _certificates(tmp_path / "残疾人证持证人员.xlsx", IDS[:5])
    rows = [["姓名", "身份证号", "补贴类别", "补贴金额"]] + [
        [f"人{i}", x, "生活补贴", "100"] for i, x in enumerate(IDS[:35])
    ]
    write_xlsx(tmp_path / "两项补贴.xlsx", {"表": rows})
    assert _codes(tmp_path)["subsidy_uncertified"] == ["两项补贴.xlsx"]


def test_notices_reach_summary_json_and_stderr_but_exit_0(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    _dibao(d / "低保花名册.xlsx", IDS[:10])
    _certificates(d / "火化登记表.xlsx", IDS[:5])
    res = CliRunner().invoke(cli, ["run", str(d), "--month", "2020-04", "--out", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    assert "请先核对" in res.stderr and "火化登记表.xlsx" in res.stderr
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    # the name promised a cremation register, and the D rules, skipped for lack of one, say so too
    assert [n["code"] for n in summary["notices"]] == ["kind_promised", "rule_source_suggested"]


def test_a_file_of_one_kind_its_name_names_breaks_no_other_promise(tmp_path: Path) -> None:
    _dibao(tmp_path / "低保花名册.xlsx", IDS[:10])
    rows = [["号牌号码", "车辆类型", "所有人", "身份证明号码", "机动车状态"]]
    rows += [[f"鲁P{i:05d}", "小型轿车", f"人{i}", x, "正常"] for i, x in enumerate(IDS[:3])]
    # 低保 in the name says what the list was drawn for, not what it is
    write_xlsx(tmp_path / "机动车登记信息（低保核对）.xlsx", {"表": rows})
    assert "kind_promised" not in _codes(tmp_path)
