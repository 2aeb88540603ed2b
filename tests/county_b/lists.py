"""The other offices' lists and the 一本通 payment file as county B receives them: each office's own
export, in headers the sample generator (recon/sample/write_lists.py) does not write.

Two dialects per list (the layouts rotate them, see generate.PLANS):
- death        A 公安 注销 export: 公民身份号码/姓名/注销类别/注销日期/死亡日期 (迁出 rows have no 死亡日期);
               B 派出所 台账: 姓名/身份证号码/注销原因/注销时间/死亡日期/户籍地址.
- public_employee A 单位/姓名/身份证号/编制性质; B 单位编码/单位名称/姓名/身份证号码/人员类别.
- vehicle      A 车管所 query: 号牌号码/号牌种类/车辆类型/机动车所有人/身份证明号码/机动车状态 (status codes
               A 正常, G 违法未处理, E 注销, M 强制注销, B 转出)/初次登记日期; B 车牌号码/车辆类型/车主姓名/
               车主身份证号/车辆状态 (text)/注册登记日期.
- business     A 主体名称/统一社会信用代码/市场主体类型/法定代表人(负责人)/证件号码/注册资本(万元)/登记状态;
               B 企业名称/统一社会信用代码/企业类型/法定代表人/法定代表人证件号码/注册资本 ("50万元人民币")/经营状态.
- property     A 权利人名称/证件号/不动产权证号/坐落/规划用途/建筑面积(㎡); B 权利人/证件号码/不动产单元号/
               房屋坐落/用途/建筑面积.
- pension      A 姓名/公民身份号码/待遇类别/月发放金额 (the month in the title only);
               B 个人编号/姓名/身份证号码/险种类型/发放年月/发放金额.
- cadre        A 乡镇(街道)/村(社区)/姓名/职务/身份证号码; B 乡镇/村/姓名/性别/身份证号/职务/任职时间.
- filing       A 享受对象姓名/享受对象身份证号/干部姓名/与干部关系/备案时间;
               B 享受人员姓名/享受人员身份证号/关联干部姓名/关联干部身份证号/亲属关系/备案日期.
- child_welfare A 姓名/身份证号/保障类别 (孤儿/事实无人抚养儿童)/乡镇/村; B 儿童姓名/公民身份号码/儿童类别/所在乡镇.
- payment      A 一本通 发放明细: 姓名/身份证号/项目名称 (农村低保金, 城市低保金, 特困供养金)/发放金额/户名/银行账号/
               发放年月; B 收款人 export: 姓名/身份证号码/补助项目/实发金额/账户名称/卡号/所属月份.
"""

from __future__ import annotations

import datetime as dt
import zlib
from typing import Any

import polars as pl

from tests.county_b import mess
from tests.county_b.people import COUNTY
from tests.county_b.render import Render, framed, ordered
from tests.county_b.xl import Cell, Sheet

VEHICLE_CODES = {"正常": "A", "违法未处理": "G", "注销": "E", "报废": "M", "转出": "B"}
PLATE_KIND = {"摩托": "普通摩托车", "三轮": "低速车", "低速": "低速车"}
PROGRAMME_WORDS = {
    ("dibao", "农村"): "农村低保金",
    ("dibao", "城市"): "城市低保金",
    ("tekun", None): "特困供养金",
}


def _rows(df: pl.DataFrame) -> list[dict[str, Any]]:
    return list(ordered(df).iter_rows(named=True))


def _code(text: object) -> int:
    """A stable number for a text (str hashes differ between runs)."""
    return zlib.crc32(str(text).encode())


def _title(rd: Render, text: str) -> list[str]:
    return [f"{COUNTY}{text}"]


def death(rd: Render, df: pl.DataFrame, dialect: str) -> list[Sheet]:
    a = dialect == "A"
    if a:
        headers = ["序号", "公民身份号码", "姓名", "性别", "注销类别", "注销日期", "死亡日期", "派出所"]
    else:
        headers = ["序号", "姓名", "身份证号码", "性别", "注销原因", "注销时间", "死亡日期", "户籍地址"]
    body: list[list[Cell]] = []
    for k, r in enumerate(sorted(df.iter_rows(named=True), key=lambda r: (r["event_date"], r["rec"]))):
        name, ident = rd.name(r, "death"), rd.id(r)
        common = [r["gender"], r["category"], rd.date(r["event_date"]), rd.date(r["death_date"])]
        if a:
            body.append(
                [k + 1, ident, name, *common, f"{r['town'].removesuffix('镇').removesuffix('乡')}派出所"]
            )
        else:
            body.append([k + 1, name, ident, *common, f"河南省{COUNTY}{r['town']}{r['village']}"])
    return [framed("注销人员", _title(rd, "公安局户籍注销人员信息（死亡、迁出）"), headers, body, [])]


def public_employee(rd: Render, df: pl.DataFrame, dialect: str) -> list[Sheet]:
    a = dialect == "A"
    headers = ["序号", "单位", "姓名", "性别", "身份证号", "编制性质"] if a else [
        "单位编码", "单位名称", "姓名", "身份证号码", "人员类别"]  # fmt: skip
    body: list[list[Cell]] = []
    for k, r in enumerate(_rows(df)):
        name, ident = rd.name(r, "public_employee"), rd.id(r)
        if a:
            body.append([k + 1, r["org"], name, r["gender"], ident, r["category"]])
        else:
            body.append([f"411421{100 + _code(r['org']) % 900:03d}", r["org"], name, ident, r["category"]])
    title = _title(rd, f"财政供养人员信息表（{rd.month.year}年{rd.month.month}月工资统发）")
    return [framed("财政供养人员", title, headers, body, [])]


def vehicle(rd: Render, df: pl.DataFrame, dialect: str) -> list[Sheet]:
    a = dialect == "A"
    if a:
        headers = [
            "序号",
            "号牌号码",
            "号牌种类",
            "车辆类型",
            "机动车所有人",
            "身份证明号码",
            "机动车状态",
            "初次登记日期",
        ]
    else:
        headers = ["车牌号码", "车辆类型", "车主姓名", "车主身份证号", "车辆状态", "注册登记日期"]
    body: list[list[Cell]] = []
    for k, r in enumerate(_rows(df)):
        vtype = str(r["category"])
        kind = next(
            (v for w, v in PLATE_KIND.items() if w in vtype), "大型汽车" if "重型" in vtype else "小型汽车"
        )
        name, ident, reg = rd.name(r, "vehicle"), rd.id(r), rd.date(r["event_date"])
        if a:
            body.append([k + 1, r["ref"], kind, vtype, name, ident, VEHICLE_CODES[str(r["status"])], reg])
        else:
            body.append([r["ref"], vtype, name, ident, r["status"], reg])
    return [framed("机动车信息", _title(rd, "公安局交通警察大队车辆管理所机动车登记信息"), headers, body, [])]


def business(rd: Render, df: pl.DataFrame, dialect: str) -> list[Sheet]:
    a = dialect == "A"
    if a:
        headers = ["序号", "主体名称", "统一社会信用代码", "市场主体类型", "法定代表人(负责人)", "证件号码",
                   "注册资本(万元)", "登记状态", "成立日期"]  # fmt: skip
    else:
        headers = [
            "统一社会信用代码",
            "企业名称",
            "企业类型",
            "法定代表人",
            "法定代表人证件号码",
            "注册资本",
            "经营状态",
        ]
    body: list[list[Cell]] = []
    for k, r in enumerate(_rows(df)):
        wan = float(r["amount"]) / 10000
        name, ident = rd.name(r, "business"), rd.id(r)
        if a:
            founded = rd.date(rd.month - dt.timedelta(days=int(rd.rng.integers(200, 3000))))
            body.append([k + 1, r["org"], r["ref"], r["category"], name, ident, wan, r["status"], founded])
        else:
            body.append([r["ref"], r["org"], r["category"], name, ident, f"{wan:g}万元人民币", r["status"]])
    return [framed("市场主体", _title(rd, "市场监督管理局市场主体登记信息"), headers, body, [])]


def property_(rd: Render, df: pl.DataFrame, dialect: str) -> list[Sheet]:
    a = dialect == "A"
    if a:
        headers = ["序号", "权利人名称", "证件号", "不动产权证号", "坐落", "规划用途", "建筑面积(㎡)"]
    else:
        headers = ["序号", "权利人", "证件号码", "不动产单元号", "房屋坐落", "用途", "建筑面积"]
    body: list[list[Cell]] = []
    for k, r in enumerate(_rows(df)):
        # B prints the 不动产单元号 (宗地 + 自然幢 + 户): one per property, shared by its co-owners
        code = _code(r["ref"])
        ref = r["ref"] if a else f"411421{code % 10**6:06d}GB{code % 10**5:05d}F{code % 10**8:08d}"
        body.append([k + 1, rd.name(r, "property"), rd.id(r), ref, r["place"], r["category"], r["area"]])
    return [framed("查询结果", _title(rd, "不动产登记中心不动产权利信息查询结果"), headers, body, [])]


def pension(rd: Render, df: pl.DataFrame, dialect: str) -> list[Sheet]:
    a = dialect == "A"
    m = rd.month
    headers = ["序号", "姓名", "公民身份号码", "待遇类别", "月发放金额"] if a else [
        "个人编号", "姓名", "身份证号码", "险种类型", "发放年月", "发放金额"]  # fmt: skip
    body: list[list[Cell]] = []
    for k, r in enumerate(_rows(df)):
        name, ident, amount = rd.name(r, "pension"), rd.id(r), rd.amount(r["amount"])
        if a:
            body.append([k + 1, name, ident, r["category"], amount])
        else:
            body.append([f"41142100{k + 1:06d}", name, ident, r["category"], f"{m:%Y%m}", amount])
    title = _title(rd, f"社会保险中心养老保险待遇发放明细（{m.year}年{m.month}月）")
    return [framed("待遇发放", title, headers, body, [])]


def cadre(rd: Render, df: pl.DataFrame, dialect: str) -> list[Sheet]:
    a = dialect == "A"
    headers = ["序号", "乡镇(街道)", "村(社区)", "姓名", "职务", "身份证号码"] if a else [
        "乡镇", "村", "姓名", "性别", "身份证号", "职务", "任职时间"]  # fmt: skip
    body: list[list[Cell]] = []
    for k, r in enumerate(_rows(df)):
        name, ident = rd.name(r, "cadre"), rd.id(r)
        if a:
            body.append([k + 1, r["town"], r["village"], name, r["category"], ident])
        else:
            body.append([r["town"], r["village"], name, r["gender"], ident, r["category"], "2018年1月"])
    return [framed("两委干部", _title(rd, "村（社区）两委干部及民政经办人员名单"), headers, body, [])]


def filing(rd: Render, df: pl.DataFrame, dialect: str) -> list[Sheet]:
    a = dialect == "A"
    if a:
        headers = ["序号", "享受对象姓名", "享受对象身份证号", "干部姓名", "与干部关系", "备案时间"]
    else:
        headers = [
            "序号",
            "享受人员姓名",
            "享受人员身份证号",
            "关联干部姓名",
            "关联干部身份证号",
            "亲属关系",
            "备案日期",
        ]
    body: list[list[Cell]] = []
    for k, r in enumerate(_rows(df)):
        name, ident, filed = rd.name(r, "filing"), rd.id(r), rd.date(r["event_date"])
        if a:
            body.append([k + 1, name, ident, r["other_name"], r["category"], filed])
        else:
            body.append([k + 1, name, ident, r["other_name"], r["other_pid"], r["category"], filed])
    title = _title(rd, "民政经办人员和村（社区）干部近亲属享受社会救助备案登记表")
    return [framed("备案登记", title, headers, body, [])]


def child_welfare(rd: Render, df: pl.DataFrame, dialect: str) -> list[Sheet]:
    a = dialect == "A"
    headers = ["序号", "姓名", "身份证号", "性别", "保障类别", "乡镇", "村"] if a else [
        "儿童姓名", "公民身份号码", "儿童类别", "所在乡镇"]  # fmt: skip
    body: list[list[Cell]] = []
    for k, r in enumerate(_rows(df)):
        name, ident = rd.name(r, "child_welfare"), rd.id(r)
        if a:
            body.append([k + 1, name, ident, r["gender"], r["category"], r["town"], r["village"]])
        else:
            body.append([name, ident, r["category"], r["town"]])
    return [framed("保障儿童", _title(rd, "孤儿和事实无人抚养儿童基本生活保障名册"), headers, body, [])]


def payment(rd: Render, df: pl.DataFrame, dialect: str, area: dict[str, str]) -> list[Sheet]:
    """`area` (pid -> 城市/农村) names the dibao project as the 一本通 does: 城市低保金 or 农村低保金."""
    a = dialect == "A"
    if a:
        headers = [
            "序号",
            "乡镇",
            "村",
            "姓名",
            "身份证号",
            "项目名称",
            "发放金额",
            "户名",
            "银行账号",
            "发放年月",
        ]
    else:
        headers = ["姓名", "身份证号码", "补助项目", "实发金额", "账户名称", "卡号", "所属月份"]
    body: list[list[Cell]] = []
    rows = sorted(_rows(df), key=lambda r: (r["category"] != "dibao", r["pay_month"] != rd.month))
    for k, r in enumerate(rows):
        word = PROGRAMME_WORDS[
            (r["category"], area.get(str(r["pid"]), "农村") if r["category"] == "dibao" else None)
        ]
        name, ident, amount = rd.name(r, "payment"), rd.id(r), rd.amount(r["amount"])
        pm: dt.date = r["pay_month"]
        account = mess.bank_account(rd.rng)
        if a:
            body.append(
                [
                    k + 1,
                    r["town"],
                    r["village"],
                    name,
                    ident,
                    word,
                    amount,
                    r["other_name"],
                    account,
                    f"{pm:%Y%m}",
                ]
            )
        else:
            body.append([name, ident, word, amount, r["other_name"], account, f"{pm.year}-{pm.month:02d}"])
    title = _title(rd, f"财政惠民“一本通”资金发放明细（{rd.month.year}年{rd.month.month}月）")
    return [framed("发放明细", title, headers, body, [])]
