"""anomalies.csv, summary.json, manifest.json."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections import Counter

import pytest

from recon.contract import NO_TOWN
from recon.model import CONTRACT_COLUMNS
from recon.report import write_outputs
from tests.report.conftest import FORMULA_NAME, TOWN_A, TOWN_B, findings_rows, make_result


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    return write_outputs(make_result(), tmp_path_factory.mktemp("f") / "out", split_by="town")


def read_csv(path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def test_csv_bom_contract_columns_and_rows(written):
    raw = written.csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = raw.decode("utf-8-sig").splitlines()[0].split(",")
    assert tuple(header[: len(CONTRACT_COLUMNS)]) == CONTRACT_COLUMNS
    assert {"key", "death_date", "related"} <= set(header)
    rows = read_csv(written.csv)
    assert len(rows) == len(findings_rows())


def test_csv_neutralises_formulas_but_not_numbers(written):
    rows = read_csv(written.csv)
    by_name = {r["name"]: r for r in rows}
    assert by_name["'" + FORMULA_NAME]["rule"] == "T1"
    assert by_name["李秀英"]["evidence"].startswith("'=1+1")
    assert by_name["'" + FORMULA_NAME]["evidence"] == "'-2 单人户"
    assert float(by_name["李秀英"]["monthly_amount"]) == -50.0  # a negative amount stays a number
    assert by_name["张三丰"]["death_date"] == "2020-01-15"
    assert not [v for r in rows for v in r.values() if v and v[0] in "=+-@\t\r" and not _number(v)]


def _number(v: str) -> bool:
    try:
        float(v)
    except ValueError:
        return False
    return True


def test_summary_counts(written):
    s = json.loads(written.summary.read_text(encoding="utf-8"))
    rows = findings_rows()
    assert s["month"] == "2020-04" and s["version"] == "0.1.0"
    assert s["total_findings"] == len(rows)
    assert s["by_rule"] == {"D1": 2, "D2": 0, "T1": 2, "S3": 1, "Q1": 1}
    towns = Counter(r["town"] or NO_TOWN for r in rows)
    assert s["by_town"] == dict(sorted(towns.items()))
    assert s["by_rule_town"]["D1"] == {TOWN_A: 1, TOWN_B: 1}
    assert s["overpaid_total"] == pytest.approx(sum(r.get("overpaid_amount") or 0 for r in rows))
    assert s["issues"] == {"rejected": 1, "skipped": 3, "warning": 1}
    assert s["sources"][0]["rows_read"] == 60 and s["sources"][0]["warnings"] == 1
    assert s["skipped_rules"] == [{"rule": "C1", "reason": "缺少扶贫监测数据"}]
    assert "阳谷镇" in written.summary.read_text(encoding="utf-8")  # not \u escaped


def test_summary_is_stable(tmp_path):
    a = write_outputs(make_result(), tmp_path / "a")
    b = write_outputs(make_result(), tmp_path / "b")
    assert a.summary.read_bytes() == b.summary.read_bytes()


def test_manifest_hashes_outputs_and_lists_inputs(written):
    m = json.loads(written.manifest.read_text(encoding="utf-8"))
    assert m["version"] == "0.1.0" and m["config"]["policy"]["minor_age"] == 16
    assert m["started"] == "2020-04-02T09:00:00"
    inp = {i["path"]: i for i in m["inputs"]}
    assert inp["低保.xlsx"]["sha256"] == "a" * 64 and inp["低保.xlsx"]["size"] == 12345
    assert inp["低保.xlsx"]["sources"][0]["rows_used"] == 55
    outs = {o["path"]: o for o in m["outputs"]}
    assert {"anomalies.xlsx", "anomalies.csv", "summary.json"} <= set(outs)
    assert len([p for p in outs if p.startswith("按乡镇/")]) == len(written.town_workbooks)
    for rel, o in outs.items():
        data = (written.out_dir / rel).read_bytes()
        assert o["sha256"] == hashlib.sha256(data).hexdigest() and o["size"] == len(data)
