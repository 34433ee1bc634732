"""Accounts: organisations, users with a role, sessions, the application's secrets; each review
batch belongs to the organisation that uploaded it.

Revision ID: 0004_accounts
Revises: 0002_reviews
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_accounts"
down_revision = "0003_document_files"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
    )
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("organisation_id", sa.Integer, sa.ForeignKey("organisations.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_accounts_organisation_id", "accounts", ["organisation_id"])
    op.create_table(
        "account_sessions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_account_sessions_account_id", "account_sessions", ["account_id"])
    op.create_table(
        "app_secrets",
        sa.Column("name", sa.String(50), primary_key=True),
        sa.Column("value", sa.String(200), nullable=False),
    )
    with op.batch_alter_table("review_batches") as batch:
        batch.add_column(sa.Column("organisation_id", sa.Integer, nullable=True))
        batch.create_foreign_key("fk_review_batches_organisation_id", "organisations", ["organisation_id"], ["id"])
        batch.create_index("ix_review_batches_organisation_id", ["organisation_id"])


def downgrade() -> None:
    with op.batch_alter_table("review_batches") as batch:
        batch.drop_index("ix_review_batches_organisation_id")
        batch.drop_constraint("fk_review_batches_organisation_id", type_="foreignkey")
        batch.drop_column("organisation_id")
    for table in ("app_secrets", "account_sessions", "accounts", "organisations"):
        op.drop_table(table)
