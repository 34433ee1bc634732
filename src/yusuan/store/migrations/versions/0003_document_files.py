"""Document files: every file a stored document was read from (a disclosure in several files).

Revision ID: 0003_document_files
Revises: 0002_reviews
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_document_files"
down_revision = "0002_reviews"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_files",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("file_name", sa.String(1000), nullable=False),
        sa.Column("format", sa.String(20)),
        sa.Column("pages", sa.Integer),
    )
    op.create_index("ix_document_files_document_id", "document_files", ["document_id"])
    # every document stored so far was read from one file: its own
    op.execute("INSERT INTO document_files (sha256, document_id, file_name, format, pages) "
               "SELECT sha256, id, file_name, format, pages FROM documents")


def downgrade() -> None:
    op.drop_index("ix_document_files_document_id", table_name="document_files")
    op.drop_table("document_files")
