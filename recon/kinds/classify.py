"""Deciding a sheet's kind from all the evidence, and saying when the evidence is doubtful.

Each kind's score is the sum of the fields its headers name, the strongest word inside a header text,
the strongest word in the file/sheet/title names, minus the fields that speak against it
(`catalog.KindSpec`). The kind with the highest score wins when it scores at least MIN_SCORE and more
than any other. The decision is doubtful, and says so, when the two best kinds are close, or when the
names point to one kind and the headers to another: a misread roll is found by a person only if recon
says where it hesitated.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from recon.kinds.catalog import SPECS, missing_required
from recon.kinds.headers import header_key, map_headers
from recon.model import KIND_ZH

MIN_SCORE = 2.0
CLOSE = 2.0  # a runner-up this close to the winner makes the decision doubtful


@dataclass
class Classification:
    kind: str | None
    scores: dict[str, float] = field(default_factory=dict)
    mapping: dict[str, str] = field(default_factory=dict)  # header text -> field
    missing: list[str] = field(default_factory=list)  # required fields not mapped (for `kind`)
    evidence: dict[str, list[str]] = field(default_factory=dict)  # kind -> what counted, in Chinese
    runner_up: str | None = None
    doubt: str | None = None  # why the decision is uncertain (Chinese), None when it is clear

    def evidence_text(self, kind: str | None) -> str:
        return "，".join(self.evidence.get(kind or "", [])) or "（无）"


def _best_word(words: dict[str, float], texts: list[str]) -> tuple[float, str | None]:
    found = [(w, word) for word, w in words.items() if any(word in t for t in texts)]
    return max(found) if found else (0.0, None)


def _scores(
    headers: list[str], names: list[str], mapping: dict[str, str]
) -> tuple[dict[str, float], dict[str, float], dict[str, float], dict[str, list[str]]]:
    """(total, from headers, from names, evidence) per kind."""
    by_field: dict[str, str] = {}
    for text, f in mapping.items():
        by_field.setdefault(f, text)
    header_texts = [header_key(h) for h in headers if h]
    name_texts = [n for n in names if n]
    total: dict[str, float] = {}
    from_headers: dict[str, float] = {}
    from_names: dict[str, float] = {}
    evidence: dict[str, list[str]] = {}
    for spec in SPECS:
        ev: list[str] = []
        h = 0.0
        for f, weight in spec.fields.items():
            if f in by_field:
                h += weight
                ev.append(f"列「{by_field[f]}」(+{weight:g})")
        hw, word = _best_word(spec.header_words, header_texts)
        if word:
            h += hw
            ev.append(f"表头含“{word}”(+{hw:g})")
        for f, weight in spec.against.items():
            if f in by_field:
                h -= weight
                ev.append(f"有列「{by_field[f]}」(-{weight:g})")
        n, word = _best_word(spec.name_words, name_texts)
        if word:
            ev.append(f"名称含“{word}”(+{n:g})")
        total[spec.kind], from_headers[spec.kind], from_names[spec.kind] = h + n, h, n
        evidence[spec.kind] = ev
    return total, from_headers, from_names, evidence


def _leader(scores: dict[str, float]) -> str | None:
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if ranked[0][1] <= 0 or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def config_line(file_name: str, kind: str) -> str:
    """The config lines that settle a sheet's kind."""
    return f'[[sources]]\nfile = "{file_name}"\nkind = "{kind}"'


def classify(
    headers: list[str],
    names: list[str],
    explicit_kind: str | None = None,
    explicit_columns: dict[str, str] | None = None,
) -> Classification:
    """Decide a sheet's kind from its headers and its file/sheet/title names."""
    mapping = map_headers(headers, explicit_columns)
    fields = set(mapping.values())
    total, from_headers, from_names, evidence = _scores(headers, names, mapping)
    ranked = sorted(total.items(), key=lambda kv: -kv[1])
    (top, top_score), (second, second_score) = ranked[0], ranked[1]
    if explicit_kind:
        return Classification(
            kind=explicit_kind,
            scores=total,
            mapping=mapping,
            missing=missing_required(explicit_kind, fields),
            evidence=evidence,
        )
    chosen = top if top_score >= MIN_SCORE and top_score > second_score else None
    doubt = None
    if chosen is not None:
        by_names, by_headers = _leader(from_names), _leader(from_headers)
        if second_score > 0 and top_score - second_score < CLOSE:
            doubt = (
                f"与{KIND_ZH[second]}名册接近（{KIND_ZH[chosen]} {top_score:g} 分：{evidence_text(evidence, chosen)}；"
                f"{KIND_ZH[second]} {second_score:g} 分：{evidence_text(evidence, second)}）"
            )
        elif (
            by_names
            and by_headers
            and by_names != by_headers
            and from_headers[by_headers] - from_headers[chosen] >= CLOSE
        ):
            # the names outweighed clear header evidence for another kind
            other = by_names if by_names != chosen else by_headers
            doubt = (
                f"文件名/标题像{KIND_ZH[by_names]}，表头像{KIND_ZH[by_headers]}"
                f"（{KIND_ZH[chosen]}：{evidence_text(evidence, chosen)}；"
                f"{KIND_ZH[other]}：{evidence_text(evidence, other)}）"
            )
    elif top_score > 0 and top_score == second_score:
        doubt = f"{KIND_ZH[top]}和{KIND_ZH[second]}的证据一样多，无法判断"
    return Classification(
        kind=chosen,
        scores=total,
        mapping=mapping,
        missing=missing_required(chosen, fields) if chosen else [],
        evidence=evidence,
        runner_up=second if second_score > 0 else None,
        doubt=doubt,
    )


def evidence_text(evidence: dict[str, list[str]], kind: str) -> str:
    return "，".join(evidence.get(kind, [])) or "无"
