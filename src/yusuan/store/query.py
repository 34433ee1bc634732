"""The corpus for analysts: every question as a pandas DataFrame (Decimal amounts kept exact,
in object columns; pandas' own read_sql would turn them into floats)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import Select, func, select

from ..rules import catalogue
from .database import open_engine
from .figures import BASIC, FIGURES, PERSONNEL, PROJECT, SANGONG, SPENDING
from .models import OK, Amount, Document, Figure, StoredFinding, TemplateColumn, Unit
from .peers import peer_table
from .totals import DOCUMENT, totals_statement
from .unit_years import COLUMNS as UNIT_COLUMNS
from .unit_years import gathered, units_statement


@dataclass(frozen=True, slots=True)
class Filter:
    """Which documents: by year, government level, kind (单位预算/部门预算), unit name (part)."""

    year: int | None = None
    level: str | None = None
    kind: str | None = None
    unit: str | None = None

    def apply(self, statement: Select[Any]) -> Select[Any]:
        statement = statement.where(Document.status == OK)
        if self.year is not None:
            statement = statement.where(Document.year == self.year)
        if self.level:
            statement = statement.where(Document.level == self.level)
        if self.kind:
            statement = statement.where(Document.kind == self.kind)
        if self.unit:
            statement = statement.where(Document.unit.contains(self.unit, autoescape=True))
        return statement


def _frame(rows: Sequence[Any], columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame([tuple(row) for row in rows], columns=list(columns), dtype=object)


class Corpus:
    """A stored corpus: `Corpus()` opens the default one (see database.resolve)."""

    def __init__(self, db: str | None = None) -> None:
        self.engine, _ = open_engine(db)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def _run(self, statement: Select[Any]) -> Sequence[Any]:
        with self.engine.connect() as connection:
            return connection.execute(statement).all()

    def units(self, where: Filter = Filter()) -> pd.DataFrame:
        """Each unit with its level, its scope (本级 or 部门) and the years stored."""
        return _frame(gathered(self._run(where.apply(units_statement()))), UNIT_COLUMNS)

    def documents(self, where: Filter = Filter(), failed: bool = False) -> pd.DataFrame:
        """Every stored document with its provenance; `failed` lists the failed ones instead."""
        columns = [Document.id, Document.sha256, Document.file_name, Document.format, Document.pages,
                   Document.reader_version, Document.ingested_at, Document.status, Document.error,
                   Document.unit, Document.year, Document.kind, Document.level, Document.staff_authorized,
                   Document.staff_actual, Document.staff_active, Document.problems]
        statement = select(*columns).order_by(Document.id)
        statement = statement.where(Document.status != OK) if failed else where.apply(statement)
        return _frame(self._run(statement), [c.key for c in columns])

    def totals(self, where: Filter = Filter(), names: Sequence[str] | None = None) -> pd.DataFrame:
        """Each document's key figures (万元, figures.py) and staff, one column per figure."""
        names = list(names or [name for name, _ in FIGURES])
        return _frame(self._run(where.apply(totals_statement(names, dialect=self.dialect))), [*DOCUMENT, *names])

    def by_code(self, where: Filter = Filter(), table: str = "T3", column: str = "合计",
                digits: int | None = None) -> pd.DataFrame:
        """A table's column summed over the documents, code by code (digits 3: 类, 5: 款, 7: 项)."""
        column_id = select(TemplateColumn.id).where(TemplateColumn.table_id == table, TemplateColumn.label == column)
        # from the documents chosen to their rows of this table (the key's order), not from the
        # column's rows across the whole corpus to their documents
        statement = (select(Amount.code, func.min(Amount.name), func.count(func.distinct(Amount.document_id)),
                            func.sum(Amount.amount))
                     .where(Amount.document_id.in_(where.apply(select(Document.id))), Amount.table_id == table,
                            Amount.column_id == column_id.scalar_subquery(), Amount.code.is_not(None),
                            Amount.row_kind != "project"))
        if digits is not None:
            statement = statement.where(func.length(Amount.code) == digits)
        rows = self._run(statement.group_by(Amount.code).order_by(Amount.code))
        return _frame(rows, ["code", "name", "documents", "amount"])

    def peers(self, where: Filter = Filter()) -> pd.DataFrame:
        """Units compared with their peers (same kind, level and year): 三公 and personnel cost per
        staff, the project share, the change on last year, each beside its group's median."""
        names = [SPENDING, BASIC, PROJECT, PERSONNEL, SANGONG]
        return peer_table(self._run(where.apply(totals_statement(names, True, self.dialect))))

    def findings(self, where: Filter = Filter(), rule: str | None = None) -> pd.DataFrame:
        """By rule across the corpus (how many documents, how many findings); with `rule`, its
        findings one by one."""
        if rule is None:
            statement = select(StoredFinding.rule, StoredFinding.severity,
                               func.count(func.distinct(StoredFinding.document_id)), func.count())
            if where != Filter():  # only read documents have findings: no filter, no documents to consult
                statement = statement.where(StoredFinding.document_id.in_(where.apply(select(Document.id))))
            rows = self._run(statement.group_by(StoredFinding.rule, StoredFinding.severity)
                             .order_by(func.count().desc(), StoredFinding.rule))
            titles = {r.id: r.title for r in catalogue()}
            return _frame([(r, s, titles.get(r, ""), d, n) for r, s, d, n in rows],
                          ["rule", "severity", "title", "documents", "findings"])
        columns = [Document.unit, Document.year, Document.file_name, StoredFinding.severity, StoredFinding.table_id,
                   StoredFinding.line, StoredFinding.stated, StoredFinding.expected, StoredFinding.message]
        rows = self._run(where.apply(select(*columns).join(Document, Document.id == StoredFinding.document_id))
                         .where(StoredFinding.rule == rule).order_by(Document.unit, Document.year, StoredFinding.id))
        return _frame(rows, ["unit", "year", "file_name", "severity", "table", "line", "stated", "expected",
                             "message"])

    def amounts(self, where: Filter = Filter()) -> pd.DataFrame:
        """Every amount, normalised: unit, year, kind, level, table, code, name, column, amount."""
        return self._table(amount_rows(where))

    def unit_list(self) -> pd.DataFrame:
        return self._table(unit_rows())

    def figure_list(self, where: Filter = Filter()) -> pd.DataFrame:
        return self._table(figure_rows(where))

    def all_documents(self) -> pd.DataFrame:
        """Every document, failed ones included, with its unit's id."""
        return self._table(document_rows())

    def all_findings(self, where: Filter = Filter()) -> pd.DataFrame:
        return self._table(finding_rows(where))

    def _table(self, statement: Select[Any]) -> pd.DataFrame:
        return _frame(self._run(statement), list(statement.selected_columns.keys()))


# The corpus's tables as exported (export.py streams them; the methods above frame them), each
# column labelled with its exported name; rows in their key's order, which the store keeps them in.

def unit_rows() -> Select[Any]:
    return select(Unit.id, Unit.name, Unit.level, Unit.scope, Unit.key).order_by(Unit.id)


def document_rows() -> Select[Any]:
    return select(Document.id, Document.sha256, Document.file_name, Document.format, Document.pages,
                  Document.reader_version, Document.ingested_at, Document.status, Document.error, Document.unit_id,
                  Document.unit, Document.year, Document.kind, Document.level, Document.staff_authorized,
                  Document.staff_actual, Document.staff_active, Document.problems).order_by(Document.id)


def amount_rows(where: Filter = Filter()) -> Select[Any]:
    return (where.apply(select(
        Document.id.label("document"), Document.unit, Document.year, Document.kind, Document.level,
        Amount.table_id.label("table"), Amount.position.label("row"), Amount.row_kind, Amount.side, Amount.code,
        Amount.name, Amount.project, Amount.sub_unit, TemplateColumn.label.label("column"), Amount.amount,
        Amount.uncertain)
        .join(Document, Document.id == Amount.document_id).join(TemplateColumn, TemplateColumn.id == Amount.column_id))
        .order_by(Amount.document_id, Amount.table_id, Amount.position, Amount.column_id))


def figure_rows(where: Filter = Filter()) -> Select[Any]:
    return (where.apply(select(Figure.document_id.label("document"), Figure.name, Figure.amount)
                        .join(Document, Document.id == Figure.document_id))
            .order_by(Figure.document_id, Figure.name))


def finding_rows(where: Filter = Filter()) -> Select[Any]:
    return (where.apply(select(
        StoredFinding.document_id.label("document"), StoredFinding.rule, StoredFinding.severity,
        StoredFinding.table_id.label("table"), StoredFinding.code, StoredFinding.column, StoredFinding.section,
        StoredFinding.quote, StoredFinding.stated, StoredFinding.expected, StoredFinding.page, StoredFinding.line,
        StoredFinding.corpus, StoredFinding.message)
        .join(Document, Document.id == StoredFinding.document_id))
        .order_by(StoredFinding.document_id, StoredFinding.id))
