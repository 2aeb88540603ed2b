"""Shared helpers of the benchmark scripts: machine facts, timed child runs, cached sample months.

Every measured run is a fresh child process under `/usr/bin/time -v`, so the wall time includes the
interpreter start and imports a user pays, and the peak RSS is the whole run's.
"""

from __future__ import annotations

import json
import os
import platform
import re
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATA = Path(os.environ.get("RECON_BENCH_DATA", "/tmp/recon-bench"))
RESULTS = ROOT / "benchmarks" / "results"
TIME = "/usr/bin/time"


def machine() -> dict[str, object]:
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem_kb = int(line.split()[1])
    import polars as pl

    return {
        "nproc": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024**2, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "polars": pl.__version__,
        "load_avg_at_start": os.getloadavg(),
    }


@dataclass
class Timed:
    command: str
    walls: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    reports: list[dict[str, object]] = field(default_factory=list)  # the child's JSON line, per run

    @property
    def median(self) -> float:
        return statistics.median(self.walls)

    @property
    def peak_mb(self) -> float:
        return max(self.rss_mb)

    def as_dict(self) -> dict[str, object]:
        return {
            "command": self.command,
            "walls": self.walls,
            "median_s": round(self.median, 2),
            "peak_rss_mb": round(self.peak_mb),
            "last_report": self.reports[-1] if self.reports else None,
        }


_WALL = re.compile(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)")
_RSS = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")


def _seconds(text: str) -> float:
    parts = [float(p) for p in text.split(":")]
    return sum(p * 60**i for i, p in enumerate(reversed(parts)))


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _run_capped(cmd: list[str], rss_limit_mb: float) -> subprocess.CompletedProcess[str]:
    """Run cmd; kill the measured child (the process /usr/bin/time started) if its RSS passes the
    limit, so a month too big for the machine fails alone instead of pushing others out of memory."""
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT) as p:
        while True:
            try:
                out, err = p.communicate(timeout=0.5)
                return subprocess.CompletedProcess(cmd, p.returncode, out, err)
            except subprocess.TimeoutExpired:
                pgrep = ["pgrep", "-P", str(p.pid)]
                kids = subprocess.run(pgrep, capture_output=True, text=True).stdout.split()
                for kid in kids:
                    if _rss_mb(int(kid)) > rss_limit_mb:
                        os.kill(int(kid), 9)
                        out, err = p.communicate()
                        why = f"stopped: RSS above {rss_limit_mb:.0f} MB: {' '.join(cmd)}"
                        raise SystemExit(why) from None


def run_timed(args: list[str], runs: int = 3, rss_limit_mb: float = 20_000) -> Timed:
    """Run `args` `runs` times under /usr/bin/time -v; the child may print one JSON object as its last
    stdout line (stage timings, counts)."""
    if not Path(TIME).exists():
        raise SystemExit("/usr/bin/time is missing: apt-get install -y time")
    timed = Timed(" ".join(args))
    for _ in range(runs):
        p = _run_capped([TIME, "-v", *args], rss_limit_mb)
        if p.returncode != 0:
            raise SystemExit(f"failed: {timed.command}\n{p.stdout[-2000:]}\n{p.stderr[-4000:]}")
        timed.walls.append(_seconds(_WALL.search(p.stderr).group(1)))  # type: ignore[union-attr]
        timed.rss_mb.append(int(_RSS.search(p.stderr).group(1)) / 1024)  # type: ignore[union-attr]
        lines = [ln for ln in p.stdout.splitlines() if ln.startswith("{")]
        if lines:
            timed.reports.append(json.loads(lines[-1]))
    return timed


def sample_dir(scale: float, fmt: str, seed: int = 1) -> Path:
    """A generated month (cached in DATA; generation is timed once and saved beside it)."""
    out = DATA / f"scale{scale:g}_{fmt}_seed{seed}"
    done = out / "_answers" / "README.txt"
    csv_twin = DATA / f"scale{scale:g}_csv_seed{seed}"
    if not done.exists() and fmt == "parquet" and (csv_twin / "_answers" / "README.txt").exists():
        # the same cells as the CSV month (checked equal to the generator's Parquet at scale 10):
        # seconds instead of a second generator run (10 minutes and ~11 GB at scale 2000)
        from csv_to_parquet import convert

        convert(csv_twin, out)
    if not done.exists():
        t = run_timed(
            [PYTHON, str(ROOT / "benchmarks" / "generate_month.py"), str(out), f"{scale:g}", fmt, str(seed)],
            runs=1,
        )
        (DATA / f"{out.name}.generation.json").write_text(json.dumps(t.as_dict(), ensure_ascii=False))
    return out


def month_run(input_dir: Path, out: Path, runs: int = 3, rss_limit_mb: float = 20_000) -> Timed:
    return run_timed(
        [PYTHON, str(ROOT / "benchmarks" / "run_month.py"), str(input_dir), str(out)], runs, rss_limit_mb
    )


def save(name: str, payload: dict[str, object]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps({"machine": machine(), **payload}, ensure_ascii=False, indent=1, default=str))
    return path
