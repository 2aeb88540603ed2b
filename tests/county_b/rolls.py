"""The other rolls as their agencies send them: 特困 (民政), 残疾人证 (残联), the two subsidy payment rosters
(which also print certificate columns and name the subsidy only in the title and the file name), the
funeral home's cremation register (with the relative who signed), and the poverty office's roster.

Where the headers come from (S-codes are the sources of /work/notes/header-variants.md):
- 特困 B: national person export 特困人员人员查询_* (S2b): 基本生活标准（元）, 照料护理费用（元）, 供养机构,
  生活自理能力, 照料人姓名/照料人身份证号; 社会散住/在院供养 for 分散/集中 (S11).
- cremation A: what funeral homes register (pages 357ok.com/binzang/2539.html: 死者姓名、住址、年龄、性别、
  死亡时间, 家属姓名、电话、与死者关系; news.022china.com/2010/03-26/241500_0.html: 火化证明编号, 火化时间);
  cremation B: the funeral-home system export (S1l, S1o, S23a, S23d): 去世时间, 火化时间, 户口所在地,
  享受惠民政策 (全民普惠/城乡低保对象/农村五保对象), 证件类型, 逝者身份证号, 联系人姓名, 与逝者关系.
- poverty: the national 防返贫 export (xiaoxinllleee/idap-service, .../sgtzgl/ytprkmd/entity/SgtzglYtprkmd.java,
  S3a): 县(市、区、旗), 乡(镇), 行政村, 户编号, 证件号码, 人数, 与户主关系, 户类型, 易返贫致贫户(监测对象)类型,
  人均纯收入, 致贫原因1, 风险是否消除; 监测对象类别 beside 户类型 and 劳动技能 in the checker rules of S13.
- subsidies: 补贴标准（元/月）, 发放标准, 应发金额 and the certificate columns as the brief gives them (the notes
  found no real 两项补贴 roster header row: a gap); 一卡通账号 (S2, S3c); 一级…四级 (S17d).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from tests.county_b import mess
from tests.county_b.people import ALL_TOWNS, COUNTY, SHORT_TOWN
from tests.county_b.render import Render, framed, ordered
from tests.county_b.xl import Cell, Sheet

TYPE_NAMES = {1: "视力", 2: "听力", 3: "言语", 4: "肢体", 5: "智力", 6: "精神", 7: "多重"}
GRADE_NAMES = {1: "一级", 2: "二级", 3: "三级", 4: "四级"}


def _by_town(df: pl.DataFrame) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {t: [] for t in ALL_TOWNS}
    for row in ordered(df).iter_rows(named=True):
        out[str(row["town"])].append(row)
    return {t: rows for t, rows in out.items() if rows}


def _type(t: object, dialect: str) -> Cell:
    if not isinstance(t, int):
        return None
    return TYPE_NAMES[t] + ("残疾" if dialect == "A" else "")


def _grade(g: object, dialect: str) -> Cell:
    if not isinstance(g, int):
        return None
    return GRADE_NAMES[g] if dialect == "A" else f"{g}级"


def tekun(rd: Render, df: pl.DataFrame, dialect: str, carers: list[tuple[str, str]]) -> list[Sheet]:
    """Dialect A: a county template. Dialect B: the national person export (特困人员人员查询_*, S2b), with
    基本生活标准/照料护理费用 split and the carer of a 分散供养 person (照料人姓名/照料人身份证号): a real
    neighbour or relative whose ID must not be taken for the supported person's."""
    a = dialect == "A"
    if a:
        headers = ["序号", "乡镇（街道）", "村（社区）", "姓名", "性别", "身份证件号码", "供养方式", "自理能力",
                   "供养机构", "月供养金（元）", "认定时间"]  # fmt: skip
    else:
        headers = ["序号", "所属街道", "所属社区", "姓名", "性别", "身份证号码", "供养方式", "生活自理能力", "供养机构",
                   "基本生活标准（元）", "照料护理费用（元）", "照料人姓名", "照料人身份证号"]  # fmt: skip
    body: list[list[Cell]] = []
    for k, r in enumerate(ordered(df).iter_rows(named=True)):
        central = r["support_mode"] == "集中供养"
        home = f"{r['town']}敬老院" if central else None
        row: list[Cell] = [k + 1, r["town"], r["village"], rd.name(r, "tekun"), r["gender"], rd.id(r)]
        if a:
            since = rd.month - dt.timedelta(days=int(rd.rng.integers(60, 2500)))
            row += [r["support_mode"], r["self_care"], home, rd.amount(r["amount"]), rd.date(since)]
        else:
            care = 0.0 if central else {"全自理": 60.0, "半自理": 200.0, "全护理": 560.0}[r["self_care"]]
            carer = (
                carers[int(rd.rng.integers(len(carers)))]
                if not central and rd.rng.random() < 0.6
                else (None, None)
            )
            row += [
                "在院供养" if central else "社会散住",
                r["self_care"],
                home,
                float(r["amount"]) - care,
                care,
                *carer,
            ]
        body.append(row)
    title = f"{COUNTY}特困人员救助供养对象花名册（{rd.month.year}年{rd.month.month}月）"
    total: list[Cell] = ["合计", None, None, f"{len(body)}人", None, None, None, None, None]
    total += [float(df["amount"].sum())] if a else []
    return [framed("特困人员", [title], headers, body, [], total=total, footer=rd.footer())]


def disability(rd: Render, df: pl.DataFrame, dialect: str) -> list[Sheet]:
    headers = [
        "序号",
        "姓名",
        "性别",
        "身份证号码",
        "残疾人证号",
        "残疾类别",
        "残疾等级",
        "乡镇",
        "村（社区）",
        "联系电话",
    ]
    groups = (("持证人信息", 1, 3), ("残疾情况", 4, 6)) if dialect == "A" else ()
    out = []
    for town, rows in _by_town(df).items():
        body: list[list[Cell]] = []
        for k, r in enumerate(rows):
            body.append(
                [k + 1, rd.name(r, "disability"), r["gender"], rd.id(r), r["cert_number"] or None,
                 _type(r["dis_type"], dialect), _grade(r["dis_grade"], dialect), SHORT_TOWN[town], r["village"],
                 mess.phone(rd.rng) if rd.rng.random() < 0.6 else None]
            )  # fmt: skip
        title = f"{COUNTY}{SHORT_TOWN[town]}持证残疾人花名册"
        out.append(framed(SHORT_TOWN[town], [title], headers, body, [], groups=groups))
    return out


def living(rd: Render, df: pl.DataFrame, dialect: str) -> list[Sheet]:
    """生活补贴: the type is in the title only; the amount column is 补贴标准（元/月）."""
    headers = ["序号", "乡镇（街道）", "村（社区）", "姓名", "身份证号码", "残疾人证号", "残疾类别", "残疾等级",
               "补贴标准（元/月）", "一卡通账号", "备注"]  # fmt: skip
    body: list[list[Cell]] = []
    for k, r in enumerate(ordered(df).iter_rows(named=True)):
        body.append(
            [k + 1, r["town"], r["village"], rd.name(r, "subsidy"), rd.id(r), r["cert_number"],
             _type(r["dis_type"], dialect), _grade(r["dis_grade"], dialect), rd.amount(r["amount"]),
             mess.bank_account(rd.rng), None]
        )  # fmt: skip
    title = f"{COUNTY}困难残疾人生活补贴发放名册（{rd.month.year}年{rd.month.month}月）"
    total: list[Cell] = [
        "合计",
        None,
        None,
        f"{len(body)}人",
        None,
        None,
        None,
        None,
        float(df["amount"].sum()),
    ]
    return [
        framed("Sheet1", [title, "发放单位：民权县民政局          单位：元"], headers, body, [], total=total)
    ]


def care(rd: Render, df: pl.DataFrame, dialect: str) -> list[Sheet]:
    """护理补贴: one sheet per town; the amount column is 发放标准 or 应发金额."""
    amount = "发放标准（元/月）" if dialect == "A" else "应发金额（元）"
    headers = [
        "序号",
        "姓名",
        "性别",
        "公民身份号码",
        "残疾人证号",
        "残疾等级",
        amount,
        "一卡通账号",
        "联系电话",
    ]
    out = []
    for town, rows in _by_town(df).items():
        body: list[list[Cell]] = []
        for k, r in enumerate(rows):
            body.append(
                [k + 1, rd.name(r, "subsidy"), r["gender"], rd.id(r), r["cert_number"],
                 _grade(r["dis_grade"], dialect), rd.amount(r["amount"]), mess.bank_account(rd.rng),
                 mess.phone(rd.rng)]
            )  # fmt: skip
        title = f"{COUNTY}{town}重度残疾人护理补贴发放名册（{rd.month.year}年{rd.month.month}月）"
        total: list[Cell] = [
            "合计",
            f"{len(rows)}人",
            None,
            None,
            None,
            None,
            sum(float(r["amount"]) for r in rows),
        ]
        out.append(framed(town, [title], headers, body, [], total=total))
    return out


def cremation(
    rd: Render, df: pl.DataFrame, dialect: str, relatives: list[str], flags: dict[str, str]
) -> list[Sheet]:
    """The funeral home's register: the deceased (逝者), the relative who signed, a phone number.
    Dialect B follows the funeral-home system export (S1l, S23): 去世时间/火化时间, 户口所在地, 联系人姓名, and
    享受惠民政策, the funeral home's own note that the dead was on 城乡低保 or 五保 (not a roll record)."""
    a = dialect == "A"
    if a:
        headers = ["序号", "火化证明编号", "逝者姓名", "性别", "年龄", "死者身份证号", "死亡日期", "火化日期", "户籍地址",
                   "家属姓名", "与逝者关系", "联系电话"]  # fmt: skip
    else:
        headers = ["序号", "逝者姓名", "性别", "年龄", "证件类型", "逝者身份证号", "去世时间", "火化时间", "户口所在地",
                   "享受惠民政策", "联系人姓名", "与逝者关系", "联系电话"]  # fmt: skip
    body: list[list[Cell]] = []
    rows = sorted(df.iter_rows(named=True), key=lambda r: (r["cremation_date"], r["rec"]))
    for k, r in enumerate(rows):
        crem: dt.date = r["cremation_date"]
        b: dt.date = r["birth"]
        age = crem.year - b.year - ((crem.month, crem.day) < (b.month, b.day))
        relative = relatives[int(rd.rng.integers(len(relatives)))]
        kin = str(rd.rng.choice(["子", "女", "配偶", "孙子", "侄子"]))
        address = f"河南省{COUNTY}{r['town']}{r['village']}"
        ident = rd.id(r)
        if a:
            row: list[Cell] = [k + 1, f"MQ{crem.year}{k + 1:04d}", rd.name(r, "cremation"), r["gender"], age, ident,
                               rd.date(r["death_date"]), rd.date(crem), address, relative, kin, mess.phone(rd.rng)]  # fmt: skip
        else:
            row = [k + 1, rd.name(r, "cremation"), r["gender"], age, "居民身份证" if ident else None, ident,
                   rd.date(r["death_date"]), rd.date(crem), address, flags.get(str(r["pid"]), "全民普惠"), relative,
                   kin, mess.phone(rd.rng)]  # fmt: skip
        body.append(row)
    first = rows[0]["cremation_date"] if rows else rd.month
    title = (
        f"{COUNTY}殡仪馆遗体火化登记表（{first.year}年{first.month}月—{rd.month.year}年{rd.month.month}月）"
    )
    return [framed("火化登记", [title], headers, body, [], footer="备注：身份证号为空者系家属未提供")]


HOUSEHOLD_TYPE = {
    "脱贫户": "脱贫户",
    "脱贫不稳定户": "脱贫户",
    "边缘易致贫户": "一般农户",
    "突发严重困难户": "一般农户",
}


def poverty(rd: Render, df: pl.DataFrame, dialect: str) -> list[Sheet]:
    """The 防返贫 monitoring export. Dialect B follows the national system's column names
    (易返贫致贫户(监测对象)类型 beside 户类型, 致贫原因1); 户类型 is 脱贫户/一般农户 and must not be read
    as the monitoring category."""
    a = dialect == "A"
    headers = [
        "序号", "县(市、区、旗)", "乡(镇)", "行政村", "户编号", "姓名", "证件号码", "与户主关系",
        "人数" if a else "家庭人口数", "户类型", "监测对象类别" if a else "易返贫致贫户(监测对象)类型",
        "人均纯收入（元）", "主要风险" if a else "致贫原因1", "风险是否消除",
    ] + ([] if a else ["劳动技能"])  # fmt: skip
    body: list[list[Cell]] = []
    for k, r in enumerate(ordered(df).iter_rows(named=True)):
        cat = str(r["poverty_category"])
        body.append(
            [k + 1, COUNTY, r["town"], r["village"], r["household_id"], rd.name(r, "poverty"), rd.id(r),
             rd.relation(r), r["declared_size"], HOUSEHOLD_TYPE[cat], None if cat == "脱贫户" else cat,
             r["income"], r["risk"], "否"] + ([] if a else [_labour(r["birth"], rd.month)])
        )  # fmt: skip
    title = f"{COUNTY}防止返贫动态监测对象信息表（截至{rd.month.year}年{rd.month.month}月）"
    return [framed("监测对象", [title], headers, body, [])]


def _labour(birth: dt.date, month: dt.date) -> str:
    age = month.year - birth.year
    return "无劳动力" if age < 16 or age >= 70 else "弱劳动力或半劳动力" if age >= 60 else "普通劳动力"
