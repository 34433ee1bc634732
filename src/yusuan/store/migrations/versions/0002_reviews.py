"""Reviews: uploaded drafts, their files, and the reviewers' decisions on findings.

Revision ID: 0002_reviews
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from yusuan.store.types import CompressedJSON

revision = "0002_reviews"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review_batches",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("name", sa.String(300)),
    )
    op.create_table(
        "review_files",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("format", sa.String(20), nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "review_documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("batch_id", sa.Integer, sa.ForeignKey("review_batches.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.String(1000), nullable=False),
        sa.Column("files", sa.JSON, nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("unit", sa.String(300)),
        sa.Column("year", sa.Integer),
        sa.Column("kind", sa.String(20)),
        sa.Column("level", sa.String(20)),
        sa.Column("errors", sa.Integer, nullable=False),
        sa.Column("warnings", sa.Integer, nullable=False),
        sa.Column("notices", sa.Integer, nullable=False),
        sa.Column("disclosure", CompressedJSON()),
        sa.Column("findings", CompressedJSON()),
        sa.Column("previous_id", sa.Integer, sa.ForeignKey("review_documents.id", ondelete="SET NULL")),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.Column("milliseconds", sa.Integer),
    )
    op.create_index("ix_review_documents_batch_id", "review_documents", ["batch_id"])
    op.create_index("ix_review_documents_unit_year_kind", "review_documents", ["unit", "year", "kind"])
    op.create_table(
        "review_decisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("review_documents.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("finding", sa.Integer, nullable=False),
        sa.Column("verdict", sa.String(10), nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("document_id", "finding"),
    )
    op.create_index("ix_review_decisions_document_id", "review_decisions", ["document_id"])


def downgrade() -> None:
    for table in ("review_decisions", "review_documents", "review_files", "review_batches"):
        op.drop_table(table)
