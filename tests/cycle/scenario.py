"""Three generated county months, edited the way the bureau and the towns edit them."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import polars as pl

from recon.contract import DEADLINE_HEADER, KEY_HEADER, NOTE_HEADER, VERIFY_HEADER
from recon.cycle import apply_cycle
from recon.pipeline import run_pipeline
from recon.report import write_outputs
from recon.result import RunResult
from recon.sample import generate
from tests.conftest import with_check

M1, M2, M3 = dt.date(2020, 4, 1), dt.date(2020, 5, 1), dt.date(2020, 6, 1)
TEKUN_CSV = "特困人员名册.csv"


def run_month(
    inp: Path, month: dt.date, out: Path, previous: Path | None, reviewed: list[Path], **kw
) -> RunResult:
    outcome = run_pipeline(inp, month, None, **kw)
    result = apply_cycle(outcome.result, previous, reviewed)
    write_outputs(result, out)
    return result


def edit_csv_line(path: Path, line_no: int, name: str, edit) -> None:
    raw = path.read_bytes()
    enc = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "gb18030"
    lines = raw.decode(enc).split("\n")
    assert name in lines[line_no - 1].replace(" ", ""), (line_no, lines[line_no - 1])
    lines[line_no - 1] = edit(lines[line_no - 1])
    path.write_bytes("\n".join(lines).encode(enc))


def header_index(ws, header: str, header_row: int = 1) -> int:
    for cell in ws[header_row]:
        if cell.value == header:
            return cell.column
    raise AssertionError(f"{header} not on {ws.title}")


def sheet_of(wb, rule: str):
    return next(ws for ws in wb.worksheets if ws.title.startswith(rule + " "))


def set_ledger(ws, key: str, values: dict[str, object]) -> None:
    kcol = header_index(ws, KEY_HEADER)
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, kcol).value == key)
    for header, v in values.items():
        ws.cell(row, header_index(ws, header)).value = v


@dataclass
class Scenario:
    m1: RunResult
    m2: RunResult
    m3: RunResult
    out1: Path
    out2: Path
    out3: Path
    picks: dict[str, dict]  # role -> month-1 finding row


def build(base: Path) -> Scenario:
    g = generate(base / "in1", month=M1, seed=5, scale=0.12)
    # the cycle copies April's files into May and June; April's 一本通 lines would be other months' lines
    # there (every household then unpaid), so the scenario runs without the payment file
    for f in g.files:
        if "一本通" in f.name:
            f.unlink()
    out1 = base / "out1"
    m1 = run_month(g.out_dir, M1, out1, None, [])
    f1 = m1.findings
    rows = {
        r: f1.filter(pl.col("rule") == r).sort("key").to_dicts()
        for r in ("D1", "D2", "Q1", "T1", "S2", "S4", "X2")
    }
    tekun_q1 = [r for r in rows["Q1"] if r["source_file"] == TEKUN_CSV]
    picks = {
        "left": rows["D2"][0],
        "corrected": tekun_q1[0],
        "exempt": rows["T1"][0],
        "untrue": rows["D1"][0],
        "untrue_no_reason": rows["D1"][1],
        "fix_may": rows["S2"][0],
        "fix_april": rows["S4"][0],
        "fix_vague": rows["X2"][0],
    }

    # month 2: the data changes
    in2 = base / "in2"
    shutil.copytree(g.out_dir, in2, ignore=shutil.ignore_patterns("_answers"))
    left, corrected = picks["left"], picks["corrected"]
    edit_csv_line(in2 / TEKUN_CSV, left["source_row"], left["name"], lambda line: "," * line.count(","))
    new_id = with_check(corrected["id_number"][:6] + "19640505099")
    edit_csv_line(
        in2 / TEKUN_CSV,
        corrected["source_row"],
        corrected["name"],
        lambda line: ",".join([*line.split(",")[:2], new_id, *line.split(",")[3:]]),
    )
    exemptions = base / "exemptions.csv"
    exemptions.write_text(
        f"身份证号,规则,原因\n{picks['exempt']['id_number']},T1,本人签订协议自愿继续享受低保\n", "utf-8"
    )

    # month 1's workbook as a town returns it: ledger filled, then columns, rows and sheets moved about
    wb = openpyxl.load_workbook(out1 / "anomalies.xlsx")
    d1, s2, s4, x2 = (sheet_of(wb, r) for r in ("D1", "S2", "S4", "X2"))
    set_ledger(
        d1,
        picks["untrue"]["key"],
        {VERIFY_HEADER: "不属实", NOTE_HEADER: "经入户核实本人健在，火化记录身份证号录错"},
    )
    set_ledger(d1, picks["untrue_no_reason"]["key"], {VERIFY_HEADER: "不属实"})
    set_ledger(
        s2, picks["fix_may"]["key"], {VERIFY_HEADER: "属实", DEADLINE_HEADER: dt.datetime(2020, 5, 31)}
    )
    set_ledger(s4, picks["fix_april"]["key"], {VERIFY_HEADER: "属实", DEADLINE_HEADER: "2020年4月20日"})
    set_ledger(x2, picks["fix_vague"]["key"], {VERIFY_HEADER: "属实", DEADLINE_HEADER: "5月底"})
    d1.insert_cols(1)
    d1.insert_rows(1, 3)
    d1["A1"] = "七级镇核实情况（2020年5月8日）"
    d1.title = "死亡名单核实"
    values = [[c.value for c in row] for row in s2.iter_rows(min_row=2)]
    for i, row in enumerate(reversed(values), start=2):
        for j, v in enumerate(row, start=1):
            s2.cell(i, j).value = v
    s4.delete_cols(header_index(s4, KEY_HEADER))
    wb.create_sheet("我的笔记")["A1"] = "下周再去一次"
    reviewed1 = base / "reviewed1.xlsx"
    wb.save(reviewed1)
    out2 = base / "out2"
    m2 = run_month(in2, M2, out2, out1, [reviewed1], exemptions=exemptions)

    # month 3: the tekun roll is not provided; month 2's workbook comes back as it was sent out
    in3 = base / "in3"
    shutil.copytree(in2, in3)
    (in3 / TEKUN_CSV).unlink()
    out3 = base / "out3"
    m3 = run_month(in3, M3, out3, out2, [out2 / "anomalies.xlsx"], exemptions=exemptions)
    return Scenario(m1, m2, m3, out1, out2, out3, picks)
