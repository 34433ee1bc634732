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
from .select import amount, children, in_unit, line_children, select, tolerance, top_lines
from .spec import Column, Link, PrintedSum, Ref, TableSpec


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
    extra = printed_parts(table)
    sums = [(row_sum.target, row_sum.parts) for row_sum in spec.row_sums]
    sums += [(target, ()) for target in extra if target not in {row_sum.target for row_sum in spec.row_sums}]
    out = []
    for row in table.rows:
        labels = spec.income_columns if row.side == "income" else spec.columns
        present = {column.label for column in labels}
        shown = printed(table, row.side if spec.income else None)
        if spec.lines or spec.income or len(shown) == 1:
            # a 三公 table printed with its items as columns has no fund columns at all; a ledger
            # printing one figure per side (预算数) no split by fund; a table of one column none
            present &= shown
        for target, own in sums if row.side != "income" else ():
            more = extra.get(target, ())
            if target not in present or not row.values or not (present & set(own) or more):
                continue
            parts = tuple(row.value(part) for part in own if part in present) + tuple(row.value(m) for m in more)
            stated = row.value(target)
            if abs(stated - sum(parts)) > tolerance([stated, *parts], places):
                out.append(Breach("row-sum", table.id, row, target, stated, sum(parts), parts))
        if spec.income:
            out += _split(table, row, [column.label for column in labels], places)
    return out


def printed_parts(table: Table) -> dict[str, tuple[str, ...]]:
    """The columns a table prints that the template lacks but counts into a row's sum (its
    PrintedSum), by target: {'基本支出': ('基本支出/人员经费', '基本支出/公用经费')}."""
    out: dict[str, tuple[str, ...]] = {}
    for label, target in counted(TABLE_BY_ID[table.id], list(printed(table))).items():
        out[target] = (*out.get(target, ()), label)
    return out


def counted(spec: TableSpec, labels: list[str]) -> dict[str, str]:
    """Of a table's printed column labels, those a PrintedSum counts, with the sum's target. A
    label counts where its last cell names a part and the cell above, if any, the target
    (基本支出/日常公用支出 → 公用经费); where two labels name one part (长春: 当年预算/… and
    上年结转结余/…), that sum counts none."""
    own = {column.label for column in spec.columns}
    out = {}
    for printed_sum in spec.printed_sums:
        found = {label: part for label in labels if label not in own
                 for part in [_part(printed_sum, label)] if part}
        if len(set(found.values())) == len(found):
            out |= dict.fromkeys(found, printed_sum.target)
    return out


def _part(printed_sum: PrintedSum, label: str) -> str | None:
    *above, last = label.split("/")
    if above and above[-1] != printed_sum.target:
        return None
    return next((column.label for column in printed_sum.columns if last in (column.label, *column.aliases)), None)


_TOTAL_WORDS = ("小计", "合计")


def _split(table: Table, row: Row, labels: list[str], places: int) -> list[Breach]:
    """A ledger side's total printed with its split in columns nested under it (Shanghai: 预算数
    over 合计 | 基本支出 (人员经费 | 公用经费) | 项目支出, kept under their printed header): the total
    is the sum of the split."""
    shown = sorted(printed(table, row.side))
    out = []
    for label in labels:
        terms = _nested(label, shown)
        if len(terms) < 2 or not (label in row.values or any(term in row.values for term in terms)):
            continue
        parts = tuple(row.value(term) for term in terms)
        stated = row.value(label)
        if abs(stated - sum(parts)) > tolerance([stated, *parts], places):
            out.append(Breach("row-sum", table.id, row, label, stated, sum(parts), parts))
    return out


def _nested(prefix: str, labels: list[str]) -> list[str]:
    """The terms a printed group adds up to: its own 小计 where printed, else its cells', a cell
    that is a group itself by its own terms."""
    under = [label for label in labels if label.startswith(prefix + "/")]
    own = next((f"{prefix}/{word}" for word in _TOTAL_WORDS if f"{prefix}/{word}" in under), None)
    if own is not None:
        return [own]
    terms: list[str] = []
    for piece in dict.fromkeys(label[len(prefix) + 1:].split("/")[0] for label in under):
        path = f"{prefix}/{piece}"
        terms += _nested(path, labels) or ([path] if path in labels else [])
    return terms


def printed(table: Table, side: str | None = None) -> set[str]:
    """The columns the table prints a figure in (on one side of a ledger)."""
    return {label for row in table.rows if side is None or row.side == side for label in row.values}


def printed_columns(table: Table, side: str | None = None) -> set[str]:
    """The template's columns the table prints a figure in: not those kept under a printed header
    the template lacks (编制预算 | 上年结转 beside a ledger's 本年预算)."""
    spec = TABLE_BY_ID[table.id]
    labels = spec.income_columns if side == "income" else spec.columns
    return printed(table, side) & {column.label for column in labels}


def trees(table: Table) -> list[Breach]:
    """parent = Σ children, column by column (codes, units, totals; T10 lines)."""
    spec = TABLE_BY_ID[table.id]
    places = places_of(table)
    groups: dict[int, list[int]] = {}
    columns = spec.columns
    if spec.tree:
        groups = children(table.rows)
        columns = (*columns, *(Column(label) for labels in printed_parts(table).values() for label in labels))
    elif spec.lines:
        groups = line_children(table.rows, spec.lines)
    elif spec.income and not _unknown_income(table):  # T1/T4: 本年收入 = Σ its sources, …
        groups = line_children(table.rows, spec.income, by_path=True) | _subtotals(table)
        columns = spec.income_columns
    out = _tree_breaches(table, groups, [column.label for column in columns], places)
    return out + (_split_classes(table, places) if spec.income else [])


def _split_classes(table: Table, places: int) -> list[Breach]:
    """A ledger's expense split (人员经费 | 公用经费 | 项目支出 under 预算数): 支出总计's figure in each
    column is the sum of the 类' (the 预算数 itself is held to them across the table's sides)."""
    total = table.total("expense")
    classes = [index for index, row in enumerate(table.rows) if row.side == "expense" and row.kind == "class"]
    if total is None or not classes:
        return []
    heads = tuple(f"{column.label}/" for column in TABLE_BY_ID[table.id].columns)
    labels = sorted(label for label in printed(table, "expense") if label.startswith(heads))
    labels = [label for label in labels if label in total.values]
    return _tree_breaches(table, {table.rows.index(total): classes}, labels, places)


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


def _subtotals(table: Table) -> dict[int, list[int]]:
    """Each printed line standing over several of the template's (财政拨款收入 over the three
    funds): its position → the positions of those printed."""
    position = {row.name: index for index, row in enumerate(table.rows) if row.side == "income"}
    out = {}
    for line in TABLE_BY_ID[table.id].subtotals:
        parts = [position[part] for part in line.parts if part in position]
        if line.name in position and parts:
            out[position[line.name]] = parts
    return out


def _unknown_income(table: Table) -> bool:
    """Whether the income side prints amounts on lines the template does not know (Xi'an:
    一、部门预算 over 1、财政拨款 …): its sums cannot be told from the template's lines."""
    spec = TABLE_BY_ID[table.id]
    known = {path for path, _ in line_paths(spec.income)} | {line.name for line in spec.subtotals}
    income = [row for row in table.rows if row.side == "income"]
    # a line of its own beside the template's top lines (上年实户资金余额) is no part of their sums;
    # a line printing 0 changes no sum
    own = {id(row) for row in top_lines(table, income)}
    return any(row.kind == "line" and row.name not in known and id(row) not in own
               and any(amount.value for amount in row.values.values()) for row in income)


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
        part = _printed_part(table, ref.columns)
        standing = standing_for(table, ref) if part is None else part
        if not standing:
            return []  # a column of the template's sums the table does not print
        columns[ref] = standing
        shown = printed_columns(table, ref.side)
        if len(shown) == 1 and not shown & set(columns[ref]):
            return []  # one column of figures, not this one (a ledger printing one per side)
    left_columns, right_columns = columns[identity.left], columns[identity.right]
    left, right = _filled(select(left_table, identity.left)), _filled(select(right_table, identity.right))
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


def _filled(selected: dict[str, list[Row]]) -> dict[str, list[Row]]:
    """The rows selected, but a total printed blank: a cell left empty, not a zero (Shanghai
    单位预算01表 prints 收入总计 with no figure); its blankness is a finding of its own."""
    return {key: kept for key, rows in selected.items()
            if (kept := [row for row in rows if row.values or row.kind != "total"])}


def _carryover(table: Table) -> Decimal | None:
    """A ledger's carried-over income (its second income line and those under it); None where
    it prints no such line."""
    top = TABLE_BY_ID[table.id].income[1].name
    rows = [row for row in table.rows if row.side == "income" and (row.name or "").split("/")[0] == top]
    return sum((row.value(label) for row in rows for label in row.values), Decimal(0)) if rows else None


def _printed_part(table: Table, columns: tuple[str, ...]) -> tuple[str, ...] | None:
    """For a column the template's table lacks but a PrintedSum counts (T5's 人员经费): the
    printed column that is it (基本支出/人员支出), or () where the table prints none."""
    spec = TABLE_BY_ID[table.id]
    if any(column.label in columns for column in spec.columns) or not any(
            part.label in columns for printed_sum in spec.printed_sums for part in printed_sum.columns):
        return None
    found = counted(spec, list(printed(table)))
    return tuple(label for label in found for printed_sum in spec.printed_sums
                 if found[label] == printed_sum.target and _part(printed_sum, label) in columns)


def standing_for(table: Table, ref: Ref) -> tuple[str, ...]:
    """The columns a side of an identity reads: its own; for a total not printed, its printed
    parts; or, in a ledger whose expense side prints its total alone (预算数, no split by fund),
    that total where the income side says every figure is of the one fund the identity names
    (Beijing 预算04表: all 一般公共预算)."""
    spec = TABLE_BY_ID[table.id]
    shown = printed_columns(table, ref.side)
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
