"""The corpus's version: a counter that a trigger on `documents` moves on whenever a document is
stored, replaced or removed, by whatever process. The web pages' caches are keyed by it: reading one
row costs the same however large the corpus, where counting the documents on every request did not.
The counter is a row, not a sequence, so that its new value is seen exactly when the change is.

Revision ID: 0009_corpus_version
Revises: 0008_sign_in_attempts
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_corpus_version"
down_revision = "0008_sign_in_attempts"
branch_labels = None
depends_on = None

_BUMP = "UPDATE corpus_state SET version = version + 1"


def upgrade() -> None:
    op.create_table(
        "corpus_state",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("version", sa.BigInteger, nullable=False),
    )
    op.execute("INSERT INTO corpus_state (id, version) VALUES (1, 0)")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"CREATE FUNCTION corpus_changed() RETURNS trigger LANGUAGE plpgsql AS "
                   f"$$ BEGIN {_BUMP}; RETURN NULL; END $$")
        op.execute("CREATE TRIGGER documents_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON documents "
                   "FOR EACH STATEMENT EXECUTE FUNCTION corpus_changed()")
    else:  # SQLite: triggers are per row, and the writes of one transaction are one at a time anyway
        for event in ("INSERT", "UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER documents_{event.lower()} AFTER {event} ON documents BEGIN {_BUMP}; END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER documents_changed ON documents")
        op.execute("DROP FUNCTION corpus_changed()")
    else:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER documents_{event}")
    op.drop_table("corpus_state")
