"""The corpus pages' data (数据), from the store's queries (store/query.py)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from decimal import Decimal
from pathlib import PurePath
from typing import Any, TypeVar

from sqlalchemy import func, select
from starlette.types import ASGIApp, Receive, Scope, Send

from ..rules import SEVERITIES
from ..store.figures import BASIC, INCOME, PERSONNEL, PROJECT, PUBLIC, SANGONG, SPENDING
from ..store.models import OK, CorpusState, Document, Figure, StoredFinding, Unit
from ..store.query import Corpus, Filter
from .charts import Chart, chart, history_charts

HISTORY = (INCOME, SPENDING, BASIC, PROJECT, PERSONNEL, PUBLIC, SANGONG)
T = TypeVar("T")
_CACHE_SIZE = 1024  # a unit's data and its page's body are two
_cache: OrderedDict[tuple[str, Hashable], tuple[tuple[Any, ...], Any]] = OrderedDict()
_lock = threading.Lock()
_computing: dict[tuple[str, Hashable], threading.Lock] = {}  # one computation of each at a time


def version(corpus: Corpus) -> tuple[Any, ...]:
    """What changes whenever ingest stores, replaces or reads again a document (findings across the
    corpus are made only then): the counter a trigger on the documents moves on (models.CorpusState),
    looked at once in a request. It is asked of the database (not remembered here), so that every
    process of the server, and `yusuan ingest` run beside it, agree."""
    looked = _looked.get()
    slot = str(corpus.engine.url)
    if looked is not None and slot in looked:
        return looked[slot]
    with corpus.engine.connect() as connection:
        stamp = (connection.execute(_VERSION).scalar_one(),)
    if looked is not None:
        looked[slot] = stamp
    return stamp


_VERSION = select(CorpusState.version).where(CorpusState.id == 1)
_looked: ContextVar[dict[str, tuple[Any, ...]] | None] = ContextVar("yusuan_corpus_versions", default=None)


class OneLookARequest:
    """ASGI middleware: the corpus's version looked up at most once in each request (its pages ask
    several cached questions; the request's context reaches the threads its routes run in)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        token = _looked.set({})
        try:
            await self.app(scope, receive, send)
        finally:
            _looked.reset(token)


MISSING: Any = object()


def held(corpus: Corpus, key: Hashable) -> Any:
    """What `cached` holds for `key` in the corpus's present state, else MISSING: never computes,
    never waits, so that a request can ask it on the event loop and go to a thread only to compute."""
    stamp = version(corpus)
    slot = (str(corpus.engine.url), key)
    with _lock:
        hit = _cache.get(slot)
        if hit is None or hit[0] != stamp:
            return MISSING
        _cache.move_to_end(slot)
        return hit[1]


def cached(corpus: Corpus, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` once for each state of the corpus: the corpus pages ask the same questions of
    thousands of documents again and again, and the corpus changes only when something is ingested.
    Requests that ask at once wait for the one computing. What it returns is shared: never changed
    by its callers."""
    stamp = version(corpus)
    slot = (str(corpus.engine.url), key)
    with _lock:
        busy = _computing.setdefault(slot, threading.Lock())
    with busy:
        with _lock:
            hit = _cache.get(slot)
            if hit is not None and hit[0] == stamp:
                _cache.move_to_end(slot)
                return hit[1]
        value = compute()
        with _lock:
            _cache[slot] = (stamp, value)
            if len(_cache) > _CACHE_SIZE:
                _computing.pop(_cache.popitem(last=False)[0], None)
    return value


def plain(value: Any) -> Any:
    """A DataFrame cell as JSON: Decimals as exact strings, numpy scalars as numbers, NaN as null."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list):
        return [plain(v) for v in value]
    if value is None or (isinstance(value, float) and value != value):
        return None
    return value.item() if hasattr(value, "item") else value


def records(frame: Any) -> list[dict[str, Any]]:
    return [{key: plain(value) for key, value in row.items()} for row in frame.to_dict("records")]


def choices(corpus: Corpus) -> dict[str, list[Any]]:
    """The levels, years and kinds stored, for the filters."""
    return cached(corpus, "choices", lambda: _choices(corpus))


def _choices(corpus: Corpus) -> dict[str, list[Any]]:
    with corpus.engine.connect() as connection:
        def distinct(column: Any) -> list[Any]:
            return sorted(v for v in connection.execute(select(column).where(Document.status == OK).distinct())
                          .scalars() if v is not None)
        return {"levels": distinct(Document.level), "years": distinct(Document.year), "kinds": distinct(Document.kind)}


def units(corpus: Corpus, where: Filter, limit: int = 500) -> dict[str, Any]:
    rows = cached(corpus, ("units", where), lambda: records(corpus.units(where)))  # each row has its unit's id
    return {"count": len(rows), "units": rows[:limit], "shown": min(limit, len(rows))}


def unit(corpus: Corpus, unit_id: int) -> dict[str, Any] | None:
    """A unit across years: each stored document's key figures (万元) and findings, and the charts."""
    return cached(corpus, ("unit", unit_id), lambda: _unit(corpus, unit_id))


def _unit(corpus: Corpus, unit_id: int) -> dict[str, Any] | None:
    with corpus.engine.connect() as connection:
        found = connection.execute(select(Unit.name, Unit.level).where(Unit.id == unit_id)).first()
        if found is None:
            return None
        documents = connection.execute(
            select(Document.id, Document.file_name, Document.year, Document.kind, Document.staff_actual)
            .where(Document.unit_id == unit_id, Document.status == OK).order_by(Document.year, Document.id)).all()
        ids = [row.id for row in documents]
        counts = {(doc, severity): n for doc, severity, n in connection.execute(
            select(StoredFinding.document_id, StoredFinding.severity, func.count())
            .where(StoredFinding.document_id.in_(ids)).group_by(StoredFinding.document_id, StoredFinding.severity))}
        figures: dict[int, dict[str, Decimal]] = {id_: {} for id_ in ids}
        for id_, name, amount in connection.execute(select(Figure.document_id, Figure.name, Figure.amount)
                                                    .where(Figure.document_id.in_(ids))):
            figures[id_][name] = amount
    years = []
    for row in documents:
        values = figures[row.id]
        years.append({"document": row.id, "unit": found.name, "year": row.year, "kind": row.kind,
                      "level": found.level, "staff_actual": row.staff_actual,
                      **{name: plain(values.get(name)) for name in HISTORY},
                      "file_name": PurePath(row.file_name).name,  # the folder it came from says nothing
                      "findings": {severity: counts.get((row.id, severity), 0) for severity in SEVERITIES}})
    charts = history_charts((f"{row.year or ''}年{row.kind or ''}", figures[row.id]) for row in documents)
    return {"id": unit_id, "name": found.name, "level": found.level, "figures": list(HISTORY), "years": years,
            "charts": charts}


def findings(corpus: Corpus, where: Filter) -> list[dict[str, Any]]:
    return cached(corpus, ("findings", where), lambda: records(corpus.findings(where)))


def rule(corpus: Corpus, rule_id: str, where: Filter, limit: int = 1000) -> dict[str, Any]:
    rows = cached(corpus, ("rule", rule_id, where), lambda: records(corpus.findings(where, rule_id)))
    return {"rule": rule_id, "count": len(rows), "findings": rows[:limit], "shown": min(limit, len(rows))}


def rules_chart(rows: list[dict[str, Any]], most: int = 30) -> list[Chart]:
    """The findings by rule drawn: the rules with most findings, a bar for each, by severity."""
    totals: dict[str, int] = {}
    for row in rows:
        totals[row["rule"]] = totals.get(row["rule"], 0) + row["findings"]
    shown = sorted(totals, key=lambda r: (-totals[r], r))[:most]
    if not shown:
        return []
    titles = {row["rule"]: row["title"] for row in rows}
    count = {(row["rule"], row["severity"]): row["findings"] for row in rows}
    series = [{"name": severity, "color": _COLOURS.get(severity),
               "values": [count.get((rule, severity)) for rule in shown], "labels": [titles[rule] for rule in shown]}
              for severity in SEVERITIES if any((rule, severity) in count for rule in shown)]
    title = "各规则的问题数" + (f"（最多的 {most} 条规则）" if len(totals) > most else "")
    return [chart("rules", title, "hbar", shown, series, "条")]


_COLOURS = {"错误": "#cf222e", "警告": "#bf8700", "提示": "#0969da"}  # as the pages colour them (app.css)
