"""The monthly cycle: status against the previous run, returned reviews, look-back (回头看), diff."""

from recon.cycle.apply import apply_cycle
from recon.cycle.previous import PreviousRun, read_previous
from recon.cycle.reviewed import Reviews, read_reviewed_workbook, read_reviews
from recon.cycle.status import CycleOutcome, ResolveContext, classify

__all__ = [
    "CycleOutcome",
    "PreviousRun",
    "ResolveContext",
    "Reviews",
    "apply_cycle",
    "classify",
    "read_previous",
    "read_reviewed_workbook",
    "read_reviews",
]
