"""Child process: one full monthly run (load -> normalise -> link -> rules -> CSV + workbook), timing
each stage through the pipeline's progress callback. Prints one JSON line.

    python benchmarks/run_month.py INPUT_DIR OUT_DIR

Equivalent to `recon run INPUT_DIR --month 2020-04 --out OUT_DIR --force`, called as a library so the
stage boundaries can be timed.
"""

from __future__ import annotations

import json
import sys
import time

from recon.pipeline import run_pipeline


def main() -> None:
    marks: list[tuple[str, float]] = []

    def progress(stage: str, _text: str) -> None:
        # a stage reports many times as it advances (files read, rules done): its start is the first
        if not marks or marks[-1][0] != stage:
            marks.append((stage, time.perf_counter()))

    t0 = time.perf_counter()
    outcome = run_pipeline(sys.argv[1], "2020-04", sys.argv[2], force=True, progress=progress)
    end = time.perf_counter()
    stages = {}
    bounds = [*marks, ("end", end)]
    for (stage, t), (_, t_next) in zip(bounds, bounds[1:], strict=False):
        stages[stage] = round(t_next - t, 2)
    print(
        json.dumps(
            {
                "records": outcome.loaded.records.height,
                "findings": outcome.result.findings.height,
                "stages_s": stages,
                "in_process_s": round(end - t0, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
