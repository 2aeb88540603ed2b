"""Planted cases, part 3: what the other offices know about assisted households (E1–E5), the village
cadres and their filed relatives (R1), children whose parents are dead and severely disabled adults of
monitored households (K1, K2), with the traps DOMAIN.md names for each, and the ordinary rows of those
lists (people on no roll, assisted people whose entries do not count) that make the lists look real.

Each E case is a grown child in a dibao household of two or three (a single person would be a T1 case
too) or a tekun person on no dibao roll. The answers come from the records (answers.py), not from here.
"""

from __future__ import annotations

import datetime as dt

from tests.county_b.people import COUNTY, STREETS, TOWNS, Person
from tests.county_b.records import LIFTED, MARGINAL, Member, Rolls

LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


def child_rel(p: Person) -> str:
    return "子" if p.gender == "男" else "女"


def parent_rel(p: Person) -> str:
    return "父亲" if p.gender == "男" else "母亲"


class MeansCases:
    def __init__(self, rolls: Rolls) -> None:
        self.r, self.pop, self.rng, self.m = rolls, rolls.pop, rolls.pop.rng, rolls.month

    def P(self, age: int | None = None, **kw: object) -> Person:
        kw.setdefault("town", TOWNS[int(self.rng.integers(len(TOWNS)))])
        return self.pop.person(age, **kw)  # type: ignore[arg-type]

    def mate(self, p: Person, age: int, **kw: object) -> Person:
        return self.pop.person(age, town=p.town, village=p.village, **kw)  # type: ignore[arg-type]

    def day(self, k: int) -> dt.date:
        return self.m + dt.timedelta(days=k)

    def household(self, age: int, *, spouse: bool = False, urban: bool = False) -> tuple[Person, Person]:
        """A dibao household: a head about 28 years older than a grown child (and the head's spouse)."""
        head = self.P(age + 28, **({"town": STREETS[1]} if urban else {}))
        kid = self.mate(head, age, surname=head.name[0] if head.gender == "男" else None)
        members: list[Member] = [(head, "户主")]
        if spouse:
            members.append((self.mate(head, age + 26, gender="女" if head.gender == "男" else "男"), "配偶"))
        members.append((kid, child_rel(kid)))
        self.r.dibao(members, urban=urban)
        return head, kid

    def plate(self) -> str:
        return f"豫N{LETTERS[int(self.rng.integers(len(LETTERS)))]}{int(self.rng.integers(10000, 99999))}"

    def credit(self, getihu: bool) -> str:
        digits = "".join(str(int(d)) for d in self.rng.integers(0, 10, size=8))
        return f"{'92' if getihu else '91'}411421MA{digits}"

    def deed(self) -> str:
        return f"豫（{int(self.rng.integers(2016, 2020))}）{COUNTY}不动产权第{int(self.rng.integers(1, 9999999)):07d}号"

    def plant(self) -> None:
        self.public_employees()
        self.vehicles()
        self.businesses()
        self.properties()
        self.pensions()
        self.cadres()
        self.children()
        self.disabled_adults()
        self.background()

    # --- E1 -----------------------------------------------------------------------------------------
    def public_employees(self) -> None:
        r = self.r
        _, kid = self.household(29, spouse=True)
        r.listed(kid, "public_employee", org="民权县第二高级中学", category="事业编制")
        r.case("E1_dibao_member", kid, "E1", note="低保户成员是在编教师")
        _, kid = self.household(33, urban=True)
        r.listed(kid, "public_employee", org="民权县人民医院", category="事业编制（差额）")
        r.case("E1_urban_member", kid, "E1", note="城市低保户成员在县医院在编")
        p = self.P(57)
        r.tekun(p)
        r.listed(p, "public_employee", org=f"{COUNTY}{p.town}人民政府", category="行政编制")
        r.case("E1_tekun", p, "E1", note="特困人员在财政供养人员名单")
        _, kid = self.household(35)
        twin = self.mate(kid, 36, name=kid.name, gender=kid.gender)
        r.listed(twin, "public_employee", org="民权县自然资源局", category="参照公务员法管理")
        r.case("notE1_namesake", kid, "", "E1", "名单上同村同名的人身份证号不同")

    # --- E2 -----------------------------------------------------------------------------------------
    def vehicles(self) -> None:
        r, reg = self.r, dt.date(2017, 9, 12)
        _, kid = self.household(31)
        r.listed(kid, "vehicle", ref=self.plate(), category="小型轿车", status="正常", event_date=reg)
        r.case("E2_car", kid, "E2", note="名下小型轿车，状态正常")
        _, kid = self.household(37, spouse=True)
        r.listed(
            kid, "vehicle", ref=self.plate(), category="重型半挂牵引车", status="违法未处理", event_date=reg
        )
        r.case("E2_tractor_unit", kid, "E2", note="名下重型半挂牵引车（违法未处理：仍在用）")
        p = self.P(54)
        r.tekun(p)
        r.listed(p, "vehicle", ref=self.plate(), category="轻型普通货车", status="正常", event_date=reg)
        r.listed(p, "vehicle", ref=self.plate(), category="小型普通客车", status="报废", event_date=reg)
        r.case("E2_tekun_truck", p, "E2", note="特困人员名下轻型货车（另一辆已报废）")
        for k, (vtype, status) in enumerate(
            (
                ("普通二轮摩托车", "正常"),
                ("残疾人专用小型自动挡载客汽车", "正常"),
                ("三轮汽车", "正常"),
                ("低速货车", "正常"),
                ("小型轿车", "注销"),
                ("小型普通客车", "报废"),
                ("轻型普通货车", "转出"),
            )
        ):
            _, kid = self.household(30 + k)
            r.listed(kid, "vehicle", ref=self.plate(), category=vtype, status=status, event_date=reg)
            r.case(f"notE2_{k + 1}", kid, "", "E2", f"{vtype}，{status}：不计入")

    # --- E3 -----------------------------------------------------------------------------------------
    def businesses(self) -> None:
        r = self.r
        cases = (
            ("E3_company", "E3", "有限责任公司（自然人独资）", 500000.0, "存续", "商贸有限公司"),
            ("E3_getihu_large", "E3", "个体工商户", 200000.0, "在业", "建材经营部"),
            ("E3_partnership", "E3", "普通合伙企业", 50000.0, "存续", "养殖场（普通合伙）"),
            ("notE3_cancelled", "", "有限责任公司（自然人独资）", 300000.0, "注销", "农资有限公司"),
            ("notE3_revoked", "", "有限责任公司（自然人投资或控股）", 1000000.0, "吊销", "物流有限公司"),
            ("notE3_small_getihu", "", "个体工商户", 30000.0, "在业", "便民超市"),
        )
        for case, rule, etype, capital, status, tail in cases:
            _, kid = self.household(int(self.rng.integers(32, 46)))
            getihu = etype == "个体工商户"
            org = f"{COUNTY}{kid.village if getihu else ''}{kid.name}{tail}"
            r.listed(
                kid,
                "business",
                org=org,
                ref=self.credit(getihu),
                category=etype,
                amount=capital,
                status=status,
            )
            r.case(case, kid, rule, "" if rule else "E3", f"{etype}，{capital / 10000:g} 万元，{status}")

    # --- E4 -----------------------------------------------------------------------------------------
    def properties(self) -> None:
        r = self.r
        head, kid = self.household(34)
        r.listed(
            head,
            "property",
            ref=self.deed(),
            place=f"{COUNTY}{head.town}{head.village}",
            category="住宅",
            area=132.4,
        )
        r.listed(
            kid,
            "property",
            ref=self.deed(),
            place=f"{COUNTY}南华街道建设路128号3号楼2单元501",
            category="成套住宅",
            area=96.3,
        )
        r.case("E4_two_homes", head, "E4", note="户主和子女各一套住宅")
        head, kid = self.household(38)
        r.listed(
            kid,
            "property",
            ref=self.deed(),
            place=f"{COUNTY}绿洲街道人民路商业街18号",
            category="商业服务",
            area=42.0,
        )
        r.case("E4_shop", head, "E4", note="成员名下一处商业用房")
        p = self.P(62)
        r.tekun(p)
        r.listed(
            p, "property", ref=self.deed(), place=f"{COUNTY}{p.town}集贸市场东侧", category="商业", area=30.5
        )
        r.case("E4_tekun_shop", p, "E4", note="特困人员名下商铺")
        head, kid = self.household(36)
        r.listed(
            head,
            "property",
            ref=self.deed(),
            place=f"{COUNTY}{head.town}{head.village}",
            category="住宅",
            area=118.0,
        )
        r.case("notE4_single_home", head, "", "E4", "全户只有一套住宅")
        head, kid = self.household(33)
        deed, where = self.deed(), f"{COUNTY}南华街道文化路66号1号楼1单元302"
        r.listed(head, "property", ref=deed, place=where, category="住宅", area=86.0)
        r.listed(kid, "property", ref=deed, place=where, category="住宅", area=86.0)
        r.case("notE4_one_home_two_owners", head, "", "E4", "一套住宅两人共有：只算一套")

    # --- E5 -----------------------------------------------------------------------------------------
    def pensions(self) -> None:
        r, m = self.r, self.m
        _, kid = self.household(49)
        r.listed(kid, "pension", category="企业职工基本养老金", amount=1920.0, pay_month=m)
        r.case("E5_pension", kid, "E5", note="企业职工基本养老金 1920 元/月")
        p = self.P(58)
        r.tekun(p)
        r.listed(p, "pension", category="机关事业单位养老金", amount=620.0, pay_month=m)
        r.listed(p, "pension", category="遗属待遇", amount=480.0, pay_month=m)
        r.case("E5_two_lines", p, "E5", note="养老金 620 元和遗属待遇 480 元，同月合计 1100 元")
        head, _ = self.household(36)
        r.listed(head, "pension", category="城乡居民基本养老金", amount=138.0, pay_month=m)
        r.case("notE5_basic_pension", head, "", "E5", "城乡居民基础养老金 138 元")
        _, kid = self.household(45)
        r.listed(kid, "pension", category="企业职工基本养老金", amount=960.0, pay_month=m)
        r.case("notE5_below", kid, "", "E5", "养老金 960 元，低于 1000 元")

    # --- R1 -----------------------------------------------------------------------------------------
    def cadres(self) -> None:
        r, P, mate = self.r, self.P, self.mate
        filed = dt.date(2019, 12, 16)
        cadre = P(51, gender="男")
        wife, son = mate(cadre, 49, gender="女"), mate(cadre, 23, gender="男", surname=cadre.name[0])
        r.dibao([(cadre, "户主"), (wife, "配偶"), (son, "子")])
        r.listed(cadre, "cadre", category="村委委员")
        for p, note in ((cadre, "村委委员本人在低保"), (wife, "同户：配偶"), (son, "同户：子")):
            r.case(f"R1_cadre_household_{p.pid[-4:]}", p, "R1", note=note)

        mother = P(76, gender="女")
        clerk = mate(mother, 46, gender="男")
        r.dibao([(mother, "户主"), (clerk, "子")])
        r.listed(clerk, "cadre", category="民政所工作人员")
        r.listed(
            mother, "filing", other_name=clerk.name, other_pid=clerk.pid, category="母子", event_date=filed
        )
        r.case("R1_clerk_in_mothers_household", clerk, "R1", note="经办人员本人在低保户中，未备案")
        r.case("notR1_filed_mother", mother, "", "R1", "经办人员的母亲已备案")

        p = P(61)
        r.tekun(p)
        r.listed(p, "cadre", category="村监委委员")
        r.case("R1_cadre_on_tekun", p, "R1", note="村监委委员本人在特困")

        secretary = P(48, gender="男", town=STREETS[0], village="南华社区")
        sister = mate(secretary, 52, gender="女")
        r.dibao([(sister, "户主")], urban=True)
        r.listed(secretary, "cadre", category="社区党支部书记")
        r.listed(
            sister,
            "filing",
            other_name=secretary.name,
            other_pid=secretary.pid,
            category="姐弟",
            event_date=filed,
        )
        r.case("notR1_filed_sister", sister, "", "R1", "书记的姐姐另成一户，已备案")
        # a 村党支部书记 heading a dibao household whose wife was filed and he was not
        leader = P(56, gender="男")
        spouse = mate(leader, 54, gender="女")
        r.dibao([(leader, "户主"), (spouse, "妻")])
        r.listed(leader, "cadre", category="村党支部书记")
        r.listed(
            spouse, "filing", other_name=leader.name, other_pid=leader.pid, category="夫妻", event_date=filed
        )
        r.case("R1_secretary_unfiled", leader, "R1", note="书记本人在低保，未备案")
        r.case("notR1_filed_wife", spouse, "", "R1", "同户的妻子已备案")
        officer = P(40, gender="女")
        father = mate(officer, 69, gender="男")
        brother = mate(officer, 43, gender="男")
        r.dibao([(father, "户主"), (brother, "子")])
        r.listed(officer, "cadre", category="妇女主任")
        r.case("notR1_cadre_not_on_roll", brother, "", "R1", "干部本人不在名册，父兄另成一户")

    # --- K1 -----------------------------------------------------------------------------------------
    def orphans(
        self, rels: tuple[str, str], kids: tuple[tuple[str, int], ...]
    ) -> tuple[Person, Person, list[Person]]:
        """户主 (father) and his spouse (mother) with their children in a rural dibao household that is
        also a 脱贫户 of the poverty roster: the wide and one-cell dibao layouts print no 与户主关系, so
        the roster's relations are where parents are read from there."""
        father = self.P(42, gender="男")
        mother = self.mate(father, 40, gender="女")
        children = [
            self.mate(
                father,
                age,
                gender="男" if rel in ("子", "长子", "次子", "之子") else "女",
                surname=father.name[0],
            )
            for rel, age in kids
        ]
        members = [
            (father, rels[0]),
            (mother, rels[1]),
            *zip(children, (rel for rel, _ in kids), strict=True),
        ]
        self.r.dibao(members)
        self.r.poverty(members, LIFTED)
        return father, mother, children

    def children(self) -> None:
        r, day = self.r, self.day
        father, mother, (son,) = self.orphans(("户主", "配偶"), (("长子", 12),))
        r.cremation(father, day(-240), day(-238))
        r.listed(mother, "death", category="死亡", death_date=day(-150), event_date=day(-141))
        r.case("K1_both_dead", son, "K1", note="父火化、母户籍死亡注销，长子 12 岁")
        r.case("K1_both_dead_mother", mother, "D1", "K1", "只在公安死亡注销名单上")
        father, mother, (boy, girl) = self.orphans(("户主", "妻"), (("之子", 14), ("次女", 6)))
        r.listed(father, "death", category="死亡", death_date=day(-95), event_date=day(-88))
        r.cremation(mother, day(-400), day(-398))
        r.case("K1_zhizi", boy, "K1", note="之子")
        r.case("K1_cinv", girl, "K1", note="次女")
        # a grandchild in a poverty household whose parents (子, 儿媳) are dead, the grandfather alive
        grandpa = self.P(68, gender="男")
        dad = self.mate(grandpa, 41, gender="男", surname=grandpa.name[0])
        mum = self.mate(grandpa, 39, gender="女")
        kid = self.mate(grandpa, 10, gender="女", surname=grandpa.name[0])
        r.poverty([(grandpa, "户主"), (dad, "子"), (mum, "儿媳"), (kid, "孙女")], LIFTED, income=6200.0)
        r.cremation(dad, day(-300), day(-298))
        r.listed(mum, "death", category="死亡", death_date=day(-200), event_date=day(-190))
        r.case("K1_grandchild_poverty", kid, "K1", note="监测户孙女：父母均已死亡")

        # traps
        father, _, (son,) = self.orphans(("户主", "配偶"), (("子", 11),))
        r.cremation(father, day(-180), day(-178))
        r.case("notK1_mother_alive", son, "", "K1", "母亲健在")
        father, mother, (girl,) = self.orphans(("户主", "配偶"), (("长女", 9),))
        r.cremation(father, day(-270), day(-268))
        r.cremation(mother, day(-220), day(-218))
        r.listed(girl, "child_welfare", category="孤儿")
        r.case("notK1_on_roster_orphan", girl, "", "K1", "已在孤儿保障名册")
        father, mother, (boy,) = self.orphans(("户主", "配偶"), (("次子", 7),))
        r.cremation(father, day(-120), day(-118))
        r.listed(mother, "death", category="死亡", death_date=day(-60), event_date=day(-52))
        r.listed(boy, "child_welfare", category="事实无人抚养儿童")
        r.case("notK1_on_roster_de_facto", boy, "", "K1", "已在事实无人抚养儿童名册")
        father, mother, (son,) = self.orphans(("户主", "配偶"), (("子", 13),))
        r.cremation(father, day(-160), day(-158))
        r.listed(mother, "death", category="迁出", event_date=day(-75))
        r.case("notK1_mother_moved_out", son, "", "K1", "母亲的户籍注销是迁出，不是死亡")
        r.case("notD1_moved_out", mother, "", "D1", "注销类别为迁出：不是死亡")

    # --- K2 -----------------------------------------------------------------------------------------
    def disabled_adults(self) -> None:
        r = self.r
        for case, cat, age, dtype, grade, present in (
            ("K2_intellectual_3", LIFTED, 27, 5, 3, True),
            ("K2_physical_1", LIFTED, 34, 4, 1, True),
            ("K2_mental_2_marginal", MARGINAL, 23, 6, 2, True),
            ("notK2_age_60", LIFTED, 60, 1, 1, False),
            ("notK2_physical_3", LIFTED, 36, 4, 3, False),
        ):
            old = age >= 60
            head = self.P(36 if old else max(age + 26, 50))
            p = self.mate(head, age)
            r.poverty(
                [(head, "户主"), (p, parent_rel(p) if old else child_rel(p))], cat, income=5400.0 + age * 10
            )
            # a grade 1-2 holder gets the care subsidy, or he would be an S4 case too
            r.holder(p, dtype, grade, on_dibao=False, care=grade <= 2)
            r.case(case, p, "K2" if present else "", "" if present else "K2")
        head = self.P(52)
        p = self.mate(head, 25)
        r.poverty([(head, "户主"), (p, child_rel(p))], LIFTED, income=5900.0)
        r.dibao([(head, "户主")])
        r.holder(p, 5, 2, on_dibao=False)
        r.case("notK2_covered", p, "", "K2", "户主在低保：全户已覆盖")

    # --- the ordinary rows of each list -------------------------------------------------------------
    def background(self) -> None:
        """People on no roll fill most of every list; assisted people appear only where nothing follows
        (a motorcycle, a basic pension), as in a real comparison."""
        r, P, rng, m = self.r, self.P, self.rng, self.m
        units = ("民权县第一初级中学", "民权县人民医院", "民权县财政局", "民权县公安局", "民权县中医院")
        for k in range(24):
            p = P(int(rng.integers(24, 59)))
            r.listed(
                p, "public_employee", org=units[k % len(units)], category=("行政编制", "事业编制")[k % 2]
            )
        types = ("小型轿车", "小型普通客车", "普通二轮摩托车", "轻型普通货车")
        for k in range(24):
            p = P(int(rng.integers(22, 65)))
            r.listed(
                p,
                "vehicle",
                ref=self.plate(),
                category=types[k % 4],
                status="正常",
                event_date=dt.date(2012 + k % 8, 3, 1 + k),
            )
        for k in range(16):
            p = P(int(rng.integers(25, 60)))
            getihu = k % 2 == 0
            r.listed(
                p,
                "business",
                org=f"{COUNTY}{p.name}{'副食店' if getihu else '农业发展有限公司'}",
                ref=self.credit(getihu),
                category="个体工商户" if getihu else "有限责任公司（自然人独资）",
                amount=float(rng.integers(1, 60) * 10000),
                status="存续",
            )
        for _ in range(20):
            p = P(int(rng.integers(28, 75)))
            r.listed(
                p,
                "property",
                ref=self.deed(),
                place=f"{COUNTY}{p.town}{p.village}",
                category="住宅",
                area=float(rng.integers(60, 180)),
            )
        for k in range(24):
            p = P(int(rng.integers(60, 85)))
            r.listed(
                p,
                "pension",
                category=("企业职工基本养老金", "城乡居民基本养老金")[k % 2],
                amount=float(rng.integers(10, 300) * 10),
                pay_month=m,
            )
        posts = ("村党支部书记", "村委会主任", "村委委员", "村会计", "民政协理员")
        for k in range(20):
            p = P(int(rng.integers(30, 60)))
            r.listed(p, "cadre", category=posts[k % len(posts)])
        # the other offices' IDs are no cleaner than ours: a mistyped check character (Q1) on the
        # vehicle list, an ID stored as a number (Q3) on the property list, both of people on no roll
        p = P(39, rare=True)
        wrong = p.pid[:17] + ("0" if p.pid[17] != "0" else "1")
        r.listed(
            p,
            "vehicle",
            ident=("invalid", wrong, False),
            ref=self.plate(),
            category="小型轿车",
            status="正常",
            event_date=dt.date(2019, 5, 6),
        )
        r.case("Q1_vehicle_check_char", wrong, "Q1", note="车管所名单身份证号校验位错")
        p = P(47, rare=True)
        r.listed(
            p,
            "property",
            ident=("float_damaged", p.pid, False),
            ref=self.deed(),
            place=f"{COUNTY}{p.town}{p.village}",
            category="住宅",
            area=104.0,
        )
        r.case("Q3_property", p, "Q3", note="不动产名单身份证号存成数字")
        # filings of relatives whose cadre is on the list but who live apart and are on no roll (the
        # bureau files an application, whatever its outcome)
        cadres = [x for x in r.rows if x["kind"] == "cadre"][-20:]
        for k, x in enumerate(cadres[:4]):
            p = self.pop.person(int(rng.integers(60, 80)), town=x["town"], village=x["village"])
            r.listed(
                p,
                "filing",
                other_name=x["name"],
                other_pid=x["pid"],
                category=("父子", "母女", "兄弟", "姐妹")[k],
                event_date=dt.date(2019, 10, 8 + k),
            )
        for k in range(6):
            p = P(int(rng.integers(3, 17)))
            r.listed(p, "child_welfare", category=("孤儿", "事实无人抚养儿童")[k % 2])
        for k in range(16):  # deaths and moves of people on no roll
            p = P(int(rng.integers(40, 95)))
            d = self.day(-int(rng.integers(5, 200)))
            if k % 4 == 3:
                r.listed(p, "death", category="迁出", event_date=d)
            else:
                r.listed(
                    p,
                    "death",
                    category="死亡",
                    death_date=d,
                    event_date=d + dt.timedelta(days=int(rng.integers(2, 30))),
                )
        # assisted people whose entries do not count: a tekun man's basic pension, a son's motorcycle
        fields = ("pid", "name", "gender", "birth", "town", "village")
        tekun = [x for x in r.rows if x["kind"] == "tekun" and x["id_status"] == "valid"][:6]
        for x in tekun:
            p = Person(*(x[f] for f in fields))
            r.listed(p, "pension", category="城乡居民基本养老金", amount=118.0, pay_month=m)
        riders = [
            x
            for x in r.rows
            if x["file"] == "dibao_rural" and x["relation"] == "子" and x["id_status"] == "valid"
        ]
        for x in riders[:5]:
            p = Person(*(x[f] for f in fields))
            r.listed(
                p,
                "vehicle",
                ref=self.plate(),
                category="普通二轮摩托车",
                status="正常",
                event_date=dt.date(2015, 6, 3),
            )
