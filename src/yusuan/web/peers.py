"""数据 · 同类比较: the store's peers query (store/peers.py) as a table and drawn, with filters
(level, region, year, kind). A region is a place named in the unit's name (北京, 广州市…): the
corpus stores no region of its own."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from ..store.models import Document
from ..store.peers import GROUP, RATIO_NAMES, RATIOS
from ..store.query import Filter
from . import corpus as queries
from . import rendered
from .charts import chart
from .data import _year

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["数据"])
SHOWN = 200  # rows listed; the charts draw them all
_GROUP_SIZE = 60  # boxes drawn: the largest groups


def _label(row: dict[str, Any]) -> str:
    year, kind, level = (row.get(key) for key in ("year", "kind", "level"))
    return f"{year or ''}年 {level or ''} {kind or ''}".strip()


def _charts(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each ratio drawn as a box per peer group (same kind, level and year), every unit a point."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(_label(row), []).append(row)
    largest = sorted(groups, key=lambda g: -len(groups[g]))[:_GROUP_SIZE]
    out = []
    for ratio in RATIOS:
        title, unit = RATIO_NAMES[ratio]
        series = [{"name": group, "values": [r[ratio] for r in groups[group] if r[ratio] is not None],
                   "labels": [r["unit"] for r in groups[group] if r[ratio] is not None]} for group in sorted(largest)]
        series = [s for s in series if s["values"]]
        if series:
            out.append(chart(ratio, title, "box", [s["name"] for s in series], series, unit))
    return out


def peers(request: Request, year: str, level: str, kind: str, region: str, sort: str) -> dict[str, Any]:
    corpus = request.app.state.corpus
    where = Filter(_year(year), level or None, kind or None, region.strip() or None)
    if sort and sort.removeprefix("-") not in RATIOS:
        raise ValueError(f"排序只能按{'、'.join(RATIO_NAMES[r][0] for r in RATIOS)}，收到“{sort}”")

    def compute() -> dict[str, Any]:
        rows = queries.records(corpus.peers(where))
        with corpus.engine.connect() as connection:
            units = dict(connection.execute(select(Document.id, Document.unit_id)
                                            .where(Document.id.in_([r["document"] for r in rows]))).all())
        for row in rows:
            row["unit_id"] = units.get(row["document"])
        return {"count": len(rows), "rows": rows, "charts": _charts(rows)}

    out = dict(queries.cached(corpus, ("peers", where), compute))
    rows = out["rows"]
    if sort:
        ratio = sort.removeprefix("-")
        present = [r for r in rows if r[ratio] is not None]
        present.sort(key=lambda r: Decimal(r[ratio]), reverse=sort.startswith("-"))
        rows = present + [r for r in rows if r[ratio] is None]
    out.update(rows=rows[:SHOWN], shown=min(SHOWN, len(rows)), ratios=[{"id": r, "title": RATIO_NAMES[r][0],
               "unit": RATIO_NAMES[r][1]} for r in RATIOS], group=list(GROUP), choices=queries.choices(corpus),
               filters={"year": _year(year), "level": level, "kind": kind, "region": region, "sort": sort})
    return out


@pages.get("/data/peers", response_class=HTMLResponse)
async def peers_page(request: Request, year: str = "", level: str = "", kind: str = "", region: str = "",
               sort: str = "") -> Response:
    return await rendered.page(request, "peers.html", (year, level, kind, region, sort),
                         lambda: {"data": peers(request, year, level, kind, region, sort)})


@api.get("/peers", response_model=dict[str, Any],
         summary="同类比较：人均三公、人均人员经费、项目支出占比、支出比上年增减，与同组中位数")
async def api_peers(request: Request, year: str = "", level: str = "", kind: str = "", region: str = "",
              sort: str = "") -> Response:
    return await rendered.as_json(request, ("peers", year, level, kind, region, sort),
                            lambda: peers(request, year, level, kind, region, sort))
