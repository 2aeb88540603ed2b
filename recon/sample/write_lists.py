"""The other offices' lists and the payment file as those offices export them (headers vary from list to
list as they do between agencies; each is one a reader recognises: recon/kinds/synonyms.py).

Each function lays out one logical file from the Writer's records, drawing its mess from the Writer's
stream in a fixed order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

import numpy as np
import polars as pl

from recon.sample import mess
from recon.sample.layout import Table
from recon.sample.payments import account_numbers
from recon.sample.records import DIBAO_PROGRAMME


class Writer(Protocol):
    """What a list layout takes from recon.sample.write.Writer (named here, so the layouts do not
    import the writer that calls them): its records and month, its stream and its cell helpers."""

    month: dt.date
    rng: np.random.Generator
    workbook: bool  # mixed formats: typed Excel cells; else plain text files

    def part(self, file: str) -> pl.DataFrame: ...
    def ids(self, df: pl.DataFrame, gbk: bool = False) -> list[object]: ...
    def names_(self, df: pl.DataFrame, col: str = "name", gbk: bool = False) -> list[object]: ...
    def amounts(self, s: pl.Series, *, blank: bool = True) -> list[object]: ...
    def blank_rows(self, n: int, share: float = 0.01) -> frozenset[int]: ...


Sheets = list[tuple[str, Table]]


def _seq(n: int) -> list[object]:
    return list(range(1, n + 1))


def _dates(w: Writer, s: pl.Series, share_text: float = 0.3) -> list[object]:
    """Date cells in a workbook, some written as text the way exports mix them; text in a CSV."""
    texts = mess.date_texts(s, w.rng).to_list()
    as_text = w.rng.random(len(s)) < share_text
    return [t if (not w.workbook or k) else d for d, t, k in zip(s.to_list(), texts, as_text, strict=True)]


def death(w: Writer) -> Sheets:
    df = w.part("death")
    n = df.height
    prefix = ["山东省阳谷县" if w.rng.random() < 0.3 else "阳谷县" for _ in range(n)]
    address = [f"{p}{t}{v}" for p, t, v in zip(prefix, df["town"], df["village"], strict=True)]
    headers = ["序号", "姓名", "性别", "公民身份号码", "死亡日期", "注销日期", "注销原因", "户籍地址"]
    cols: list[Sequence[object]] = [
        _seq(n),
        w.names_(df),
        df["gender"].to_list(),
        w.ids(df),
        _dates(w, df["death_date"]),
        _dates(w, df["event_date"]),
        df["category"].to_list(),
        address,
    ]
    title = (f"阳谷县公安局户籍注销人员名单（截至{w.month.year}年{w.month.month}月）",)
    return [("注销人员", Table(headers, cols, title=title, blank_after=w.blank_rows(n)))]


def public_employee(w: Writer) -> Sheets:
    df = w.part("public_employee")
    n = df.height
    headers = ["序号", "单位名称", "姓名", "性别", "身份证号码", "人员类别"]
    cols: list[Sequence[object]] = [
        _seq(n),
        df["org"].to_list(),
        w.names_(df, gbk=True),
        df["gender"].to_list(),
        w.ids(df, gbk=True),
        df["category"].to_list(),
    ]
    return [
        (
            "财政供养",
            Table(headers, cols, title=(f"阳谷县财政供养人员信息（{w.month.year}年{w.month.month}月）",)),
        )
    ]


def vehicle(w: Writer) -> Sheets:
    df = w.part("vehicle")
    n = df.height
    headers = ["序号", "号牌号码", "车辆类型", "所有人", "身份证明号码", "初次登记日期", "机动车状态"]
    cols: list[Sequence[object]] = [
        _seq(n),
        df["ref"].to_list(),
        df["category"].to_list(),
        w.names_(df),
        w.ids(df),
        _dates(w, df["event_date"]),
        df["status"].to_list(),
    ]
    return [("机动车", Table(headers, cols, title=("阳谷县机动车登记信息（车管所）",)))]


def business(w: Writer) -> Sheets:
    df = w.part("business")
    n = df.height
    # companies give 注册资本 in 万元, the 个体工商户 their 资金数额 in 元: exports hold both in one column
    headers = [
        "序号",
        "统一社会信用代码",
        "企业名称",
        "市场主体类型",
        "法定代表人",
        "证件号码",
        "注册资本（万元）",
        "登记状态",
    ]
    capital = [None if a is None else round(a / 10000, 2) for a in df["amount"].to_list()]
    cols: list[Sequence[object]] = [
        _seq(n),
        df["ref"].to_list(),
        df["org"].to_list(),
        df["category"].to_list(),
        w.names_(df),
        w.ids(df),
        capital,
        df["status"].to_list(),
    ]
    return [("市场主体", Table(headers, cols, title=("阳谷县市场主体登记信息",)))]


def property_(w: Writer) -> Sheets:
    df = w.part("property")
    n = df.height
    headers = ["序号", "不动产单元号", "权利人", "证件号码", "房屋坐落", "规划用途", "建筑面积"]
    cols: list[Sequence[object]] = [
        _seq(n),
        df["ref"].to_list(),
        w.names_(df),
        w.ids(df),
        df["place"].to_list(),
        df["category"].to_list(),
        [f"{a:.2f}" for a in df["area"].to_list()],
    ]
    return [("不动产", Table(headers, cols, title=("阳谷县不动产登记信息查询结果",)))]


def pension(w: Writer) -> Sheets:
    df = w.part("pension")
    n = df.height
    headers = ["序号", "姓名", "身份证号", "险种", "发放单位", "发放年月", "月领取金额"]
    months = [
        None if m is None else (f"{m:%Y%m}" if i % 2 else f"{m:%Y-%m}") for i, m in enumerate(df["pay_month"])
    ]
    cols: list[Sequence[object]] = [
        _seq(n),
        w.names_(df),
        w.ids(df),
        df["category"].to_list(),
        df["org"].to_list(),
        months,
        w.amounts(df["amount"], blank=False),
    ]
    m = w.month
    return [("养老金", Table(headers, cols, title=(f"阳谷县养老保险待遇发放名单（{m.year}年{m.month}月）",)))]


def cadre(w: Writer) -> Sheets:
    df = w.part("cadre")
    n = df.height
    headers = ["序号", "乡镇", "村（社区）", "姓名", "性别", "身份证号", "职务"]
    cols: list[Sequence[object]] = [
        _seq(n),
        df["town"].to_list(),
        df["village"].to_list(),
        w.names_(df),
        df["gender"].to_list(),
        w.ids(df),
        df["category"].to_list(),
    ]
    return [("干部名单", Table(headers, cols, title=("阳谷县村（社区）两委干部及民政经办人员名单",)))]


def filing(w: Writer) -> Sheets:
    df = w.part("filing")
    n = df.height
    headers = [
        "序号",
        "享受人员姓名",
        "享受人员身份证号",
        "关联干部姓名",
        "关联干部身份证号",
        "与干部关系",
        "备案日期",
    ]
    cols: list[Sequence[object]] = [
        _seq(n),
        w.names_(df),
        w.ids(df),
        df["other_name"].to_list(),
        df["other_pid"].to_list(),
        df["category"].to_list(),
        _dates(w, df["event_date"], share_text=1.0),
    ]
    title = ("阳谷县民政经办人员和村干部近亲属享受救助备案表",)
    return [("备案", Table(headers, cols, title=title))]


def child_welfare(w: Writer) -> Sheets:
    df = w.part("child_welfare")
    n = df.height
    headers = ["序号", "姓名", "性别", "身份证号", "儿童类别", "乡镇", "村", "监护人姓名"]
    guardians = [f"{nm[0]}{'桂兰秀英建国振华'[i % 8]}" for i, nm in enumerate(df["name"].to_list())]
    cols: list[Sequence[object]] = [
        _seq(n),
        w.names_(df),
        df["gender"].to_list(),
        w.ids(df),
        df["category"].to_list(),
        df["town"].to_list(),
        df["village"].to_list(),
        guardians,
    ]
    return [("儿童", Table(headers, cols))]


def payment(w: Writer) -> Sheets:
    """Two sheets: the dibao lines with a 发放月份 column, the tekun lines with the month in the title only."""
    df = w.part("payment")
    m = w.month
    out: Sheets = []
    # plain formats have no sheets (and no title): every line in the layout with a month column
    groups = (True, False) if w.workbook else (None,)
    for dibao in groups:
        part = df if dibao is None else df.filter((pl.col("category") == DIBAO_PROGRAMME) == dibao)
        n = part.height
        pick = w.rng.integers(0, 2, size=n)
        accounts = account_numbers(n, w.rng)
        words = [
            (("城乡低保", "农村低保金") if c == DIBAO_PROGRAMME else ("特困供养金", "特困人员救助供养金"))[k]
            for c, k in zip(part["category"], pick, strict=True)
        ]
        if dibao is not False:
            months = [
                (f"{d:%Y-%m}", f"{d.year}年{d.month:02d}月", f"{d:%Y%m}")[i % 3]
                for i, d in enumerate(part["pay_month"])
            ]
            headers = [
                "序号",
                "乡镇",
                "村",
                "姓名",
                "身份证号",
                "项目",
                "发放月份",
                "发放金额",
                "账户名",
                "账号",
            ]
            cols: list[Sequence[object]] = [
                _seq(n),
                part["town"].to_list(),
                part["village"].to_list(),
                w.names_(part),
                w.ids(part),
                words,
                months,
                w.amounts(part["amount"], blank=False),
                part["other_name"].to_list(),
                accounts,
            ]
            title = ("阳谷县财政惠民“一本通”资金发放明细（城乡低保）",)
            out.append(("城乡低保", Table(headers, cols, title=title)))
        else:
            headers = ["序号", "姓名", "身份证号码", "资金项目", "实发金额", "户名", "银行账号"]
            cols = [
                _seq(n),
                w.names_(part),
                w.ids(part),
                words,
                w.amounts(part["amount"], blank=False),
                part["other_name"].to_list(),
                accounts,
            ]
            title = (f"阳谷县{m.year}年{m.month}月特困人员救助供养金发放明细",)
            out.append(("特困供养", Table(headers, cols, title=title)))
    return out
