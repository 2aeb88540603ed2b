"""Row conservation as a property: whatever mix of good and bad rows a sheet holds, every row read is used,
rejected or skipped (exactly one), and every row not used is listed in 数据质量 with its reason."""

from __future__ import annotations

import tempfile
from pathlib import Path

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recon.load import load_folder
from tests.conftest import make_id, write_xlsx
from tests.robustness.conftest import TODAY

HEADER = ["序号", "姓名", "身份证号", "乡镇", "月保障金", "保障起始年月"]


def _row(kind: str, n: int) -> list[object]:
    pid = make_id(birth=f"19{40 + n % 50:02d}0{1 + n % 9}1{n % 9}", seq=f"{100 + n % 800:03d}")
    return {
        "good": [str(n), f"张{'一二三四五六七八九'[n % 9]}", pid, "阿城镇", "300", "2019-03"],
        "blank": [" ", None, "\u3000", None, None, None],
        "totals": ["合计", None, None, None, "3,000", None],
        "subtotal": [None, "中冯海村小计", None, None, "900", None],
        "no_one": [str(n), None, None, "阿城镇", "300", "2019-03"],
        "bad_id": [str(n), "王五", "3715211950010112", "阿城镇", "300", "2019-03"],
        "float_id": [str(n), "赵六", "3.71521E+17", "阿城镇", "300", "2019-03"],
        "bad_date": [str(n), "钱七", pid, "阿城镇", "300", "去年三月"],
        "bad_amount": [str(n), "孙八", pid, "阿城镇", "三百元", "2019-03"],
        "note": ["制表人：李会计", None, None, None, None, None],
        "repeated_header": HEADER,
    }[kind]


KINDS = [
    "good",
    "blank",
    "totals",
    "subtotal",
    "no_one",
    "bad_id",
    "float_id",
    "bad_date",
    "bad_amount",
    "note",
    "repeated_header",
]
USED = {"good", "bad_id", "float_id", "bad_date", "bad_amount"}
SKIPPED = {"blank", "totals", "subtotal", "note", "repeated_header"}

sheets_strategy = st.lists(
    st.lists(st.sampled_from(KINDS), min_size=0, max_size=25),
    min_size=1,
    max_size=3,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheets=sheets_strategy, title=st.booleans(), as_csv=st.booleans())
def test_every_row_is_used_rejected_or_skipped_and_listed(
    sheets: list[list[str]], title: bool, as_csv: bool
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        layouts: dict[str, list[list[object]]] = {}
        kinds_by_sheet: dict[str | None, list[str]] = {}
        for s, kinds in enumerate(sheets[:1] if as_csv else sheets):
            # a good last row: trailing blank rows hold no cells, so a workbook does not contain them
            kinds = [*kinds, "good"]
            top = [["阳谷县2020年4月农村低保花名册"]] if title else []
            layouts[f"镇{s}"] = [*top, HEADER, *(_row(k, i) for i, k in enumerate(kinds))]
            kinds_by_sheet[None if as_csv else f"镇{s}"] = ["title"] * len(top) + ["header", *kinds]
        if as_csv:
            rows = next(iter(layouts.values()))
            text = "\n".join(",".join("" if v is None else str(v) for v in r) for r in rows)
            (d / "低保花名册.csv").write_text(text + "\n", encoding="utf-8")
        else:
            write_xlsx(d / "低保花名册.xlsx", layouts)
        loaded = load_folder(d, today=TODAY)

        issues = loaded.issues
        assert issues.filter(pl.col("reason").is_null() | (pl.col("reason") == "")).height == 0
        for stats in loaded.stats:
            kinds = kinds_by_sheet[stats.source_sheet]
            assert stats.balanced(), stats
            assert stats.rows_read == len(kinds)
            mine = (pl.col("source_file") == stats.source_file) & (
                pl.col("source_sheet").is_null()
                if stats.source_sheet is None
                else pl.col("source_sheet") == stats.source_sheet
            )
            used = set(loaded.records.filter(mine).get_column("source_row").to_list())
            gone = issues.filter(mine & pl.col("level").is_in(["rejected", "skipped"]))
            gone_rows = gone.get_column("source_row").to_list()
            assert len(gone_rows) == len(set(gone_rows)), "a row listed twice"
            assert len(used) == stats.rows_used
            assert len(gone.filter(pl.col("level") == "rejected")) == stats.rows_rejected
            assert len(gone.filter(pl.col("level") == "skipped")) == stats.rows_skipped
            assert used.isdisjoint(gone_rows)
            assert used | set(gone_rows) == set(range(1, len(kinds) + 1))
            for row, kind in enumerate(kinds, 1):
                if kind in USED:
                    assert row in used, (row, kind)
                elif kind in SKIPPED or kind in ("title", "header"):
                    assert row in gone_rows and row not in used, (row, kind)
                elif kind == "no_one":
                    assert row not in used, (row, kind)
            warned = issues.filter(mine & (pl.col("level") == "warning"))
            for row, kind in enumerate(kinds, 1):
                if kind in ("bad_date", "bad_amount"):
                    code = "bad_date" if kind == "bad_date" else "bad_amount"
                    assert warned.filter((pl.col("source_row") == row) & (pl.col("code") == code)).height == 1
