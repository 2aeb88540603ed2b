"""The county-B generator itself: deterministic, every rule planted in every layout, and the files are
what they claim to be (real merged ranges, GBK CSVs, byte-identical copies, IDs that survive the mess)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from pathlib import Path

import fastexcel
import openpyxl
import polars as pl
import pytest

from recon.sample.answers import expected as reference_expected
from tests.county_b import LAYOUTS, CountyB, generate
from tests.county_b.answers import declared_not_single
from tests.county_b.generate import PLANS, file_names, previous_names
from tests.county_b.readback import scan, xls_sheets
from tests.county_b.score import PLANTED_RULES

MONTH = dt.date(2020, 4, 1)


@pytest.fixture(scope="module")
def counties(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CountyB]:
    root = tmp_path_factory.mktemp("county_b")
    return {layout: generate(root / layout, MONTH, 1, layout) for layout in LAYOUTS}


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() if not p.is_symlink() else f"-> {p.readlink()}"
        for p in sorted(folder.rglob("*"))
        if p.is_symlink() or p.is_file()
    }


def test_deterministic_for_a_seed(tmp_path: Path, counties: dict[str, CountyB]) -> None:
    again = generate(tmp_path / "again", MONTH, 1, "mixed")
    first = counties["mixed"]
    assert again.records.equals(first.records)
    assert again.expected.equals(first.expected)
    a, b = _digests(first.out_dir), _digests(again.out_dir)
    assert a.keys() == b.keys()
    # the shortcut points into its own folder, so only its target's name must agree
    assert {k: v for k, v in a.items() if not v.startswith("->")} == {
        k: v for k, v in b.items() if not v.startswith("->")
    }
    other = generate(tmp_path / "other", MONTH, 2, "mixed")
    assert set(other.expected["id_number"]) != set(first.expected["id_number"])


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_rule_has_answers(counties: dict[str, CountyB], layout: str) -> None:
    counts = dict(counties[layout].expected.group_by("rule").len().iter_rows())
    assert [r for r in PLANTED_RULES if counts.get(r, 0) < 1] == []
    # several of each, except where a rule's answers are one row per household category
    assert all(counts[r] >= 2 for r in PLANTED_RULES)


def test_answers_do_not_depend_on_the_layout(counties: dict[str, CountyB]) -> None:
    def keys(c: CountyB) -> set[tuple[str, str]]:
        return {(r, i) for r, i in c.expected.select("rule", "id_number").iter_rows() if r != "Q3"}

    first = keys(counties[LAYOUTS[0]])
    assert all(keys(c) == first for c in counties.values())


def test_declared_size_rule_removes_only_the_traps(counties: dict[str, CountyB]) -> None:
    c = counties["merged"]
    # without the declared sizes the reference takes the traps for single households
    ref = reference_expected(c.records.drop("declared_size"), MONTH, file_names(MONTH, "merged"))
    dropped = set(ref.filter(pl.col("rule") == "T1")["id_number"]) - set(
        c.expected.filter(pl.col("rule") == "T1")["id_number"]
    )
    traps = set(c.cases.filter(pl.col("case").str.starts_with("T1_trap_declared"))["id_number"])
    assert dropped == traps == declared_not_single(c.records)
    assert len(traps) == 3
    heads = set(c.declared_mismatch["head"])
    assert (
        set(c.records.filter(pl.col("pid").is_in(list(traps)) & (pl.col("kind") == "dibao"))["name"]) <= heads
    )


def test_copies_and_strays(counties: dict[str, CountyB]) -> None:
    c = counties["folder"]
    by_name = {p.name: p for p in c.clutter}
    names = file_names(MONTH, "folder")
    urban, rural = c.out_dir / names["dibao_urban"], c.out_dir / names["dibao_rural"]
    copy = by_name[f"{urban.stem} - 副本{urban.suffix}"]
    assert copy.read_bytes() == urban.read_bytes()
    resaved = by_name[f"{rural.stem}(1){rural.suffix}"]
    assert resaved.read_bytes() != rural.read_bytes()

    # a re-save changes the document properties only: every sheet, cell and merge is the same
    with zipfile.ZipFile(resaved) as a, zipfile.ZipFile(rural) as b:
        assert a.namelist() == b.namelist()
        differ = [n for n in a.namelist() if a.read(n) != b.read(n)]
    assert differ == ["docProps/core.xml"]
    assert by_name[f"~${rural.name}"].stat().st_size < 200
    assert {p.suffix for p in c.clutter} >= {".docx", ".pdf", ".xlsx", ".xls"}
    link = c.out_dir / "快捷方式.xlsx"
    assert link.is_symlink() and not link.exists()
    assert not any(p.name.startswith(("~$", "快捷")) for p in c.files)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_files_open_without_xlrd(counties: dict[str, CountyB], layout: str) -> None:
    for path in counties[layout].files:
        if path.suffix in (".xlsx", ".xls"):
            reader = fastexcel.read_excel(path)
            heights = [reader.load_sheet(i, header_row=None).height for i in range(len(reader.sheet_names))]
            assert heights and min(heights) > 3, path.name
        else:
            data = path.read_bytes()
            text = data.decode("utf-8-sig") if data.startswith(b"\xef\xbb\xbf") else data.decode("gb18030")
            assert pl.read_csv(io.StringIO(text), has_header=False, infer_schema=False).height > 3


def test_merged_ranges_really_exist(counties: dict[str, CountyB]) -> None:
    c = counties["merged"]
    names = file_names(MONTH, "merged")
    dibao = c.records.filter(pl.col("kind") == "dibao")
    multi = dibao.group_by("file", "hh").len().filter(pl.col("len") > 1).group_by("file").len()
    want = dict(multi.iter_rows())
    wb = openpyxl.load_workbook(c.out_dir / names["dibao_rural"])
    # column D is 户编号: one vertical merge per household of more than one row
    vertical = [
        m for ws in wb.worksheets for m in ws.merged_cells.ranges if m.min_col == 4 and m.max_row > m.min_row
    ]
    assert len(vertical) == want["dibao_rural"]
    sheets = xls_sheets(c.out_dir / names["dibao_urban"])
    assert sum(1 for s in sheets for r0, r1, c0, _ in s.merges if c0 == 3 and r1 > r0) == want["dibao_urban"]


def test_gbk_csv_is_gb18030_and_not_utf8(counties: dict[str, CountyB]) -> None:
    seen: set[str] = set()
    for layout, c in counties.items():
        for key, name in file_names(MONTH, layout).items():
            if PLANS[layout][key][0] != "csv-gbk":
                continue
            data = (c.out_dir / name).read_bytes()
            assert "民权县" in data.decode("gb18030")
            with pytest.raises(UnicodeDecodeError):
                data.decode("utf-8")
            seen.add(layout)
    assert seen == set(LAYOUTS)  # a GBK CSV in every layout


@pytest.mark.parametrize("layout", LAYOUTS)
def test_ids_survive_the_mess(counties: dict[str, CountyB], layout: str) -> None:
    """Every ID a file should hold is readable from it after undoing the cosmetic mess; float-damaged
    IDs are number cells (or 4.11421E+17 text); Q1 IDs and Q3 names are written exactly as answered."""
    c = counties[layout]
    shown = (
        pl.when(pl.col("id_status") == "valid")
        .then(pl.col("pid"))
        .otherwise(pl.col("id_text"))
        .alias("shown")
    )
    usable = c.records.filter(pl.col("id_status").is_in(["valid", "valid15", "invalid"])).with_columns(shown)
    universe = set(usable["shown"])
    for key, name in file_names(MONTH, layout).items():
        s = scan(c.out_dir / name)
        subjects = set(usable.filter(pl.col("file") == key)["shown"])
        assert subjects <= s.ids, name
        assert s.ids & universe <= subjects | c.bystanders.get(name, frozenset()), name
        q3 = c.records.filter((pl.col("file") == key) & (pl.col("id_status") == "float_damaged"))
        assert s.floats == q3.height, name
        answers = c.expected.filter(pl.col("source_file") == name)
        assert set(answers.filter(pl.col("rule") == "Q1")["id_number"]) <= s.raw, name
        assert set(answers.filter(pl.col("rule") == "Q3")["name"]) <= s.raw, name


def test_subsidy_type_only_in_title_and_file_name(counties: dict[str, CountyB]) -> None:
    c = counties["merged"]
    names = file_names(MONTH, "merged")
    for key, word in (("subsidy_living", "生活补贴"), ("subsidy_care", "护理补贴")):
        assert word in names[key]
        wb = openpyxl.load_workbook(c.out_dir / names[key])
        for ws in wb.worksheets:
            rows = list(ws.iter_rows(values_only=True))
            assert word in str(rows[0][0])
            header = next(r for r in rows if r[0] == "序号")
            assert {"残疾人证号", "残疾等级"} <= set(header)
            assert not any(h and ("补贴类别" in h or "补贴类型" in h) for h in header)
            assert all(word not in str(v) for r in rows[1:] for v in r if v is not None)


def test_planted_cases_are_answered_as_planted(counties: dict[str, CountyB]) -> None:
    """Each planted case's rules are in the answers and its traps are not (the answers themselves come
    from the reference; this checks that the cases plant what they say). Q3 is keyed by name."""
    c = counties["merged"]
    by_id = set(c.expected.select("rule", "id_number").iter_rows())
    by_name = set(c.expected.select("rule", "name").iter_rows())
    wrong = []
    for case in c.cases.iter_rows(named=True):
        for field, want in (("present", True), ("absent", False)):
            for rule in (case[field] or "").replace(",", " ").split():
                got = (rule, case["name"]) in by_name if rule == "Q3" else (rule, case["id_number"]) in by_id
                if got != want:
                    wrong.append((case["case"], field, rule))
    assert wrong == []


def test_payment_file_and_last_months_roll(counties: dict[str, CountyB]) -> None:
    """P1-P5 and M1 have answers in every layout (scored once recon has them); the payment file holds
    lines of another month and households paid to a member other than the head; last month's roll sits
    in its own folder beside the month's, and the M1 answers cite its files."""
    for layout, c in counties.items():
        counts = dict(c.expected.group_by("rule").len().iter_rows())
        assert [r for r in ("P1", "P2", "P3", "P4", "P5", "M1") if counts.get(r, 0) < 2] == [], layout
        assert c.previous_dir.parent == c.out_dir.parent and all(
            p.parent == c.previous_dir for p in c.previous_files
        )
        m1 = c.expected.filter(pl.col("rule") == "M1")
        assert set(m1["source_file"]) <= {p.name for p in c.previous_files}, layout
        assert [p.name for p in c.previous_files] == list(previous_names(MONTH, layout).values())
    c = counties["merged"]
    pay = c.records.filter(pl.col("kind") == "payment")
    assert pay.filter(pl.col("pay_month") != MONTH).height >= 2
    dibao = c.records.filter(pl.col("kind") == "dibao")
    heads = set(dibao.filter(pl.col("relation") == "户主")["pid"])
    paid_to_member = pay.filter(
        (pl.col("category") == "dibao") & pl.col("pid").is_in(list(set(dibao["pid"].drop_nulls()) - heads))
    )
    assert paid_to_member.height >= 2


def test_household_amount_is_approved_once(counties: dict[str, CountyB]) -> None:
    """County B's dibao amount is the household's (repeated on every member row in the `repeated` shape
    of mixed and blank): the answers give the reference each member's share, so only the planted P3
    households differ; read per member, every household of two or more paid once would be P3."""
    assert "repeated" in PLANS["mixed"]["dibao_rural"][2] and "repeated" in PLANS["blank"]["dibao_urban"][2]
    c = counties["merged"]
    planted = set(c.cases.filter(pl.col("present").str.contains("P3"))["id_number"])
    assert set(c.expected.filter(pl.col("rule") == "P3")["id_number"]) == planted
    names = file_names(MONTH, "merged")
    per_member = reference_expected(c.records, MONTH, names)
    assert per_member.filter(pl.col("rule") == "P3").height > 10 * len(planted)
