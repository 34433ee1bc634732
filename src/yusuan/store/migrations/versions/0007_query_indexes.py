"""A unit's documents found by an index that holds what the corpus queries ask of them (year,
kind, status): listing the units and finding each document's last year read the index alone,
never the documents' rows.

Revision ID: 0007_query_indexes
Revises: 0006_class_figures
"""

from alembic import op

revision = "0007_query_indexes"
down_revision = "0006_class_figures"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_documents_unit_year_kind", "documents", ["unit_id", "year", "kind", "status"])
    op.drop_index("ix_documents_unit_year", "documents")


def downgrade() -> None:
    op.create_index("ix_documents_unit_year", "documents", ["unit_id", "year"])
    op.drop_index("ix_documents_unit_year_kind", "documents")
