"""数据: the corpus for readers — units with filters, a unit's years, findings by rule."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..rules import catalogue
from ..store.query import Filter
from . import corpus as queries
from . import rendered
from .app import Id
from .service import NotFound

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["数据"])


def _year(text: str) -> int | None:
    """The year as a form sends it: empty for every year."""
    text = text.strip()
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(f"年度应为数字，收到“{text}”")
    return int(text)


def _filter(year: str, level: str, kind: str, q: str) -> Filter:
    return Filter(_year(year), level or None, kind or None, q.strip() or None)


def _units(request: Request, year: str, level: str, kind: str, q: str) -> dict[str, Any]:
    corpus = request.app.state.corpus
    out = queries.units(corpus, _filter(year, level, kind, q))
    out.update(filters={"year": _year(year), "level": level, "kind": kind, "q": q}, choices=queries.choices(corpus))
    return out


def _unit(request: Request, unit_id: Id) -> dict[str, Any]:
    found = queries.unit(request.app.state.corpus, unit_id)
    if found is None:
        raise NotFound(f"语料库中没有编号为 {unit_id} 的单位")
    return found


def _findings(request: Request, year: str, level: str, kind: str) -> dict[str, Any]:
    corpus = request.app.state.corpus
    rules = queries.findings(corpus, _filter(year, level, kind, ""))
    return {"rules": rules, "charts": queries.rules_chart(rules), "choices": queries.choices(corpus),
            "filters": {"year": _year(year), "level": level, "kind": kind}}


def _rule(request: Request, rule: str, year: str, level: str, kind: str) -> dict[str, Any]:
    known = {r.id: r for r in catalogue()}
    if rule not in known:
        raise NotFound(f"没有编号为 {rule} 的规则")
    out = queries.rule(request.app.state.corpus, rule, _filter(year, level, kind, ""))
    out.update(title=known[rule].title, why=known[rule].why, severity=known[rule].severity)
    return out


@pages.get("/data", include_in_schema=False)
def data_home() -> RedirectResponse:
    return RedirectResponse("/data/units", status_code=303)


@pages.get("/data/units", response_class=HTMLResponse)
async def units_page(request: Request, year: str = "", level: str = "", kind: str = "", q: str = "") -> Response:
    return await rendered.page(request, "units.html", (year, level, kind, q),
                         lambda: {"data": _units(request, year, level, kind, q)})


@pages.get("/data/units/{unit_id}", response_class=HTMLResponse)
async def unit_page(request: Request, unit_id: Id) -> Response:
    return await rendered.page(request, "unit.html", unit_id, lambda: {"u": _unit(request, unit_id)})


@pages.get("/data/findings", response_class=HTMLResponse)
async def findings_page(request: Request, year: str = "", level: str = "", kind: str = "") -> Response:
    return await rendered.page(request, "findings.html", (year, level, kind),
                         lambda: {"data": _findings(request, year, level, kind)})


@pages.get("/data/findings/{rule}", response_class=HTMLResponse)
async def rule_page(request: Request, rule: str, year: str = "", level: str = "", kind: str = "") -> Response:
    return await rendered.page(request, "rule.html", (rule, year, level, kind),
                         lambda: {"data": _rule(request, rule, year, level, kind)})


@api.get("/units", response_model=dict[str, Any], summary="语料库中的单位（可按年度、级次、类型、名称筛选）")
async def api_units(request: Request, year: str = "", level: str = "", kind: str = "", q: str = "") -> Response:
    return await rendered.as_json(request, ("units", year, level, kind, q),
                                  lambda: _units(request, year, level, kind, q))


@api.get("/units/{unit_id}", response_model=dict[str, Any], summary="一个单位历年的主要数字（万元）与问题数")
async def api_unit(request: Request, unit_id: Id) -> Response:
    return await rendered.as_json(request, ("unit", unit_id), lambda: _unit(request, unit_id))


@api.get("/findings", summary="语料库中各规则的问题数")
def api_findings(request: Request, year: str = "", level: str = "", kind: str = "") -> dict[str, Any]:
    return _findings(request, year, level, kind)


@api.get("/findings/{rule}", summary="语料库中某条规则的每一条问题")
def api_rule(request: Request, rule: str, year: str = "", level: str = "", kind: str = "") -> dict[str, Any]:
    return _rule(request, rule, year, level, kind)


@api.get("/rules", summary="全部审核规则")
def api_rules() -> list[dict[str, str]]:
    return [{"id": r.id, "severity": r.severity, "family": r.family, "title": r.title, "why": r.why,
             "example": r.example} for r in catalogue()]
