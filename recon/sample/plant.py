"""Planted cases: every rule code and the edge cases of docs/rule-semantics.md, written into the clean
record table (records.py) alongside the base rolls."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from recon.sample import ids
from recon.sample.people import (
    MINORITY_NAMES,
    OTHER_PROVINCES,
    OTHER_SHANDONG,
    REGION,
    RURAL_TOWNS,
    TRADITIONAL,
    RareNames,
    common_names,
)
from recon.sample.records import (
    CARE,
    COMBINED_CARE_TOWNS,
    LIFTED,
    LIVING,
    MARGINAL,
    RISKS,
    SUDDEN,
    UNSTABLE,
    add_months,
)


class Planter:
    def __init__(
        self,
        month: dt.date,
        rng: np.random.Generator,
        villages: dict[str, tuple[str, ...]],
        used: set[str],
        rare: RareNames,
    ) -> None:
        self.month, self.rng, self.villages, self.used, self.rare = month, rng, villages, used, rare
        self.rows: list[dict[str, Any]] = []
        self.cases: list[dict[str, Any]] = []
        self._hh = 0

    # --- people -----------------------------------------------------------------------------------
    def person(
        self,
        name: str | None = None,
        *,
        age: int | None = None,
        birth: dt.date | None = None,
        gender: str | None = None,
        town: str | None = None,
        village: str | None = None,
        region: str = REGION,
    ) -> dict[str, Any]:
        rng = self.rng
        if birth is None:
            a = age if age is not None else int(rng.integers(30, 70))
            birth = self.month.replace(year=self.month.year - a) - dt.timedelta(
                days=int(rng.integers(1, 360))
            )
        gender = gender or ("男" if rng.random() < 0.5 else "女")
        while True:
            seq = int(rng.integers(0, 500)) * 2 + (1 if gender == "男" else 0)
            pid = ids.make_id(region, birth, seq)
            if pid not in self.used:
                self.used.add(pid)
                break
        town = town or RURAL_TOWNS[int(rng.integers(len(RURAL_TOWNS)))]
        village = village or self.villages[town][int(rng.integers(len(self.villages[town])))]
        if name is None:
            name = str(common_names(np.array([gender == "男"]), rng)[0])
        return {"pid": pid, "name": name, "gender": gender, "birth": birth, "town": town, "village": village}

    def case(self, case: str, p: dict[str, Any], present: str = "", absent: str = "", note: str = "") -> None:
        self.cases.append(
            {
                "case": case,
                "pid": p["pid"],
                "name": p["name"],
                "present": present,
                "absent": absent,
                "note": note,
            }
        )

    def _row(self, p: dict[str, Any], **kw: Any) -> dict[str, Any]:
        row = {
            "pid": p["pid"],
            "name": p["name"],
            "gender": p["gender"],
            "birth": p["birth"],
            "town": p["town"],
            "village": p["village"],
            "id_status": "valid",
            "id_text": p["pid"],
            "planted": kw.pop("planted", "yes"),
        }
        row.update(kw)
        self.rows.append(row)
        return row

    # --- rolls ------------------------------------------------------------------------------------
    def dibao(self, members: list[tuple[dict[str, Any], str]], urban: bool = False) -> str:
        self._hh += 1
        hh = f"{'PU' if urban else 'PR'}{self._hh:04d}"
        head = members[0][0]
        amount = 540.0 if urban else 365.0
        for p, rel in members:
            self._row(
                {**p, "town": head["town"], "village": head["village"]},
                kind="dibao",
                file="dibao_urban" if urban else "dibao_rural",
                hh=hh,
                relation=rel,
                head_name=head["name"],
                head_pid=head["pid"],
                area_type="城市" if urban else "农村",
                amount=amount,
                start_month=add_months(self.month, -30),
                household_id=f"CB9{self._hh:04d}" if urban else None,
            )
        return hh

    def tekun(self, p: dict[str, Any], mode: str = "分散供养") -> None:
        self._row(
            p,
            kind="tekun",
            file="tekun",
            support_mode=mode,
            self_care="半自理",
            amount=780.0 if mode.startswith("集中") else 590.0,
        )

    def disability(self, p: dict[str, Any], dtype: int, grade: int, cert: str | None = None) -> None:
        self._row(
            p,
            kind="disability",
            file="disability",
            dis_type=dtype,
            dis_grade=grade,
            cert_number=cert or f"{p['pid']}{dtype}{grade}",
        )

    def subsidy(self, p: dict[str, Any], stype: str, amount: float = 100.0) -> None:
        file = "subsidy_care" if stype == CARE and p["town"] not in COMBINED_CARE_TOWNS else "subsidy_all"
        self._row(p, kind="subsidy", file=file, subsidy_type=stype, amount=amount)

    def cremation(
        self,
        p: dict[str, Any],
        death: dt.date | None,
        crem: dt.date,
        *,
        status: str = "valid",
        text: str | None = None,
        linked: bool = True,
    ) -> None:
        self._row(
            p,
            kind="cremation",
            file="cremation",
            death_date=death,
            cremation_date=crem,
            id_status=status,
            id_text=p["pid"] if text is None else text,
            pid=p["pid"] if linked else None,
        )

    def poverty(self, members: list[tuple[dict[str, Any], str]], category: str, income: float) -> None:
        self._hh += 1
        hh = f"PP{self._hh:04d}"
        head = members[0][0]
        for p, rel in members:
            self._row(
                {**p, "town": head["town"], "village": head["village"]},
                kind="poverty",
                file="poverty",
                hh=hh,
                relation=rel,
                head_name=head["name"],
                head_pid=head["pid"],
                poverty_category=category,
                income=income,
                risk=RISKS[self._hh % len(RISKS)],
            )

    def d(self, months_back: int, day: int = 12) -> dt.date:
        """A date `months_back` months before the roster month."""
        m = add_months(self.month, -months_back)
        return m.replace(day=day)

    def plant(self) -> None:  # noqa: PLR0915 (a list of cases reads best as one list)
        M = self.month
        P, rng = self.person, self.rng
        town = RURAL_TOWNS

        def spouse(age: int, **kw: Any) -> dict[str, Any]:
            return P(None, age=age, **kw)

        # --- D1 and the death-date edge cases --------------------------------------------------------
        for case, age, death, crem, present, absent, note in (
            ("D1_last_month", 71, self.d(1, 12), self.d(1, 14), "D1", "", "上月死亡"),
            ("D1_long_before", 78, self.d(22, 20), self.d(22, 23), "D1", "", "死亡已近两年"),
            ("D1_crem_only", 66, None, self.d(1, 27), "D1", "", "死亡日期空白，按火化日期"),
            (
                "D1_death_before_crem_in_month",
                83,
                M - dt.timedelta(days=2),
                M,
                "D1",
                "",
                "死亡日期在上月末，火化在本月一日：以死亡日期为准",
            ),
            (
                "notD1_death_in_month",
                75,
                M + dt.timedelta(days=7),
                M + dt.timedelta(days=9),
                "",
                "D1",
                "死亡在名册月份之内，不算",
            ),
            (
                "notD1_crem_in_month",
                80,
                None,
                M + dt.timedelta(days=1),
                "",
                "D1",
                "死亡日期空白、火化在本月：不算",
            ),
        ):
            head = P(None, age=45, town=town[len(self.cases) % len(town)])
            p = P(None, age=age, town=head["town"], village=head["village"])
            self.dibao([(head, "户主"), (p, "母亲" if p["gender"] == "女" else "父亲")])
            self.cremation(p, death, crem)
            self.case(case, p, present, absent, note)

        # a dead single elderly person: D1, never T1
        p = P(None, age=82, town="石佛镇")
        self.dibao([(p, "户主")])
        self.cremation(p, self.d(2, 3), self.d(2, 5))
        self.case("D1_single_dead_not_T1", p, "D1", "T1", "单人户已死亡：只报 D1")

        # --- fuzzy links that recon must recover -----------------------------------------------------
        head = P(None, age=50, town="阿城镇")
        p = P("赵凤英", birth=dt.date(1941, 8, 17), gender="女", town="阿城镇", village=head["village"])
        self.dibao([(head, "户主"), (p, "母亲")])
        self.cremation(p, self.d(3, 9), self.d(3, 11), status="missing", text="")
        self.case(
            "fuzzy_blank_id_name_birth_town",
            p,
            "D1",
            "",
            "火化记录身份证号空白，姓名+出生日期+乡镇与低保成员相同",
        )

        head = P(None, age=52, town="七级镇")
        p = P("孙玉珍", age=79, gender="女", town="七级镇", village=head["village"])
        self.dibao([(head, "户主"), (p, "母亲")])
        wrong = ids.one_digit_wrong(p["pid"], rng)
        self.cremation(p, self.d(2, 21), self.d(2, 23), status="invalid", text=wrong)
        self.case("fuzzy_one_wrong_digit", p, "D1", "", "火化记录身份证号错一位，姓名相同")
        self.cases.append(
            {
                "case": "fuzzy_one_wrong_digit_Q1",
                "pid": wrong,
                "name": p["name"],
                "present": "Q1",
                "absent": "",
                "note": "错一位的号码本身校验不通过",
            }
        )

        # swapped digits: a disabled dibao member with both subsidies -> D1, D3 x2, D4
        head = P(None, age=48, town="阎楼镇")
        p = P("侯建国", age=64, gender="男", town="阎楼镇", village=head["village"])
        self.dibao([(head, "户主"), (p, "父亲")])
        self.disability(p, 4, 2)
        self.subsidy(p, LIVING)
        self.subsidy(p, CARE, 80.0)
        swapped = ids.adjacent_swap(p["pid"])
        self.cremation(p, self.d(1, 4), self.d(1, 6), status="invalid", text=swapped)
        self.case("fuzzy_adjacent_swap", p, "D1,D3,D4", "S4", "火化记录身份证号相邻两位颠倒，姓名相同")
        self.cases.append(
            {
                "case": "fuzzy_adjacent_swap_Q1",
                "pid": swapped,
                "name": p["name"],
                "present": "Q1",
                "absent": "",
                "note": "颠倒后的号码校验不通过",
            }
        )

        # decoy: a living 王秀英 in the village where another 王秀英 died (different birth date, blank ID)
        head = P(None, age=55, town="定水镇")
        alive = P("王秀英", birth=dt.date(1950, 2, 11), gender="女", town="定水镇", village=head["village"])
        self.dibao([(head, "户主"), (alive, "母亲")])
        dead = P("王秀英", birth=dt.date(1946, 10, 3), gender="女", town="定水镇", village=head["village"])
        self.cremation(dead, self.d(2, 15), self.d(2, 17), status="missing", text="", linked=False)
        self.case("decoy_same_name_other_birth", alive, "", "D1", "同村同名但出生日期不同的死者：不得关联")

        # decoy: a valid-ID death of 张伟 in a village where a living 张伟 is on dibao
        head = P(None, age=60, town="寿张镇")
        alive = P("张伟", age=58, gender="男", town="寿张镇", village=head["village"])
        self.dibao([(head, "户主"), (alive, "兄弟")])
        dead = P("张伟", age=70, gender="男", town="寿张镇", village=head["village"])
        self.cremation(dead, self.d(1, 2), self.d(1, 4))
        self.case("decoy_same_name_valid_id", alive, "", "D1", "同村同名的死者有自己的身份证号")

        # decoy: two living 张桂兰 with the same birth date in one town; a blank-ID 张桂兰 died there
        twin_birth = dt.date(1944, 5, 20)
        for k in range(2):
            head = P(None, age=50, town="郭屯镇")
            alive = P("张桂兰", birth=twin_birth, gender="女", town="郭屯镇", village=head["village"])
            self.dibao([(head, "户主"), (alive, "母亲")])
            self.case(
                f"decoy_ambiguous_{k + 1}",
                alive,
                "",
                "D1",
                "同镇两位同名同出生日期的在册人员，空白身份证号的火化记录无法确定是谁",
            )
        dead = P("张桂兰", birth=twin_birth, gender="女", town="郭屯镇")
        self.cremation(dead, self.d(1, 18), self.d(1, 20), status="missing", text="", linked=False)

        # --- D2 / D3 / D4 ---------------------------------------------------------------------------
        for k, back in enumerate((1, 5, 14)):
            p = P(None, age=72 + k)
            self.tekun(p)
            self.cremation(p, self.d(back, 8), self.d(back, 10))
            self.case(f"D2_{k + 1}", p, "D2", "")
        for k in range(2):
            p = P(None, age=45 + k)
            self.disability(p, 1, 1)
            self.subsidy(p, CARE)
            self.cremation(p, self.d(k + 2, 3), self.d(k + 2, 6))
            self.case(f"D3_D4_{k + 1}", p, "D3,D4", "S4")
        p = P(None, age=68)
        self.disability(p, 2, 3)
        self.cremation(p, self.d(7, 1), self.d(7, 3))
        self.case("D4_only", p, "D4", "")

        # --- T1 and its edges ------------------------------------------------------------------------
        born60 = M.replace(year=M.year - 60)
        p = P(None, birth=born60, town="张秋镇")
        self.dibao([(p, "户主")])
        self.case("T1_age_exactly_60", p, "T1", "", "单人户，名册月份第一天正好满 60 岁")
        p = P(None, birth=born60 + dt.timedelta(days=1), town="张秋镇")
        self.dibao([(p, "户主")])
        self.case("notT1_age_59", p, "", "T1", "单人户，差一天满 60 岁")
        p = P(None, age=12, town="西湖镇")
        self.dibao([(p, "户主")])
        self.case("T1_minor", p, "T1", "", "单人户，未满 16 岁")
        p = P(None, age=40, town="高庙王镇")
        self.dibao([(p, "户主")])
        self.disability(p, 5, 3)
        self.subsidy(p, LIVING, 60.0)
        self.case("T1_intellectual_grade3", p, "T1", "S2", "单人户，智力三级：计入")
        p = P(None, age=41, town="高庙王镇")
        self.dibao([(p, "户主")])
        self.disability(p, 4, 3)
        self.subsidy(p, LIVING, 60.0)
        self.case("notT1_physical_grade3", p, "", "T1,S2", "单人户，肢体三级：不计入")
        p = P(None, age=35, town="金斗营镇")
        self.dibao([(p, "户主")])
        self.disability(p, 6, 2)
        self.subsidy(p, LIVING)
        self.subsidy(p, CARE, 80.0)
        self.case("T1_mental_grade2", p, "T1", "S2,S4", "单人户，精神二级")
        p = P(None, age=75, town="大布乡")
        wife = spouse(72, town="大布乡", village=p["village"], gender="女")
        self.dibao([(p, "户主"), (wife, "配偶")])
        self.case("notT1_two_member_elderly", p, "", "T1", "两人户（有老人）：不是单人户")
        self.case("notT1_two_member_elderly_spouse", wife, "", "T1")
        p = P(None, age=70, town="李台镇")
        self.dibao([(p, "户主")])
        self.tekun(p)
        self.case("X1_single_on_tekun", p, "X1", "T1", "单人户已在特困：报 X1，不报 T1")

        # --- X1 / X2 ---------------------------------------------------------------------------------
        for k in range(2):
            head = P(None, age=50)
            p = P(None, age=63 + k, town=head["town"], village=head["village"])
            self.dibao([(head, "户主"), (p, "父亲" if p["gender"] == "男" else "母亲")])
            self.tekun(p, "集中供养")
            self.case(f"X1_{k + 2}", p, "X1", "")
        # in a rural and an urban household
        head = P(None, age=44)
        p = P(None, age=38, town=head["town"], village=head["village"])
        self.dibao([(head, "户主"), (p, "配偶")])
        uhead = P(None, age=46, town="侨润街道")
        self.dibao(
            [(uhead, "户主"), ({**p, "town": "侨润街道", "village": uhead["village"]}, "其他")], urban=True
        )
        self.case("X2_rural_and_urban", p, "X2", "")
        # in two rural households
        h1, h2 = P(None, age=47), P(None, age=49)
        p = P(None, age=22, town=h1["town"], village=h1["village"])
        self.dibao([(h1, "户主"), (p, "女儿" if p["gender"] == "女" else "儿子")])
        self.dibao([(h2, "户主"), ({**p, "town": h2["town"], "village": h2["village"]}, "其他")])
        self.case("X2_two_rural_households", p, "X2", "")
        # twice in one household
        head = P(None, age=52)
        p = P(None, age=26, town=head["town"], village=head["village"])
        self.dibao(
            [
                (head, "户主"),
                (p, "儿子" if p["gender"] == "男" else "女儿"),
                (p, "儿子" if p["gender"] == "男" else "女儿"),
            ]
        )
        self.case("X2_twice_in_one_household", p, "X2", "")

        # --- C: monitored households not covered, and covered ones ----------------------------------
        for cat, code, n in ((UNSTABLE, "C1", 3), (MARGINAL, "C2", 3), (SUDDEN, "C3", 2)):
            for k in range(n):
                head = P(None, age=50 + k)
                mem = P(None, age=20 + k, town=head["town"], village=head["village"])
                self.poverty([(head, "户主"), (mem, "子女")], cat, float(3200 + 700 * k))
                self.case(f"{code}_{k + 1}", head, code, "")
        head = P(None, age=58)
        son = P(None, age=31, town=head["town"], village=head["village"])
        wife = P(None, age=55, town=head["town"], village=head["village"])
        self.poverty([(head, "户主"), (son, "儿子"), (wife, "配偶")], UNSTABLE, 4100.0)
        self.dibao([(son, "户主")])
        self.case("notC_covered_by_one_member", head, "", "C1", "家庭中只有一人在低保：已覆盖")
        p = P(None, age=77)
        self.poverty([(p, "户主")], MARGINAL, 3900.0)
        self.tekun(p)
        self.case("notC_covered_by_tekun", p, "", "C2", "家庭成员在特困：已覆盖")
        p = P(None, age=60)
        self.poverty([(p, "户主")], LIFTED, 6100.0)
        self.case("notC_lifted", p, "", "C1,C2,C3", "脱贫户不在比对范围")

        # --- S rules ---------------------------------------------------------------------------------
        for k in range(3):
            p = P(None, age=33 + k)
            self.disability(p, (4, 2, 7)[k], 3)
            self.subsidy(p, LIVING, 60.0)
            self.case(f"S1_{k + 1}", p, "S1", "")
        for k in range(3):
            head = P(None, age=60)
            p = P(None, age=36 + k, town=head["town"], village=head["village"])
            self.dibao([(head, "户主"), (p, "儿子" if p["gender"] == "男" else "女儿")])
            self.disability(p, (1, 2, 4)[k], 3 + k % 2)
            self.case(f"S2_{k + 1}", p, "S2", "")
        head = P(None, age=57)
        p = P(None, age=29, town=head["town"], village=head["village"])
        self.dibao([(head, "户主"), (p, "儿子" if p["gender"] == "男" else "女儿")])
        self.disability(p, 4, 3)
        self.subsidy(p, LIVING, 60.0)
        self.subsidy(p, CARE, 80.0)
        self.case("S3_care_for_grade3", p, "S3", "S2", "护理补贴发给三级残疾人")
        p = P(None, age=50)
        self.disability(p, 2, 4)
        self.subsidy(p, CARE, 80.0)
        self.case("S3_care_for_grade4", p, "S3", "")
        p = P(None, age=54)
        self.subsidy(p, CARE, 80.0)
        self.case("S3_care_without_certificate", p, "S3", "")
        for k in range(3):
            p = P(None, age=30 + 10 * k)
            self.disability(p, (5, 1, 7)[k], 1 + k % 2)
            self.case(f"S4_{k + 1}", p, "S4", "")
        head = P(None, age=61)
        p = P(None, age=27, town=head["town"], village=head["village"])
        self.dibao([(head, "户主"), (p, "儿子" if p["gender"] == "男" else "女儿")])
        self.disability(p, 4, 1)
        self.subsidy(p, LIVING)
        self.case("S4_on_dibao", p, "S4", "S2")
        for k, kinds in enumerate(((LIVING,), (CARE,), (LIVING, CARE))):
            p = P(None, age=58 + k)
            self.tekun(p)
            self.disability(p, 4, 2 if CARE in kinds else 3)
            for stype in kinds:
                self.subsidy(p, stype)
            self.case(f"S5_{k + 1}", p, "S5", "S1,S3,S4")

        # --- Q2 / Q4 ---------------------------------------------------------------------------------
        head = P(None, age=40, town="安乐镇")
        p = P("李秀英", age=66, gender="女", town="安乐镇", village=head["village"])
        self.dibao([(head, "户主"), (p, "母亲")])
        self.poverty([({**head}, "户主"), ({**p, "name": "李秀瑛"}, "母亲")], LIFTED, 7100.0)
        self.case("Q2_homophone", p, "Q2", "", "低保 李秀英 / 扶贫 李秀瑛，同一身份证号")
        p = P("张伟", age=44, gender="男", town="十五里园镇")
        self.tekun(p)
        self.disability({**p, "name": "张玮"}, 4, 3)
        self.case("Q2_homophone_2", p, "Q2", "")
        p = P("刘桂兰", age=70, gender="女")
        self.tekun(p)
        self.disability({**p, "name": "刘桂芝"}, 5, 4)
        self.case("Q2_different_name", p, "Q2", "", "读音也不同")
        p = P(None, age=35)
        self.disability(p, 4, 3, cert=ids.one_digit_wrong(p["pid"], rng)[:17] + p["pid"][17] + "43")
        self.case("Q4_cert_id_differs", p, "Q4", "")
        p = P(None, age=36)
        self.disability(p, 4, 4, cert=f"{p['pid']}54")
        self.case("Q4_cert_type_differs", p, "Q4", "")
        p = P(None, age=37)
        self.disability(p, 2, 3, cert=f"{p['pid']}24")
        self.case("Q4_cert_grade_differs", p, "Q4", "")

        # --- Q1 planted in several sources (written without cosmetic mess) -------------------------
        for k, (kind, text_of) in enumerate(
            (
                ("tekun", lambda pid: pid[:17] + ("0" if pid[17] != "0" else "1")),
                ("disability", lambda pid: "99" + pid[2:17] + ids.check_char("99" + pid[2:17])),
                (
                    "poverty",
                    lambda pid: pid[:6] + "2035" + pid[10:17] + ids.check_char(pid[:6] + "2035" + pid[10:17]),
                ),
            )
        ):
            p = P(None, age=40 + k)
            text = text_of(p["pid"])
            if kind == "tekun":
                self._row(
                    p,
                    kind="tekun",
                    file="tekun",
                    support_mode="分散供养",
                    self_care="全自理",
                    amount=590.0,
                    id_status="invalid",
                    id_text=text,
                    pid=None,
                )
            elif kind == "disability":
                self._row(
                    p,
                    kind="disability",
                    file="disability",
                    dis_type=2,
                    dis_grade=4,
                    cert_number=None,
                    id_status="invalid",
                    id_text=text,
                    pid=None,
                )
            else:
                head = P(None, age=60)
                self.poverty([(head, "户主")], LIFTED, 8000.0)
                self._row(
                    {**p, "town": head["town"], "village": head["village"]},
                    kind="poverty",
                    file="poverty",
                    hh=f"PP{self._hh:04d}",
                    relation="配偶",
                    head_name=head["name"],
                    head_pid=head["pid"],
                    poverty_category=LIFTED,
                    income=8000.0,
                    id_status="invalid",
                    id_text=text,
                    pid=None,
                )
            self.cases.append(
                {
                    "case": f"Q1_{kind}",
                    "pid": text,
                    "name": p["name"],
                    "present": "Q1",
                    "absent": "",
                    "note": ("校验位错", "省份代码 99 不存在", "出生年份在未来")[k],
                }
            )

        # --- names: minority dots, a traditional variant, people from elsewhere ---------------------
        for k, name in enumerate(MINORITY_NAMES[:3]):
            head = P(None, age=45, town="侨润街道")
            p = P(name, age=30 + k, town="侨润街道", village=head["village"])
            self.dibao([(head, "户主"), (p, "配偶")], urban=True)
            self.disability(p, 2, 4)
            self.subsidy(p, LIVING, 60.0)
            self.case(f"minority_name_{k + 1}", p, "", "Q2", "少数民族姓名，间隔号写法各异")
        p = P(TRADITIONAL["刘国华"], age=52, gender="男")
        self.disability(p, 4, 4)
        self.case("traditional_name", p, "", "Q2", "繁体字姓名（只在一个来源）")
        for k, region in enumerate((OTHER_SHANDONG[0], OTHER_SHANDONG[1], OTHER_PROVINCES[0])):
            head = P(None, age=50)
            p = P(None, age=48, region=region, town=head["town"], village=head["village"])
            self.dibao([(head, "户主"), (p, "配偶")])
            self.case(f"other_region_{k + 1}", p, "", "Q1", "外县、外省户籍的身份证号：有效")
