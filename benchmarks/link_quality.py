"""Linking quality and speed: recon's linker against Splink (DuckDB) on the same synthetic task.

    .venv/bin/python benchmarks/link_quality.py --people 80000

The task (tests/link/synthetic.py): source A holds people with valid IDs; source B holds their
records with one wrong digit, swapped digits, blank IDs, same-sounding names or float-damaged IDs,
plus decoys (common names, dead namesakes, a near ID under another name) and namesakes born the same
day in the same town, whose blank-ID record is genuinely ambiguous. Precision and recall are counted
on the B records without a usable ID (the fuzzy part: exact IDs are trivial for both tools).

Splink is optional (`pip install splink duckdb`); without it only recon's figures are printed.
"""

from __future__ import annotations

import argparse
import sys
import time

import polars as pl
from _harness import ROOT

from recon.link import link_records
from recon.model import USABLE_ID_STATUSES
from recon.normalize.towns import town_key_expr

# the task generator lives with the linking tests, outside the installed package
sys.path.insert(0, str(ROOT))
from tests.link.synthetic import FUZZY_CASES, make_link_task, score


def run_recon(records: pl.DataFrame, truth: pl.DataFrame) -> dict[str, float]:
    t = time.perf_counter()
    r = link_records(records)
    elapsed = time.perf_counter() - t
    s = score(r.records, truth, r.ambiguous)
    return {**s, "seconds": elapsed}


def run_splink(records: pl.DataFrame, truth: pl.DataFrame, threshold: float) -> dict[str, float]:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    usable = pl.col("id_status").is_in(USABLE_ID_STATUSES)
    cols = [
        pl.col("rec_id").alias("unique_id"),
        pl.col("name"),
        pl.col("name_pinyin").alias("pinyin"),
        pl.col("birth_date").cast(pl.String).alias("birth_date"),
        town_key_expr("town").alias("town"),
    ]
    a = records.filter(usable).select(*cols, pl.col("id_number").alias("id"))
    # a float-damaged number is never compared by its digits (as in recon)
    b = records.filter(~usable).select(
        *cols,
        pl.when(pl.col("id_status") != "float_damaged")
        .then(pl.col("id_clean").str.to_uppercase())
        .alias("id"),
    )
    t = time.perf_counter()
    name = cl.CustomComparison(
        output_column_name="name",
        comparison_levels=[
            cll.NullLevel("name"),
            cll.ExactMatchLevel("name"),
            cll.ExactMatchLevel("pinyin"),
            cll.LevenshteinLevel("name", 1),
            cll.ElseLevel(),
        ],
    )
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            name,
            cl.LevenshteinAtThresholds("id", [1, 2]),  # a swap of two digits is distance 2
            cl.ExactMatch("birth_date"),
            cl.ExactMatch("town"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("birth_date", "town"),
            # one wrong digit leaves one half intact; a swap across the middle leaves both ends
            "substr(l.id, 1, 9) = substr(r.id, 1, 9)",
            "substr(l.id, 10, 9) = substr(r.id, 10, 9)",
            "substr(l.id, 1, 8) = substr(r.id, 1, 8) and substr(l.id, 11, 8) = substr(r.id, 11, 8)",
        ],
        retain_intermediate_calculation_columns=False,
    )
    db = DuckDBAPI()
    sa = db.register(a.to_arrow(), table_name="a")
    sb = db.register(b.to_arrow(), table_name="b")
    linker = Linker([sa, sb], settings, log_level="ERROR")
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_date", "town"))
    linker.training.estimate_parameters_using_expectation_maximisation(
        "substr(l.id, 1, 9) = substr(r.id, 1, 9)"
    )
    pred = pl.from_arrow(linker.inference.predict(threshold_match_probability=threshold).as_pyarrow_table())
    # each B record takes its best-scoring A record
    pairs = pl.DataFrame(pred).select(
        pl.when(pl.col("source_dataset_l") == "b").then("unique_id_l").otherwise("unique_id_r").alias("b_id"),
        pl.when(pl.col("source_dataset_l") == "b").then("unique_id_r").otherwise("unique_id_l").alias("a_id"),
        "match_probability",
    )
    best = pairs.sort("match_probability", descending=True).unique("b_id", keep="first")
    elapsed = time.perf_counter() - t
    a_ids = records.filter(usable).select(pl.col("rec_id").alias("a_id"), pl.col("id_number").alias("person"))
    got = truth.join(best.join(a_ids, on="a_id").rename({"b_id": "rec_id"}), on="rec_id", how="left")
    got = got.join(records.filter(~usable).select("rec_id"), on="rec_id", how="semi")
    made = got.filter(pl.col("person").is_not_null())
    correct = made.filter(pl.col("person") == pl.col("true_person")).height
    should = got.filter(pl.col("case").is_in(FUZZY_CASES)).height
    return {
        "fuzzy_links": made.height,
        "correct": correct,
        "should_link": should,
        "precision": correct / made.height if made.height else 1.0,
        "recall": correct / should if should else 1.0,
        "decoy_links": made.filter(pl.col("true_person").is_null()).height,
        "seconds": elapsed,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--people", type=int, default=80_000, help="people in source A (B adds ~25%%)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--splink-threshold", type=float, default=0.9, help="Splink match probability to link")
    ap.add_argument("--no-splink", action="store_true")
    args = ap.parse_args()

    task = make_link_task(args.people, seed=args.seed)
    n_fuzzy = task.records.filter(~pl.col("id_status").is_in(USABLE_ID_STATUSES)).height
    print(f"records: {task.records.height}, without a usable ID: {n_fuzzy}\n")
    rows = [("recon", run_recon(task.records, task.truth))]
    if not args.no_splink:
        try:
            import splink

            rows.append(
                (
                    f"Splink {splink.__version__} (DuckDB)",
                    run_splink(task.records, task.truth, args.splink_threshold),
                )
            )
        except ImportError:
            print("(Splink is not installed: pip install splink duckdb)\n")
    print("| tool | fuzzy links | precision | recall | links through decoys/ties | wall time |")
    print("|---|---:|---:|---:|---:|---:|")
    for tool, s in rows:
        wrong_kind = s["decoy_links"] + s.get("ambiguous_linked", 0)
        print(
            f"| {tool} | {s['fuzzy_links']} | {s['precision']:.4f} | {s['recall']:.4f} | {wrong_kind} |"
            f" {s['seconds']:.2f} s |"
        )


if __name__ == "__main__":
    main()
