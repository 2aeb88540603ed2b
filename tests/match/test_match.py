import datetime as dt
import zipfile

import polars as pl
import pytest
from click.testing import CliRunner

from recon.match.pairs import match_frames
from recon.model import BASIS_ID, BASIS_ID_EDIT_NAME, BASIS_ID_NAME_HOMOPHONE, ID_INVALID, ID_MISSING
from tests.link.conftest import frame, rec, vid

P1 = vid("37152119500307123")
P2 = vid("37152119611109456")
P3 = vid("37152119720211789")


def test_match_pairs_only_in_each_side_and_conflicts():
    a = frame(
        rec(0, "a.xlsx", "李秀英", id_number=P1, gender="女"),
        rec(1, "a.xlsx", "张伟", id_number=P2, gender="男"),
        rec(2, "a.xlsx", "赵六", id_number=P3),
    )
    b = frame(
        rec(0, "b.xlsx", "李秀瑛", id_number=P1, gender="女"),  # same ID, homophone name: a conflict
        rec(1, "b.xlsx", "张伟", id_clean=P2[:5] + "9" + P2[6:], id_status=ID_INVALID),  # one digit off
        rec(2, "b.xlsx", "孙七", id_status=ID_MISSING),
    )
    m = match_frames(a, b)
    pairs = m.matched.select("a_rec_id", "b_rec_id", "match_basis").rows()
    assert pairs == [(0, 0, BASIS_ID_NAME_HOMOPHONE), (1, 1, BASIS_ID_EDIT_NAME)]
    assert m.only_in_a.get_column("rec_id").to_list() == [2]
    assert m.only_in_b.get_column("rec_id").to_list() == [2]
    assert m.conflicts.select("a_rec_id", "conflict").rows() == [(0, "姓名不同（同音）")]


def test_conflict_on_gender_and_missing_values_are_no_conflict():
    a = frame(rec(0, "a.xlsx", "张伟", id_number=P2, gender="男"), rec(1, "a.xlsx", "赵六", id_number=P3))
    b = frame(
        rec(0, "b.xlsx", "张伟", id_number=P2, gender="女"),
        rec(1, "b.xlsx", "赵六", id_number=P3, gender="男"),
    )
    m = match_frames(a, b)
    assert m.matched.height == 2
    assert m.conflicts.select("a_rec_id", "conflict").rows() == [(0, "性别不同")]
    assert m.matched.get_column("match_basis").to_list() == [BASIS_ID, BASIS_ID]


def test_fuzzy_match_only_crosses_between_the_two_files():
    born = dt.date(1950, 3, 7)
    # A holds the person twice (two sheets); the blank-ID sheet must not link inside A
    a = frame(
        rec(0, "a.xlsx", "王秀英", id_number=P1, birth_date=born, town="阿城镇", source_sheet="一"),
        rec(1, "a.xlsx", "王秀英", id_status=ID_MISSING, birth_date=born, town="阿城镇", source_sheet="二"),
    )
    b = frame(rec(0, "b.xlsx", "赵六", id_number=P3))
    m = match_frames(a, b)
    assert m.matched.height == 0
    assert m.only_in_a.get_column("rec_id").to_list() == [0, 1]


def test_ambiguous_record_stays_unmatched_with_a_note():
    born = dt.date(1950, 3, 7)
    a = frame(
        rec(0, "a.xlsx", "王秀英", id_number=P1, birth_date=born, town="阿城镇"),
        rec(1, "a.xlsx", "王秀英", id_number=P2, birth_date=born, town="阿城镇"),
    )
    b = frame(rec(0, "b.xlsx", "王秀英", id_status=ID_MISSING, birth_date=born, town="阿城镇"))
    m = match_frames(a, b)
    assert m.matched.height == 0
    note = m.only_in_b.get_column("note").to_list()[0]
    assert P1 in note and P2 in note


def test_cli_writes_the_workbook_with_ids_as_text_and_no_formulas(tmp_path):
    pytest.importorskip("recon.load")
    from recon.cli.match import command

    (tmp_path / "a.csv").write_text(
        f"姓名,身份证号,乡镇\n李秀英,{P1},阿城镇\n=1+1,{P2},七级镇\n", encoding="utf-8"
    )
    (tmp_path / "b.csv").write_text(
        f"姓名,身份证号,乡镇\n李秀英,{P1},阿城镇\n赵六,{P3},安乐镇\n", encoding="utf-8"
    )
    out = tmp_path / "m.xlsx"
    res = CliRunner().invoke(
        command, [str(tmp_path / "a.csv"), str(tmp_path / "b.csv"), "--out", str(out)], catch_exceptions=False
    )
    assert res.exit_code == 0, res.output
    assert "匹配结果：1 对" in res.output and "仅在A（a.csv）：1 条" in res.output
    with zipfile.ZipFile(out) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) == 4
        assert not any(b"<f>" in z.read(n) for n in sheets)
    matched = pl.read_excel(out, sheet_name="匹配结果", infer_schema_length=0)
    assert matched.get_column("A身份证号").to_list() == [P1]
    only_a = pl.read_excel(out, sheet_name="仅在A", infer_schema_length=0)
    assert only_a.get_column("姓名").to_list() == ["=1+1"]
