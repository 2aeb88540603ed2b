"""Linking: which records belong to one person (by ID, else a cautious fuzzy fallback)."""

from recon.link.engine import FUZZY_LEVELS, LinkResult, link_records
from recon.link.names import NAME_LEVELS, name_level_expr

__all__ = ["FUZZY_LEVELS", "NAME_LEVELS", "LinkResult", "link_records", "name_level_expr"]
