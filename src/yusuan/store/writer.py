"""The parent's part of ingest: records written in batches, one transaction each, so that an
interrupted ingest leaves whole documents or none."""

from __future__ import annotations

from collections import OrderedDict
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Engine, Table, delete, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.types import TypeDecorator

from .history import recheck
from .models import (
    FAILED,
    Amount,
    Document,
    DocumentFile,
    DocumentTable,
    Figure,
    StoredDisclosure,
    StoredFinding,
    TemplateColumn,
    Unit,
)
from .record import AMOUNT_FIELDS, Record
from .units import UnitId, identify

_DOCUMENT = insert(Document).returning(Document.id)
RECENT = 500  # slim forms kept (some 80 KB each)


def bulk_insert(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Many rows in one executemany, straight to the driver: SQLAlchemy's per-row work would be
    most of the time spent storing. The columns' own types still convert the values."""
    dialect = connection.dialect
    keys = list(rows[0])
    compiled = insert(table).compile(dialect=dialect, column_keys=keys)
    converters = {key: column.type for key, column in table.c.items()
                  if key in keys and isinstance(column.type, TypeDecorator)}
    for key, kind in converters.items():
        for row in rows:  # our own dicts, made for this insert
            row[key] = kind.process_bind_param(row[key], dialect)
    if dialect.name == "postgresql":  # COPY: several times faster than INSERT for many rows
        columns = ", ".join(dialect.identifier_preparer.quote(key) for key in keys)
        raw = connection.connection.driver_connection
        with raw.cursor() as cursor, cursor.copy(f"COPY {table.name} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row[key] for key in keys])
        return
    if compiled.positional:
        order = compiled.positiontup or []
        pick = itemgetter(*order)  # in C: building the parameters was a fifth of the time storing
        connection.exec_driver_sql(compiled.string, [pick(row) for row in rows] if len(order) > 1
                                   else [(pick(row),) for row in rows])
    else:
        connection.exec_driver_sql(compiled.string, rows)


class Writer:
    """`retry`: documents that failed before are read again (a newer reader may read them) and
    stand in for their failure."""

    def __init__(self, engine: Engine, columns: dict[tuple[str, str], int], retry: bool = False) -> None:
        self.engine = engine
        self.columns = dict(columns)
        self.retry = retry
        # the slim forms of the documents stored last, by id: a unit's next year often follows soon
        self.recent: OrderedDict[int, bytes] = OrderedDict()
        self._reload()

    def _reload(self) -> None:
        with self.engine.connect() as connection:
            stored = connection.execute(select(Document.sha256, Document.status)).all()
            self.failed = {sha for sha, status in stored if status == FAILED} if self.retry else set()
            parts = set(connection.execute(select(DocumentFile.sha256)).scalars())  # files joined into one
            self.known = ({sha for sha, _ in stored} | parts) - self.failed
            self.units = {key: id_ for key, id_ in connection.execute(select(Unit.key, Unit.id))}

    def write(self, records: list[Record]) -> int:
        """Store the records not stored yet; returns how many were new. Another process
        storing the same document meanwhile (PostgreSQL) is met by trying again."""
        try:
            return self._write(records)
        except IntegrityError:
            self._reload()
            return self._write(records)

    def _write(self, records: list[Record]) -> int:
        fresh = [r for r in dict((r.sha256, r) for r in records if not r.skipped and not r.unopened).values()
                 if r.joined or r.sha256 not in self.known]
        if not fresh:
            return 0
        new = sum(not r.joined for r in fresh)
        now = datetime.now(UTC)
        units = dict(self.units)
        disclosures: list[dict[str, Any]] = []
        tables: list[dict[str, Any]] = []
        amounts: list[dict[str, Any]] = []
        figures: list[dict[str, Any]] = []
        findings: list[dict[str, Any]] = []
        files: list[dict[str, Any]] = []
        years: list[tuple[int, int, str | None]] = []
        ids: list[int] = []
        with self.engine.begin() as connection:
            again = [r.sha256 for r in fresh if r.sha256 in self.failed or r.joined]
            again += [sha for r in fresh for sha in r.absorbs]
            if again:  # a failed document gives way to its new reading; a tables file to the whole disclosure
                connection.execute(delete(Document).where(Document.sha256.in_(again)))
            for record in fresh:
                document = {**record.document, "ingested_at": now, "unit_id": None}
                if document.get("unit"):
                    unit = identify(document["unit"], document.get("kind"), document.get("level"))
                    document["unit_id"] = self._unit(connection, units, unit, document["unit"])
                    document["level"] = unit.level
                id_ = connection.execute(_DOCUMENT, document).scalar_one()
                ids.append(id_)
                if document["unit_id"] is not None and document.get("year") is not None:
                    years.append((document["unit_id"], document["year"], document.get("kind")))
                if record.disclosure is not None:
                    disclosures.append({"document_id": id_, "content": record.disclosure})
                tables += [{**table, "document_id": id_} for table in record.tables]
                for values in record.amounts:
                    row = dict(zip(AMOUNT_FIELDS, values, strict=True))
                    row["column_id"] = self._column(connection, row["table_id"], row.pop("label"))
                    row["document_id"] = id_
                    amounts.append(row)
                figures += [{"document_id": id_, "name": name, "amount": value}
                            for name, value in record.figures.items()]
                findings += [{**finding, "document_id": id_, "corpus": False} for finding in record.findings]
                files += [{**file, "document_id": id_} for file in record.files or
                          [{"sha256": record.sha256, "file_name": record.name, "format": None, "pages": None}]]
            for model, rows in ((StoredDisclosure, disclosures), (DocumentTable, tables), (Amount, amounts),
                                (Figure, figures), (StoredFinding, findings), (DocumentFile, files)):
                if rows:
                    bulk_insert(connection, model.__table__, rows)
            for record, id_ in zip(fresh, ids, strict=True):
                if record.slim is not None:
                    self.recent[id_] = record.slim
                    self.recent.move_to_end(id_)
            while len(self.recent) > RECENT:
                self.recent.popitem(last=False)
            recheck(connection, years, self.recent)
        self.units = units
        self.known.update(r.sha256 for r in fresh)
        self.known.update(file["sha256"] for r in fresh for file in r.files)
        self.failed.difference_update(r.sha256 for r in fresh)
        return new

    def _unit(self, connection: Connection, units: dict[str, int], unit: UnitId, printed: str) -> int:
        if unit.key not in units:
            dialect_insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
            connection.execute(dialect_insert(Unit).values(key=unit.key, name=printed, level=unit.level,
                                                           scope=unit.scope)
                               .on_conflict_do_nothing(index_elements=["key"]))
            units[unit.key] = connection.execute(select(Unit.id).where(Unit.key == unit.key)).scalar_one()
        return units[unit.key]

    def _column(self, connection: Connection, table_id: str, label: str) -> int:
        """A column the template does not declare (a reader's slip) is kept, not dropped."""
        if (table_id, label) not in self.columns:
            self.columns[(table_id, label)] = connection.execute(
                insert(TemplateColumn).values(table_id=table_id, label=label, position=999)
                .returning(TemplateColumn.id)).scalar_one()
        return self.columns[(table_id, label)]
