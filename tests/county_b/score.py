"""Per-rule precision and recall of recon's findings against a county-B answer file.

Keys (docs/rule-semantics.md): (rule, id_number) for every rule but Q3; Q3 by (rule, source_file, name),
since a float-damaged ID has no stable text.

    .venv/bin/python -m tests.county_b.score [--seed N] [--month YYYY-MM] [--layout L ...] [--examples]

generates county B in each layout into a temporary folder, runs recon.pipeline.run_pipeline on it and
prints a precision/recall table per rule and layout, with macro-F1 over the rules that have answers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import inspect
import tempfile
import time
import traceback
from pathlib import Path

import polars as pl

from recon.sample.answers import RULE_ORDER
from tests.county_b.generate import LAYOUTS, generate

# Rules planted in county B, with answers in expected.csv, that recon does not have yet: they are shown
# (marked *) but not scored, so a rule can be planted before it is written. Empty since P1-P5 and M1
# landed; a rule leaves this set when recon has it and must then reach the same >= 0.99 as the others.
NOT_PLANTED_YET: frozenset[str] = frozenset()
PLANTED_RULES = tuple(r for r in RULE_ORDER if r not in NOT_PLANTED_YET)

Key = tuple[str, ...]
Score = tuple[float, float, list[Key], list[Key]]  # precision, recall, extra examples, missed examples


def keys(df: pl.DataFrame) -> set[Key]:
    out: set[Key] = set()
    for r in df.select("rule", "id_number", "source_file", "name").iter_rows(named=True):
        if r["rule"] == "Q3":
            out.add(("Q3", r["source_file"] or "", r["name"] or ""))
        else:
            out.add((r["rule"], r["id_number"] or ""))
    return out


def score(findings: pl.DataFrame, expected: pl.DataFrame, n_examples: int = 3) -> dict[str, Score]:
    """Every catalog rule that has answers or findings. Nothing reported where answers exist counts as
    precision 0 (as tests/e2e does), so a missing rule cannot look precise."""
    got, want = keys(findings), keys(expected)
    out: dict[str, Score] = {}
    for rule in RULE_ORDER:
        g = {k for k in got if k[0] == rule}
        w = {k for k in want if k[0] == rule}
        if not g and not w:
            continue
        hit = len(g & w)
        precision = hit / len(g) if g else 0.0
        recall = hit / len(w) if w else 1.0
        out[rule] = (precision, recall, sorted(g - w)[:n_examples], sorted(w - g)[:n_examples])
    return out


def f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def macro_f1(scores: dict[str, Score], expected: pl.DataFrame) -> float:
    """Over the scored rules that have answers (not those of NOT_PLANTED_YET)."""
    rules = [r for r in PLANTED_RULES if expected.filter(pl.col("rule") == r).height]
    return sum(f1(*scores[r][:2]) if r in scores else 0.0 for r in rules) / len(rules)


def previous_kwargs(previous_dir: Path) -> dict[str, Path]:
    """Last month's roll for M1, where this recon reads one (`run_pipeline(previous_input=)`, the
    `--previous-input` of `recon run`); an older recon runs without it and M1 is skipped."""
    from recon.pipeline import run_pipeline

    return (
        {"previous_input": previous_dir}
        if "previous_input" in inspect.signature(run_pipeline).parameters
        else {}
    )


def run_layout(
    layout: str, month: dt.date, seed: int, root: Path
) -> tuple[dict[str, Score] | None, str, float]:
    """Generate, run recon, score. A run that raises is reported as such (None), not hidden."""
    from recon.pipeline import run_pipeline

    county = generate(root / layout, month, seed, layout)
    t0 = time.perf_counter()
    try:
        outcome = run_pipeline(county.out_dir, month, None, **previous_kwargs(county.previous_dir))
    except Exception as e:  # noqa: BLE001 - a scorer reports a failed layout and goes on to the next
        last = traceback.extract_tb(e.__traceback__)[-1]
        where = f"{Path(last.filename).name}:{last.lineno}"
        text = f"{type(e).__name__} at {where}: {str(e).splitlines()[0][:160]}"
        # an InputErrors carries one message per unusable file: show the distinct ones
        distinct = dict.fromkeys(str(x)[:220] for x in getattr(e, "errors", ()) or ())
        text += "".join(f"\n    {m}" for m in list(distinct)[:3])
        return None, text, time.perf_counter() - t0
    return score(outcome.result.findings, county.expected), "", time.perf_counter() - t0


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--month", default="2020-04")
    ap.add_argument("--layout", action="append", choices=LAYOUTS)
    ap.add_argument("--examples", action="store_true", help="print extra and missed keys per rule")
    args = ap.parse_args(argv)
    month = dt.date.fromisoformat(args.month + "-01")
    layouts = tuple(args.layout or LAYOUTS)
    results: dict[str, tuple[dict[str, Score] | None, str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="county_b_") as tmp:
        for layout in layouts:
            results[layout] = run_layout(layout, month, args.seed, Path(tmp))
        expected = generate(Path(tmp) / "_ref", month, args.seed, layouts[0]).expected
    counts = dict(expected.group_by("rule").len().iter_rows())

    print(f"county B (民权县 411421), month {month:%Y-%m}, seed {args.seed}: precision/recall per rule")
    print(f"{'rule':<5}{'n':>4}  " + "".join(f"{layout:>13}" for layout in layouts))
    for rule in RULE_ORDER:
        cells = []
        for layout in layouts:
            sc, _, _ = results[layout]
            if sc is None:
                cells.append(f"{'failed':>13}")
            elif rule in sc:
                cells.append(f"{sc[rule][0]:>6.2f}/{sc[rule][1]:<6.2f}")
            else:
                cells.append(f"{'-':>13}")
        mark = "*" if rule in NOT_PLANTED_YET else " "  # answered, not scored yet
        print(f"{rule:<4}{mark}{counts.get(rule, 0):>4}  " + "".join(cells))
    print(
        f"{'F1':<9} "
        + "".join(
            f"{'failed' if sc is None else f'{macro_f1(sc, expected):.3f}':>13}"
            for sc, _, _ in results.values()
        )
    )
    print(f"{'run s':<9} " + "".join(f"{secs:>13.1f}" for _, _, secs in results.values()))
    print("* answered, not scored yet (NOT_PLANTED_YET); F1 is over the scored rules")
    for layout, (sc, err, _) in results.items():
        if sc is None:
            print(f"\n{layout}: recon raised {err}")
        elif args.examples:
            print(f"\n{layout}:")
            for rule, (p, r, extra, missed) in sc.items():
                if p < 1 or r < 1:
                    print(f"  {rule} P={p:.2f} R={r:.2f} extra={extra} missed={missed}")


if __name__ == "__main__":
    main()
