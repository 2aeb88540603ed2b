"""Cosmetic mess: what county files do to IDs, names, dates and amounts without changing who is who.

Each mess is put on a fixed share of the eligible cells, at least one, so every mess is present even in a
small sample. Cell values that only a workbook can hold are wrapped (`NumericId`, `Serial`), so the
plain CSV/Parquet writers can fall back to text.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from recon.sample import ids

FULLWIDTH = {str(d): chr(0xFF10 + d) for d in range(10)} | {"X": "Ｘ"}
ZERO_WIDTH = "\u200b"
ID_MESSES = ("lower_x", "fullwidth", "space_pad", "inner_space", "tab", "apostrophe", "zero_width")
# characters outside GBK: files written in GBK must not get them
NOT_GBK = ("zero_width",)


class NumericId(str):
    """An ID the county stored as a number: a workbook writes it as a float (digits lost for good)."""


class Serial(int):
    """A date stored as an Excel serial number (days since 1899-12-30)."""


def excel_serial(d: dt.date) -> Serial:
    return Serial((d - dt.date(1899, 12, 30)).days)


def _assign(
    n: int, eligible: np.ndarray, labels: tuple[str, ...], share: float, rng: np.random.Generator
) -> np.ndarray:
    """Give `share` of the eligible rows (at least one per label) one label each."""
    out = np.full(n, "", dtype=object)
    idx = rng.permutation(np.nonzero(eligible)[0])
    k = max(1, round(share * len(idx)))
    for j, label in enumerate(labels):
        out[idx[j * k : (j + 1) * k]] = label
    return out


def id_texts(
    ids_: pl.Series, status: pl.Series, rng: np.random.Generator, *, share: float = 0.012, gbk: bool = False
) -> pl.Series:
    """Cosmetic damage to usable IDs; invalid IDs stay as planted, blanks stay blank."""
    n = len(ids_)
    usable = status.is_in(["valid", "valid15"]).to_numpy()
    ends_x = ids_.str.ends_with("X").fill_null(False).to_numpy()
    messes = tuple(m for m in ID_MESSES if m != "lower_x" and not (gbk and m in NOT_GBK))
    label = _assign(n, usable & ~ends_x, messes, share, rng)
    lower = _assign(n, usable & ends_x, ("lower_x",), 0.3, rng)
    label = np.where(lower != "", lower, label)
    s = pl.col("s")
    lab = pl.col("label")
    expr = (
        pl.when(lab == "lower_x")
        .then(s.str.to_lowercase())
        .when(lab == "fullwidth")
        .then(s.str.replace_many(list(FULLWIDTH), list(FULLWIDTH.values())))
        .when(lab == "space_pad")
        .then(pl.lit(" ") + s + pl.lit("  "))
        .when(lab == "inner_space")
        .then(s.str.slice(0, 6) + pl.lit(" ") + s.str.slice(6))
        .when(lab == "tab")
        .then(s + pl.lit("\t"))
        .when(lab == "apostrophe")
        .then(pl.lit("'") + s)
        .when(lab == "zero_width")
        .then(s.str.slice(0, 6) + pl.lit(ZERO_WIDTH) + s.str.slice(6))
        .otherwise(s)
    )
    return pl.DataFrame({"s": ids_, "label": label.astype(str)}).select(expr)["s"]


NAME_MESSES = ("inner_space", "fullwidth_space", "trailing_space")
DOTS = ("•", ".", "・")
GBK_DOTS = (".",)


def name_texts(
    names: pl.Series,
    rng: np.random.Generator,
    *,
    share: float = 0.01,
    gbk: bool = False,
    protect: pl.Series | None = None,
) -> pl.Series:
    """Spaces inside names, and other middle dots in minority names. `protect` rows are left alone
    (names compared as they are, such as the Q3 ones)."""
    n = len(names)
    ok = np.ones(n, dtype=bool) if protect is None else ~protect.to_numpy()
    dotted = names.str.contains("·", literal=True).fill_null(False).to_numpy()
    han = (names.str.len_chars().fill_null(0).to_numpy() >= 2) & ~dotted & ok
    label = _assign(n, han, NAME_MESSES, share, rng)
    dots = GBK_DOTS if gbk else DOTS
    dot_label = _assign(n, dotted & ok, dots, 0.6 / len(dots), rng)
    s, lab, dl = pl.col("s"), pl.col("label"), pl.col("dot")
    expr = (
        pl.when(lab == "inner_space")
        .then(s.str.slice(0, 1) + pl.lit(" ") + s.str.slice(1))
        .when(lab == "fullwidth_space")
        .then(s.str.slice(0, 1) + pl.lit("\u3000") + s.str.slice(1))
        .when(lab == "trailing_space")
        .then(s + pl.lit(" "))
        .when(dl != "")
        .then(s.str.replace_all("·", dl, literal=True))
        .otherwise(s)
    )
    df = pl.DataFrame({"s": names, "label": label.astype(str), "dot": dot_label.astype(str)})
    return df.select(expr)["s"]


DATE_FORMATS = ("%Y-%m-%d", "%Y/%-m/%-d", "%Y.%-m.%-d", "%Y%m%d", "%Y年%-m月%-d日")


def date_texts(
    dates: pl.Series, rng: np.random.Generator, formats: tuple[str, ...] = DATE_FORMATS
) -> pl.Series:
    """Dates written in every format a county uses, mixed row by row (at least one row per format)."""
    n = len(dates)
    choice = _assign(
        n, dates.is_not_null().to_numpy(), tuple(str(i) for i in range(len(formats))), 1.0 / len(formats), rng
    )
    choice = np.where(choice == "", "0", choice).astype(str)
    df = pl.DataFrame({"d": dates, "c": choice})
    expr = pl.lit(None, pl.String)
    for i, f in reversed(list(enumerate(formats))):
        expr = pl.when(pl.col("c") == str(i)).then(pl.col("d").dt.strftime(f)).otherwise(expr)
    return df.select(expr.alias("d"))["d"]


def amount_cells(
    amounts: pl.Series,
    rng: np.random.Generator,
    *,
    share: float = 0.03,
    numeric: bool = True,
    blank: bool = True,
) -> list[object]:
    """Amounts as numbers (workbooks) or text, some with 元, thousands separators, or (`blank`) blank.

    Amounts a rule compares (the approved amounts P3 checks, what a payment line paid, a pension E5
    adds up) are never blanked: a blank would make a case no one planted."""
    n = len(amounts)
    labels = ("yuan", "blank", "comma") if blank else ("yuan", "comma")
    label = _assign(n, amounts.is_not_null().to_numpy(), labels, share, rng)
    out: list[object] = []
    for v, lab in zip(amounts.to_list(), label, strict=True):
        if v is None or lab == "blank":
            out.append(None)
        elif lab == "yuan":
            out.append(f"{v:g}元")
        elif lab == "comma" or v >= 1000:
            out.append(f"{v:,.2f}")
        else:
            out.append(float(v) if numeric else f"{v:g}")
    return out


def id_cells(texts: pl.Series, status: pl.Series, *, workbook: bool) -> list[object]:
    """The ID column's cells: float-damaged IDs become numeric cells in a workbook, else the text a
    spreadsheet export shows (3.71521E+17, or 15 digits and three zeros)."""
    out: list[object] = []
    flip = 0
    for t, st in zip(texts.to_list(), status.to_list(), strict=True):
        if st == "float_damaged":
            pid = t
            if workbook:
                out.append(NumericId(pid))
            else:
                flip += 1
                out.append(
                    ids.zeroed_tail(pid)
                    if flip % 3 == 0 and not ids.is_valid18(ids.zeroed_tail(pid))
                    else ids.float_text(pid)
                )
        else:
            out.append(t or None)
    return out
