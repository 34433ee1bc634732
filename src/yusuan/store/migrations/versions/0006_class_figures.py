"""Each stored document's spending by 类 as figures (类:201 …), for the charts: computed from its
stored disclosure by figures.py, as ingest now stores them.

Revision ID: 0006_class_figures
Revises: 0002_reviews
"""

import sqlalchemy as sa
from alembic import op

from yusuan.errors import UnreadableError
from yusuan.jsonin import from_dict
from yusuan.store.figures import CLASS, figures
from yusuan.store.types import CompressedJSON, Money

revision = "0006_class_figures"
down_revision = "0005_unit_scope"
branch_labels = None
depends_on = None

_BATCH = 200
_disclosures = sa.table("disclosures", sa.column("document_id", sa.Integer), sa.column("content", CompressedJSON))
_figures = sa.table("figures", sa.column("document_id", sa.Integer), sa.column("name", sa.String),
                    sa.column("amount", Money))


def upgrade() -> None:
    connection = op.get_bind()
    last = -1
    while True:
        rows = connection.execute(sa.select(_disclosures.c.document_id, _disclosures.c.content)
                                  .where(_disclosures.c.document_id > last)
                                  .order_by(_disclosures.c.document_id).limit(_BATCH)).all()
        if not rows:
            return
        out = [{"document_id": id_, "name": name, "amount": value} for id_, content in rows
               for name, value in _classes(content).items()]
        if out:
            connection.execute(sa.insert(_figures), out)
        last = rows[-1][0]


def _classes(content: dict) -> dict:
    try:
        return {name: value for name, value in figures(from_dict(content)).items() if name.startswith(CLASS)}
    except UnreadableError:  # a disclosure stored by a version whose JSON this one cannot read: no classes
        return {}


def downgrade() -> None:
    op.execute(sa.delete(_figures).where(_figures.c.name.like(f"{CLASS}%")))
