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


def _declare() -> tuple[tuple[str, Ref], ...]:
    t1, t10 = TABLE_BY_ID["T1"], TABLE_BY_ID["T10"]
    (budget,) = t1.income_columns
    sources = [(path, Ref("T1", f"line:{path}", (budget.label,))) for path, _ in line_paths(t1.income)
               if path.count("/") <= 1]  # 本年收入, its sources, 上年结转结余 and its parts
    (t10_total, *_) = t10.columns
    sangong_parts = [(line.name, Ref("T10", f"line:{line.name}", (t10_total.label,)))
                     for _, line in line_paths(t10.lines) if line is not t10.lines[0]]
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
    )


FIGURES: tuple[tuple[str, Ref], ...] = _declare()


def figures(disclosure: Disclosure) -> dict[str, Decimal]:
    """Each figure the document's tables state (a table it lacks gives none)."""
    out: dict[str, Decimal] = {}
    for name, ref in FIGURES:
        table = disclosure.tables.get(ref.table)
        if table is None or not table.present:
            continue
        rows = select(table, ref).get("", [])
        if rows and any(column in row.values for row in rows for column in ref.columns):
            out[name] = in_unit(amount(rows, ref.columns), table.money_unit, "万元")
    return out
