"""Towns (乡镇/街道) as agencies write them: with or without 镇/乡/街道, inside an address, as a
government office's name.

One list of suffixes serves the three uses: finding a town inside an address, merging 阿城 with 阿城镇
within a run, and the matching key the linker blocks on.
"""

from __future__ import annotations

import polars as pl

# the suffix that makes a name a town, and the office names agencies write instead of the town itself
PLACE_SUFFIXES: tuple[str, ...] = ("街道", "镇", "乡")
OFFICE_SUFFIXES: tuple[str, ...] = ("人民政府", "街道办事处", "办事处")
TOWN_SUFFIXES: tuple[str, ...] = (*OFFICE_SUFFIXES, *PLACE_SUFFIXES)

_KEY_SUFFIX = "(" + "|".join(TOWN_SUFFIXES) + ")$"
_TOWN_IN_ADDRESS = r"([\p{Han}]{1,8}?(?:" + "|".join(PLACE_SUFFIXES) + "))"


def town_from_address_expr(address: pl.Expr) -> pl.Expr:
    """The town named in an address such as 山东省阳谷县阿城镇张庄村 (阿城镇); null when none is."""
    return (
        address.str.replace(r"^.*?省", "")
        .str.replace(r"^.*?市", "")
        .str.replace(r"^.*?[县区]", "")
        .str.extract(_TOWN_IN_ADDRESS, 1)
    )


_VILLAGE_IN_ADDRESS = r"(?:街道|镇|乡)([\p{Han}]{1,10}?(?:村|社区|居委会))"


def village_from_address_expr(address: pl.Expr) -> pl.Expr:
    """The village or community after the town in an address (张庄村 in …阿城镇张庄村…); null if none."""
    return address.str.extract(_VILLAGE_IN_ADDRESS, 1)


def unify_towns(records: pl.DataFrame) -> pl.DataFrame:
    """'阿城' and '阿城镇' written by two agencies are one town: map a bare name to its suffixed form when
    exactly one suffixed form exists in this run (the set of towns is small, so plain Python is fine)."""
    towns = [t for t in records.get_column("town").unique().to_list() if t]
    full = set(towns)
    fix = {}
    for t in towns:
        if t.endswith(TOWN_SUFFIXES):
            continue
        cands = [t + s for s in PLACE_SUFFIXES if t + s in full]
        if len(cands) == 1:
            fix[t] = cands[0]
    if not fix:
        return records
    return records.with_columns(pl.col("town").replace(fix))


def town_key_expr(town: str | pl.Expr) -> pl.Expr:
    """Town as a matching key: NFKC, no whitespace, without the 镇/乡/街道 suffix; null when empty."""
    # records hold towns as categoricals, and the string functions below want text
    e = (pl.col(town) if isinstance(town, str) else town).cast(pl.String)
    key = e.str.normalize("NFKC").str.replace_all(r"\s+", "").str.replace(_KEY_SUFFIX, "")
    return pl.when(key.str.len_chars() > 0).then(key).otherwise(None)


def town_codes(towns: pl.Series) -> pl.Series:
    """A UInt32 code per town key (null for no town), computed once per distinct town text.

    Normalising 10 million town cells took ~6 s; a county has a few dozen distinct values.
    """
    uniq = towns.unique().drop_nulls()
    keys = pl.select(town_key_expr(pl.lit(uniq))).to_series()
    codes = keys.rank("dense").cast(pl.UInt32)
    return towns.replace_strict(uniq, codes, default=None, return_dtype=pl.UInt32)
