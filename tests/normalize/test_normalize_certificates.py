"""Disability certificates: the ID, type and grade inside the number; type and grade columns."""

from __future__ import annotations

import polars as pl
import pytest

from recon.normalize.certificates import (
    TYPE_NAMES,
    add_cert_columns,
    disability_label,
    parse_disability_type_expr,
    parse_grade_expr,
)

ID = "11010519491231002X"


def certs(values: list[str | None]) -> list[tuple]:
    lf = pl.LazyFrame({"cert_number": values}, schema={"cert_number": pl.String})
    return add_cert_columns(lf).select("cert_id", "cert_type", "cert_grade").collect().rows()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (ID + "52", (ID, 5, 2)),
        ("11010519491231002x42", (ID, 4, 2)),
        (ID + "61B1", (ID, 6, 1)),
        (ID + "11b2", (ID, 1, 1)),
        (" 110105 19491231002X 7 4 ", (ID, 7, 4)),
        ("'１１０１０５１９４９１２３１００２Ｘ３３", (ID, 3, 3)),
        (ID + "85", (ID, None, None)),  # type 8 and grade 5 do not exist
        (ID + "05", (ID, None, None)),
        (ID + "5", (None, None, None)),  # fewer than 20 characters
        (ID, (None, None, None)),
        ("1.10105194912310E+19", (None, None, None)),  # lost to float storage
        (None, (None, None, None)),
    ],
)
def test_cert_columns(raw: str | None, expected: tuple) -> None:
    assert certs([raw]) == [expected]


def test_cert_columns_schema_and_no_temporaries() -> None:
    lf = pl.LazyFrame({"c": [ID + "52"], "x": [1]})
    schema = add_cert_columns(lf, raw="c").collect_schema()
    assert schema == pl.Schema(
        {"c": pl.String, "x": pl.Int64, "cert_id": pl.String, "cert_type": pl.Int64, "cert_grade": pl.Int64}
    )


def parse(fn, values: list) -> list[int | None]:
    return pl.DataFrame({"v": values}).select(fn(pl.col("v"))).to_series().to_list()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", 1), ("7", 7), (" 4 ", 4), ("５", 5), ("5类", 5),
        ("视力", 1), ("视力残疾", 1), ("视力残疾人", 1), ("听力", 2), ("言语", 3), ("言语残疾", 3),
        ("语言残疾", 3), ("肢体", 4), ("肢体残疾", 4), ("智力", 5), ("智力残疾人", 5), ("精神", 6),
        ("精神残疾", 6), ("多重", 7), ("多重残疾", 7), ("視力殘疾", 1), ("肢體", 4),
        ("0", None), ("8", None), ("未知", None), ("", None), (None, None), ("智", None), ("12", None),
    ],
)  # fmt: skip
def test_disability_type(text: str | None, expected: int | None) -> None:
    assert parse(parse_disability_type_expr, [text]) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", 1), ("一级", 1), ("1级", 1), ("壹级", 1), ("一", 1), ("Ⅰ级", 1), ("I级", 1), ("一级残疾", 1),
        ("二级", 2), ("2", 2), ("贰级", 2), ("Ⅱ级", 2), ("II级", 2), ("第二级", 2),
        ("三级", 3), ("叁级", 3), ("Ⅲ级", 3), ("III", 3), ("３级", 3),
        ("四级", 4), ("肆级", 4), ("Ⅳ级", 4), ("IV级", 4), ("iv级", 4), ("4級", 4),
        ("5", None), ("五级", None), ("0", None), ("IIII级", None), ("", None), (None, None), ("重度", None),
    ],
)  # fmt: skip
def test_grade(text: str | None, expected: int | None) -> None:
    assert parse(parse_grade_expr, [text]) == [expected]


def test_every_type_name_parses_back_to_its_code() -> None:
    assert parse(parse_disability_type_expr, list(TYPE_NAMES.values())) == list(TYPE_NAMES)


@pytest.mark.parametrize(
    ("dtype", "grade", "label"),
    [
        (5, 2, "智力2级"),
        (1, 1, "视力1级"),
        (7, 4, "多重4级"),
        (None, 2, "2级"),
        (4, None, "肢体"),
        (None, None, ""),
    ],
)
def test_disability_label(dtype: int | None, grade: int | None, label: str) -> None:
    assert disability_label(dtype, grade) == label
