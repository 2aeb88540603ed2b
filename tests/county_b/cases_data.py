"""Planted cases, part 2: monitored households (C1–C3), the two subsidies (S1–S5) and data quality
(Q1–Q4), plus the name traps (look-alikes, minority dots, traditional characters, namesakes)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from recon.normalize.ids import check_char
from tests.county_b.base import Base
from tests.county_b.people import (
    HISTORIC_REGION,
    LOOKALIKES,
    MINORITY,
    STREETS,
    TOWNS,
    TRADITIONAL,
    TYPO_PAIR,
    Person,
)
from tests.county_b.records import (
    CARE,
    LIFTED,
    LIVING,
    MARGINAL,
    SUDDEN,
    UNSTABLE,
    IdOverride,
    Rolls,
    legacy15,
)


def renamed(p: Person, name: str) -> Person:
    return dataclasses.replace(p, name=name)


class DataCases:
    def __init__(self, rolls: Rolls, base: Base) -> None:
        self.r, self.pop, self.base = rolls, rolls.pop, base

    def P(self, age: int | None = None, **kw: object) -> Person:
        kw.setdefault("town", TOWNS[int(self.pop.rng.integers(len(TOWNS)))])
        return self.pop.person(age, **kw)  # type: ignore[arg-type]

    def digit_ending(self, age: int, **kw: object) -> Person:
        """A person whose ID ends in a digit: a number cell cannot hold the check character X."""
        while True:
            p = self.P(age, **kw)
            if not p.pid.endswith("X"):
                return p

    def family(self, size: int, **kw: object) -> list[tuple[Person, str]]:
        town = str(kw.get("town", TOWNS[int(self.pop.rng.integers(len(TOWNS)))]))
        return self.base.family(size, town)

    def plant(self) -> None:
        self.monitored()
        self.subsidies()
        self.quality()
        self.names()

    # --- C1–C3 --------------------------------------------------------------------------------------
    def monitored(self) -> None:
        r = self.r
        for rule, category, sizes in (
            ("C1", UNSTABLE, (3, 4)),
            ("C2", MARGINAL, (2, 4, 1)),
            ("C3", SUDDEN, (3, 2)),
        ):
            for k, size in enumerate(sizes):
                fam = self.family(size)
                r.poverty(fam, category, income=float(5200 + 300 * k))
                r.case(f"{rule}_{k + 1}", fam[0][0], rule, note=f"{category}，{size} 人，无人享受低保特困")
        fam = self.family(3)
        r.poverty(fam, UNSTABLE, ids={0: ("valid15", legacy15(fam[0][0].pid), True)})
        r.case("C1_head_legacy15", fam[0][0], "C1", note="户主是 15 位老证号")
        head = self.P(58, region=HISTORIC_REGION)
        r.poverty(
            [(head, "户主"), (self.pop.person(55, town=head.town, village=head.village), "配偶")], MARGINAL
        )
        r.case("C2_head_historic_code", head, "C2", note="户主是 412321 老区划代码")

        # traps: covered in ways a reader must see through
        head = self.P(56)
        child = self.pop.person(28, town=head.town, village=head.village)
        fam = [
            (head, "户主"),
            (self.pop.person(54, town=head.town, village=head.village), "配偶"),
            (child, "子"),
        ]
        r.poverty(fam, UNSTABLE)
        # the son moved to town and holds his own urban dibao with his wife
        moved = dataclasses.replace(child, town=STREETS[0], village="文化路社区")
        r.dibao(
            [(moved, "户主"), (self.pop.person(27, town=STREETS[0], village="文化路社区"), "配偶")],
            urban=True,
        )
        r.case("C_trap_member_on_urban_dibao", fam[0][0], "", "C1", "成员在城区另立低保户")
        fam = self.family(3)
        parent = self.pop.person(82, town=fam[0][0].town, village=fam[0][0].village)
        r.poverty([*fam, (parent, "母亲" if parent.gender == "女" else "父亲")], MARGINAL)
        r.tekun(parent)
        r.case("C_trap_parent_on_tekun", fam[0][0], "", "C2", "成员是特困人员")
        fam = self.family(2)
        r.poverty(fam, SUDDEN)
        r.dibao(fam)
        r.tag(fam[0][0], "dibao_rural", "mess:fullwidth")
        r.case("C_trap_messy_id", fam[0][0], "", "C3", "低保名册中户主身份证号是全角数字")
        fam = self.family(2)
        r.poverty(fam, UNSTABLE)
        r.dibao(fam, ids={0: ("valid15", legacy15(fam[0][0].pid), True)})
        r.case("C_trap_dibao_legacy15", fam[0][0], "", "C1", "低保名册中户主是 15 位老证号")
        fam = self.family(3)
        r.poverty(fam, LIFTED)
        r.case("C_trap_lifted", fam[0][0], "", "C1 C2 C3", "脱贫户（非监测对象）")

    # --- S1–S5 --------------------------------------------------------------------------------------
    def _in_dibao(self, age: int, urban: bool = False, **kw: object) -> Person:
        """A dibao member (the spouse in a two-person household)."""
        town = STREETS[0] if urban else TOWNS[int(self.pop.rng.integers(len(TOWNS)))]
        head = self.pop.person(age + 3, town=town)
        p = self.pop.person(age, town=head.town, village=head.village, **kw)  # type: ignore[arg-type]
        self.r.dibao([(head, "户主"), (p, "配偶")], urban=urban)
        return p

    def subsidies(self) -> None:
        r, P = self.r, self.P
        for k, (t, g) in enumerate(((4, 3), (2, 4))):
            p = P(50 + k)
            r.holder(p, t, g, on_dibao=False, living=True)
            r.case(f"S1_{k + 1}", p, "S1", note="不在低保、特困中")
        p = P(47)
        r.subsidy(p, LIVING, shown=(4, 3))
        r.case("S1_no_certificate", p, "S1", "S3", "无证、不在低保")

        for k, (p, t, g) in enumerate(
            ((self._in_dibao(40), 4, 3), (self._in_dibao(63, urban=True), 2, 4), (self._in_dibao(33), 1, 1))
        ):
            r.holder(p, t, g, on_dibao=True, living=False)
            r.case(f"S2_{k + 1}", p, "S2")

        p = P(55)
        r.subsidy(p, CARE, shown=(4, 2), cert=f"{p.pid}42")
        r.case("S3_no_certificate", p, "S3", note="护理补贴名册上印着证号，但残联无此证（已注销）")
        p = P(61)
        r.disability(p, 4, 3)
        r.subsidy(p, CARE, shown=(4, 2))
        r.case("S3_grade3_roster_says_2", p, "S3", note="发放名册写二级，残疾人证为三级")
        p = P(39)
        r.disability(p, 6, 4)
        r.subsidy(p, CARE, shown=(6, 4))
        r.case("S3_grade4", p, "S3")

        p = P(66)
        r.holder(p, 4, 1, on_dibao=False, care=False)
        r.case("S4_1", p, "S4")
        p = self._in_dibao(29)
        r.holder(p, 6, 2, on_dibao=True, care=False)
        r.case("S4_dibao_member", p, "S4")
        p = P(70)
        r.disability(p, 1, 1, ident=("valid15", legacy15(p.pid), True))
        r.case("S4_legacy15", p, "S4", note="残疾人证名册中是 15 位老证号")
        p = P(75)
        r.tekun(p)
        r.holder(p, 4, 1, on_dibao=False, on_tekun=True)
        r.case("S4_trap_tekun", p, "", "S4 S5", "特困人员不发护理补贴")

        for k, (t, g, lines) in enumerate(((4, 3, (LIVING,)), (4, 1, (CARE,)), (5, 2, (LIVING, CARE)))):
            p = P(68 + k)
            r.tekun(p)
            r.disability(p, t, g)
            for s in lines:
                r.subsidy(p, s, shown=(t, g))
            r.case(f"S5_{k + 1}", p, "S5", "S1", "特困人员领" + "、".join(lines))

    # --- Q1–Q4 --------------------------------------------------------------------------------------
    def quality(self) -> None:
        r, P, pop = self.r, self.P, self.pop

        def bad(kind: str, pid: str) -> str:
            if kind == "check":
                return pid[:17] + ("0" if pid[17] != "0" else "1")
            if kind == "date":
                f17 = pid[:6] + "19800230" + pid[14:17]
            elif kind == "future":
                f17 = pid[:6] + "2035" + pid[10:17]
            elif kind in ("99", "40"):
                f17 = kind + pid[2:17]
            elif kind == "len17":
                return pid[:17]
            else:  # len19
                return pid + "1"
            return f17 + check_char(f17)

        notes = {"check": "校验位错", "date": "出生日期 2月30日", "future": "出生年份在未来", "99": "省份代码 99",
                 "40": "省份代码 40", "len17": "17 位", "len19": "19 位"}  # fmt: skip

        def invalid(kind: str, p: Person) -> IdOverride:
            text = bad(kind, p.pid)
            r.case(f"Q1_{kind}", text, "Q1", note=notes[kind])
            return ("invalid", text, False)

        for kind in ("check", "len19"):
            fam = self.family(3)
            p = renamed(fam[2][0], pop.rare_name())
            r.dibao([fam[0], fam[1], (p, fam[2][1])], ids={2: invalid(kind, p)})
        p = P(44, rare=True)
        r.disability(p, 2, 4, cert="", ident=invalid("date", p))
        fam = self.family(2)
        p = renamed(fam[1][0], pop.rare_name())
        r.poverty([fam[0], (p, fam[1][1])], LIFTED, ids={1: invalid("future", p)})
        p = P(52, rare=True)
        r.tekun(p, ident=invalid("99", p))
        head = P(49, town=STREETS[1])
        p = pop.person(46, town=head.town, village=head.village, rare=True)
        r.dibao([(head, "户主"), (p, "配偶")], urban=True, ids={1: invalid("40", p)})
        p = P(83, rare=True)
        r.cremation(p, None, r.month - dt.timedelta(days=9), ident=invalid("len17", p))

        # Q3: stored as numbers somewhere on the way; each person only here, under a unique name
        def floated(p: Person, where: str) -> IdOverride:
            r.case(f"Q3_{where}", p, "Q3", note="身份证号以数值存储（科学计数法，末位丢失）")
            return ("float_damaged", p.pid, False)

        for k in range(2):
            fam = self.family(3 + k)
            p = self.digit_ending(30 + k, rare=True, town=fam[0][0].town, village=fam[0][0].village)
            r.dibao([*fam, (p, "儿媳")], ids={len(fam): floated(p, f"dibao_{k + 1}")})
        p = self.digit_ending(79, rare=True)
        r.tekun(p, ident=floated(p, "tekun"))
        p = self.digit_ending(48, rare=True)
        r.disability(p, 4, 4, cert="", ident=floated(p, "disability"))
        fam = self.family(2)
        p = self.digit_ending(24, rare=True, town=fam[0][0].town, village=fam[0][0].village)
        r.poverty([*fam, (p, "孙子" if p.gender == "男" else "孙女")], LIFTED, ids={2: floated(p, "poverty")})
        p = self.digit_ending(86, rare=True)
        r.cremation(p, None, r.month - dt.timedelta(days=30), ident=floated(p, "cremation"))

        # Q4
        p = P(42)
        wrong = p.pid[:14] + str((int(p.pid[14]) + 1) % 10) + p.pid[15:17]
        r.disability(p, 4, 3, cert=wrong + p.pid[17] + "43")
        r.case("Q4_cert_id_differs", p, "Q4")
        p = P(36)
        r.disability(p, 4, 4, cert=f"{p.pid}54")
        r.case("Q4_cert_type_differs", p, "Q4")
        p = P(37)
        r.disability(p, 2, 3, cert=f"{p.pid}24")
        r.case("Q4_cert_grade_differs", p, "Q4")
        while not (p := P(53)).pid.endswith("X"):
            pass
        r.disability(p, 2, 4)
        r.tag(p, "disability", "mess:lowerx")
        r.case("Q4_trap_lowercase_x", p, "", "Q4", "身份证号小写 x，证号大写 X")
        p = P(64)
        r.disability(p, 4, 4, ident=("valid15", legacy15(p.pid), True))
        r.case("Q4_trap_legacy15", p, "", "Q4 Q1", "15 位老证号，证号含 18 位号码")

    # --- names --------------------------------------------------------------------------------------
    def names(self) -> None:
        r, P = self.r, self.P
        a, b = LOOKALIKES[0]
        p = self._in_dibao(58, name=a, gender="女")
        r.disability(renamed(p, b), 4, 4)
        r.subsidy(renamed(p, b), LIVING, shown=(4, 4))
        r.case("Q2_lookalike_dibao_disability", p, "Q2", note=f"低保写{a}，残联写{b}")
        a, b = LOOKALIKES[1]
        p = P(77, name=a, gender="女")
        r.tekun(p)
        r.disability(renamed(p, b), 4, 3)
        r.case("Q2_lookalike_tekun_disability", p, "Q2", note=f"特困写{a}，残联写{b}")
        a, b = LOOKALIKES[2]
        fam = self.family(3)
        i = next(i for i, (_, rel) in enumerate(fam) if rel != "户主")
        fam[i] = (renamed(fam[i][0], a), fam[i][1])
        r.dibao(fam)
        r.poverty([(renamed(q, b) if j == i else q, rel) for j, (q, rel) in enumerate(fam)], UNSTABLE)
        r.case("Q2_lookalike_dibao_poverty", fam[i][0], "Q2", "C1", f"低保写{a}，扶贫写{b}")
        a, b = LOOKALIKES[3]
        p = P(60, name=a, gender="女")
        r.disability(renamed(p, b), 4, 2)
        r.subsidy(p, CARE, shown=(4, 2))
        r.case("Q2_lookalike_care_disability", p, "Q2", "S3 S4", f"护理补贴写{a}，残联写{b}")
        a, b = TYPO_PAIR
        p = P(57, name=a, gender="男")
        r.disability(p, 4, 1)
        r.subsidy(renamed(p, b), CARE, shown=(4, 1))
        r.case("Q2_typo", p, "Q2", "S4", f"残联写{a}，护理补贴写{b}（读音不同）")

        # traps: the same name written with a space, a full-width space or another middle dot
        p = self._in_dibao(45)
        r.holder(p, 4, 4, on_dibao=True)
        r.tag(p, "subsidy_living", "name:space")
        r.case("Q2_trap_space", p, "", "Q2", "生活补贴名册姓名中间有空格")
        p = P(80)
        r.tekun(p)
        r.holder(p, 2, 3, on_dibao=False, on_tekun=True)
        r.tag(p, "tekun", "name:fullspace")
        r.case("Q2_trap_fullwidth_space", p, "", "Q2", "特困名册姓名中间有全角空格")
        for k, name in enumerate(MINORITY):
            head = self.pop.person(40 + k, town=STREETS[k % 2])
            p = self.pop.person(36 + k, name=name, town=head.town, village=head.village)
            r.dibao([(head, "户主"), (p, "配偶")], urban=True)
            r.holder(p, 2, 4, on_dibao=True)
            r.case(f"Q2_trap_minority_{k + 1}", p, "", "Q2", "少数民族姓名，各单位间隔号写法不同")
        for k, name in enumerate(TRADITIONAL):
            p = P(50 + k, name=name)
            r.disability(p, 4, 3 + k % 2)
            r.case(f"traditional_{k + 1}", p, "", "Q2", "残联旧系统繁体字姓名（只在残联名册）")
        # namesakes: the same common name, different people, in different files
        for name, g in (("王秀英", "女"), ("张伟", "男")):
            r.tekun(P(71, name=name, gender=g))
            r.disability(P(45, name=name, gender=g), 2, 4)
            head = P(55, name=name, gender=g)
            r.poverty(
                [(head, "户主"), (self.pop.person(52, town=head.town, village=head.village), "配偶")], LIFTED
            )
