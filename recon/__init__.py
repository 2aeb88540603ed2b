"""recon: reconcile social-assistance rolls across agencies and list the anomalies to act on.

Python API (the same path as `recon run`):

    import recon
    anomalies = recon.run("名册/2020-04", month="2020-04")             # a polars DataFrame
    recon.run("名册/2020-04", month="2020-04", out="比对结果/2020-04")   # also writes the outputs
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from recon.version import __version__

if TYPE_CHECKING:
    from recon.pipeline import run, run_pipeline

__all__ = ["__version__", "run", "run_pipeline"]


def __getattr__(name: str) -> Any:
    # the pipeline (polars and all) loads on first use: `recon --help` imports this package too
    if name in ("run", "run_pipeline"):
        from recon import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'recon' has no attribute {name!r}")
