"""Recognising a sheet: which field each header names (`headers`), what each kind looks like
(`catalog`), and which kind a sheet is, with the evidence and any doubt (`classify`)."""

from recon.kinds.catalog import REQUIRED, SPEC, SPECS, KindSpec, missing_required
from recon.kinds.classify import Classification, classify, config_line
from recon.kinds.headers import (
    NON_FIELDS,
    SYNONYMS,
    field_for_header,
    field_label,
    header_key,
    header_unit,
    map_headers,
    match_header,
)

__all__ = [
    "NON_FIELDS",
    "REQUIRED",
    "SPEC",
    "SPECS",
    "SYNONYMS",
    "Classification",
    "KindSpec",
    "classify",
    "config_line",
    "field_for_header",
    "field_label",
    "header_key",
    "header_unit",
    "map_headers",
    "match_header",
    "missing_required",
]
