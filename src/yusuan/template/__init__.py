"""The template of the disclosure, declared once as data."""

from .canonical import TABLE_BY_ID, TABLES, line_paths
from .links import LINKS
from .spec import Column, Line, Link, Ref, RowSum, TableSpec

__all__ = [
    "LINKS",
    "TABLES",
    "TABLE_BY_ID",
    "Column",
    "Line",
    "Link",
    "Ref",
    "RowSum",
    "TableSpec",
    "line_paths",
]
