"""The figures Part 3 states, computed from the tables: amounts, shares of a whole, changes on last
year and growth rates, each rounded as printed (two decimals, half up)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..model import Disclosure
from ..template.select import amount, in_unit, select
from ..template.spec import Ref
from .layout import money

CENT = Decimal("0.01")


def figure(disclosure: Disclosure, ref: Ref) -> Decimal:
    """Σ of the columns of the rows `ref` names, in 万元 (as Part 3 states amounts)."""
    table = disclosure.tables.get(ref.table)
    if table is None or not table.present:
        return Decimal(0)
    rows = [row for group in select(table, ref).values() for row in group]
    return in_unit(amount(rows, ref.columns), table.money_unit, "万元")


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    return (part / whole * 100).quantize(CENT, ROUND_HALF_UP) if whole else None


def wan(value: Decimal) -> str:
    """An amount in a sentence: 1,048.38万元."""
    return f"{money(value.quantize(CENT, ROUND_HALF_UP))}万元"


def change_clause(value: Decimal, last: Decimal | None) -> str:
    """比上年预算增加 D 万元，增长 G% (the rate left out where last year had nothing)."""
    if last is None:
        return ""
    change = value - last
    if not change:
        return "，与上年预算持平"
    word, rate = ("增加", "增长") if change > 0 else ("减少", "下降")
    text = f"，比上年预算{word}{wan(abs(change))}"
    growth = percent(abs(change), abs(last))
    return text + (f"，{rate}{growth}%" if growth is not None and last else "")


def share_clause(value: Decimal, whole: Decimal | None) -> str:
    share = percent(value, whole) if whole else None
    return f"，占{share}%" if share is not None else ""
