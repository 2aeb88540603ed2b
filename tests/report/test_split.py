"""--split-by town: one workbook per town with only that town's rows."""

from __future__ import annotations

import openpyxl
import pytest

from recon.contract import NO_TOWN
from recon.errors import ConfigError
from recon.report import write_outputs
from tests.report.conftest import TOWN_A, TOWN_B, TOWN_ODD, findings_rows, make_result


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    return write_outputs(make_result(), tmp_path_factory.mktemp("s") / "out", split_by="town")


def town_cells(path) -> list[str]:
    wb = openpyxl.load_workbook(path)
    out = []
    for ws in wb.worksheets[1:]:
        if ws.title in ("数据质量", "说明"):
            continue
        h = [c.value for c in ws[1]]
        col = h.index("乡镇（街道）")
        out += [r[col] for r in ws.iter_rows(min_row=2, values_only=True) if any(r)]
    return out


def test_one_workbook_per_town_with_safe_names(written):
    assert set(written.town_workbooks) == {TOWN_A, TOWN_B, TOWN_ODD, NO_TOWN}
    names = {p.name for p in written.town_workbooks.values()}
    assert "侨润_街道.xlsx" in names
    assert all(p.parent.name == "按乡镇" and p.is_file() for p in written.town_workbooks.values())


def test_each_town_workbook_holds_only_its_rows(written):
    expected = {
        t: sum(1 for r in findings_rows() if (r["town"] or NO_TOWN) == t) for t in written.town_workbooks
    }
    expected[TOWN_A] += 1  # the exempted row of 阳谷镇 sits on 已豁免
    for town, path in written.town_workbooks.items():
        cells = town_cells(path)
        if town == NO_TOWN:
            assert cells == [None]
        else:
            assert cells and set(cells) == {town}
        assert len(cells) == expected[town]


def test_town_workbook_keeps_structure_without_other_towns_issue_rows(written):
    wb = openpyxl.load_workbook(written.town_workbooks[TOWN_B])
    assert wb.sheetnames[0] == "汇总" and wb.sheetnames[-3:] == ["数据质量", "已豁免", "说明"]
    assert "D1 死亡仍领低保" in wb.sheetnames and "T1 单人低保户符合特困条件" not in wb.sheetnames
    quality = [c for row in wb["数据质量"].iter_rows(values_only=True) for c in row if c]
    assert "身份证号被存成数字" not in quality  # row-level issues carry no town
    title = wb["汇总"]["A1"].value
    assert TOWN_B in title


def test_unknown_split_rejected(tmp_path):
    with pytest.raises(ConfigError):
        write_outputs(make_result(), tmp_path / "o", split_by="village")
    assert not (tmp_path / "o").exists()
