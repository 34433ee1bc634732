"""Each document's key figures as one row, pivoted in SQL (one column per figure, by conditional
aggregation over the document's figures), so that the database returns the table as asked
instead of a long row per figure for Python to regroup."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, case, func, select, true
from sqlalchemy.orm import aliased

from .figures import SPENDING
from .models import OK, Document, Figure

DOCUMENT = ("document", "unit", "year", "kind", "level", "staff_actual", "staff_active")
PREVIOUS = "previous"  # last year's 支出总计 of the same unit and kind


def _last_spending() -> Any:
    """The 支出总计 of the same unit's document of the year before, of the same kind: of its
    latest stored version that states one."""
    last, spent = aliased(Document), aliased(Figure)
    return (select(spent.amount).join(last, last.id == spent.document_id)
            .where(last.unit_id == Document.unit_id, last.year == Document.year - 1, last.kind == Document.kind,
                   last.status == OK, spent.name == SPENDING)
            .order_by(last.id.desc()).limit(1).correlate(Document).scalar_subquery())


def totals_statement(names: Sequence[str], previous: bool = False, dialect: str = "sqlite") -> Select[Any]:
    """The documents (to be filtered by the caller) with one column per figure named, each None
    where the document states no such figure; with `previous`, last year's 支出总计 too."""
    extra = [_last_spending().label(PREVIOUS)] if previous else []
    columns = (Document.id.label("document"), Document.unit, Document.year, Document.kind, Document.level,
               Document.staff_actual, Document.staff_active)
    pivot = [func.max(case((Figure.name == name, Figure.amount))).label(name) for name in names]
    mine = (Figure.document_id == Document.id) & Figure.name.in_(list(names))
    order = (Document.unit, Document.year, Document.id)
    if dialect == "postgresql":
        # each chosen document's figures by its key (LATERAL): joined by hash, PostgreSQL would
        # read every figure of the corpus for a few hundred documents
        figures = select(*pivot).where(mine).lateral()
        return (select(*columns, *(figures.c[name] for name in names), *extra).select_from(Document)
                .outerjoin(figures, true()).order_by(*order))
    return (select(*columns, *pivot, *extra).select_from(Document).outerjoin(Figure, mine)
            .group_by(Document.id)  # the other document columns depend on it
            .order_by(*order))
