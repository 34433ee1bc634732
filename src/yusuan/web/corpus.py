"""The corpus pages' data (数据), from the store's queries (store/query.py)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import PurePath
from typing import Any

from sqlalchemy import func, select

from ..rules import SEVERITIES
from ..store.figures import BASIC, INCOME, PERSONNEL, PROJECT, PUBLIC, SANGONG, SPENDING
from ..store.models import OK, Document, StoredFinding, Unit
from ..store.query import Corpus, Filter

HISTORY = (INCOME, SPENDING, BASIC, PROJECT, PERSONNEL, PUBLIC, SANGONG)
CHART = (SPENDING, BASIC, PROJECT, SANGONG)


def plain(value: Any) -> Any:
    """A DataFrame cell as JSON: Decimals as exact strings, numpy scalars as numbers, NaN as null."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list):
        return [plain(v) for v in value]
    if value is None or (isinstance(value, float) and value != value):
        return None
    return value.item() if hasattr(value, "item") else value


def _records(frame: Any) -> list[dict[str, Any]]:
    return [{key: plain(value) for key, value in row.items()} for row in frame.to_dict("records")]


def choices(corpus: Corpus) -> dict[str, list[Any]]:
    """The levels, years and kinds stored, for the filters."""
    with corpus.engine.connect() as connection:
        def distinct(column: Any) -> list[Any]:
            return sorted(v for v in connection.execute(select(column).where(Document.status == OK).distinct())
                          .scalars() if v is not None)
        return {"levels": distinct(Document.level), "years": distinct(Document.year), "kinds": distinct(Document.kind)}


def units(corpus: Corpus, where: Filter, limit: int = 500) -> dict[str, Any]:
    rows = _records(corpus.units(where))
    return {"count": len(rows), "units": rows[:limit], "shown": min(limit, len(rows))}


def unit(corpus: Corpus, unit_id: int) -> dict[str, Any] | None:
    """A unit across years: each stored document's key figures (万元) and findings."""
    with corpus.engine.connect() as connection:
        found = connection.execute(select(Unit.name, Unit.level).where(Unit.id == unit_id)).first()
        if found is None:
            return None
        documents = dict(connection.execute(select(Document.id, Document.file_name)
                                            .where(Document.unit_id == unit_id, Document.status == OK)).all())
        counts = {(doc, severity): n for doc, severity, n in connection.execute(
            select(StoredFinding.document_id, StoredFinding.severity, func.count())
            .where(StoredFinding.document_id.in_(documents)).group_by(StoredFinding.document_id,
                                                                       StoredFinding.severity))}
    frame = corpus.totals(Filter(unit=found.name), list(HISTORY))  # its name's documents, then its own
    frame = frame[frame["document"].isin(list(documents))].sort_values(["year", "document"])
    years = []
    for row in _records(frame):
        row["file_name"] = PurePath(documents[row["document"]]).name  # the folder it came from says nothing
        row["findings"] = {severity: counts.get((row["document"], severity), 0) for severity in SEVERITIES}
        years.append(row)
    return {"id": unit_id, "name": found.name, "level": found.level, "figures": list(HISTORY), "years": years,
            "chart": chart(years)}


def chart(years: list[dict[str, Any]]) -> dict[str, Any]:
    """Bars of the main figures by year, as the page draws them (SVG): heights in per cent of the largest."""
    values = [Decimal(row[name]) for row in years for name in CHART if row.get(name) is not None]
    top = max(values, default=Decimal(0))
    series = []
    for row in years:
        bars = []
        for name in CHART:
            value = row.get(name)
            height = (Decimal(value) / top * 100).quantize(Decimal("0.1")) if value is not None and top else Decimal(0)
            bars.append({"name": name, "value": value, "height": float(height)})  # drawing only: never money
        series.append({"label": f"{row['year']}年{row.get('kind') or ''}", "bars": bars})
    return {"names": list(CHART), "series": series, "top": str(top)}


def findings(corpus: Corpus, where: Filter) -> list[dict[str, Any]]:
    return _records(corpus.findings(where))


def rule(corpus: Corpus, rule_id: str, where: Filter, limit: int = 1000) -> dict[str, Any]:
    rows = _records(corpus.findings(where, rule_id))
    return {"rule": rule_id, "count": len(rows), "findings": rows[:limit], "shown": min(limit, len(rows))}
