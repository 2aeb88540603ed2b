"""E1–E5 cases: an assisted household's means as the other offices record them, and the entries on those
lists that do not count (exempt vehicle types, vehicles and companies gone, a small 个体工商户, one home,
a basic pension below the threshold, a namesake).

Each case is a grown child in a dibao household of two or three (never a single person, whom T1 would
also look at), or a tekun person on no dibao roll, so the finding's household text has someone to name.
"""

from __future__ import annotations

import datetime as dt

from recon.sample.planted.planter import Person, Planter, child


def _household(planter: Planter, age: int, *, spouse: bool = False) -> tuple[Person, Person]:
    """A dibao household: a head of about 60 and a grown child (and the head's spouse); returns
    (head, child)."""
    head = planter.person(age=age + 28)
    kid = planter.housemate(head, age=age)
    members = [(head, "户主")]
    if spouse:
        members.append((planter.housemate(head, age=age + 26), "配偶"))
    members.append((kid, child(kid)))
    planter.dibao(members)
    return head, kid


def _plate(planter: Planter) -> str:
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    n = int(planter.rng.integers(10000, 99999))
    return f"鲁P{letters[int(planter.rng.integers(len(letters)))]}{n}"


def _credit(planter: Planter, getihu: bool) -> str:
    digits = "".join(str(int(d)) for d in planter.rng.integers(0, 10, size=8))
    return f"{'92' if getihu else '91'}371521MA{digits}"


def _unit(planter: Planter, town: str) -> str:
    return f"371521{int(planter.rng.integers(100, 999)):03d}{int(planter.rng.integers(1, 99)):03d}GB{int(planter.rng.integers(10000, 99999))}F{int(planter.rng.integers(1, 9999)):08d}"


def plant_e1_e5(planter: Planter) -> None:
    month = planter.month
    reg = dt.date(2016, 5, 20)

    # E1: a public-funded job
    _, kid = _household(planter, 31, spouse=True)
    planter.listed(kid, "public_employee", org="阳谷县第三中学", category="事业编制")
    planter.case("E1_dibao_member", kid, "E1", "", "低保户成员在财政供养人员名单（事业编制教师）")
    p = planter.person(age=56)
    planter.tekun(p)
    planter.listed(p, "public_employee", org=f"{p['town']}人民政府", category="行政编制")
    planter.case("E1_tekun", p, "E1", "", "特困人员在财政供养人员名单")
    head, kid = _household(planter, 34)
    twin = planter.person(kid["name"], gender=kid["gender"], town=kid["town"], village=kid["village"])
    planter.listed(twin, "public_employee", org="阳谷县人民医院", category="事业编制")
    planter.case("notE1_namesake", kid, "", "E1", "名单上同村同名的人身份证号不同：不是同一人")

    # E2: a vehicle in use whose type is not exempt
    _, kid = _household(planter, 33)
    planter.listed(kid, "vehicle", ref=_plate(planter), category="小型轿车", status="正常", event_date=reg)
    planter.case("E2_car", kid, "E2", "", "名下小型轿车，状态正常")
    p = planter.person(age=52)
    planter.tekun(p)
    planter.listed(p, "vehicle", ref=_plate(planter), category="轻型普通货车", status="G", event_date=reg)
    planter.listed(p, "vehicle", ref=_plate(planter), category="小型普通客车", status="报废", event_date=reg)
    planter.case("E2_tekun_truck", p, "E2", "", "特困人员名下轻型货车（状态代码 G：违法未处理，仍在用）")
    for k, (vtype, status) in enumerate(
        (
            ("普通二轮摩托车", "正常"),
            ("残疾人专用小型自动挡载客汽车", "正常"),
            ("三轮汽车", "A"),
            ("低速货车", "正常"),
            ("手扶拖拉机", "正常"),
            ("小型轿车", "注销"),
            ("小型普通客车", "报废"),
            ("轻型普通货车", "E"),
        )
    ):
        _, kid = _household(planter, 30 + k)
        planter.listed(kid, "vehicle", ref=_plate(planter), category=vtype, status=status, event_date=reg)
        planter.case(f"notE2_{k + 1}", kid, "", "E2", f"{vtype}，状态 {status}：不计入")

    # E3: a business in operation (a 个体工商户 only from the capital threshold)
    _, kid = _household(planter, 38)
    planter.listed(
        kid,
        "business",
        org=f"阳谷县{kid['name']}商贸有限公司",
        ref=_credit(planter, False),
        category="有限责任公司(自然人独资)",
        amount=500000.0,
        status="存续（在营、开业、在册）",
    )
    planter.case("E3_company", kid, "E3", "", "有限公司法定代表人，存续")
    _, kid = _household(planter, 41)
    planter.listed(
        kid,
        "business",
        org=f"阳谷县{kid['village']}{kid['name']}建材店",
        ref=_credit(planter, True),
        category="个体工商户",
        amount=200000.0,
        status="在业",
    )
    planter.case("E3_getihu_large", kid, "E3", "", "个体工商户资金数额 20 万元，在业")
    _, kid = _household(planter, 39)
    planter.listed(
        kid,
        "business",
        org=f"阳谷县{kid['name']}农资有限公司",
        ref=_credit(planter, False),
        category="有限责任公司(自然人独资)",
        amount=300000.0,
        status="注销",
    )
    planter.case("notE3_cancelled", kid, "", "E3", "公司已注销")
    _, kid = _household(planter, 42)
    planter.listed(
        kid,
        "business",
        org=f"阳谷县{kid['village']}{kid['name']}小卖部",
        ref=_credit(planter, True),
        category="个体工商户",
        amount=30000.0,
        status="存续",
    )
    planter.case("notE3_small_getihu", kid, "", "E3", "个体工商户资金数额 3 万元，低于 10 万元")

    # E4: two homes in one household, or any non-residential property
    head, kid = _household(planter, 35)
    planter.listed(
        head,
        "property",
        ref=_unit(planter, head["town"]),
        place=f"阳谷县{head['town']}{head['village']}",
        category="住宅",
        area=126.5,
    )
    planter.listed(
        kid,
        "property",
        ref=_unit(planter, head["town"]),
        place="阳谷县博济桥街道清河社区5号楼2单元301",
        category="成套住宅",
        area=98.2,
    )
    planter.case("E4_two_homes", head, "E4", "", "户主和儿女各有一套住宅：全户两套")
    head, kid = _household(planter, 36)
    planter.listed(
        kid,
        "property",
        ref=_unit(planter, head["town"]),
        place="阳谷县狮子楼街道金水湖商业街12号",
        category="商业",
        area=45.0,
    )
    planter.case("E4_shop", head, "E4", "", "成员名下一处商业用房")
    head, kid = _household(planter, 37)
    planter.listed(
        head,
        "property",
        ref=_unit(planter, head["town"]),
        place=f"阳谷县{head['town']}{head['village']}",
        category="住宅",
        area=110.0,
    )
    planter.case("notE4_single_home", head, "", "E4", "全户只有一套住宅")
    head, kid = _household(planter, 32)
    shared = _unit(planter, head["town"])
    where = "阳谷县侨润街道运河社区3号楼1单元502"
    planter.listed(head, "property", ref=shared, place=where, category="住宅", area=88.0)
    planter.listed(kid, "property", ref=shared, place=where, category="住宅", area=88.0)
    planter.case("notE4_one_home_two_owners", head, "", "E4", "一套住宅两人共有：只算一套")

    # E5: a pension or wage from 1000 元 a month
    _, kid = _household(planter, 50)
    planter.listed(kid, "pension", category="企业职工基本养老保险", amount=1850.0, pay_month=month)
    planter.case("E5_pension", kid, "E5", "", "企业职工基本养老金 1850 元/月")
    p = planter.person(age=57)
    planter.tekun(p)
    planter.listed(p, "pension", category="机关事业单位养老保险", amount=620.0, pay_month=month)
    planter.listed(p, "pension", category="工资", org="阳谷县环卫所", amount=480.0, pay_month=month)
    planter.case("E5_two_lines_one_month", p, "E5", "", "同月养老金 620 元和工资 480 元，合计 1100 元")
    head, _ = _household(planter, 33)
    planter.listed(head, "pension", category="城乡居民基本养老保险", amount=150.0, pay_month=month)
    planter.case("notE5_basic_pension", head, "", "E5", "城乡居民基础养老金 150 元")
    _, kid = _household(planter, 44)
    planter.listed(kid, "pension", category="企业职工基本养老保险", amount=800.0, pay_month=month)
    planter.case("notE5_below", kid, "", "E5", "养老金 800 元，低于 1000 元")
