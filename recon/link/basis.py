"""How two linked records are explained when a rule joins them.

Every record carries how it joined its person (`link_basis`, `link_confidence`). A finding that rests
on two records (a dibao member and a cremation record, say) shows the weaker of the two links, and for
two exact-ID records whether their names agree, so the auditor sees why they were taken for one person.
"""

from __future__ import annotations

import polars as pl

from recon.model import BASIS_ID, BASIS_ID_NAME_DIFFERS, BASIS_ID_NAME_HOMOPHONE


def pair_basis(left: str = "", right: str = "r_") -> tuple[pl.Expr, pl.Expr]:
    """(match_basis, confidence) expressions for a row that joins a left and a right record.

    `left`/`right` are column prefixes: the row must hold `{p}name`, `{p}name_pinyin`, `{p}link_basis`
    and `{p}link_confidence` for both sides.
    """
    lb, rb = pl.col(f"{left}link_basis"), pl.col(f"{right}link_basis")
    ln, rn = pl.col(f"{left}name"), pl.col(f"{right}name")
    lp, rp = pl.col(f"{left}name_pinyin"), pl.col(f"{right}name_pinyin")
    both_exact = (lb == BASIS_ID) & (rb == BASIS_ID)
    names = (
        pl.when(ln.is_null() | rn.is_null() | (ln == rn))
        .then(pl.lit(BASIS_ID))
        .when(lp == rp)
        .then(pl.lit(BASIS_ID_NAME_HOMOPHONE))
        .otherwise(pl.lit(BASIS_ID_NAME_DIFFERS))
    )
    # a fuzzy side explains the link; when both are fuzzy (rare), show both
    fuzzy = (
        pl.when(lb == BASIS_ID)
        .then(rb)
        .when(rb == BASIS_ID)
        .then(lb)
        .otherwise(pl.concat_str([lb, rb], separator=" / "))
    )
    basis = pl.when(both_exact).then(names).otherwise(fuzzy)
    conf = pl.min_horizontal(pl.col(f"{left}link_confidence"), pl.col(f"{right}link_confidence"))
    return basis.alias("match_basis"), conf.alias("confidence")
