from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from recon.config import config_from_dict
from recon.errors import InputError, InputErrors
from recon.load import load_folder
from tests.conftest import make_id, write_xlsx

TODAY = dt.date(2020, 5, 1)


@pytest.fixture
def county(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    a, b, c = make_id(seq="101"), make_id(birth="19600401", seq="202"), make_id(birth="19451212", seq="303")
    write_xlsx(
        d / "2020年4月农村低保花名册.xlsx",
        {
            "阿城镇": [
                ["阳谷县2020年4月农村低保花名册"],
                [
                    "序号",
                    "户主姓名",
                    "户主身份证号",
                    "成员姓名",
                    "身份证号",
                    "与户主关系",
                    "保障人数",
                    "月保障金",
                    "乡镇（街道）",
                    "村（居）",
                ],
                ["1", "张三", a, "张 三", a, "户主", "2", "350元", "阿城镇", "张庄村"],
                [
                    "2",
                    "张三",
                    a,
                    "李秀英",
                    b.lower().replace("x", "x"),
                    "配偶",
                    "2",
                    "1,050.00",
                    "阿城镇",
                    "张庄村",
                ],
                [None, None, None, None, None, None, None, None, None, None],
                ["3", "王五", None, "王五", 371521194512123033, "户主", "1", "", "阿城镇", "后李村"],
                ["合计", None, None, None, None, None, None, "1400", None, None],
            ]
        },
        numeric_cols={"阿城镇": {4}},
    )
    (d / "特困人员名册.csv").write_bytes(
        f"姓名,身份证号,供养方式,自理能力,月供养金,乡镇,村\n赵六,{c},集中,全自理,600,阿城,张庄村\n,,,,,,\n".encode(
            "gbk"
        )
    )
    (d / "说明.docx").write_bytes(b"not a table")
    (d / "_answers").mkdir()
    (d / "_answers" / "expected.csv").write_text("rule,id_number\n", encoding="utf-8")
    return d


def test_rows_accounted_and_normalised(county: Path) -> None:
    res = load_folder(county, today=TODAY)
    for s in res.stats:
        assert s.balanced(), s
    dibao = next(s for s in res.stats if s.kind == "dibao")
    assert (dibao.rows_read, dibao.rows_used, dibao.rows_skipped, dibao.rows_rejected) == (7, 3, 4, 0)
    tekun = next(s for s in res.stats if s.kind == "tekun")
    assert (tekun.rows_read, tekun.rows_used, tekun.rows_skipped) == (3, 1, 2)
    r = res.records
    assert r.height == 4
    assert r.get_column("rec_id").to_list() == [0, 1, 2, 3]
    zs = r.filter(pl.col("name") == "张三").row(0, named=True)
    assert zs["source_row"] == 3 and zs["source_sheet"] == "阿城镇" and zs["monthly_amount"] == 350.0
    assert zs["id_status"] == "valid" and zs["household_size"] == 2
    ly = r.filter(pl.col("name") == "李秀英").row(0, named=True)
    assert ly["monthly_amount"] == 1050.0 and ly["birth_date"] == dt.date(1960, 4, 1)
    ww = r.filter(pl.col("name") == "王五").row(0, named=True)
    assert ww["id_status"] == "float_damaged" and ww["id_number"] is None
    zl = r.filter(pl.col("kind") == "tekun").row(0, named=True)
    # a bare town name written by one agency joins the suffixed form another agency used
    assert zl["town"] == "阿城镇" and zl["support_mode"] == "集中" and zl["monthly_amount"] == 600.0
    # skipped rows are listed with their reason, the _answers folder and the .docx are not inputs
    codes = set(res.issues.filter(pl.col("level") == "skipped").get_column("code"))
    assert {"title_row", "header_row", "blank_row", "totals_row"} <= codes
    assert [(f.path, f.code) for f in res.not_read] == [("_answers/", "hidden"), ("说明.docx", "not_a_table")]
    assert {i.path for i in res.inputs} == {"2020年4月农村低保花名册.xlsx", "特困人员名册.csv"}


def test_unclassifiable_files_reported_together(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("甲,乙,丙\n1,2,3\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("姓名,身份证号,备注\n张三,1,x\n", encoding="utf-8")
    with pytest.raises(InputErrors) as e:
        load_folder(tmp_path, today=TODAY)
    files = sorted(err.file for err in e.value.errors)
    assert files == ["a.csv", "b.csv"]
    b = next(err for err in e.value.errors if err.file == "b.csv")
    assert "姓名" in b.message and "kind" in (b.fix or "")


def test_config_names_kind_and_columns(tmp_path: Path) -> None:
    pid = make_id()
    (tmp_path / "残联导出.csv").write_text(f"持证人,证件号,证号\n张三,{pid},{pid}42\n", encoding="utf-8")
    cfg = config_from_dict(
        {
            "sources": [
                {
                    "file": "残联*.csv",
                    "kind": "disability",
                    "columns": {"持证人": "name", "证件号": "id_number"},
                }
            ]
        }
    )
    res = load_folder(tmp_path, cfg, today=TODAY)
    row = res.records.row(0, named=True)
    assert row["kind"] == "disability" and row["id_number"] == pid
    assert (row["disability_type"], row["disability_grade"]) == (4, 2)


def test_missing_required_column_names_it(tmp_path: Path) -> None:
    (tmp_path / "火化记录.csv").write_text("姓名,身份证号,住址\n张三,1,阳谷县\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_folder(tmp_path, today=TODAY)
    assert "火化" in e.value.message or "cremation" in e.value.message or "缺少" in e.value.message


def test_town_from_address_and_subsidy_type_from_file_name(tmp_path: Path) -> None:
    pid = make_id()
    (tmp_path / "火化记录.csv").write_text(
        f"姓名,身份证号,火化日期,住址\n张三,{pid},2020年3月5日,山东省聊城市阳谷县阿城镇张庄村\n",
        encoding="utf-8",
    )
    (tmp_path / "护理补贴.csv").write_text(
        f"\ufeff姓名,身份证号,补贴金额,乡镇\n张三,{pid},80元,阿城镇\n", encoding="utf-8"
    )
    res = load_folder(tmp_path, today=TODAY)
    crem = res.records.filter(pl.col("kind") == "cremation").row(0, named=True)
    assert crem["town"] == "阿城镇" and crem["cremation_date"] == dt.date(2020, 3, 5)
    sub = res.records.filter(pl.col("kind") == "subsidy").row(0, named=True)
    assert sub["subsidy_type"] == "护理补贴" and sub["monthly_amount"] == 80.0


def test_batched_normalisation_gives_the_same_records(county: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import recon.load.batches as load

    whole = load_folder(county, today=TODAY)
    monkeypatch.setattr(load, "BATCH_ROWS", 2)  # every sheet cut in slices, slices of sheets joined
    sliced = load_folder(county, today=TODAY)
    assert sliced.records.equals(whole.records)
    assert [(s.rows_used, s.rows_rejected, s.rows_skipped) for s in sliced.stats] == [
        (s.rows_used, s.rows_rejected, s.rows_skipped) for s in whole.stats
    ]
    assert sorted(sliced.issues.rows()) == sorted(whole.issues.rows())


def test_large_files_read_late_give_the_same_records(county: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import recon.io.readers as readers

    eager = load_folder(county, today=TODAY)
    monkeypatch.setattr(readers, "LAZY_BYTES", 10)  # every CSV/Parquet planned from its first rows
    late = load_folder(county, today=TODAY)
    assert late.records.equals(eager.records)
    assert [(s.rows_read, s.rows_used, s.rows_skipped) for s in late.stats] == [
        (s.rows_read, s.rows_used, s.rows_skipped) for s in eager.stats
    ]


def test_a_tekun_month_is_basic_living_plus_care_and_a_bare_status_is_the_vehicles(tmp_path: Path) -> None:
    a, b = make_id(seq="101"), make_id(seq="102")
    write_xlsx(
        tmp_path / "特困人员名册.xlsx",
        {
            "表": [
                ["姓名", "身份证号", "供养方式", "基本生活标准（元）", "照料护理费用（元）", "乡镇"],
                ["甲", a, "分散供养", "700", "120", "阿城镇"],
                ["乙", b, "分散供养", "700", "", "阿城镇"],
            ]
        },
    )
    write_xlsx(
        tmp_path / "机动车.xlsx",
        {
            "表": [
                ["号牌号码", "号牌种类", "车辆类型", "所有人", "身份证明号码", "状态"],
                ["鲁P1", "小型汽车", "两轮摩托车", "甲", a, "注销"],
            ]
        },
    )
    res = load_folder(tmp_path, today=TODAY)
    tekun = res.records.filter(pl.col("kind") == "tekun").sort("source_row")
    assert tekun["monthly_amount"].to_list() == [820.0, 700.0]
    car = res.records.filter(pl.col("kind") == "vehicle").row(0, named=True)
    assert car["vehicle_status"] == "注销" and car["in_use"] is False
    assert "摩托" in car["vehicle_type"]
