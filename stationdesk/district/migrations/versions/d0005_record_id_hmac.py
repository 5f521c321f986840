"""Records keep the keyed HMAC of a person's ID number (their personal fields are sealed)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "d0005"
down_revision = "d0004"


def upgrade() -> None:
    op.add_column("record", sa.Column("id_hmac", sa.String(length=64), nullable=True))
    op.create_index(op.f("ix_record_id_hmac"), "record", ["id_hmac"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_record_id_hmac"), table_name="record")
    op.drop_column("record", "id_hmac")
