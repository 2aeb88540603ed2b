"""recon: reconcile social-assistance rolls across agencies and list the anomalies to act on.

Python API (the same path as `recon run`):

    import recon
    anomalies = recon.run("名册/2020-04", month="2020-04")             # a polars DataFrame
    recon.run("名册/2020-04", month="2020-04", out="比对结果/2020-04")   # also writes the outputs
"""

from recon.pipeline import run, run_pipeline
from recon.version import __version__

__all__ = ["__version__", "run", "run_pipeline"]
