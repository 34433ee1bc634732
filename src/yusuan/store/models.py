"""The corpus schema (SQLAlchemy 2). Changes go through an Alembic migration (migrations/).

Which tables and columns an amount may belong to is not written here: `template_columns` is
filled from the template declaration (template/canonical.py) whenever a store is opened.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from .types import CompressedJSON, DecimalText, Money

OK, FAILED = "ok", "failed"


class Base(DeclarativeBase):
    pass


class Unit(Base):
    """A budget unit across years: one per normalised name and scope (units.py)."""

    __tablename__ = "units"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(400), unique=True)
    name: Mapped[str] = mapped_column(String(300))  # as its first stored document printed it
    level: Mapped[str | None] = mapped_column(String(20))  # 省级 / 地市级 / 县级
    scope: Mapped[str | None] = mapped_column(String(10))  # 本级 | 部门 (units.py)


class Document(Base):
    """One file, stored once by its content hash, with where it came from and what it says."""

    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(1000))
    format: Mapped[str | None] = mapped_column(String(20))
    pages: Mapped[int | None] = mapped_column(Integer)
    reader_version: Mapped[str] = mapped_column(String(40))
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(10))  # OK | FAILED
    error: Mapped[str | None] = mapped_column(Text)  # in Chinese, for a failed document
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    unit: Mapped[str | None] = mapped_column(String(300))
    year: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str | None] = mapped_column(String(20))
    level: Mapped[str | None] = mapped_column(String(20))
    staff_authorized: Mapped[int | None] = mapped_column(Integer)  # 编制数
    staff_actual: Mapped[int | None] = mapped_column(Integer)  # 实有人数
    staff_active: Mapped[int | None] = mapped_column(Integer)  # 在职
    problems: Mapped[int] = mapped_column(Integer, default=0)  # parts the reader could not read

    __table_args__ = (Index("ix_documents_unit_year_kind", "unit_id", "year", "kind", "status"),  # covering
                      Index("ix_documents_year_kind_level", "year", "kind", "level"))


class DocumentFile(Base):
    """Every file a stored document was read from: one, or the narrative, tables and
    performance-target files of one disclosure published apart (each known by its hash)."""

    __tablename__ = "document_files"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(1000))
    format: Mapped[str | None] = mapped_column(String(20))
    pages: Mapped[int | None] = mapped_column(Integer)


class StoredDisclosure(Base):
    """The disclosure as jsonout.to_dict gives it, beside (not in) the document's row, so that
    scanning documents never reads it."""

    __tablename__ = "disclosures"
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    content: Mapped[dict] = mapped_column(CompressedJSON)


class TemplateColumn(Base):
    __tablename__ = "template_columns"
    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[str] = mapped_column(String(8))
    label: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer)
    __table_args__ = (UniqueConstraint("table_id", "label"),)


class DocumentTable(Base):
    __tablename__ = "document_tables"
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    table_id: Mapped[str] = mapped_column(String(8), primary_key=True)
    present: Mapped[bool]
    title: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    money_unit: Mapped[str | None] = mapped_column(String(10))


class Amount(Base):
    """Every printed amount of every table, one per row and column: the corpus for querying."""

    __tablename__ = "amounts"
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    table_id: Mapped[str] = mapped_column(String(8), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)  # the row's place in its table
    column_id: Mapped[int] = mapped_column(ForeignKey("template_columns.id"), primary_key=True)
    row_kind: Mapped[str] = mapped_column(String(10))
    side: Mapped[str | None] = mapped_column(String(10))
    code: Mapped[str | None] = mapped_column(String(20))
    name: Mapped[str | None] = mapped_column(Text)
    project: Mapped[str | None] = mapped_column(Text)
    sub_unit: Mapped[str | None] = mapped_column(Text)
    amount: Mapped[Decimal] = mapped_column(Money)
    uncertain: Mapped[bool]
    # SQLite: the rows are stored in key order (a document's table together), no second copy of the
    # key. No index by column: queries go from the documents chosen to their rows, and with one
    # SQLite's planner would scan a column across the whole corpus instead.
    __table_args__ = ({"sqlite_with_rowid": False},)


class Figure(Base):
    """A document's key figures in 万元 (figures.py): what peers are compared by."""

    __tablename__ = "figures"
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    amount: Mapped[Decimal] = mapped_column(Money)
    __table_args__ = ({"sqlite_with_rowid": False},)


class StoredFinding(Base):
    __tablename__ = "findings"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    rule: Mapped[str] = mapped_column(String(40))
    severity: Mapped[str] = mapped_column(String(10))
    message: Mapped[str] = mapped_column(Text)
    table_id: Mapped[str | None] = mapped_column(String(8))
    code: Mapped[str | None] = mapped_column(String(20))
    column: Mapped[str | None] = mapped_column(String(100))
    section: Mapped[str | None] = mapped_column(Text)
    quote: Mapped[str | None] = mapped_column(Text)
    stated: Mapped[Decimal | None] = mapped_column(DecimalText)
    expected: Mapped[Decimal | None] = mapped_column(DecimalText)
    page: Mapped[int | None] = mapped_column(Integer)
    line: Mapped[int | None] = mapped_column(Integer)
    corpus: Mapped[bool] = mapped_column(default=False)  # found against other stored documents
    __table_args__ = (Index("ix_findings_rule", "rule", "severity", "document_id"),)  # counts by rule, index only


class CorpusState(Base):
    """One row: how many times the documents have changed. Moved on by a trigger on `documents`
    (migration 0009), whoever writes; what the web pages' caches of the corpus are keyed by."""

    __tablename__ = "corpus_state"
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)
