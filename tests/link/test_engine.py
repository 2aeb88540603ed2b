import datetime as dt

import polars as pl
import pytest

from recon.config import Linking
from recon.link import link_records
from recon.model import (
    BASIS_HOMOPHONE_BIRTH_TOWN,
    BASIS_ID,
    BASIS_ID_EDIT_HOMOPHONE,
    BASIS_ID_EDIT_NAME,
    BASIS_NAME_BIRTH_TOWN,
    ID_FLOAT,
    ID_INVALID,
    ID_MISSING,
)
from tests.link.conftest import frame, rec, vid

P1 = vid("37152119500307123")
P2 = vid("37152119611109456")


def _row(result, rec_id):
    return result.records.filter(rec_id=rec_id).row(0, named=True)


def _flip(id18: str, pos: int) -> str:
    d = str((int(id18[pos]) + 1) % 10) if id18[pos] != "X" else "0"
    return id18[:pos] + d + id18[pos + 1 :]


def test_valid_id_in_two_sources_is_one_person_even_with_other_names():
    r = link_records(
        frame(rec(1, "低保.xlsx", "李秀英", id_number=P1), rec(2, "火化.xlsx", "王大妮", id_number=P1))
    )
    rows = [
        (_row(r, i)["person_id"], _row(r, i)["link_basis"], _row(r, i)["link_confidence"]) for i in (1, 2)
    ]
    assert rows == [(P1, BASIS_ID, 1.0), (P1, BASIS_ID, 1.0)]
    assert r.links.height == 0


def test_one_wrong_digit_with_same_name_links():
    bad = _flip(P1, 9)
    r = link_records(
        frame(
            rec(1, "低保.xlsx", "李秀英", id_number=P1),
            rec(2, "火化.xlsx", "李秀英", id_clean=bad, id_status=ID_INVALID),
        )
    )
    row = _row(r, 2)
    assert (row["person_id"], row["link_basis"], row["link_confidence"], row["link_rec_id"]) == (
        P1, BASIS_ID_EDIT_NAME, 0.95, 1,
    )  # fmt: skip
    link = r.links.row(0, named=True)
    assert (link["rec_id"], link["target_rec_id"], link["id_clean"], link["target_id_number"]) == (
        2,
        1,
        bad,
        P1,
    )
    assert "第10位" in link["id_edit"]


def test_swapped_digits_with_homophone_name_links():
    swapped = P1[:8] + P1[9] + P1[8] + P1[10:]
    assert swapped != P1
    r = link_records(
        frame(
            rec(1, "低保.xlsx", "李秀英", id_number=P1),
            rec(2, "残联.xlsx", "李秀瑛", id_clean=swapped.lower(), id_status=ID_INVALID),
        )
    )
    row = _row(r, 2)
    assert (row["person_id"], row["link_basis"], row["link_confidence"]) == (
        P1,
        BASIS_ID_EDIT_HOMOPHONE,
        0.90,
    )
    assert r.links.get_column("name_level").to_list() == ["homophone"]


def test_one_wrong_digit_with_a_name_one_character_off_does_not_link():
    r = link_records(
        frame(
            rec(1, "低保.xlsx", "李秀英", id_number=P1),
            rec(2, "火化.xlsx", "李秀兰", id_clean=_flip(P1, 3), id_status=ID_INVALID),
        )
    )
    assert _row(r, 2)["person_id"] == "rec:2"
    assert _row(r, 2)["link_basis"] is None


def test_two_wrong_digits_do_not_link():
    r = link_records(
        frame(
            rec(1, "低保.xlsx", "李秀英", id_number=P1),
            rec(2, "火化.xlsx", "李秀英", id_clean=_flip(_flip(P1, 3), 12), id_status=ID_INVALID),
        )
    )
    assert _row(r, 2)["link_basis"] is None


def test_blank_id_links_by_name_birth_date_and_town(born):
    r = link_records(
        frame(
            rec(1, "低保.xlsx", "李秀英", id_number=P1, birth_date=born, town="阿城镇"),
            rec(2, "火化.xlsx", "李秀英", id_status=ID_MISSING, birth_date=born, town=" 阿城 "),
            rec(3, "火化.xlsx", "李秀瑛", id_status=ID_MISSING, birth_date=born, town="阿城镇"),
        )
    )
    assert [
        (_row(r, i)["person_id"], _row(r, i)["link_basis"], _row(r, i)["link_confidence"]) for i in (2, 3)
    ] == [
        (P1, BASIS_NAME_BIRTH_TOWN, 0.85),
        (P1, BASIS_HOMOPHONE_BIRTH_TOWN, 0.75),
    ]


def test_name_alone_or_with_one_of_birth_and_town_never_links(born):
    r = link_records(
        frame(
            rec(1, "低保.xlsx", "王秀英", id_number=P1, birth_date=born, town="阿城镇"),
            rec(2, "火化.xlsx", "王秀英", id_status=ID_MISSING, birth_date=born, town="七级镇"),
            rec(
                3,
                "火化.xlsx",
                "王秀英",
                id_status=ID_MISSING,
                birth_date=born + dt.timedelta(days=1),
                town="阿城镇",
            ),
            rec(4, "火化.xlsx", "王秀英", id_status=ID_MISSING),
        )
    )
    assert r.records.filter(pl.col("rec_id").is_in([2, 3, 4])).get_column("link_basis").null_count() == 3


def test_null_never_equals_null(born):
    r = link_records(
        frame(
            rec(1, "低保.xlsx", "王秀英", id_number=P1, birth_date=None, town="阿城镇"),
            rec(2, "火化.xlsx", "王秀英", id_status=ID_MISSING, birth_date=None, town="阿城镇"),
            rec(3, "低保.xlsx", "张伟", id_number=P2, birth_date=born, town=None),
            rec(4, "火化.xlsx", "张伟", id_status=ID_MISSING, birth_date=born, town=None),
            rec(5, "火化.xlsx", None, id_status=ID_MISSING, birth_date=born, town=None),
        )
    )
    assert r.records.filter(pl.col("rec_id").is_in([2, 4, 5])).get_column("link_basis").null_count() == 3
    assert r.ambiguous.height == 0


def test_two_persons_tied_is_ambiguous_and_never_linked(born):
    r = link_records(
        frame(
            rec(1, "低保.xlsx", "王秀英", id_number=P1, birth_date=born, town="阿城镇"),
            rec(2, "特困.xlsx", "王秀英", id_number=P2, birth_date=born, town="阿城镇"),
            rec(3, "火化.xlsx", "王秀英", id_status=ID_MISSING, birth_date=born, town="阿城镇"),
        )
    )
    assert (_row(r, 3)["person_id"], _row(r, 3)["link_basis"]) == ("rec:3", None)
    amb = r.ambiguous.row(0, named=True)
    assert r.ambiguous.height == 1
    assert (amb["rec_id"], amb["level"], sorted(amb["candidate_person_ids"])) == (
        3, BASIS_NAME_BIRTH_TOWN, sorted([P1, P2]),
    )  # fmt: skip
    assert "低保.xlsx" in amb["candidates"] and "特困.xlsx" in amb["candidates"]


def test_candidates_are_counted_per_person_not_per_record(born):
    # the same person in two files is one candidate, not a tie
    r = link_records(
        frame(
            rec(1, "低保.xlsx", "王秀英", id_number=P1, birth_date=born, town="阿城镇"),
            rec(2, "残联.xlsx", "王秀英", id_number=P1, birth_date=born, town="阿城镇"),
            rec(3, "火化.xlsx", "王秀英", id_status=ID_MISSING, birth_date=born, town="阿城镇"),
        )
    )
    assert (_row(r, 3)["person_id"], _row(r, 3)["link_rec_id"]) == (P1, 1)
    assert r.ambiguous.height == 0


def test_better_level_wins_over_a_weaker_candidate(born):
    # one-edit ID + name toward P1 beats name + birth + town toward P2
    r = link_records(
        frame(
            rec(1, "低保.xlsx", "王秀英", id_number=P1, birth_date=dt.date(1950, 3, 7), town="七级镇"),
            rec(2, "特困.xlsx", "王秀英", id_number=P2, birth_date=born, town="阿城镇"),
            rec(
                3,
                "火化.xlsx",
                "王秀英",
                id_clean=_flip(P1, 15),
                id_status=ID_INVALID,
                birth_date=born,
                town="阿城镇",
            ),
        )
    )
    assert (_row(r, 3)["person_id"], _row(r, 3)["link_basis"]) == (P1, BASIS_ID_EDIT_NAME)


def test_fuzzy_never_links_inside_its_own_file_and_sheet(born):
    rows = [
        rec(1, "低保.xlsx", "王秀英", id_number=P1, birth_date=born, town="阿城镇", source_sheet="阿城"),
        rec(
            2,
            "低保.xlsx",
            "王秀英",
            id_status=ID_MISSING,
            birth_date=born,
            town="阿城镇",
            source_sheet="阿城",
        ),
        rec(3, "低保.xlsx", "王秀英", id_clean=_flip(P1, 4), id_status=ID_INVALID, source_sheet="阿城"),
    ]
    r = link_records(frame(*rows))
    assert r.records.filter(pl.col("rec_id").is_in([2, 3])).get_column("person_id").to_list() == [
        "rec:2",
        "rec:3",
    ]
    # another sheet of the same workbook is another source
    rows[1]["source_sheet"] = "七级"
    r = link_records(frame(*rows))
    assert _row(r, 2)["person_id"] == P1


def test_fuzzy_off_links_only_by_id(born):
    r = link_records(
        frame(
            rec(1, "低保.xlsx", "王秀英", id_number=P1, birth_date=born, town="阿城镇"),
            rec(2, "火化.xlsx", "王秀英", id_status=ID_MISSING, birth_date=born, town="阿城镇"),
            rec(3, "火化.xlsx", "王秀英", id_clean=_flip(P1, 4), id_status=ID_INVALID),
        ),
        Linking(fuzzy=False),
    )
    assert r.records.get_column("link_basis").to_list() == [BASIS_ID, None, None]
    assert r.links.height == 0


def test_min_confidence_drops_weaker_levels(born):
    rows = frame(
        rec(1, "低保.xlsx", "李秀英", id_number=P1, birth_date=born, town="阿城镇"),
        rec(2, "火化.xlsx", "李秀瑛", id_status=ID_MISSING, birth_date=born, town="阿城镇"),
    )
    assert _row(link_records(rows), 2)["person_id"] == P1
    assert _row(link_records(rows, Linking(min_confidence=0.8)), 2)["person_id"] == "rec:2"


def test_float_damaged_id_is_not_matched_by_digits_but_by_birth_and_town(born):
    damaged = P1[:17] + ("0" if P1[17] != "0" else "1")  # one edit away, by rounding
    rows = [
        rec(1, "低保.xlsx", "李秀英", id_number=P1, birth_date=born, town="阿城镇"),
        rec(2, "火化.xlsx", "李秀英", id_clean=damaged, id_status=ID_FLOAT, birth_date=born, town=None),
    ]
    assert _row(link_records(frame(*rows)), 2)["link_basis"] is None
    rows[1]["town"] = "阿城镇"
    assert _row(link_records(frame(*rows)), 2)["link_basis"] == BASIS_NAME_BIRTH_TOWN


def test_accepts_a_lazy_frame_and_keeps_input_columns_and_order(born):
    df = frame(
        rec(5, "火化.xlsx", "李秀英", id_status=ID_MISSING, birth_date=born, town="阿城镇", village="一村"),
        rec(1, "低保.xlsx", "李秀英", id_number=P1, birth_date=born, town="阿城镇"),
    )
    r = link_records(df.lazy())
    assert r.records.get_column("rec_id").to_list() == [5, 1]
    assert r.records.get_column("village").to_list() == ["一村", None]
    assert r.records.get_column("person_id").to_list() == [P1, P1]


def test_duplicate_rec_ids_are_refused():
    with pytest.raises(ValueError):
        link_records(frame(rec(1, "a.xlsx", "张三"), rec(1, "b.xlsx", "李四")))
