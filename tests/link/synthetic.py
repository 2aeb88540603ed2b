"""A synthetic linking task with known truth, for the linking quality test and benchmark.

Source A holds a population with valid IDs. Source B holds records of some of those people, spoiled
the ways county data is spoiled (one wrong digit, two digits swapped, blank ID, same-sounding name,
ID lost to float storage), plus decoys that must not link (a common name in the same town with
another birth date, a dead namesake, a wrong-digit ID under another name) and pairs of namesakes born
the same day in the same town, whose blank-ID record must come out ambiguous.

Generated with numpy and polars (no loop over people), so it also builds the 10-million-record task
for timing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import polars as pl

from recon.link.names import fill_missing_pinyin
from recon.model import ID_FLOAT, ID_INVALID, ID_MISSING, ID_VALID, RECORD_SCHEMA
from recon.normalize.ids import id_check_char

SURNAMES = list("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕")
GIVEN = list("秀英华芳丽明军伟静红玲平兰桂珍凤霞玉梅建国志强文斌海涛金荣德福庆云龙春燕")
HOMOPHONES = {
    "英": "瑛", "华": "花", "芳": "方", "丽": "莉", "明": "鸣", "军": "君", "伟": "玮",
    "静": "晶", "红": "虹", "玲": "铃", "平": "萍", "兰": "岚",
}  # fmt: skip
TOWNS = [
    f"{t}镇"
    for t in (
        "阿城",
        "七级",
        "安乐",
        "定水",
        "石佛",
        "李台",
        "寿张",
        "张秋",
        "郭屯",
        "西湖",
        "高庙",
        "金斗营",
    )
]
REGIONS = ["371521", "371522", "371523", "371524", "371525", "371526"]
COMMON_NAME = "王秀英"

# B-record cases and what the linker should do with them
EXACT, TYPO, SWAP, TYPO_HOMOPHONE, BLANK, BLANK_HOMOPHONE, FLOAT = (
    "exact", "typo", "swap", "typo_homophone", "blank", "blank_homophone", "float",
)  # fmt: skip
DECOY_COMMON, DECOY_DEAD, DECOY_EDIT_OTHER_NAME, AMBIGUOUS = (
    "decoy_common_name", "decoy_dead_namesake", "decoy_edit_other_name", "ambiguous_twins",
)  # fmt: skip
FUZZY_CASES = (TYPO, SWAP, TYPO_HOMOPHONE, BLANK, BLANK_HOMOPHONE, FLOAT)
DECOY_CASES = (DECOY_COMMON, DECOY_DEAD, DECOY_EDIT_OTHER_NAME)

# share of the population that gets a B record of each case
CASE_SHARES: dict[str, float] = {
    EXACT: 0.10,
    TYPO: 0.02,
    SWAP: 0.02,
    TYPO_HOMOPHONE: 0.01,
    BLANK: 0.02,
    BLANK_HOMOPHONE: 0.01,
    FLOAT: 0.01,
    DECOY_COMMON: 0.005,
    DECOY_DEAD: 0.01,
    DECOY_EDIT_OTHER_NAME: 0.005,
    AMBIGUOUS: 0.005,
}


@dataclass
class LinkTask:
    records: pl.DataFrame  # RECORD_SCHEMA: source A then source B
    truth: pl.DataFrame  # rec_id, case, true_person (18-char ID or null) for every B record


def _ids_to_matrix(ids: pl.Series) -> np.ndarray:
    return np.frombuffer("".join(ids.to_list()).encode("ascii"), dtype=np.uint8).reshape(-1, 18).copy()


def _matrix_to_ids(m: np.ndarray) -> list[str]:
    flat = m.tobytes().decode("ascii")
    return [flat[i : i + 18] for i in range(0, len(flat), 18)]


def _population(rng: np.random.Generator, n: int) -> pl.DataFrame:
    start = dt.date(1930, 1, 1)
    days = rng.integers(0, (dt.date(2010, 12, 31) - start).days, n)
    given_len = rng.integers(1, 3, n)
    # a skew toward the first given characters makes common names (秀英, 桂兰) common, as in life
    g1 = np.minimum(rng.geometric(0.08, n) - 1, len(GIVEN) - 1)
    g2 = rng.integers(0, len(GIVEN), n)
    df = pl.DataFrame(
        {
            "surname": np.array(SURNAMES)[np.minimum(rng.geometric(0.12, n) - 1, len(SURNAMES) - 1)],
            "g1": np.array(GIVEN)[g1],
            "g2": np.where(given_len == 2, np.array(GIVEN)[g2], ""),
            "birth_date": pl.Series(np.datetime64(start) + days.astype("timedelta64[D]")).cast(pl.Date),
            "region": np.array(REGIONS)[rng.integers(0, len(REGIONS), n)],
            "seq": rng.integers(0, 1000, n),
            "town": np.array(TOWNS)[rng.integers(0, len(TOWNS), n)],
        }
    )
    body = pl.concat_str(
        "region", pl.col("birth_date").dt.strftime("%Y%m%d"), pl.col("seq").cast(pl.String).str.zfill(3)
    )
    return (
        df.with_columns(
            pl.concat_str("surname", "g1", "g2").alias("name"),
            (body + id_check_char(body)).alias("id_number"),
        )
        .unique("id_number", keep="first", maintain_order=True)
        .select("id_number", "name", "birth_date", "town")
    )


def _homophone(names: pl.Expr) -> pl.Expr:
    return names.str.replace_many(list(HOMOPHONES), list(HOMOPHONES.values()))


def _has_homophone() -> pl.Expr:
    return pl.col("name").str.contains("[" + "".join(HOMOPHONES) + "]")


def _substitute(rng: np.random.Generator, ids: pl.Series) -> list[str]:
    m = _ids_to_matrix(ids)
    pos = rng.integers(0, 18, len(m))
    rows = np.arange(len(m))
    old = m[rows, pos].astype(np.int64) - ord("0")
    old = np.where(old > 9, 0, old)  # an X check character becomes a digit
    m[rows, pos] = ((old + rng.integers(1, 10, len(m))) % 10 + ord("0")).astype(np.uint8)
    return _matrix_to_ids(m)


def _swap(rng: np.random.Generator, ids: pl.Series) -> list[str]:
    m = _ids_to_matrix(ids)
    rows = np.arange(len(m))
    # choose, per ID, a position whose neighbour differs, so the swap changes something
    differs = m[:, :-1] != m[:, 1:]
    scores = np.where(differs, rng.random(differs.shape), -1.0)
    pos = scores.argmax(axis=1)
    a, b = m[rows, pos].copy(), m[rows, pos + 1].copy()
    m[rows, pos], m[rows, pos + 1] = b, a
    return _matrix_to_ids(m)


def make_link_task(
    n_people: int, seed: int = 0, source_a: str = "a_低保.xlsx", source_b: str = "b_火化.xlsx"
) -> LinkTask:
    rng = np.random.default_rng(seed)
    pop = _population(rng, n_people)
    # namesakes for the decoys: a few people in A share the most common name
    n_common = max(4, int(0.01 * pop.height))
    pop = pop.with_columns(
        pl.when(pl.int_range(pl.len()) < n_common).then(pl.lit(COMMON_NAME)).otherwise("name").alias("name")
    )
    n = pop.height
    order = rng.permutation(np.arange(n_common, n))  # the common-name people are kept for decoys
    picks: dict[str, pl.DataFrame] = {}
    at = 0
    for case, share in CASE_SHARES.items():
        if case == DECOY_COMMON:
            continue
        k = max(2, int(share * n))
        idx = order[at : at + k]
        at += k
        picks[case] = pop[idx.tolist()]
    picks[DECOY_COMMON] = pop.head(n_common)

    # twins: a second person in A with the same name, birth date and town, and another ID
    tw = picks[AMBIGUOUS]
    seq = (pl.col("id_number").str.slice(14, 3).cast(pl.Int64) + 500) % 1000
    twin_body = pl.col("id_number").str.slice(0, 14) + seq.cast(pl.String).str.zfill(3)
    twins = tw.with_columns((twin_body + id_check_char(twin_body)).alias("id_number"))
    # a twin ID that is already someone's would leave one namesake only: no tie, so no such case
    fresh = ~twins.get_column("id_number").is_in(pop.get_column("id_number").implode())
    twins, tw = twins.filter(fresh), tw.filter(fresh)
    picks[AMBIGUOUS] = tw
    pop = pl.concat([pop, twins]).unique("id_number", keep="first", maintain_order=True)

    # same-sounding cases come from people with no twin, so that their truth stays unique
    twin_ids = pl.concat([tw.get_column("id_number"), twins.get_column("id_number")])
    homo_pool = pop.slice(n_common).filter(_has_homophone() & ~pl.col("id_number").is_in(twin_ids.implode()))
    homo_idx = rng.permutation(homo_pool.height)
    k_th = max(2, int(CASE_SHARES[TYPO_HOMOPHONE] * n))
    k_bh = max(2, int(CASE_SHARES[BLANK_HOMOPHONE] * n))
    picks[TYPO_HOMOPHONE] = homo_pool[homo_idx[:k_th].tolist()]
    picks[BLANK_HOMOPHONE] = homo_pool[homo_idx[k_th : k_th + k_bh].tolist()]

    def b_rows(case: str, df: pl.DataFrame, **cols: pl.Expr | pl.Series) -> pl.DataFrame:
        base = df.select(
            pl.lit(case).alias("case"),
            pl.col("id_number").alias("true_person"),
            "name",
            "birth_date",
            "town",
            pl.lit(None, dtype=pl.String).alias("id_number_b"),
            pl.lit(None, dtype=pl.String).alias("id_clean"),
            pl.lit(ID_MISSING).alias("id_status"),
        )
        return base.with_columns(**cols)

    null_date = pl.lit(None, dtype=pl.Date)
    other_names = pl.Series(
        np.array([s + "某某" for s in SURNAMES])[
            rng.integers(0, len(SURNAMES), picks[DECOY_EDIT_OTHER_NAME].height)
        ]
    )
    common_towns = picks[DECOY_COMMON]
    parts = [
        b_rows(
            EXACT,
            picks[EXACT],
            id_number_b=pl.col("true_person"),
            id_clean=pl.col("true_person"),
            id_status=pl.lit(ID_VALID),
        ),
        b_rows(
            TYPO,
            picks[TYPO],
            id_clean=pl.Series(_substitute(rng, picks[TYPO]["id_number"])),
            id_status=pl.lit(ID_INVALID),
            birth_date=null_date,
        ),
        b_rows(
            SWAP,
            picks[SWAP],
            id_clean=pl.Series(_swap(rng, picks[SWAP]["id_number"])),
            id_status=pl.lit(ID_INVALID),
            birth_date=null_date,
        ),
        b_rows(
            TYPO_HOMOPHONE,
            picks[TYPO_HOMOPHONE],
            name=_homophone(pl.col("name")),
            id_clean=pl.Series(_substitute(rng, picks[TYPO_HOMOPHONE]["id_number"])),
            id_status=pl.lit(ID_INVALID),
            birth_date=null_date,
        ),
        b_rows(BLANK, picks[BLANK]),
        b_rows(BLANK_HOMOPHONE, picks[BLANK_HOMOPHONE], name=_homophone(pl.col("name"))),
        b_rows(
            FLOAT,
            picks[FLOAT],
            id_clean=pl.col("true_person").str.slice(0, 15) + "000",
            id_status=pl.lit(ID_FLOAT),
        ),
        # a namesake of common-name people, in their town, born on another day: not in A
        b_rows(
            DECOY_COMMON,
            common_towns,
            true_person=pl.lit(None, dtype=pl.String),
            birth_date=pl.col("birth_date") + pl.duration(days=37),
        ),
        # a dead person who shares a living person's name and town, born another year: not in A
        b_rows(
            DECOY_DEAD,
            picks[DECOY_DEAD],
            true_person=pl.lit(None, dtype=pl.String),
            birth_date=pl.col("birth_date") - pl.duration(days=400),
        ),
        # an ID one digit away from a person in A, under a name that is not theirs
        b_rows(
            DECOY_EDIT_OTHER_NAME,
            picks[DECOY_EDIT_OTHER_NAME],
            true_person=pl.lit(None, dtype=pl.String),
            name=other_names,
            birth_date=null_date,
            id_clean=pl.Series(_substitute(rng, picks[DECOY_EDIT_OTHER_NAME]["id_number"])),
            id_status=pl.lit(ID_INVALID),
        ),
        b_rows(AMBIGUOUS, picks[AMBIGUOUS], true_person=pl.lit(None, dtype=pl.String)),
    ]
    b = pl.concat(parts, how="vertical_relaxed")
    # a decoy that by chance meets a real A person (same name, birth date and town) is no decoy
    real = pop.select("name", "birth_date", "town", pl.lit(True).alias("_hit"))
    b = (
        b.join(
            real.unique(["name", "birth_date", "town"]),
            on=["name", "birth_date", "town"],
            how="left",
            maintain_order="left",
        )
        .filter(~(pl.col("case").is_in([DECOY_COMMON, DECOY_DEAD]) & pl.col("_hit").fill_null(False)))
        .drop("_hit")
    )

    a_rec = pop.select(
        pl.int_range(pl.len(), dtype=pl.Int64).alias("rec_id"),
        pl.lit(source_a).alias("source_file"),
        (pl.int_range(pl.len(), dtype=pl.Int64) + 2).alias("source_row"),
        "id_number",
        pl.col("id_number").alias("id_clean"),
        pl.lit(ID_VALID).alias("id_status"),
        "birth_date",
        "name",
        "town",
    )
    b = b.with_columns(
        (pl.int_range(pl.len(), dtype=pl.Int64) + a_rec.height).alias("rec_id"),
        (pl.int_range(pl.len(), dtype=pl.Int64) + 2).alias("source_row"),
    )
    b_rec = b.select(
        "rec_id",
        pl.lit(source_b).alias("source_file"),
        "source_row",
        pl.col("id_number_b").alias("id_number"),
        "id_clean",
        "id_status",
        "birth_date",
        "name",
        "town",
    )
    recs = pl.concat([a_rec, b_rec])
    recs = recs.with_columns(pl.lit(None, dtype=pl.String).alias("name_pinyin"))
    recs = fill_missing_pinyin(recs)
    full = recs.with_columns(
        [pl.lit(None, dtype=t).alias(c) for c, t in RECORD_SCHEMA.items() if c not in recs.columns]
    ).select([pl.col(c).cast(t) for c, t in RECORD_SCHEMA.items()])
    return LinkTask(records=full, truth=b.select("rec_id", "case", "true_person"))


def score(records: pl.DataFrame, truth: pl.DataFrame, ambiguous: pl.DataFrame) -> dict[str, float]:
    """Precision and recall of the fuzzy links against the truth, and the decoy and ambiguity counts."""
    got = truth.join(records.select("rec_id", "person_id", "link_basis"), on="rec_id", how="left")
    fuzzy_made = got.filter(pl.col("link_basis").is_not_null() & (pl.col("link_basis") != "id"))
    correct = fuzzy_made.filter(pl.col("person_id") == pl.col("true_person")).height
    should = got.filter(pl.col("case").is_in(FUZZY_CASES)).height
    amb_ids = set(ambiguous.get_column("rec_id").to_list())
    amb_expected = got.filter(pl.col("case") == AMBIGUOUS).get_column("rec_id").to_list()
    return {
        "fuzzy_links": fuzzy_made.height,
        "correct": correct,
        "should_link": should,
        "precision": correct / fuzzy_made.height if fuzzy_made.height else 1.0,
        "recall": correct / should if should else 1.0,
        "decoy_links": fuzzy_made.filter(pl.col("case").is_in(DECOY_CASES)).height,
        "ambiguous_expected": len(amb_expected),
        "ambiguous_listed": sum(1 for r in amb_expected if r in amb_ids),
        "ambiguous_linked": got.filter(
            (pl.col("case") == AMBIGUOUS) & pl.col("link_basis").is_not_null()
        ).height,
    }
