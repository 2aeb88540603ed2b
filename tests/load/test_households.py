"""Households as counties lay them out: merged cells, folded rows, members side by side or in one cell,
and the declared size checked against the members found."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import xlwt

from recon.load import load_folder
from recon.pipeline import run_pipeline
from tests.conftest import make_id, write_xlsx

TODAY = dt.date(2020, 4, 15)
HEAD = make_id(birth="19400101", seq="111")
WIFE = make_id(birth="19420202", seq="222")
SON = make_id(birth="19700303", seq="333")
ALONE = make_id(birth="19450505", seq="555")
HEADER = [
    "序号",
    "户编号",
    "户主姓名",
    "户主身份证号",
    "保障人数",
    "月保障金",
    "成员姓名",
    "身份证号",
    "与户主关系",
]


def _members(records: pl.DataFrame) -> list[tuple[str | None, ...]]:
    return (
        records.select("name", "id_number", "household_id", "head_id", "household_size").sort("name").rows()
    )


def test_merged_household_cells_are_given_to_every_member(tmp_path: Path) -> None:
    rows = [
        ["某县2020年4月农村低保花名册"],
        HEADER,
        ["1", "H1", "张大山", HEAD, "3", "900", "张大山", HEAD, "户主"],
        [None, None, None, None, None, None, "李桂花", WIFE, "妻"],
        [None, None, None, None, None, None, "张小山", SON, "长子"],
        ["2", "H2", "王独居", ALONE, "1", "300", "王独居", ALONE, "户主"],
    ]
    merges = [(2, c, 4, c, rows[2][c]) for c in range(6)]
    write_xlsx(tmp_path / "低保.xlsx", {"阿城镇": rows}, merges={"阿城镇": merges})
    loaded = load_folder(tmp_path, today=TODAY)
    assert _members(loaded.records) == [
        ("张大山", HEAD, "H1", HEAD, 3),
        ("张小山", SON, "H1", HEAD, 3),
        ("李桂花", WIFE, "H1", HEAD, 3),
        ("王独居", ALONE, "H2", ALONE, 1),
    ]
    # the amount was the household's cell: recorded as such, so it is not counted once per member
    assert loaded.records["amount_household"].to_list() == [True] * 4
    assert loaded.issues.filter(pl.col("code") == "merged_cells_filled").height == 1


def test_merged_cells_in_a_legacy_xls(tmp_path: Path) -> None:
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("城关镇")
    for j, h in enumerate(HEADER):
        ws.write(0, j, h)
    for j, v in enumerate(["1", "H1", "张大山", HEAD, "2", "600"]):
        ws.write_merge(1, 2, j, j, v)
    for i, (n, idn, rel) in enumerate([("张大山", HEAD, "户主"), ("李桂花", WIFE, "妻")], start=1):
        ws.write(i, 6, n)
        ws.write(i, 7, idn)
        ws.write(i, 8, rel)
    wb.save(str(tmp_path / "低保.xls"))
    loaded = load_folder(tmp_path, today=TODAY)
    assert _members(loaded.records) == [("张大山", HEAD, "H1", HEAD, 2), ("李桂花", WIFE, "H1", HEAD, 2)]


def test_blank_head_cells_fold_into_the_household_above_but_not_across_a_gap(tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["1", "H1", "张大山", HEAD, "3", "900", "张大山", HEAD, "户主"],
        [None, None, None, None, None, None, "李桂花", WIFE, "妻"],
        [None, None, None, None, None, None, "张小山", SON, "长子"],
        [None, None, None, None, None, None, None, None, None],
        [None, None, None, None, None, None, "王独居", ALONE, "妻"],
    ]
    write_xlsx(tmp_path / "低保.xlsx", {"表": rows})
    loaded = load_folder(tmp_path, today=TODAY)
    got = {r[0]: r[2:] for r in _members(loaded.records)}
    assert got["李桂花"] == ("H1", HEAD, 3) and got["张小山"] == ("H1", HEAD, 3)
    # after a blank row a member starts no household of the one above: it stays as found
    assert got["王独居"] == (None, None, None)
    issue = loaded.issues.filter(pl.col("code") == "households_folded")
    assert issue.height == 1 and "2 行" in issue["reason"][0]


def test_a_row_per_household_with_members_side_by_side(tmp_path: Path) -> None:
    header = [
        "户编号",
        "户主姓名",
        "户主身份证号",
        "保障人数",
        "成员1姓名",
        "成员1身份证号",
        "成员2姓名",
        "成员2身份证号",
    ]
    rows = [header, ["H1", "张大山", HEAD, "3", "李桂花", WIFE, "张小山", SON], ["H2", "王独居", ALONE, "1"]]
    write_xlsx(tmp_path / "农村低保花名册.xlsx", {"表": rows})
    loaded = load_folder(tmp_path, today=TODAY)
    assert _members(loaded.records) == [
        ("张大山", HEAD, "H1", HEAD, 3),
        ("张小山", SON, "H1", HEAD, 3),
        ("李桂花", WIFE, "H1", HEAD, 3),
        ("王独居", ALONE, "H2", ALONE, 1),
    ]
    (s,) = loaded.stats
    assert (s.rows_used, s.records, s.rows_read) == (2, 4, 3) and s.balanced()


def test_members_listed_in_one_cell_head_included_once(tmp_path: Path) -> None:
    # the national system's family export lists every member, the head too, in one cell each
    header = ["户编号", "户主姓名", "户主身份证号", "保障人数", "家庭成员姓名", "家庭成员身份证号"]
    rows = [
        header,
        ["H1", "张大山", HEAD, "3", "张大山，李桂花，张小山", f"{HEAD}，{WIFE}，{SON}"],
        ["H2", "王独居", ALONE, "1", "王独居", ALONE],
        ["H3", "赵甲", make_id(seq="777"), "2", "赵甲，钱乙", make_id(seq="777")],
    ]
    write_xlsx(tmp_path / "城市低保家庭查询.xlsx", {"表": rows})
    loaded = load_folder(tmp_path, today=TODAY)
    names = sorted(loaded.records["name"].to_list())
    assert names == ["张大山", "张小山", "李桂花", "王独居", "赵甲", "钱乙"]
    assert loaded.records.filter(pl.col("name") == "李桂花")["id_number"].to_list() == [WIFE]
    # two names, one ID number: paired in order, and said
    assert loaded.issues.filter(pl.col("code") == "member_lists_differ").height == 1


def test_name_and_id_pairs_in_one_cell(tmp_path: Path) -> None:
    header = ["户编号", "户主姓名", "户主身份证号", "保障人数", "其他家庭成员及身份证号码"]
    rows = [
        header,
        ["H1", "张大山", HEAD, "3", f"李桂花 {WIFE}；张小山 {SON}"],
        ["H2", "王独居", ALONE, "1", None],
    ]
    write_xlsx(tmp_path / "低保花名册.xlsx", {"表": rows})
    loaded = load_folder(tmp_path, today=TODAY)
    assert _members(loaded.records) == [
        ("张大山", HEAD, "H1", HEAD, 3),
        ("张小山", SON, "H1", HEAD, 3),
        ("李桂花", WIFE, "H1", HEAD, 3),
        ("王独居", ALONE, "H2", ALONE, 1),
    ]


def test_a_household_that_lists_one_member_but_declares_more_is_no_t1(tmp_path: Path) -> None:
    # an elderly single member would be T1; declared 保障人数 2 says someone is missing from the roll
    rows = [
        HEADER,
        ["1", "H1", "张大山", HEAD, "2", "600", "张大山", HEAD, "户主"],
        ["2", "H2", "王独居", ALONE, "1", "300", "王独居", ALONE, "户主"],
    ]
    write_xlsx(tmp_path / "低保.xlsx", {"表": rows})
    result = run_pipeline(tmp_path, "2020-04", None, today=TODAY).result
    assert result.findings.filter(pl.col("rule") == "T1")["id_number"].to_list() == [ALONE]
    mismatch = result.issues.filter(pl.col("code") == "household_size_mismatch")
    assert mismatch.select("source_row", "value").rows() == [(2, "声明 2，列出 1")]
    assert [n.code for n in result.notices] == ["household_size_mismatch"]


def test_a_dead_member_of_a_household_paid_as_one_is_charged_his_share(tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["1", "H1", "张大山", HEAD, "3", "900", "张大山", HEAD, "户主"],
        [None, None, None, None, None, None, "李桂花", WIFE, "妻"],
        [None, None, None, None, None, None, "张小山", SON, "长子"],
    ]
    write_xlsx(
        tmp_path / "低保.xlsx", {"表": rows}, merges={"表": [(1, c, 3, c, rows[1][c]) for c in range(6)]}
    )
    (tmp_path / "火化.csv").write_text(
        f"姓名,身份证号,火化日期\n李桂花,{WIFE},2020-01-10\n", encoding="utf-8"
    )
    d1 = run_pipeline(tmp_path, "2020-04", None, today=TODAY).result.findings.filter(pl.col("rule") == "D1")
    row = d1.row(0, named=True)
    assert (row["monthly_amount"], row["months_since_death"], row["overpaid_amount"]) == (300.0, 3, 900.0)
    assert "户月保障金 900.00 元，3 人户，按人均 300.00 元估算" in row["evidence"]


def test_a_row_paying_both_subsidies_is_two_payment_lines(tmp_path: Path) -> None:
    header = ["姓名", "身份证号", "残疾人证号", "生活补贴（金额）", "护理补贴（金额）"]
    rows = [
        header,
        ["张大山", HEAD, HEAD + "41", "100", "80"],
        ["李桂花", WIFE, WIFE + "52", "100", "0"],
        ["王独居", ALONE, ALONE + "13", None, None],
    ]
    write_xlsx(tmp_path / "残联两项补贴.xlsx", {"表": rows})
    loaded = load_folder(tmp_path, today=TODAY)
    got = loaded.records.select("name", "subsidy_type", "monthly_amount").rows()
    assert got == [
        ("张大山", "生活补贴", 100.0),
        ("张大山", "护理补贴", 80.0),
        ("李桂花", "生活补贴", 100.0),
        ("王独居", None, None),
    ]
    assert {s.kind for s in loaded.stats} == {"subsidy"}
    # the row paid neither is kept, and said
    assert loaded.issues.filter(pl.col("code") == "subsidy_unknown")["source_row"].to_list() == [4]


def test_town_and_village_from_an_address_or_region_path(tmp_path: Path) -> None:
    text = f"逝者姓名,身份证号,火化日期,户口所在地\n张大山,{HEAD},2020-01-10,山东省聊城市阳谷县阿城镇张庄村\n"
    (tmp_path / "火化.csv").write_text(text, encoding="utf-8")
    rec = load_folder(tmp_path, today=TODAY).records.row(0, named=True)
    assert (rec["town"], rec["village"]) == ("阿城镇", "张庄村")
