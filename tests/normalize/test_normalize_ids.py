"""ID numbers: GB 11643 validation, every invalid reason, 15-digit conversion, every float-damage form."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from stdnum.cn import ric

from recon.model import ID_FLOAT, ID_INVALID, ID_MISSING, ID_VALID, ID_VALID15
from recon.normalize.ids import (
    add_id_columns,
    check_char,
    convert15,
    id_check_char,
    known_region_codes,
)

TODAY = dt.date(2020, 4, 1)


def make_id(region: str = "371521", birth: str = "19500101", seq: str = "123") -> str:
    """A checksum-correct ID built with stdnum's independent implementation."""
    body = region + birth + seq
    return body + ric.calc_check_digit(body + "0")


def normalise(values: list[str | None], numeric: list[bool | None] | None = None, **kw) -> list[dict]:
    data: dict[str, list] = {"id_raw": values}
    if numeric is not None:
        data["num"] = numeric
    lf = pl.LazyFrame(data, schema={"id_raw": pl.String, **({"num": pl.Boolean} if numeric else {})})
    out = add_id_columns(lf, stored_numeric="num" if numeric is not None else None, today=TODAY, **kw)
    return out.collect().to_dicts()


def one(value: str | None, numeric: bool | None = None) -> dict:
    return normalise([value], None if numeric is None else [numeric])[0]


# --- check character ----------------------------------------------------------------------------------


def test_public_example_is_valid() -> None:
    row = one("11010519491231002X")
    assert row["id_status"] == ID_VALID
    assert row["id_number"] == "11010519491231002X"
    assert row["id_reason"] is None
    assert row["id_birth_date"] == dt.date(1949, 12, 31)
    assert row["id_gender"] == "女"
    assert row["id_region_known"] is True


def test_check_char_agrees_with_stdnum_on_many_bodies() -> None:
    bodies = [
        f"{371521 + i:06d}19{50 + i % 50:02d}0{1 + i % 9}{10 + i % 18}{i % 1000:03d}" for i in range(500)
    ]
    expected = [ric.calc_check_digit(b + "0") for b in bodies]
    assert [check_char(b) for b in bodies] == expected
    got = pl.DataFrame({"b": bodies}).select(id_check_char(pl.col("b"))).to_series().to_list()
    assert got == expected
    assert {"X", "0"} <= set(expected)  # the sample exercises the two special characters


def test_check_char_expression_is_null_for_non_digits() -> None:
    bodies = ["1101051949123100", "11010519491231002X", "ABCDEFGHIJKLMNOPQ", None]
    got = pl.DataFrame({"b": bodies}).select(id_check_char(pl.col("b"))).to_series().to_list()
    assert got == [None, None, None, None]


def test_gender_follows_the_17th_digit() -> None:
    rows = normalise([make_id(seq="121"), make_id(seq="122")])
    assert [r["id_gender"] for r in rows] == ["男", "女"]


# --- cosmetic mess ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "messy",
    [
        "１１０１０５１９４９１２３１００２Ｘ",  # full-width digits and letter
        "11010519491231002x",
        " 110105 19491231 002X\t",
        "\u3000110105\u300019491231002X\u3000",
        "110105\u00a019491231002X",
        "\u200b11010519491231\u200d002X\ufeff",
        "1101051949\u00ad1231002X\u2060",
        "'11010519491231002X",
        "`11010519491231002X",
        "‘11010519491231002X’",
        "“11010519491231002X”",
        '"11010519491231002X"',
        "\n11010519491231002X\r\n",
    ],
)
def test_cosmetic_characters_are_removed(messy: str) -> None:
    row = one(messy)
    assert (row["id_status"], row["id_number"], row["id_clean"]) == (
        ID_VALID,
        "11010519491231002X",
        "11010519491231002X",
    )


@pytest.mark.parametrize("blank", [None, "", "   ", "\u3000\t", "\u200b", "''"])
def test_blank_is_missing(blank: str | None) -> None:
    row = one(blank)
    assert (row["id_status"], row["id_reason"], row["id_number"], row["id_clean"]) == (
        ID_MISSING,
        "空白",
        None,
        None,
    )


# --- invalid reasons ----------------------------------------------------------------------------------


def _bad_check(valid: str) -> str:
    wrong = "1" if valid[-1] != "1" else "2"
    return valid[:-1] + wrong


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (make_id()[:17], "位数不对（17位）"),
        (make_id() + "1", "位数不对（19位）"),
        ("1234", "位数不对（4位）"),
        (make_id()[:10] + "A" + make_id()[11:], "含非法字符"),
        (make_id()[:10] + "X" + make_id()[11:], "含非法字符"),
        ("不详", "含非法字符"),
        ("371521-19500101-123", "含非法字符"),
        (make_id(birth="19490230"), "出生日期不存在"),
        (make_id(birth="19491301"), "出生日期不存在"),
        (make_id(birth="20200402"), "出生日期晚于今天"),
        (make_id(birth="18991231"), "出生日期早于1900年"),
        (make_id(region="991521"), "省份代码 99 不存在"),
        (make_id(region="001521"), "省份代码 00 不存在"),
        (make_id(region="161521"), "省份代码 16 不存在"),
        (make_id(region="721521"), "省份代码 72 不存在"),
    ],
)
def test_invalid_reason(value: str, reason: str) -> None:
    row = one(value)
    assert (row["id_status"], row["id_reason"], row["id_number"]) == (ID_INVALID, reason, None)


def test_bad_check_character_names_the_right_one() -> None:
    valid = "11010519491231002X"
    row = one(_bad_check(valid))
    assert (row["id_status"], row["id_reason"]) == (ID_INVALID, "校验码错误（应为 X）")
    other = make_id(seq="124")
    assert one(_bad_check(other))["id_reason"] == f"校验码错误（应为 {other[-1]}）"


def test_structurally_sound_invalid_number_keeps_its_birth_date() -> None:
    # The fuzzy linker matches on birth date when the ID is unusable.
    row = one(_bad_check(make_id(birth="19630517")))
    assert row["id_birth_date"] == dt.date(1963, 5, 17)
    assert one(make_id(birth="19490230"))["id_birth_date"] is None


def test_birth_today_is_allowed() -> None:
    assert one(make_id(birth=TODAY.strftime("%Y%m%d")))["id_status"] == ID_VALID


def test_default_today_rejects_a_future_birth() -> None:
    future = (dt.date.today() + dt.timedelta(days=400)).strftime("%Y%m%d")
    row = add_id_columns(pl.LazyFrame({"id_raw": [make_id(birth=future)]})).collect().row(0, named=True)
    assert row["id_reason"] == "出生日期晚于今天"


@pytest.mark.parametrize(
    "province",
    ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37"]
    + ["41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"]
    + ["71", "81", "82"],
)
def test_every_province_prefix_is_accepted(province: str) -> None:
    assert one(make_id(region=province + "0101"))["id_status"] == ID_VALID


# --- region lookup ------------------------------------------------------------------------------------


def test_unknown_county_in_a_real_province_is_only_a_warning() -> None:
    assert "379999" not in known_region_codes()
    row = one(make_id(region="379999"))
    assert (row["id_status"], row["id_region_known"]) == (ID_VALID, False)


def test_codes_of_any_era_are_known() -> None:
    # 110104 (宣武区) was abolished in 2010; 371521 (阳谷县) dates from 1997: holders outside those
    # years are real people all the same.
    rows = normalise([make_id(region="110104", birth="20150101"), make_id(region="371521", birth="19400101")])
    assert [(r["id_status"], r["id_region_known"]) for r in rows] == [(ID_VALID, True), (ID_VALID, True)]


def test_region_known_is_null_for_unusable_numbers() -> None:
    assert one(_bad_check(make_id()))["id_region_known"] is None


# --- 15-digit legacy numbers --------------------------------------------------------------------------


def test_convert15_inserts_century_and_check_char() -> None:
    assert convert15("110105491231002") == "11010519491231002X"
    with pytest.raises(ValueError):
        convert15("11010549123100")


def test_fifteen_digit_number_is_converted() -> None:
    row = one("110105491231002")
    assert (row["id_status"], row["id_number"], row["id_reason"]) == (ID_VALID15, "11010519491231002X", None)
    assert (row["id_birth_date"], row["id_gender"], row["id_region_known"]) == (
        dt.date(1949, 12, 31),
        "女",
        True,
    )
    assert row["id_clean"] == "110105491231002"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("110105491331002", "出生日期不存在"),
        ("990105491231002", "省份代码 99 不存在"),
        ("11010549123100X", "含非法字符"),
    ],
)
def test_bad_fifteen_digit_numbers(value: str, reason: str) -> None:
    row = one(value)
    assert (row["id_status"], row["id_reason"]) == (ID_INVALID, reason)


def test_numeric_fifteen_digit_cell_is_intact() -> None:
    # float64 holds 15 digits exactly, so a numeric 15-digit cell has lost nothing.
    rows = normalise(["110105491231002", "110105491231002.0"], [True, True])
    assert [(r["id_status"], r["id_number"]) for r in rows] == [(ID_VALID15, "11010519491231002X")] * 2


# --- float damage -------------------------------------------------------------------------------------

SCI = "以科学计数法保存，后几位已丢失"
NUMERIC = "单元格以数字保存，后几位已丢失"
PADDED = "末尾被 Excel 补零，后几位已丢失"


@pytest.mark.parametrize(
    ("value", "numeric", "reason", "birth"),
    [
        ("3.71521E+17", False, SCI, None),
        ("3.71521e+17", None, SCI, None),
        ("3.71521195001011e+17", False, SCI, dt.date(1950, 1, 1)),
        ("3.7152119500101E17", False, SCI, dt.date(1950, 1, 1)),
        ("3.7152119500101E-17", False, SCI, None),
        ("３.７１５２１Ｅ＋１７", False, SCI, None),
        (" 3.71521E+17 ", False, SCI, None),
        ("371521195001011234.0", False, NUMERIC, dt.date(1950, 1, 1)),
        ("371521195001011234.", False, NUMERIC, dt.date(1950, 1, 1)),
        ("371521195001011000", False, PADDED, dt.date(1950, 1, 1)),
        ("371521195001010000", False, PADDED, dt.date(1950, 1, 1)),
        ("371521199913011000", False, PADDED, None),  # surviving date is impossible
    ],
)
def test_float_damage_forms(value: str, numeric: bool | None, reason: str, birth: dt.date | None) -> None:
    row = one(value, numeric)
    assert (row["id_status"], row["id_reason"], row["id_number"]) == (ID_FLOAT, reason, None)
    assert row["id_birth_date"] == birth
    assert row["id_gender"] is None


def test_numeric_cell_with_more_than_15_digits_is_damaged_even_if_checksum_passes() -> None:
    valid = make_id(seq="328")
    rows = normalise([valid, valid, valid], [True, False, None])
    assert [r["id_status"] for r in rows] == [ID_FLOAT, ID_VALID, ID_VALID]
    assert rows[0]["id_reason"] == NUMERIC
    assert rows[0]["id_birth_date"] == dt.date(1950, 1, 1)


def test_real_id_ending_in_000_with_good_check_is_valid() -> None:
    value = "371521195001012000"
    assert check_char(value[:17]) == "0"
    assert one(value)["id_status"] == ID_VALID


# --- frame behaviour ----------------------------------------------------------------------------------


def test_prefix_names_the_columns_and_leaves_no_temporaries() -> None:
    lf = pl.LazyFrame({"head_id_raw": ["110105491231002"], "other": [1]})
    out = add_id_columns(
        add_id_columns(lf, raw="head_id_raw", prefix="head_"), raw="head_id_raw", today=TODAY
    )
    suffixes = ["clean", "number", "status", "reason", "region_known", "birth_date", "gender"]
    expected = ["head_id_raw", "other"] + [f"head_id_{s}" for s in suffixes] + [f"id_{s}" for s in suffixes]
    assert out.collect_schema().names() == expected
    schema = out.collect_schema()
    assert schema["id_birth_date"] == pl.Date and schema["id_region_known"] == pl.Boolean


def test_mixed_column_keeps_row_order() -> None:
    values = ["3.71521E+17", None, "11010519491231002X", "110105491231002", "bad"]
    assert [r["id_status"] for r in normalise(values)] == [
        ID_FLOAT,
        ID_MISSING,
        ID_VALID,
        ID_VALID15,
        ID_INVALID,
    ]


def test_non_string_input_column_is_accepted() -> None:
    lf = pl.LazyFrame({"id_raw": [110105491231002]})
    assert add_id_columns(lf, today=TODAY).collect()["id_status"].to_list() == [ID_VALID15]
