"""`recon match A B`: two rolls compared person by person (`pairs`), and the workbook of the result
(`workbook`). It opens files and writes a workbook, so it sits above the loader and the linker."""

from recon.match.pairs import MatchResult, match_files, match_frames
from recon.match.workbook import write_match_workbook

__all__ = ["MatchResult", "match_files", "match_frames", "write_match_workbook"]
