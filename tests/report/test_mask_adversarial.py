"""`--mask` against a reader who combines what a row prints: no ID number of the inputs can be rebuilt
from any row of any output (CSV rows, workbook rows of every sheet and town workbook, JSON objects), on
the sample county and on county B; and no phone number, account number or folder path is left whole."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest

from recon.load import load_folder
from recon.pipeline import bundled_sample_dir, run_pipeline
from tests.county_b.generate import generate
from tests.report.rebuild import output_rows, rebuilt_ids, rebuilt_in_row

MONTH = dt.date(2020, 4, 1)


def _input_ids(folder: Path) -> set[str]:
    records = load_folder(folder).records
    return {x for c in ("id_number", "head_id") for x in records[c].drop_nulls().to_list()}


@pytest.fixture(scope="module")
def counties(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """name -> (input folder, masked output folder)."""
    base = tmp_path_factory.mktemp("adversary")
    county_b = generate(base / "county_b", MONTH, 1, "mixed").out_dir
    out: dict[str, tuple[Path, Path]] = {}
    for name, folder in (("sample", bundled_sample_dir()), ("county_b", county_b)):
        masked = base / f"{name}-masked"
        run_pipeline(folder, MONTH, masked, mask=True, split_by="town")
        out[name] = (folder, masked)
    return out


def test_the_adversary_rebuilds_ids_from_an_unmasked_birth_date() -> None:
    # guards the check below: a masked ID beside its birth date, in any spelling, is rebuilt
    idn = "371521195512161234"
    for spelling in ("1955-12-16", "1955年12月16日", "19551216", "1955/12/16"):
        assert rebuilt_in_row(["371521********1234", f"（{spelling} 出生）"], {idn}) == {idn}
    assert rebuilt_in_row(["371521********1234", "年满 64 岁"], {idn}) == set()


@pytest.mark.parametrize("name", ["sample", "county_b"])
def test_no_id_can_be_rebuilt_from_any_row_of_any_output(
    counties: dict[str, tuple[Path, Path]], name: str
) -> None:
    folder, masked = counties[name]
    inputs = _input_ids(folder)
    assert len(inputs) > 1000
    assert rebuilt_ids(masked, inputs) == {}
    # and the workbooks sent to the towns are among the outputs read
    assert any(p.parent.name == "按乡镇" for p in masked.rglob("*.xlsx"))


def test_paths_phones_and_accounts_are_cut_to_what_a_posting_may_show(tmp_path: Path) -> None:
    folder = tmp_path / "张三的名册" / "2020-04"
    folder.mkdir(parents=True)
    idn = "371521195001011234"
    (folder / "低保.csv").write_text(
        "户主姓名,户主身份证号,成员姓名,身份证号,与户主关系,备注\n"
        f"王五,{idn},王五,{idn},户主,联系电话 13812345678 银行卡 6222021234567890123\n"
        ",,,,,\n"
        "联系人：李四 0635-6211234,,,,,\n",
        encoding="utf-8",
    )
    out = tmp_path / "公示"
    run_pipeline(folder, MONTH, out, mask=True)
    text = "\n".join(" ".join(cells) for _, cells in output_rows(out))
    for needle in ("张三的名册", "13812345678", "6222021234567890123", "6211234", idn):
        assert needle not in text, needle
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["arguments"]["input_dir"] == "2020-04"
    quality = pl.read_csv(out / "data_quality.csv", infer_schema=False)
    assert not quality["value"].drop_nulls().str.contains("13812345678").any()


def test_no_account_number_of_the_payment_file_is_left_whole(counties: dict[str, tuple[Path, Path]]) -> None:
    folder, masked = counties["sample"]
    accounts = set(load_folder(folder).records["account_no"].drop_nulls().to_list())
    assert len(accounts) > 500
    # every cell of every row of every output (CSV, workbooks, JSON); and no roll snapshot at all
    text = "\n".join(" ".join(cells) for _, cells in output_rows(masked))
    assert [a for a in accounts if a in text] == []
    assert not list(masked.rglob("roll_snapshot.parquet"))
