"""Planted cases: every rule code and the edge cases of docs/rule-semantics.md, one module per rule family
(`links` holds the fuzzy-link and decoy cases), written through the helpers of `planter`.

All cases draw from one random stream, so PLANTERS, the order they are planted in, is part of every seed's
output: reordering it, or adding a draw to one of them, changes every sample. D1 is planted before the
fuzzy links and D2–D4 after them because that is the order the cases were first written in.
"""

from __future__ import annotations

from collections.abc import Callable

from recon.sample.planted import (
    c_coverage,
    d_death_list,
    d_deaths,
    e_means,
    k_children,
    links,
    m_exits,
    p_payments,
    q_quality,
    r_cadres,
    s_subsidies,
    t_tekun,
    x_overlaps,
)
from recon.sample.planted.planter import Planter

PLANTERS: tuple[Callable[[Planter], None], ...] = (
    d_deaths.plant_d1,
    links.plant_links,
    d_deaths.plant_d2_d3_d4,
    t_tekun.plant_t1,
    x_overlaps.plant_x1_x2,
    c_coverage.plant_c1_c3,
    s_subsidies.plant_s1_s5,
    q_quality.plant_q2_q4,
    q_quality.plant_q1,
    q_quality.plant_names,
    # the other offices' lists, the payment file and last month's roll (issues 15–17)
    d_death_list.plant_death_list,
    e_means.plant_e1_e5,
    r_cadres.plant_r1,
    k_children.plant_k1,
    k_children.plant_k2,
    p_payments.plant_p,
    m_exits.plant_m1,
)


def plant_all(planter: Planter) -> None:
    for plant in PLANTERS:
        plant(planter)


__all__ = ["PLANTERS", "Planter", "plant_all"]
