"""A document's key figures, in 万元: what units are compared by. Each is a cell of the
template, named as an identity's side is (`Ref`); the income sources and the parts of 三公 are
the template's own lines."""

from __future__ import annotations

from decimal import Decimal

from ..model import Disclosure
from ..template import TABLE_BY_ID, Ref, line_paths
from ..template.select import amount, in_unit, select

INCOME, SPENDING = "收入总计", "支出总计"
BASIC, PROJECT = "基本支出", "项目支出"
PERSONNEL, PUBLIC = "人员经费", "公用经费"
SANGONG = "三公经费"
CLASS = "类:"  # + a 类's code: its spending (T3's 合计, 基本 and 项目 together), one figure per 类 stated


def _declare() -> tuple[tuple[tuple[str, Ref], ...], dict[str, str]]:
    t1, t10 = TABLE_BY_ID["T1"], TABLE_BY_ID["T10"]
    (budget,) = t1.income_columns
    # 本年收入, its sources, 上年结转结余 and its parts
    paths = [path for path, _ in line_paths(t1.income) if path.count("/") <= 1]
    sources = [(path, Ref("T1", f"line:{path}", (budget.label,))) for path in paths]
    parents = {path: path.rpartition("/")[0] or INCOME for path in paths}
    (t10_total, *_) = t10.columns
    lines = [(path.split("/"), line) for path, line in line_paths(t10.lines) if line is not t10.lines[0]]
    sangong_parts = [(line.name, Ref("T10", f"line:{line.name}", (t10_total.label,))) for _, line in lines]
    parents.update({line.name: SANGONG if len(path) == 2 else path[-2] for path, line in lines})
    return (
        (INCOME, Ref("T1", "total", (budget.label,), "income")),
        (SPENDING, Ref("T1", "total", (budget.label,), "expense")),
        *sources,
        (BASIC, Ref("T3", "total", (BASIC,))),
        (PROJECT, Ref("T3", "total", (PROJECT,))),
        (PERSONNEL, Ref("T6", "total", (PERSONNEL,))),
        (PUBLIC, Ref("T6", "total", (PUBLIC,))),
        (SANGONG, Ref("T10", "total", (t10_total.label,))),
        *sangong_parts,
    ), parents


FIGURES, PARENTS = _declare()  # PARENTS: the line above each income source and 三公 part, as the template nests them


def parts(values: dict[str, Decimal], whole: str) -> list[tuple[str, Decimal]]:
    """What `whole` (收入总计 or 三公经费) is made of, as finely as the document states it: a line
    whose parts are stated gives way to them."""
    out: list[tuple[str, Decimal]] = []
    for name, _ in FIGURES:
        if PARENTS.get(name) != whole:
            continue
        finer = parts(values, name)
        if finer:
            out += finer
        elif name in values:
            out.append((name, values[name]))
    return out


def figures(disclosure: Disclosure) -> dict[str, Decimal]:
    """Each figure the document's tables state (a table it lacks gives none), and its spending by 类."""
    out: dict[str, Decimal] = {}
    for name, ref in FIGURES:
        table = disclosure.tables.get(ref.table)
        if table is None or not table.present:
            continue
        rows = select(table, ref).get("", [])
        if rows and any(column in row.values for row in rows for column in ref.columns):
            out[name] = in_unit(amount(rows, ref.columns), table.money_unit, "万元")
    table = disclosure.tables.get(_CLASSES.table)
    if table is not None and table.present:
        for code, rows in select(table, _CLASSES).items():
            if any(column in row.values for row in rows for column in _CLASSES.columns):
                out[CLASS + code] = in_unit(amount(rows, _CLASSES.columns), table.money_unit, "万元")
    return out


_CLASSES = Ref("T3", "class", (TABLE_BY_ID["T3"].columns[0].label,))
