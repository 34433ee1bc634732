"""The template's identities as constraints on where a table's amounts may sit."""

from __future__ import annotations

from decimal import Decimal

from ..model import Row, Table
from ..template import LINKS, TABLE_BY_ID, Ref, TableSpec
from ..template.select import amount, children, in_unit, line_children, select
from .placement import Constraint, Slot

_FLIP = {"=": "=", "<=": ">=", ">=": "<="}


def tree(slots: list[Slot], groups: dict[int, list[int]], labels: list[str]) -> list[Constraint]:
    """parent = Σ children, column by column."""
    return [
        Constraint([(parent, label, 1)] + [(child, label, -1) for child in kids])
        for parent, kids in groups.items()
        for label in labels
    ]


def links(
    table: Table, slots: list[Slot], tables: dict[str, Table], places: int
) -> list[Constraint]:
    """Identities with other tables already read, as constants; within the table, as terms."""
    slot_of = {id(slot.pending.row): index for index, slot in enumerate(slots)}
    out: list[Constraint] = []
    for link in LINKS:
        if not all(_templated(ref) for ref in (link.left, link.right)):
            continue  # a column the template lacks (T5's printed 人员经费) places nothing
        for here, there, relation in (
            (link.left, link.right, link.relation),
            (link.right, link.left, _FLIP[link.relation]),
        ):
            if here.table != table.id:
                continue
            if there.table == table.id:
                if here is link.left:
                    out.extend(_inner(table, here, there, slot_of, relation))
                continue
            other = tables.get(there.table)
            if other is None or not other.present:
                continue
            out.extend(_outer(table, here, other, there, slot_of, relation, places))
    return out


def _templated(ref: Ref) -> bool:
    spec = TABLE_BY_ID[ref.table]
    labels = {column.label for column in (*spec.columns, *spec.income_columns)}
    return set(ref.columns) <= labels


def _terms(rows: list[Row], ref: Ref, slot_of: dict[int, int], sign: int) -> list:
    return [(slot_of[id(row)], column, sign) for row in rows if id(row) in slot_of
            for column in ref.columns]


def _inner(table: Table, left: Ref, right: Ref, slot_of: dict[int, int], relation: str) -> list:
    a, b = select(table, left), select(table, right)
    out = []
    for key in a.keys() & b.keys():
        terms = _terms(a[key], left, slot_of, 1) + _terms(b[key], right, slot_of, -1)
        if terms:
            out.append(Constraint(terms, 0, relation))
    return out


def _outer(
    table: Table, here: Ref, other: Table, there: Ref, slot_of: dict[int, int],
    relation: str, places: int,
) -> list[Constraint]:
    mine, theirs = select(table, here), select(other, there)
    out = []
    for key, rows in mine.items():
        terms = _terms(rows, here, slot_of, 1)
        if not terms:
            continue
        value = in_unit(amount(theirs.get(key, []), there.columns), other.money_unit,
                        table.money_unit)
        constant = -int((value * Decimal(10) ** places).to_integral_value())
        out.append(Constraint(terms, constant, relation))
    return out


def all_constraints(
    spec: TableSpec, table: Table, slots: list[Slot], tables: dict[str, Table], places: int
) -> list[Constraint]:
    labels = [column.label for column in spec.columns]
    constraints: list[Constraint] = []
    rows = [slot.pending.row for slot in slots]
    if spec.tree:
        constraints += tree(slots, children(rows), labels)
    if spec.lines:
        constraints += tree(slots, line_children(rows, spec.lines), labels)
    if spec.rows == "ledger":
        expense = [i for i, slot in enumerate(slots) if slot.pending.row.side == "expense"]
        total = [i for i in expense if slots[i].pending.row.kind == "total"]
        classes = [i for i in expense if slots[i].pending.row.kind == "class"]
        if total and classes:
            for label in labels:
                terms = [(total[0], label, 1)] + [(i, label, -1) for i in classes]
                constraints.append(Constraint(terms))
    return constraints + links(table, slots, tables, places)
