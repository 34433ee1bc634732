"""Reviews: uploaded disclosures being checked before publication, and the reviewers' decisions.

Kept apart from the published corpus (models.py): a draft is not a published document. Files are
stored by content hash inside the database, so nothing a user names ever reaches a filesystem path.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base
from .types import CompressedJSON

QUEUED, READING, DONE, FAILED = "queued", "reading", "done", "failed"
CONFIRMED, FALSE_ALARM = "确认", "误报"
VERDICTS = (CONFIRMED, FALSE_ALARM)


class ReviewBatch(Base):
    """What one upload brought: one or many documents."""

    __tablename__ = "review_batches"
    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    name: Mapped[str | None] = mapped_column(String(300))
    # whose upload it is (accounts.py); none when served with `--local`
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)


class ReviewFile(Base):
    """An uploaded file's bytes, once per content."""

    __tablename__ = "review_files"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    format: Mapped[str] = mapped_column(String(20))  # found from the content: text, pdf, docx, xlsx, html
    data: Mapped[bytes] = mapped_column(LargeBinary)


class ReviewDocument(Base):
    """One disclosure under review: its files (a narrative and a tables PDF may make one), what was
    read and found. `previous_id` is the version before it (same unit, year and kind)."""

    __tablename__ = "review_documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("review_batches.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # its place in the upload
    name: Mapped[str] = mapped_column(String(1000))
    files: Mapped[list[dict[str, Any]]] = mapped_column(JSON)  # [{name, sha256, format}]
    status: Mapped[str] = mapped_column(String(10), default=QUEUED)
    error: Mapped[str | None] = mapped_column(Text)  # in Chinese, why it could not be read
    unit: Mapped[str | None] = mapped_column(String(300))
    year: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str | None] = mapped_column(String(20))
    level: Mapped[str | None] = mapped_column(String(20))
    errors: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    notices: Mapped[int] = mapped_column(Integer, default=0)
    disclosure: Mapped[dict[str, Any] | None] = mapped_column(CompressedJSON)  # jsonout.to_dict
    findings: Mapped[list[dict[str, Any]] | None] = mapped_column(CompressedJSON)  # report.finding_dict each
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("review_documents.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    milliseconds: Mapped[int | None] = mapped_column(Integer)  # reading and checking
    __table_args__ = (Index("ix_review_documents_unit_year_kind", "unit", "year", "kind"),)


class ReviewDecision(Base):
    """A reviewer's word on one finding (by its place in the document's findings)."""

    __tablename__ = "review_decisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("review_documents.id", ondelete="CASCADE"), index=True)
    finding: Mapped[int] = mapped_column(Integer)
    verdict: Mapped[str] = mapped_column(String(10))  # 确认 | 误报
    comment: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    __table_args__ = (UniqueConstraint("document_id", "finding"),)
