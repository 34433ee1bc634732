"""The vocabulary in which the template is declared (see canonical.py for the declaration)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Column:
    label: str  # the JSON key, the template's own words without spaces
    aliases: tuple[str, ...] = ()  # header spellings (normalised) besides the label
    prior: int = 50  # when identities leave a choice, lower ranks are preferred


@dataclass(frozen=True, slots=True)
class RowSum:
    """Within one row: target = Σ parts."""

    target: str
    parts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PrintedSum:
    """Within one row: target = Σ the row sum's own parts + Σ columns the template lacks but
    variants print (事业单位经营支出; 人员经费 and 公用经费 under 基本支出), counted where printed.

    A printed column is one of `columns` where its header's last cell names it and the cell
    above, if any, names the target (基本支出/人员经费)."""

    target: str
    columns: tuple[Column, ...]


@dataclass(frozen=True, slots=True)
class Line:
    """A fixed line of a ledger (T1/T4 income) or of T10; children sum to it."""

    name: str
    aliases: tuple[str, ...] = ()
    children: tuple[Line, ...] = ()


@dataclass(frozen=True, slots=True)
class Subtotal:
    """A line variants print over several of a ledger's lines that the template declares apart
    (一、财政拨款收入 over the three funds): no line of the template's own, its figure their sum."""

    name: str
    aliases: tuple[str, ...]
    parts: tuple[str, ...]  # the lines' paths


@dataclass(frozen=True, slots=True)
class TableSpec:
    id: str
    title: str  # canonical title, without the 单位/部门 prefix
    rows: str  # 'ledger' | 'function' | 'economic' | 'project' | 'lines' | 'carryover'
    columns: tuple[Column, ...]
    titles: tuple[str, ...] = ()  # other printed titles (normalised)
    row_sums: tuple[RowSum, ...] = ()
    printed_sums: tuple[PrintedSum, ...] = ()
    tree: bool = False  # parent code = Σ children, total = Σ top-level rows
    # ledger tables (T1, T4): the income side's lines and columns; `columns` is the expense side
    income: tuple[Line, ...] = ()
    income_columns: tuple[Column, ...] = ()
    lines: tuple[Line, ...] = ()  # 'lines' tables (T10)
    subtotals: tuple[Subtotal, ...] = ()  # ledger income lines printed over several of `income`
    # the column a class row's amount belongs to by definition (T6: 302 → 公用经费)
    code_priors: tuple[tuple[str, str], ...] = ()
    # header cells spanning several columns (the writer's multi-level header): a group's name
    # ('财政拨款/基本支出' nests under '财政拨款') and its columns; a label's own 'a/b' path groups too
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def column(self, label: str) -> Column:
        for column in (*self.columns, *self.income_columns):
            if column.label == label:
                return column
        raise KeyError(label)

    @property
    def all_titles(self) -> tuple[str, ...]:
        return (self.title, *self.titles)


@dataclass(frozen=True, slots=True)
class Ref:
    """One side of a cross-table identity: Σ columns of the rows a selector picks in a table.

    Selectors: 'total' (the table's total row; with side for ledgers), 'line:<path>' (a ledger
    or T10 line), 'code' (each code, matched with the other side's row of the same code),
    'class' (each 类 row, 3-digit codes).
    """

    table: str
    row: str
    columns: tuple[str, ...]
    side: str | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """An identity across tables: left relation right (relation '=', '<=' or '>=')."""

    id: str
    left: Ref
    right: Ref
    description: str
    relation: str = "="
