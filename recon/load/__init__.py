"""From a folder of agency files to one frame of normalised records, with every row accounted for.

The steps, one module each: `discover` (which files are inputs), `plan` (each sheet's header, kind and
column mapping, and what makes it unusable), `rows` (title / header / blank / totals / notes / data rows,
and the mapped cells of the data rows), `normalise` (parsing the raw fields of all sheets at once),
`checks` (the data-quality checks, declared as lists), `batches` (batching, record numbers and row
accounting) and `loader` (the whole folder). Each input row ends up used, rejected with a reason, or
skipped with a reason; `SourceStats.balanced()` holds for every sheet.
"""

from recon.load.discover import discover_files
from recon.load.loader import LoadResult, load_folder, load_paths, load_sheet
from recon.load.plan import SheetPlan, plan_error, plan_sheet

__all__ = [
    "LoadResult",
    "SheetPlan",
    "discover_files",
    "load_folder",
    "load_paths",
    "load_sheet",
    "plan_error",
    "plan_sheet",
]
