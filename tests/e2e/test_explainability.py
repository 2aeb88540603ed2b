"""Why were these two records taken for one person? Every fuzzy link answers it in the outputs."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import polars as pl

from recon.pipeline import run_pipeline

ROOT = Path(__file__).resolve().parents[2]


def test_fuzzy_links_are_listed_and_findings_carry_their_basis(tmp_path: Path) -> None:
    outcome = run_pipeline(ROOT / "sample_data", "2020-04", tmp_path / "out")
    links = outcome.result.links
    assert links is not None and links.height > 0
    assert (
        links["basis"]
        .is_in(
            ["id_one_edit+name", "id_one_edit+homophone", "name+birth_date+town", "homophone+birth_date+town"]
        )
        .all()
    )
    assert links["evidence"].str.len_chars().min() > 10

    findings = outcome.result.findings
    fuzzy = findings.filter(pl.col("confidence") < 1)
    assert fuzzy.height > 0
    assert fuzzy["match_basis"].is_in(links["basis"].unique().to_list()).all()

    wb = openpyxl.load_workbook(tmp_path / "out" / "anomalies.xlsx", read_only=True)
    rows = list(wb["数据质量"].iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] and str(r[0]).startswith("四、模糊关联明细"))
    listed = [r for r in rows[start + 2 :] if r[0]]
    assert len(listed) == links.height
    assert all(r[6] and r[8] for r in listed)  # 关联依据 and 说明 on every row
