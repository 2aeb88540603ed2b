"""Q1, Q2 and Q4 cases, and the names and IDs that look like quality problems but are not.

The Q1 values are written without cosmetic mess, so each finding's id_number is exactly the planted text.
Q3 (float-damaged IDs) and the base Q1 variants come from `id_damage.py`, which damages base records.
"""

from __future__ import annotations

from recon.sample import ids
from recon.sample.people import MINORITY_NAMES, OTHER_PROVINCES, OTHER_SHANDONG, TRADITIONAL
from recon.sample.planted.planter import Cell, Planter, at_home_of
from recon.sample.records import LIFTED, LIVING


def plant_q2_q4(planter: Planter) -> None:
    person = planter.person
    head = person(age=40, town="安乐镇")
    p = planter.housemate(head, "李秀英", age=66, gender="女")
    planter.dibao([(head, "户主"), (p, "母亲")])
    planter.poverty([(head, "户主"), ({**p, "name": "李秀瑛"}, "母亲")], LIFTED, 7100.0)
    planter.case("Q2_homophone", p, "Q2", "", "低保 李秀英 / 扶贫 李秀瑛，同一身份证号")
    p = person("张伟", age=44, gender="男", town="十五里园镇")
    planter.tekun(p)
    planter.disability({**p, "name": "张玮"}, 4, 3)
    planter.case("Q2_homophone_2", p, "Q2", "")
    p = person("刘桂兰", age=70, gender="女")
    planter.tekun(p)
    planter.disability({**p, "name": "刘桂芝"}, 5, 4)
    planter.case("Q2_different_name", p, "Q2", "", "读音也不同")
    p = person(age=35)
    planter.disability(p, 4, 3, cert=ids.one_digit_wrong(p["pid"], planter.rng)[:17] + p["pid"][17] + "43")
    planter.case("Q4_cert_id_differs", p, "Q4", "")
    p = person(age=36)
    planter.disability(p, 4, 4, cert=f"{p['pid']}54")
    planter.case("Q4_cert_type_differs", p, "Q4", "")
    p = person(age=37)
    planter.disability(p, 2, 3, cert=f"{p['pid']}24")
    planter.case("Q4_cert_grade_differs", p, "Q4", "")


def _invalid(text: str) -> dict[str, Cell]:
    # no pid: the person is in this one source only, so a correct linker attaches the record to no one
    return {"id_status": "invalid", "id_text": text, "pid": None}


def _with_check(body17: str) -> str:
    """A wrong number that still passes the checksum, so only its province or date gives it away."""
    return body17 + ids.check_char(body17)


def plant_q1(planter: Planter) -> None:
    person = planter.person
    p = person(age=40)
    text = p["pid"][:17] + ("0" if p["pid"][17] != "0" else "1")
    planter.row(
        p,
        kind="tekun",
        file="tekun",
        support_mode="分散供养",
        self_care="全自理",
        amount=590.0,
        **_invalid(text),
    )
    planter.case("Q1_tekun", p, "Q1", "", "校验位错", filed_as=text)

    p = person(age=41)
    text = _with_check("99" + p["pid"][2:17])
    planter.row(
        p, kind="disability", file="disability", dis_type=2, dis_grade=4, cert_number=None, **_invalid(text)
    )
    planter.case("Q1_disability", p, "Q1", "", "省份代码 99 不存在", filed_as=text)

    p = person(age=42)
    text = _with_check(p["pid"][:6] + "2035" + p["pid"][10:17])
    head = person(age=60)
    hh = planter.poverty([(head, "户主")], LIFTED, 8000.0)
    planter.row(
        at_home_of(p, head),
        kind="poverty",
        file="poverty",
        hh=hh,
        relation="配偶",
        head_name=head["name"],
        head_pid=head["pid"],
        poverty_category=LIFTED,
        income=8000.0,
        **_invalid(text),
    )
    planter.case("Q1_poverty", p, "Q1", "", "出生年份在未来", filed_as=text)


def plant_names(planter: Planter) -> None:
    """Not Q2 or Q1: minority dots, a traditional variant, people from elsewhere."""
    person = planter.person
    for k, name in enumerate(MINORITY_NAMES[:3]):
        head = person(age=45, town="侨润街道")
        p = planter.housemate(head, name, age=30 + k)
        planter.dibao([(head, "户主"), (p, "配偶")], urban=True)
        planter.disability(p, 2, 4)
        planter.subsidy(p, LIVING, 60.0)
        planter.case(f"minority_name_{k + 1}", p, "", "Q2", "少数民族姓名，间隔号写法各异")
    p = person(TRADITIONAL["刘国华"], age=52, gender="男")
    planter.disability(p, 4, 4)
    planter.case("traditional_name", p, "", "Q2", "繁体字姓名（只在一个来源）")
    for k, region in enumerate((OTHER_SHANDONG[0], OTHER_SHANDONG[1], OTHER_PROVINCES[0])):
        head = person(age=50)
        p = planter.housemate(head, age=48, region=region)
        planter.dibao([(head, "户主"), (p, "配偶")])
        planter.case(f"other_region_{k + 1}", p, "", "Q1", "外县、外省户籍的身份证号：有效")
