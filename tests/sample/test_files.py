"""The written files: formats, encodings, and the messes read back with polars/fastexcel."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zipfile
from pathlib import Path

import fastexcel
import openpyxl
import polars as pl
import pytest
from click.testing import CliRunner

from recon.cli.sample import command
from recon.sample import GeneratedSample, generate
from recon.sample.ids import check_char, is_valid18
from recon.sample.write import CSV_ENCODING, file_names

MONTH = dt.date(2020, 4, 1)
ID_HEADERS = ("公民身份号码", "身份证号码", "身份证号", "证件号码", "身份证明号码", "享受人员身份证号")


def _file(g: GeneratedSample, stem: str) -> Path:
    (path,) = [f for f in g.files if stem in f.name]
    return path


def _cells(path: Path) -> pl.DataFrame:
    """Every sheet as text with no header, stacked."""
    frames = [
        pl.read_excel(path, sheet_name=s, has_header=False, infer_schema_length=0).with_columns(
            pl.lit(s).alias("_sheet")
        )
        for s in fastexcel.read_excel(path).sheet_names
    ]
    return pl.concat(frames, how="diagonal")


def _all_text(g: GeneratedSample) -> str:
    parts = []
    for f in g.files:
        if f.suffix in (".xlsx", ".xls"):
            df = _cells(f)
            parts += [str(v) for col in df.columns for v in df[col].to_list() if v is not None]
        else:
            raw = f.read_bytes()
            key = next(k for k, n in file_names(MONTH, "mixed").items() if n == f.name)
            parts.append(raw.decode("gb18030" if CSV_ENCODING[key] == "gbk" else "utf-8-sig"))
    return "\n".join(parts)


def test_every_file_format_is_present(mixed: GeneratedSample) -> None:
    by_ext = {f.suffix for f in mixed.files}
    assert by_ext == {".xlsx", ".xls", ".csv"}
    xls = _file(mixed, "城市低保")
    assert xls.read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1")  # legacy OLE workbook
    assert zipfile.is_zipfile(_file(mixed, "农村低保"))


def test_csv_encodings(mixed: GeneratedSample) -> None:
    gbk = _file(mixed, "特困人员名册").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        gbk.decode("utf-8")
    assert "姓名" in gbk.decode("gb18030")
    assert _file(mixed, "护理补贴").read_bytes().startswith(b"\xef\xbb\xbf")
    crem = _file(mixed, "火化记录").read_bytes()
    assert not crem.startswith(b"\xef\xbb\xbf")
    assert crem.decode("utf-8").startswith("姓名,")


def test_workbook_holds_numeric_id_cells_that_are_the_q3_rows(mixed: GeneratedSample) -> None:
    q3_names = set(mixed.expected.filter(pl.col("rule") == "Q3")["name"])
    numeric_names = set()
    for stem in ("农村低保", "残疾人证", "防返贫"):
        wb = openpyxl.load_workbook(_file(mixed, stem), read_only=True)
        for ws in wb.worksheets:
            rows = list(ws.iter_rows(values_only=True))
            header = next(i for i, row in enumerate(rows) if "姓名" in row or "成员姓名" in row)
            id_col = next(c for c, v in enumerate(rows[header]) if v in ID_HEADERS)
            name_col = next(c for c, v in enumerate(rows[header]) if v in ("成员姓名", "姓名"))
            numeric_names |= {r[name_col] for r in rows[header + 1 :] if isinstance(r[id_col], float)}
        wb.close()
    assert numeric_names
    assert numeric_names <= q3_names


def test_no_formulas_in_workbooks(mixed: GeneratedSample) -> None:
    for f in mixed.files:
        if f.suffix == ".xlsx":
            with zipfile.ZipFile(f) as z:
                for n in z.namelist():
                    if n.startswith("xl/worksheets/"):
                        assert b"<f>" not in z.read(n), (f.name, n)


def test_layout_messes_read_back(mixed: GeneratedSample) -> None:
    rural = _cells(_file(mixed, "农村低保"))
    col0 = rural["column_0"].to_list()
    assert any(v and v.startswith("阳谷县2020年4月农村低保花名册") for v in col0)
    assert "合计" in col0
    flat = [str(v) for c in rural.columns for v in rural[c].to_list() if v is not None]
    assert "户主信息" in flat and "成员信息" in flat  # the merged upper header
    assert any(v.endswith("小计") for v in flat)
    wb = openpyxl.load_workbook(_file(mixed, "农村低保"), read_only=True)
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    last_total = max(i for i, r in enumerate(rows) if r[0] == "合计")
    assert any(all(v is None for v in r) for r in rows[3:last_total])  # blank rows between data rows
    # 保障起始年月: serial numbers on some sheets, date cells on others, text months on others
    starts = set(flat)
    assert any(re.fullmatch(r"4\d{4}", v) for v in starts)
    assert any(re.fullmatch(r"20\d\d-\d\d", v) for v in starts)
    assert any(re.fullmatch(r"20\d\d年\d+月", v) for v in starts)
    assert any(re.fullmatch(r"20\d\d-\d\d-\d\d 00:00:00", v) for v in starts)


def test_cell_messes_read_back(mixed: GeneratedSample) -> None:
    text = _all_text(mixed)
    assert re.search(r"\d{17}x", text)  # lowercase x
    assert re.search("[０-９]{18}|[０-９]{17}Ｘ", text)  # full-width digits
    assert re.search(r"'\d{17}[\dX]", text)  # apostrophe prefix
    assert re.search("\u200b", text)  # zero-width space
    assert re.search(r"\d{17}[\dX]\t", text)  # trailing tab
    assert re.search(r"\d{6} \d{11}", text)  # space inside
    assert re.search(r"(?<![\d.])\d{15}(?![\d.])", text)  # 15-digit legacy numbers
    assert "3.71521E+17" in text or re.search(r"\d\.\d{5}E\+17", text)
    assert re.search(r"\d{15}000", text)
    assert re.search("[\u4e00-\u9fff] [\u4e00-\u9fff]", text)  # name with an inner space
    assert re.search("[\u4e00-\u9fff]\u3000[\u4e00-\u9fff]", text)  # full-width space
    assert "劉國華" in text
    assert any(d in text for d in ("•", "・")) and re.search("[\u4e00-\u9fff]\\.[\u4e00-\u9fff]", text)
    assert re.search(r"\d元", text) and re.search(r"\d,\d{3}\.\d\d", text)
    for pattern in (
        r"20\d\d-\d\d-\d\d",
        r"20\d\d/\d{1,2}/\d{1,2}",
        r"20\d\d\.\d{1,2}\.\d{1,2}",
        r"20\d\d[01]\d[0-3]\d",
        r"20\d\d年\d{1,2}月\d{1,2}日",
    ):
        assert re.search(pattern, _file(mixed, "火化记录").read_text("utf-8")), pattern


def _clean_id(v: str) -> str:
    s = unicodedata.normalize("NFKC", v)
    s = "".join(c for c in s if unicodedata.category(c) != "Cf")
    s = re.sub(r"[\s']", "", s).upper()
    if re.fullmatch(r"\d{15}", s):
        body = s[:6] + "19" + s[6:]
        s = body + check_char(body)
    return s


def test_cosmetic_messes_do_not_change_who_is_who(plain_csv: GeneratedSample) -> None:
    """Undoing the cosmetic damage gives back exactly the clean usable IDs of each file."""
    recs = plain_csv.records.filter(pl.col("id_status").is_in(["valid", "valid15"]))
    for f in plain_csv.files:
        df = pl.read_csv(f, infer_schema=False)
        col = next(c for c in df.columns if c in ID_HEADERS)
        got = {_clean_id(v) for v in df[col].drop_nulls().to_list()}
        planted_invalid = set(plain_csv.records.filter(pl.col("id_status") == "invalid")["id_text"])
        got = {v for v in got if is_valid18(v)} - planted_invalid
        key = next(k for k, n in file_names(MONTH, "csv").items() if n == f.name)
        want = set(recs.filter(pl.col("file") == key)["pid"])
        assert got == want, f.name


def test_plain_formats_hold_every_record(plain_csv: GeneratedSample, tmp_path: Path) -> None:
    total = sum(pl.read_csv(f, infer_schema=False).height for f in plain_csv.files)
    assert total == plain_csv.data_rows
    assert plain_csv.skipped_messes
    pq = generate(tmp_path, seed=5, scale=0.3, formats="parquet")
    assert sum(pl.read_parquet(f).height for f in pq.files) == pq.data_rows
    assert pq.expected.equals(
        plain_csv.expected.with_columns(pl.col("source_file").str.replace(r"\.csv$", ".parquet"))
    )


def test_cli_writes_and_reports(tmp_path: Path) -> None:
    res = CliRunner().invoke(
        command, ["--out", str(tmp_path / "s"), "--scale", "0.1", "--format", "csv", "--month", "2021-07"]
    )
    assert res.exit_code == 0, res.output
    assert "2021年7月农村低保花名册.csv" in res.output
    assert (tmp_path / "s" / "_answers" / "expected.csv").exists()
    bad = CliRunner().invoke(command, ["--out", str(tmp_path / "t"), "--month", "2021-13"])
    assert bad.exit_code == 2
