"""Findings before and after a change: dump recon's comparable outputs on fixed inputs, or compare two dumps.

    .venv/bin/python benchmarks/golden.py dump OUTDIR      # from the repository root
    .venv/bin/python benchmarks/golden.py compare BEFORE AFTER

The inputs: the bundled sample month (plain and --mask), generated months at seeds 2 and 3 (scale 0.6)
and the three-month cycle scenario of tests/cycle. `compare` compares anomalies.csv and
data_quality.csv on the columns both dumps have (a column added by a change is named, not a difference).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parent.parent
KEPT = ("anomalies.csv", "data_quality.csv", "summary.json", "verified_excluded.csv", "resolved.csv")


def _keep(src: Path, dst: Path) -> None:
    dst.mkdir(parents=True, exist_ok=True)
    for name in KEPT:
        if (src / name).exists():
            shutil.copy(src / name, dst / name)
    manifest = src / "manifest.json"
    if manifest.exists():
        m = json.loads(manifest.read_text(encoding="utf-8"))
        for k in ("started", "finished", "version"):
            m.pop(k, None)
        m["outputs"] = sorted(o["path"] for o in m.get("outputs", []))
        skip = ("out", "input_dir", "previous", "reviewed")
        m["arguments"] = {k: v for k, v in m.get("arguments", {}).items() if k not in skip}
        (dst / "manifest.json").write_text(json.dumps(m, ensure_ascii=False, indent=1, sort_keys=True))


def dump(out: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from tests.cycle.scenario import build

    recon = str(ROOT / ".venv" / "bin" / "recon")
    shutil.rmtree(out, ignore_errors=True)
    work = out / "_work"
    work.mkdir(parents=True)
    sample = str(ROOT / "sample_data")
    subprocess.run([recon, "run", sample, "--month", "2020-04", "--out", str(work / "s"), "-q"], check=True)
    _keep(work / "s", out / "sample")
    masked = [recon, "run", sample, "--month", "2020-04", "--out", str(work / "sm"), "-q", "--mask"]
    subprocess.run(masked, check=True)
    _keep(work / "sm", out / "sample_masked")
    for seed in (2, 3):
        gen = [recon, "sample", "--out", str(work / f"g{seed}"), "--seed", str(seed), "--scale", "0.6"]
        subprocess.run(gen, check=True, capture_output=True)
        run = [
            recon,
            "run",
            str(work / f"g{seed}"),
            "--month",
            "2020-04",
            "--out",
            str(work / f"r{seed}"),
            "-q",
        ]
        subprocess.run(run, check=True)
        _keep(work / f"r{seed}", out / f"seed{seed}")
    scenario = build(work / "cycle")
    for i, o in enumerate((scenario.out1, scenario.out2, scenario.out3), 1):
        _keep(o, out / f"cycle{i}")
    shutil.rmtree(work)
    print("written to", out)


def compare(before: Path, after: Path) -> int:
    differ = 0
    for d in sorted(p.name for p in before.iterdir() if p.is_dir()):
        for name in ("anomalies.csv", "data_quality.csv"):
            x = pl.read_csv(before / d / name, infer_schema=False)
            y = pl.read_csv(after / d / name, infer_schema=False)
            # a reviewed workbook is named by its path, which holds the dump's own folder
            x, y = (
                f.with_columns(pl.col(c).str.replace(r"^.*/_work/", "") for c in f.columns) for f in (x, y)
            )
            cols = [c for c in x.columns if c in y.columns]
            same = (
                x.select(cols).sort(cols, nulls_last=True).equals(y.select(cols).sort(cols, nulls_last=True))
            )
            added = sorted(set(x.columns) ^ set(y.columns))
            print(
                f"{d}/{name}: {'same' if same else 'DIFFERENT'} ({x.height} vs {y.height} rows)"
                + (f"; columns in one only: {added}" if added else "")
            )
            differ += not same
    return differ


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "dump":
        dump(Path(sys.argv[2]))
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        sys.exit(1 if compare(Path(sys.argv[2]), Path(sys.argv[3])) else 0)
    else:
        sys.exit(__doc__)
