"""The rule catalog: one explicit, ordered list. A rule not listed here does not exist."""

from __future__ import annotations

from recon.errors import ConfigError
from recon.rules.base import FAMILIES, Rule
from recon.rules.c_coverage import C1, C2, C3
from recon.rules.d_deaths import D1, D2, D3, D4
from recon.rules.e_means import E1, E2, E3, E5
from recon.rules.e_property import E4
from recon.rules.k_children import K1, K2
from recon.rules.m_movement import M1
from recon.rules.p_payments import P1, P2, P3, P4, P5
from recon.rules.q_quality import Q1, Q2, Q3, Q4
from recon.rules.r_cadres import R1
from recon.rules.s_subsidies import S1, S2, S3, S4, S5
from recon.rules.t_tekun import T1
from recon.rules.x_overlaps import X1, X2

RULES: tuple[Rule, ...] = (
    *(D1, D2, D3, D4, T1, C1, C2, C3, S1, S2, S3, S4, S5, X1, X2),
    *(E1, E2, E3, E4, E5, R1),
    *(P1, P2, P3, P4, P5, M1),
    *(K1, K2),
    *(Q1, Q2, Q3, Q4),
)

_BY_CODE: dict[str, Rule] = {}
for _rule in RULES:
    if _rule.code in _BY_CODE:
        raise RuntimeError(f"rule code {_rule.code} registered twice")
    _BY_CODE[_rule.code] = _rule

CATALOG_ORDER: dict[str, int] = {r.code: i for i, r in enumerate(RULES)}


def valid_codes_text() -> str:
    return "、".join(r.code for r in RULES) + f"，或类别字母 {'、'.join(FAMILIES)}"


def get_rule(code: str) -> Rule:
    try:
        return _BY_CODE[code.strip().upper()]
    except KeyError:
        raise ConfigError(
            f"没有规则 {code!r}",
            fix=f"可用的规则：{valid_codes_text()}",
            en=f"there is no rule {code!r}",
            fix_en=f"rules: {valid_codes_text()}",
        ) from None


def _match(token: str) -> list[Rule]:
    t = token.strip()
    up = t.upper()
    if up in _BY_CODE:
        return [_BY_CODE[up]]
    if up in FAMILIES:
        return [r for r in RULES if r.family == up]
    low = t.lower()
    by_name = [r for r in RULES if low in (r.title_en.lower(), r.title_zh.lower())]
    if by_name:
        return by_name
    raise ConfigError(
        f"没有规则 {t!r}",
        fix=f"可用的规则：{valid_codes_text()}；多个用逗号分隔，如 D,T1",
        en=f"there is no rule {t!r}",
        fix_en=f"rules: {valid_codes_text()}; separate several with commas, e.g. D,T1",
    )


def _expand(spec: str) -> set[str]:
    codes: set[str] = set()
    for token in spec.replace("，", ",").split(","):
        if token.strip():
            codes.update(r.code for r in _match(token))
    return codes


def select_rules(select: str | None = None, ignore: str | None = None) -> list[Rule]:
    """Rules chosen by `--select` minus `--ignore` (codes, family letters or titles), in catalog order."""
    chosen = _expand(select) if select and select.strip() else set(_BY_CODE)
    if ignore and ignore.strip():
        chosen -= _expand(ignore)
    return [r for r in RULES if r.code in chosen]
