"""--mask: no full ID number or name survives in any byte of any output file."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from recon.report import mask_frame, mask_id, mask_name, write_outputs
from tests.report.conftest import ID_A, ID_SHORT, IDS, NAMES, make_result


def test_mask_id_keeps_region_and_tail():
    assert mask_id("37152119500101123X") == "371521********123X"
    # a legacy 15-digit number hides its whole YYMMDD birth date too
    assert mask_id("371521500101123") == "371521******123"
    assert mask_id("3715211950") == "37******50"
    assert mask_id("12345") == "*****"
    assert mask_id(None) is None


def test_mask_name():
    assert [mask_name(n) for n in ("张三丰", "张三", "张", "欧阳娜娜", "")] == [
        "张*丰",
        "张*",
        "*",
        "欧*娜",
        "",
    ]


def test_vectorised_masks_agree_with_scalar():
    values = ["37152119500101123X", "371521500101123", "3715211950", "12345", "ab", None]
    df = pl.DataFrame({"id_number": values, "name": ["张三丰", "张三", "张", "欧阳娜娜", "", None]})
    masked = mask_frame(df)
    assert masked["id_number"].to_list() == [mask_id(v) for v in values]
    assert masked["name"].to_list() == [mask_name(v) for v in df["name"].to_list()]


def test_free_text_scrubbed_of_ids_and_known_names():
    df = pl.DataFrame(
        {
            "name": ["张三丰", "张三"],
            "evidence": [f"张三丰与张三（{ID_A}）同户；证号{ID_A}42", "另见 3715211950"],
            "id_number": [ID_A, ID_SHORT],
        }
    )
    ev = mask_frame(df)["evidence"].to_list()
    assert ev[0] == "张*丰与张*（371521********1234）同户；证号371521********123442"
    assert ev[1] == "另见 37******50"


def all_bytes(root: Path) -> list[tuple[str, bytes]]:
    out = []
    for p in root.rglob("*"):
        if p.is_file():
            out.append((str(p), p.read_bytes()))
            if p.suffix == ".xlsx":
                with zipfile.ZipFile(p) as z:
                    out += [(f"{p}!{n}", z.read(n)) for n in z.namelist()]
    return out


@pytest.fixture(scope="module")
def masked_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("m") / "out"
    write_outputs(make_result(), out, mask=True, split_by="town")
    return out


def test_no_full_id_or_name_anywhere(masked_out):
    blobs = all_bytes(masked_out)
    assert any("按乡镇" in n for n, _ in blobs)
    for value in [*IDS, *NAMES]:
        needle = value.encode()
        leaks = [n for n, b in blobs if needle in b]
        assert not leaks, (value, leaks)


def test_unmasked_outputs_do_hold_them(tmp_path):
    # guards the scan above: it would find the values if they were there
    write_outputs(make_result(), tmp_path / "o")
    blobs = b"".join(b for _, b in all_bytes(tmp_path / "o"))
    assert all(v.encode() in blobs for v in [*IDS, *NAMES])


def test_masked_workbook_shows_masked_forms(masked_out):
    wb = openpyxl.load_workbook(masked_out / "anomalies.xlsx")
    ws = wb["D1 死亡仍领低保"]
    cells = {c for row in ws.iter_rows(values_only=True) for c in row}
    assert {"371521********1234", "张*丰"} <= cells
    about = [c for row in wb["说明"].iter_rows(values_only=True) for c in row if c]
    assert any("脱敏" in str(c) for c in about)
