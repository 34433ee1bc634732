"""The stored units, one row each, with their documents counted and their years and kinds
gathered in SQL (strings joined by the database), not a row per document regrouped in Python."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, String, cast, func, select

from .models import Document, Unit

COLUMNS = ["id", "unit", "level", "scope", "years", "kinds", "documents"]
_PAIR, _JOIN = "\x1f", "\x1e"  # no year or kind contains them


def units_statement() -> Select[Any]:
    """To be filtered by documents (query.Filter): a unit is listed with the documents chosen."""
    pair = func.coalesce(cast(Document.year, String), "") + _PAIR + func.coalesce(Document.kind, "")
    return (select(Unit.id, Unit.name, Unit.level, Unit.scope, func.count(),
                   func.aggregate_strings(cast(Document.year, String), _JOIN),  # NULLs left out
                   func.aggregate_strings(Document.kind, _JOIN), func.aggregate_strings(pair, _JOIN))
            .join(Document, Document.unit_id == Unit.id).group_by(Unit.id).order_by(Unit.id))


def gathered(rows: Iterable[Any]) -> list[tuple[Any, ...]]:
    """Each unit's years in order, and its kinds in the order of the years they appear in."""
    out = []
    for id_, name, level, scope, count, years, kinds, pairs in rows:
        found = sorted(set(map(int, years.split(_JOIN)))) if years else []
        kinds = set(kinds.split(_JOIN)) - {""} if kinds else set()
        out.append((id_, name, level, scope, found, list(kinds) if len(kinds) < 2 else _by_year(pairs), count))
    return out


def _by_year(pairs: str) -> list[str]:
    """Kinds (a unit stored both as 单位预算 and 部门预算, rare) ordered by their first year."""
    found = sorted({(int(year) if year else 1 << 62, kind) for year, _, kind in
                    (pair.partition(_PAIR) for pair in pairs.split(_JOIN)) if kind})
    return list(dict.fromkeys(kind for _, kind in found))
