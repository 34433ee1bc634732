"""Sign-in attempts counted in the database, not in each server process: with `serve --processes N`
every process sees the same count, so a guesser gets five tries per window, not five per process.

Revision ID: 0008_sign_in_attempts
Revises: 0007_query_indexes
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_sign_in_attempts"
down_revision = "0007_query_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sign_in_attempts",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("address", sa.String(100), primary_key=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
    )
    op.create_index("ix_sign_in_attempts_started_at", "sign_in_attempts", ["started_at"])


def downgrade() -> None:
    op.drop_index("ix_sign_in_attempts_started_at", "sign_in_attempts")
    op.drop_table("sign_in_attempts")
