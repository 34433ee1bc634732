"""The template's identities evaluated on a disclosure: what holds and what does not.

The recovery leans on the same identities to place numbers; the rules report these results.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..model import Disclosure, Row, Table
from .canonical import TABLE_BY_ID, line_paths
from .links import LINKS
from .select import amount, children, in_unit, line_children, select, tolerance
from .spec import Link, Ref


@dataclass(frozen=True, slots=True)
class Breach:
    """An identity that does not hold: where, what is stated, what the terms add up to."""

    identity: str  # 'row-sum' | 'tree' | a link id
    table: str
    row: Row | None
    column: str
    stated: Decimal
    expected: Decimal
    terms: tuple[Decimal, ...]  # the figures the expected value is computed from


def places_of(table: Table) -> int:
    """The decimals the table's amounts are printed with (as read; else the most any shows)."""
    if table.places is not None:
        return table.places
    return max((amount.decimals for row in table.rows for amount in row.values.values()), default=2)


def step_of(table: Table, unit: str) -> Decimal:
    """The table's last printed place in `unit`: 0.000001 for a 6-decimal 万元 table, 0.0001 万元
    for a whole-元 table."""
    return in_unit(Decimal(1).scaleb(-places_of(table)), table.money_unit, unit)


def row_sums(table: Table) -> list[Breach]:
    spec = TABLE_BY_ID[table.id]
    places = places_of(table)
    out = []
    for row in table.rows:
        labels = spec.income_columns if row.side == "income" else spec.columns
        present = {column.label for column in labels}
        shown = printed(table, row.side if spec.income else None)
        if spec.lines or spec.income or len(shown) == 1:
            # a 三公 table printed with its items as columns has no fund columns at all; a ledger
            # printing one figure per side (预算数) no split by fund; a table of one column none
            present &= shown
        for row_sum in spec.row_sums if row.side != "income" else ():
            if row_sum.target not in present or not row.values or not present & set(row_sum.parts):
                continue
            parts = tuple(row.value(part) for part in row_sum.parts if part in present)
            stated = row.value(row_sum.target)
            if abs(stated - sum(parts)) > tolerance([stated, *parts], places):
                out.append(Breach("row-sum", table.id, row, row_sum.target, stated, sum(parts), parts))
    return out


def printed(table: Table, side: str | None = None) -> set[str]:
    """The columns the table prints a figure in (on one side of a ledger)."""
    return {label for row in table.rows if side is None or row.side == side for label in row.values}


def trees(table: Table) -> list[Breach]:
    """parent = Σ children, column by column (codes, units, totals; T10 lines)."""
    spec = TABLE_BY_ID[table.id]
    places = places_of(table)
    groups: dict[int, list[int]] = {}
    columns = spec.columns
    if spec.tree:
        groups = children(table.rows)
    elif spec.lines:
        groups = line_children(table.rows, spec.lines)
    elif spec.income and not _unknown_income(table):  # T1/T4: 本年收入 = Σ its sources, …
        groups = line_children(table.rows, spec.income, by_path=True)
        columns = spec.income_columns
    return _tree_breaches(table, groups, [column.label for column in columns], places)


def _tree_breaches(table: Table, groups: dict[int, list[int]], labels: list[str], places: int) -> list[Breach]:
    out = []
    for parent, kids in groups.items():
        for label in labels:
            stated = table.rows[parent].value(label)
            terms = tuple(table.rows[kid].value(label) for kid in kids)
            if abs(stated - sum(terms)) > tolerance([stated, *terms], places):
                out.append(Breach("tree", table.id, table.rows[parent], label, stated, sum(terms), terms))
    return out


def header_row_sums(table: Table, sums: dict[str, list[str]] | None = None) -> list[Breach]:
    """Within each row, the sums its printed header states (a table whose header is not the
    template's, read as printed): 总计 = 人员支出 + 日常公用支出 + 项目支出 …"""
    places = places_of(table)
    out = []
    for row in table.rows:
        for target, parts in (sums if sums is not None else table.header_sums or {}).items():
            if target not in row.values and not any(part in row.values for part in parts):
                continue
            terms = tuple(row.value(part) for part in parts)
            stated = row.value(target)
            if abs(stated - sum(terms)) > tolerance([stated, *terms], places):
                out.append(Breach("row-sum", table.id, row, target, stated, sum(terms), terms))
    return out


def kept_sums(sums: dict[str, list[str]], table: Table) -> dict[str, list[str]]:
    """The stated sums the figures keep in most rows: one they mostly break is a header read
    wrongly (or a column that is no part of it), not a table full of mistakes."""
    kept = {}
    for target, parts in sums.items():
        compared = sum(1 for row in table.rows if target in row.values or any(part in row.values for part in parts))
        broken = len(header_row_sums(table, {target: parts}))
        if compared and broken * 3 <= compared:
            kept[target] = parts
    return kept


_NOT_ADDITIVE = re.compile(r"率|%|增减|比上年|比重|占比|幅度")


def header_trees(table: Table) -> list[Breach]:
    """parent = Σ children in every printed column of a table read as printed."""
    spec = TABLE_BY_ID[table.id]
    if table.header_sums is None or not spec.tree:
        return []
    labels = [label for label in dict.fromkeys(label for row in table.rows for label in row.values)
              if not _NOT_ADDITIVE.search(label)]
    return _tree_breaches(table, children(table.rows), labels, places_of(table))


def _unknown_income(table: Table) -> bool:
    """Whether the income side prints amounts on lines the template does not know (Hangzhou:
    一、财政拨款 over 一般公共预算 …): its sums cannot be told from the template's lines."""
    known = {path for path, _ in line_paths(TABLE_BY_ID[table.id].income)}
    return any(row.side == "income" and row.kind == "line" and row.values and row.name not in known
               for row in table.rows)


def link(disclosure: Disclosure, identity: Link) -> list[Breach]:
    left_table = disclosure.tables.get(identity.left.table)
    right_table = disclosure.tables.get(identity.right.table)
    if left_table is None or right_table is None or not (left_table.readable and right_table.readable):
        return []
    ledgers = [_carryover(table) for table in (left_table, right_table) if TABLE_BY_ID[table.id].income]
    if None in ledgers and any(ledgers):
        # one ledger carries money over from last year, the other prints no carryover line: its
        # current-year lines hold that money too (Chongqing 表一), not comparable line by line
        return []
    columns = {}
    for table, ref in ((left_table, identity.left), (right_table, identity.right)):
        columns[ref] = standing_for(table, ref)
        shown = printed(table, ref.side)
        if len(shown) == 1 and not shown & set(columns[ref]):
            return []  # one column of figures, not this one (a ledger printing one per side)
    left_columns, right_columns = columns[identity.left], columns[identity.right]
    left, right = select(left_table, identity.left), select(right_table, identity.right)
    # the coarser of the two tables' printed places, in the unit the left side is compared in
    half = max(step_of(left_table, left_table.money_unit), step_of(right_table, left_table.money_unit)) / 2
    out = []
    for key in sorted(left.keys() | right.keys()):
        rows = left.get(key, [])
        stated = amount(rows, left_columns)
        other = right.get(key, [])
        expected = in_unit(amount(other, right_columns), right_table.money_unit, left_table.money_unit)
        terms = tuple(row.value(c) for row in rows + other for c in left_columns)
        slack = sum(1 for value in (stated, expected, *terms) if value) * half
        holds = {
            "=": abs(stated - expected) <= slack,
            "<=": stated <= expected + slack,
            ">=": stated >= expected - slack,
        }[identity.relation]
        # a figure against nothing read (a line the variant prints otherwise, or not at all) is
        # not a breach: the absence is a completeness question, and mostly a reading one
        if not holds and rows and other:
            out.append(Breach(identity.id, identity.left.table, rows[0] if rows else None,
                              identity.left.columns[0], stated, expected, (expected,)))
    return out


def _carryover(table: Table) -> Decimal | None:
    """A ledger's carried-over income (its second income line and those under it); None where
    it prints no such line."""
    top = TABLE_BY_ID[table.id].income[1].name
    rows = [row for row in table.rows if row.side == "income" and (row.name or "").split("/")[0] == top]
    return sum((row.value(label) for row in rows for label in row.values), Decimal(0)) if rows else None


def standing_for(table: Table, ref: Ref) -> tuple[str, ...]:
    """The columns a side of an identity reads: its own; for a total not printed, its printed
    parts; or, in a ledger whose expense side prints its total alone (预算数, no split by fund),
    that total where the income side says every figure is of the one fund the identity names
    (Beijing 预算04表: all 一般公共预算)."""
    spec = TABLE_BY_ID[table.id]
    shown = printed(table, ref.side)
    for row_sum in spec.row_sums:
        if ref.columns == (row_sum.target,) and shown and row_sum.target not in shown:
            # a total column not printed (Shenzhen 表9 splits each item by fund only): its parts
            return tuple(part for part in row_sum.parts if part in shown) or ref.columns
    total = spec.columns[0].label
    if not spec.income or ref.side != "expense" or shown != {total}:
        return ref.columns
    income = table.total("income")
    funds = {path: line.name for path, line in line_paths(spec.income) if not line.children}
    lines = [row for row in table.rows if row.side == "income" and row.name in funds]
    if income is None or not income.value(total) or not lines:
        return ref.columns
    named = [row.value(total) for row in lines if funds[row.name or ""] in ref.columns]
    others = [row.value(total) for row in lines if funds[row.name or ""] not in ref.columns]
    places = places_of(table)
    whole = abs(sum(named, Decimal(0)) - income.value(total)) <= tolerance([income.value(total), *named], places)
    return (total,) if whole and not any(others) else ref.columns


def breaches(disclosure: Disclosure) -> list[Breach]:
    """Every identity of the template that the disclosure breaks."""
    out: list[Breach] = []
    for table in disclosure.tables.values():
        if table.readable:
            out += row_sums(table) + trees(table)
        elif table.present:
            out += header_row_sums(table) + header_trees(table)
    for identity in LINKS:
        out += link(disclosure, identity)
    return out
