"""The corpus: units, documents, their disclosures, tables, amounts, key figures and findings.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from yusuan.store.types import CompressedJSON, DecimalText, Money

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _document_fk(primary_key: bool = True) -> sa.Column:
    return sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"),
                     primary_key=primary_key, nullable=False)


def upgrade() -> None:
    op.create_table(
        "units",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(400), nullable=False, unique=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("level", sa.String(20)),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("file_name", sa.String(1000), nullable=False),
        sa.Column("format", sa.String(20)),
        sa.Column("pages", sa.Integer),
        sa.Column("reader_version", sa.String(40), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id", ondelete="SET NULL")),
        sa.Column("unit", sa.String(300)),
        sa.Column("year", sa.Integer),
        sa.Column("kind", sa.String(20)),
        sa.Column("level", sa.String(20)),
        sa.Column("staff_authorized", sa.Integer),
        sa.Column("staff_actual", sa.Integer),
        sa.Column("staff_active", sa.Integer),
        sa.Column("problems", sa.Integer, nullable=False),
    )
    op.create_index("ix_documents_unit_year", "documents", ["unit_id", "year"])
    op.create_index("ix_documents_year_kind_level", "documents", ["year", "kind", "level"])
    op.create_table(
        "disclosures",
        _document_fk(),
        sa.Column("content", CompressedJSON(), nullable=False),
    )
    op.create_table(
        "template_columns",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("table_id", sa.String(8), nullable=False),
        sa.Column("label", sa.String(100), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.UniqueConstraint("table_id", "label"),
    )
    op.create_table(
        "document_tables",
        _document_fk(),
        sa.Column("table_id", sa.String(8), primary_key=True),
        sa.Column("present", sa.Boolean, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("note", sa.Text),
        sa.Column("money_unit", sa.String(10)),
    )
    op.create_table(
        "amounts",
        _document_fk(),
        sa.Column("table_id", sa.String(8), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("column_id", sa.Integer, sa.ForeignKey("template_columns.id"), primary_key=True),
        sa.Column("row_kind", sa.String(10), nullable=False),
        sa.Column("side", sa.String(10)),
        sa.Column("code", sa.String(20)),
        sa.Column("name", sa.Text),
        sa.Column("project", sa.Text),
        sa.Column("sub_unit", sa.Text),
        sa.Column("amount", Money(), nullable=False),
        sa.Column("uncertain", sa.Boolean, nullable=False),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "figures",
        _document_fk(),
        sa.Column("name", sa.String(60), primary_key=True),
        sa.Column("amount", Money(), nullable=False),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer, primary_key=True),
        _document_fk(primary_key=False),
        sa.Column("rule", sa.String(40), nullable=False),
        sa.Column("severity", sa.String(10), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("table_id", sa.String(8)),
        sa.Column("code", sa.String(20)),
        sa.Column("column", sa.String(100)),
        sa.Column("section", sa.Text),
        sa.Column("quote", sa.Text),
        sa.Column("stated", DecimalText()),
        sa.Column("expected", DecimalText()),
        sa.Column("page", sa.Integer),
        sa.Column("line", sa.Integer),
        sa.Column("corpus", sa.Boolean, nullable=False),
    )
    op.create_index("ix_findings_document_id", "findings", ["document_id"])
    op.create_index("ix_findings_rule", "findings", ["rule", "severity", "document_id"])


def downgrade() -> None:
    for table in ("findings", "figures", "amounts", "document_tables", "template_columns", "disclosures", "documents",
                  "units"):
        op.drop_table(table)
