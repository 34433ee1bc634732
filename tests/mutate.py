"""Mutation tests' one change to a recovered document: a figure printed otherwise."""

from __future__ import annotations

from decimal import Decimal

from yusuan.model import Amount, Row, Table


def set_amount(row: Row | None, label: str, value: str) -> None:
    """The row's `label` cell printed `value` instead (its place on the page kept)."""
    assert row is not None
    old = row.values.get(label)
    row.values[label] = Amount(Decimal(value), value, old.source if old else row.source)


def side_row(table: Table, name: str, side: str) -> Row:
    """A ledger's line by its name, on one side."""
    return next(row for row in table.rows if row.name == name and row.side == side)
