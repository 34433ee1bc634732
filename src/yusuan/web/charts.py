"""Charts as data: what each chart shows (its categories and series, amounts as exact strings in
万元), for the pages to draw with Plotly and for the API to give as JSON.

Plotly's script comes from the `plotly` package installed with yusuan (its package data,
plotly.min.js, MIT) and is served by this application: nothing is fetched from elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import cache
from importlib import metadata, resources
from typing import Any

from fastapi import APIRouter
from fastapi.responses import FileResponse

from ..classification import name_of
from ..store.figures import BASIC, CLASS, INCOME, PROJECT, SANGONG, SPENDING, parts
from .app import templates

Chart = dict[str, Any]
TOTALS = (INCOME, SPENDING, BASIC, PROJECT)

router = APIRouter(include_in_schema=False)


@cache
def script_url() -> str:
    return f"/vendor/plotly-{metadata.version('plotly')}.min.js"  # a new version, a new address: cached for long


templates.env.globals["plotly_url"] = script_url


@router.get("/vendor/plotly-{version}.min.js")
def plotly_script(version: str) -> FileResponse:
    path = resources.files("plotly") / "package_data" / "plotly.min.js"
    return FileResponse(str(path), media_type="text/javascript",
                        headers={"Cache-Control": "public, max-age=31536000, immutable"})


def _label(name: str) -> str:
    return name.rpartition("/")[2]  # 本年收入/单位资金: the source is 单位资金


def _class_label(name: str, year: int | None = None) -> str:
    code = name.removeprefix(CLASS)
    return f"{code} {name_of(code, year) or ''}".strip()


def _money(value: Decimal | str | None) -> str | None:
    return None if value is None else str(value)


def chart(id_: str, title: str, kind: str, categories: list[str], series: list[dict[str, Any]],
          unit: str = "万元") -> Chart:
    """kind: 'pie' (one series), 'bar' (series side by side), 'stack' (series stacked), 'hbar'
    (one series, categories down the side), 'box' (each series a group of values)."""
    return {"id": id_, "title": title, "kind": kind, "unit": unit, "categories": categories, "series": series}


def document_charts(values: Mapping[str, Decimal], year: int | None = None) -> list[Chart]:
    """One document's charts from its figures (store/figures.py): income by source, spending by 类,
    基本 against 项目, 三公 and its parts. A chart without data is left out."""
    out: list[Chart] = []
    income = parts(values, INCOME)
    if income:
        out.append(chart("income", "收入来源", "pie", [_label(n) for n, _ in income],
                         [{"name": "收入", "values": [_money(v) for _, v in income]}]))
    classes = sorted((n, v) for n, v in values.items() if n.startswith(CLASS))
    if classes:
        out.append(chart("classes", "支出按功能分类（类）", "hbar", [_class_label(n, year) for n, _ in classes],
                         [{"name": "合计", "values": [_money(v) for _, v in classes]}]))
    if BASIC in values or PROJECT in values:
        out.append(chart("basic-project", "基本支出与项目支出", "pie", [BASIC, PROJECT],
                         [{"name": "支出", "values": [_money(values.get(BASIC)), _money(values.get(PROJECT))]}]))
    sangong = parts(values, SANGONG)
    if sangong:
        title = f"三公经费（合计 {values[SANGONG]} 万元）" if SANGONG in values else "三公经费"
        out.append(chart("sangong", title, "bar", [n for n, _ in sangong],
                         [{"name": SANGONG, "values": [_money(v) for _, v in sangong]}]))
    return out


def history_charts(years: Iterable[tuple[str, Mapping[str, Decimal]]]) -> list[Chart]:
    """A unit's charts across its documents (label such as 2024年部门预算, figures): the main totals
    year on year, and income by source, spending by 类, 基本/项目 and 三公 by part, stacked by year."""
    years = list(years)
    labels = [label for label, _ in years]
    if not years:
        return []

    def series(names: list[str], label: Any = _label) -> list[dict[str, Any]]:
        return [{"name": label(name), "values": [_money(values.get(name)) for _, values in years]}
                for name in names]

    def stated(found: Iterable[str]) -> list[str]:
        return list(dict.fromkeys(found))  # in the order first met

    out = [chart("totals", "历年主要数字", "bar", labels, series(list(TOTALS)))]
    income = stated(name for _, values in years for name, _ in parts(values, INCOME))
    if income:
        out.append(chart("income", "收入来源（历年）", "stack", labels, series(income)))
    classes = sorted({name for _, values in years for name in values if name.startswith(CLASS)})
    if classes:
        out.append(chart("classes", "支出按功能分类（类，历年）", "stack", labels, series(classes, _class_label)))
    out.append(chart("basic-project", "基本支出与项目支出（历年）", "stack", labels, series([BASIC, PROJECT])))
    sangong = stated(name for _, values in years for name, _ in parts(values, SANGONG))
    if sangong:
        out.append(chart("sangong", "三公经费及其构成（历年）", "stack", labels, series(sangong)))
    return [c for c in out if any(v is not None for s in c["series"] for v in s["values"])]
