"""Lay the (messed) records out as the files a county office really receives."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import polars as pl

from recon.sample import mess, write_lists
from recon.sample.layout import Table, write_csv, write_parquet, write_xls, write_xlsx
from recon.sample.people import RURAL_TOWNS, TOWNS

# logical file -> (stem, mixed-format extension, encoding for CSV)
MIXED: dict[str, tuple[str, str]] = {
    "dibao_rural": ("{y}年{m}月农村低保花名册", "xlsx"),
    "dibao_urban": ("城市低保", "xls"),
    "tekun": ("特困人员名册", "csv"),
    "disability": ("残疾人证持证人员", "xlsx"),
    "subsidy_all": ("两项补贴发放明细", "xlsx"),
    "subsidy_care": ("护理补贴", "csv"),
    "cremation": ("火化记录", "csv"),
    "poverty": ("防返贫监测对象", "xlsx"),
    "death": ("公安户籍注销人员名单", "xlsx"),
    "public_employee": ("财政供养人员名单", "csv"),
    "vehicle": ("机动车登记信息", "xls"),
    "business": ("市场主体登记信息", "xlsx"),
    "property": ("不动产登记信息", "csv"),
    "pension": ("养老金发放名单", "xlsx"),
    "cadre": ("村干部及经办人员名单", "xlsx"),
    "filing": ("近亲属备案表", "xlsx"),
    "payment": ("惠民一本通发放明细", "xlsx"),
    "child_welfare": ("孤儿和事实无人抚养儿童名册", "csv"),
}
CSV_ENCODING = {
    "tekun": "gbk",
    "subsidy_care": "utf-8-sig",
    "cremation": "utf-8",
    "public_employee": "gbk",
    "property": "utf-8-sig",
    "child_welfare": "utf-8",
}
FORMATS = ("mixed", "csv", "parquet")
# what the plain formats cannot hold (said in the README and the CLI's output)
SKIPPED_IN_PLAIN = (
    "标题行、两行合并表头、空行、小计/合计行",
    "数值型身份证号单元格（改写为 3.71521E+17 文本）",
    "Excel 日期单元格和日期序列号（改写为文本日期）",
    "GBK 编码、UTF-8 BOM、.xls 旧格式（一律 UTF-8）",
    "每个乡镇一个工作表（合并为一个文件）",
)

TYPE_ZH = {1: "视力", 2: "听力", 3: "言语", 4: "肢体", 5: "智力", 6: "精神", 7: "多重"}
GRADE_ZH = {
    1: ("一级", "1级", "1"),
    2: ("二级", "2级", "二"),
    3: ("三级", "3级", "3"),
    4: ("四级", "4级", "4"),
}


def file_names(month: dt.date, formats: str) -> dict[str, str]:
    out = {}
    for key, (stem, ext) in MIXED.items():
        stem = stem.format(y=month.year, m=month.month)
        out[key] = f"{stem}.{ext if formats == 'mixed' else formats}"
    return out


class Writer:
    def __init__(
        self, records: pl.DataFrame, month: dt.date, out_dir: Path, formats: str, rng: np.random.Generator
    ) -> None:
        self.r, self.month, self.out, self.formats, self.rng = records, month, out_dir, formats, rng
        self.names = file_names(month, formats)
        self.workbook = formats == "mixed"

    # --- shared column helpers ----------------------------------------------------------------------
    def part(self, file: str) -> pl.DataFrame:
        df = self.r.filter(pl.col("file") == file)
        order = {t: i for i, t in enumerate(TOWNS)}
        return (
            df.with_columns(_t=pl.col("town").replace_strict(order, return_dtype=pl.Int64))
            .sort("_t", "village", "hh", pl.col("relation") != "户主", "rec", nulls_last=True)
            .drop("_t")
        )

    def ids(self, df: pl.DataFrame, gbk: bool = False) -> list[object]:
        texts = mess.id_texts(df["id_text"], df["id_status"], self.rng, gbk=gbk)
        return mess.id_cells(texts, df["id_status"], workbook=self.workbook)

    def names_(self, df: pl.DataFrame, col: str = "name", gbk: bool = False) -> list[object]:
        protect = df["id_status"].is_in(["float_damaged", "invalid", "missing"])
        return mess.name_texts(df[col], self.rng, gbk=gbk, protect=protect).to_list()

    def head_ids(self, df: pl.DataFrame) -> list[object]:
        status = pl.Series(["valid"] * df.height)
        texts = mess.id_texts(df["head_pid"], status, self.rng, share=0.01)
        return mess.id_cells(texts, status, workbook=self.workbook)

    def amounts(self, s: pl.Series, *, blank: bool = True) -> list[object]:
        return mess.amount_cells(s, self.rng, numeric=self.workbook, blank=blank)

    def blank_rows(self, n: int, share: float = 0.01) -> frozenset[int]:
        k = max(1, round(n * share))
        return frozenset(int(i) for i in self.rng.choice(max(n, 1), size=min(k, n), replace=False))

    # --- files --------------------------------------------------------------------------------------
    def dibao(self, file: str) -> list[tuple[str, Table]]:
        df = self.part(file)
        size = df.select(pl.col("pid").fill_null(pl.col("rec").cast(pl.String)).n_unique().over("hh"))
        df = df.with_columns(_size=size.to_series())
        urban = file == "dibao_urban"
        m = self.month
        sheets: list[tuple[str, Table]] = []
        towns = ["城市低保"] if urban else [t for t in RURAL_TOWNS if t in set(df["town"].to_list())]
        for i, town in enumerate(towns):
            part = df if urban else df.filter(pl.col("town") == town)
            n = part.height
            style = i % 4
            start = part["start_month"].to_list()
            if urban:
                starts: list[object] = [f"{d:%Y.%m}" if d else None for d in start]
            elif style == 0:
                starts = start
            elif style == 1:
                starts = [mess.excel_serial(d) if d else None for d in start]
            elif style == 2:
                starts = [f"{d:%Y-%m}" if d else None for d in start]
            else:
                starts = [f"{d.year}年{d.month}月" if d else None for d in start]
            if urban:
                headers = [
                    "序号",
                    "低保证号",
                    "户主姓名",
                    "户主身份证号码",
                    "姓名",
                    "身份证号码",
                    "与户主的关系",
                    "家庭人口数",
                    "保障金额",
                    "乡镇",
                    "社区",
                    "城乡类别",
                    "保障起始年月",
                ]
                groups: tuple[tuple[str, int, int], ...] = ()
            else:
                headers = [
                    "序号",
                    "户主姓名",
                    "户主身份证号",
                    "成员姓名",
                    "公民身份号码",
                    "与户主关系",
                    "保障人数",
                    "月保障金",
                    "乡镇（街道）",
                    "村（居）",
                    "城乡类别",
                    "保障起始年月",
                ]
                groups = (("户主信息", 1, 2), ("成员信息", 3, 4)) if i % 3 == 0 else ()
            # the same cells in both layouts (drawn in this order: the mess is random); urban rolls
            # also carry the household's certificate number (低保证号) after 序号
            cols: list[Sequence[object]] = [
                list(range(1, n + 1)),
                self.names_(part, "head_name"),
                self.head_ids(part),
                self.names_(part),
                self.ids(part),
                part["relation"].to_list(),
                part["_size"].cast(pl.Float64).to_list(),
                self.amounts(part["amount"], blank=False),
                part["town"].to_list(),
                part["village"].to_list(),
                part["area_type"].to_list(),
                starts,
            ]
            if urban:
                cols.insert(1, part["household_id"].to_list())
            amount_col = headers.index("月保障金" if not urban else "保障金额")
            total: list[object] = [None] * len(headers)
            total[0] = "合计"
            total[amount_col] = f"{part['amount'].sum():,.2f}"
            total[amount_col + (-1)] = float(n)
            subtotals: dict[int, list[object]] = {}
            if not urban and i % 5 == 1:
                villages = part["village"].to_list()
                amounts = part["amount"].to_list()
                acc = 0.0
                for j, v in enumerate(villages):
                    acc += amounts[j] or 0.0
                    if j == n - 1 or villages[j + 1] != v:
                        row: list[object] = [None] * len(headers)
                        row[1] = f"{v}小计"
                        row[amount_col] = acc
                        subtotals[j] = row
                        acc = 0.0
            title = (f"阳谷县{m.year}年{m.month}月{'城市' if urban else '农村'}低保花名册",) + (
                () if urban else (f"填报单位：{town}人民政府        填报日期：{m.year}年{m.month}月5日",)
            )
            t = Table(
                headers,
                cols,
                title=title,
                groups=groups,
                blank_after=self.blank_rows(n),
                subtotals=subtotals,
                total=total,
                date_format="yyyy年m月" if style == 0 else "yyyy-mm-dd",
            )
            sheets.append((town, t))
        return sheets

    def tekun(self) -> Table:
        df = self.part("tekun")
        n = df.height
        mode = df["support_mode"].to_list()
        short = self.rng.random(n) < 0.3
        mode = [m[:2] if s and m else m for m, s in zip(mode, short, strict=True)]
        headers = ["序号", "姓名", "身份证号", "供养方式", "自理能力", "月供养金", "乡镇", "村"]
        cols: list[Sequence[object]] = [
            list(range(1, n + 1)),
            self.names_(df, gbk=True),
            self.ids(df, gbk=True),
            mode,
            df["self_care"].to_list(),
            self.amounts(df["amount"], blank=False),
            df["town"].to_list(),
            df["village"].to_list(),
        ]
        m = self.month
        return Table(headers, cols, title=(f"阳谷县特困人员救助供养名册（{m.year}年{m.month}月）",))

    def disability(self) -> Table:
        df = self.part("disability")
        n = df.height
        rng = self.rng
        suffix = rng.random(n) < 0.5
        types = [
            None if t is None else TYPE_ZH[t] + ("残疾" if s else "")
            for t, s in zip(df["dis_type"].to_list(), suffix, strict=True)
        ]
        pick = rng.integers(0, 3, size=n)
        grades = [
            None if g is None else GRADE_ZH[g][k]
            for g, k in zip(df["dis_grade"].to_list(), pick, strict=True)
        ]
        headers = ["序号", "姓名", "身份证号码", "残疾人证号", "残疾类别", "残疾等级", "乡镇", "村"]
        cols: list[Sequence[object]] = [
            list(range(1, n + 1)),
            self.names_(df),
            self.ids(df),
            df["cert_number"].to_list(),
            types,
            grades,
            df["town"].to_list(),
            df["village"].to_list(),
        ]
        m = self.month
        last = m - dt.timedelta(days=1)
        return Table(
            headers,
            cols,
            title=(f"阳谷县残疾人证持证人员名单（截至{last.year}年{last.month}月{last.day}日）",),
            blank_after=self.blank_rows(n, 0.005),
        )

    def subsidy(self, file: str) -> Table:
        df = self.part(file)
        n = df.height
        cols_common = [self.names_(df), self.ids(df)]
        m = self.month
        if file == "subsidy_care":
            headers = ["序号", "姓名", "公民身份号码", "补贴金额", "乡镇（街道）", "村（居）"]
            cols: list[Sequence[object]] = [
                list(range(1, n + 1)),
                *cols_common,
                self.amounts(df["amount"]),
                df["town"].to_list(),
                df["village"].to_list(),
            ]
            return Table(headers, cols)
        full = self.rng.random(n) < 0.3
        stype = [
            ("困难残疾人" if s == "生活补贴" else "重度残疾人") + s if f else s
            for s, f in zip(df["subsidy_type"].to_list(), full, strict=True)
        ]
        headers = ["序号", "姓名", "身份证号", "补贴类别", "月补贴金额", "乡镇", "村"]
        cols = [
            list(range(1, n + 1)),
            *cols_common,
            stype,
            self.amounts(df["amount"]),
            df["town"].to_list(),
            df["village"].to_list(),
        ]
        total: list[object] = ["合计", None, None, None, f"{df['amount'].sum():,.0f}元", None, None]
        return Table(
            headers,
            cols,
            title=(f"阳谷县{m.year}年{m.month}月困难残疾人生活补贴和重度残疾人护理补贴发放明细",),
            total=total,
        )

    def cremation(self) -> Table:
        df = self.part("cremation")
        n = df.height
        rng = self.rng
        prefix = np.where(rng.random(n) < 0.2, "山东省阳谷县", "阳谷县")
        address = [
            f"{p}{t}{v}"
            for p, t, v in zip(prefix, df["town"].to_list(), df["village"].to_list(), strict=True)
        ]
        headers = ["姓名", "身份证号", "性别", "出生日期", "死亡日期", "火化日期", "乡镇", "住址"]
        cols: list[Sequence[object]] = [
            self.names_(df),
            self.ids(df),
            df["gender"].to_list(),
            mess.date_texts(df["birth"], rng).to_list(),
            mess.date_texts(df["death_date"], rng).to_list(),
            mess.date_texts(df["cremation_date"], rng).to_list(),
            df["town"].to_list(),
            address,
        ]
        return Table(headers, cols)

    def poverty(self) -> Table:
        df = self.part("poverty")
        n = df.height
        income = df["income"]
        headers = [
            "户编号",
            "户主姓名",
            "姓名",
            "证件号码",
            "与户主关系",
            "监测对象类别",
            "人均纯收入",
            "主要风险",
            "乡镇",
            "村",
        ]
        cols: list[Sequence[object]] = [
            df["household_id"].to_list(),
            self.names_(df, "head_name"),
            self.names_(df),
            self.ids(df),
            df["relation"].to_list(),
            df["poverty_category"].to_list(),
            mess.amount_cells(income, self.rng, share=0.15, numeric=self.workbook),
            df["risk"].to_list(),
            df["town"].to_list(),
            df["village"].to_list(),
        ]
        m = self.month
        hh = df["household_id"].to_list()
        gaps = frozenset(j for j in range(n - 1) if hh[j] != hh[j + 1] and self.rng.random() < 0.05)
        return Table(
            headers, cols, title=(f"阳谷县防止返贫监测对象花名册（{m.year}年{m.month}月）",), blank_after=gaps
        )

    # --- output ------------------------------------------------------------------------------------
    def write(self, keys: tuple[str, ...] | None = None) -> list[Path]:
        """Write the logical files `keys` (all by default) and return their paths."""
        self.out.mkdir(parents=True, exist_ok=True)
        # each file is laid out and written before the next is built (in a fixed order, so the random
        # stream is drawn as before): at province scale all files' cells at once would not fit in memory
        tables: dict[str, Callable[[], list[tuple[str, Table]]]] = {
            "dibao_rural": lambda: self.dibao("dibao_rural"),
            "dibao_urban": lambda: self.dibao("dibao_urban"),
            "tekun": lambda: [("特困", self.tekun())],
            "disability": lambda: [("持证人员", self.disability())],
            "subsidy_all": lambda: [("发放明细", self.subsidy("subsidy_all"))],
            "subsidy_care": lambda: [("护理补贴", self.subsidy("subsidy_care"))],
            "cremation": lambda: [("火化", self.cremation())],
            "poverty": lambda: [("监测对象", self.poverty())],
            "death": lambda: write_lists.death(self),
            "public_employee": lambda: write_lists.public_employee(self),
            "vehicle": lambda: write_lists.vehicle(self),
            "business": lambda: write_lists.business(self),
            "property": lambda: write_lists.property_(self),
            "pension": lambda: write_lists.pension(self),
            "cadre": lambda: write_lists.cadre(self),
            "filing": lambda: write_lists.filing(self),
            "payment": lambda: write_lists.payment(self),
            "child_welfare": lambda: write_lists.child_welfare(self),
        }
        paths = []
        for key, build in tables.items():
            if keys is not None and key not in keys:
                continue
            sheets = build()
            path = self.out / self.names[key]
            if self.formats == "mixed":
                ext = MIXED[key][1]
                if ext == "xlsx":
                    write_xlsx(path, sheets)
                elif ext == "xls":
                    write_xls(path, sheets)
                else:
                    write_csv(path, sheets[0][1], encoding=CSV_ENCODING[key], with_layout=True)
            else:
                merged = _merge(sheets)
                if self.formats == "csv":
                    write_csv(path, merged, encoding="utf-8", with_layout=False)
                else:
                    write_parquet(path, merged)
            paths.append(path)
        return paths


def _merge(sheets: list[tuple[str, Table]]) -> Table:
    """One plain table from several sheets of the same columns (plain formats have no sheets)."""
    first = sheets[0][1]
    # sum() of lists would copy the growing column once per sheet
    cols = [[v for _, t in sheets for v in t.columns[c]] for c in range(len(first.headers))]
    return Table(first.headers, cols)
