"""Output writers: anomalies.xlsx (the auditors' workbook), anomalies.csv, summary.json, manifest.json."""

from recon.report.mask import mask_frame, mask_id, mask_name, mask_result
from recon.report.outputs import WrittenOutputs, write_outputs

__all__ = ["WrittenOutputs", "mask_frame", "mask_id", "mask_name", "mask_result", "write_outputs"]
