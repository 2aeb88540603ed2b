"""Child process: generate one synthetic month (`recon sample` as a library call).

python benchmarks/generate_month.py OUT_DIR SCALE FORMAT [SEED]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from recon.sample import generate


def main() -> None:
    out, scale, fmt = Path(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    t = time.perf_counter()
    g = generate(out, scale=scale, formats=fmt, seed=seed)
    print(
        json.dumps(
            {"rows": g.data_rows, "answers": g.expected.height, "seconds": round(time.perf_counter() - t, 2)}
        )
    )


if __name__ == "__main__":
    main()
