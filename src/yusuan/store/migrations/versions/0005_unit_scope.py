"""Units told apart by scope (本级, the unit's own budget; 部门, the department's) and known
across years despite trivial differences in their names (store/units.py): the stored units are
keyed again and their documents regrouped.

Revision ID: 0005_unit_scope
Revises: 0002_reviews
"""

import sqlalchemy as sa
from alembic import op

from yusuan.store.units import identify

revision = "0005_unit_scope"
down_revision = "0004_accounts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("units") as batch:
        batch.add_column(sa.Column("scope", sa.String(10)))
    connection = op.get_bind()
    units = sa.table("units", sa.column("id", sa.Integer), sa.column("key", sa.String),
                     sa.column("name", sa.String), sa.column("level", sa.String), sa.column("scope", sa.String))
    documents = sa.table("documents", sa.column("id", sa.Integer), sa.column("unit_id", sa.Integer),
                         sa.column("unit", sa.String), sa.column("kind", sa.String), sa.column("level", sa.String))
    stored = connection.execute(sa.select(documents.c.id, documents.c.unit, documents.c.kind, documents.c.level)
                                .where(documents.c.unit.is_not(None)).order_by(documents.c.id)).all()
    if not stored:
        return
    # old keys never contain a scope: set them aside, then key every unit afresh from its documents
    connection.execute(units.update().values(key="old:" + sa.cast(units.c.id, sa.String)))
    new: dict[str, int] = {}
    for id_, name, kind, level in stored:
        unit = identify(name, kind, level)
        if unit.key not in new:
            new[unit.key] = connection.execute(units.insert().values(
                key=unit.key, name=name, level=unit.level, scope=unit.scope).returning(units.c.id)).scalar_one()
        connection.execute(documents.update().where(documents.c.id == id_)
                           .values(unit_id=new[unit.key], level=level or unit.level))
    connection.execute(units.delete().where(units.c.key.like("old:%")))


def downgrade() -> None:
    with op.batch_alter_table("units") as batch:
        batch.drop_column("scope")
