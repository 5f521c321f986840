"""A resident's typed name reading, for names with characters pypinyin cannot read."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0005"


def upgrade() -> None:
    op.add_column("resident", sa.Column("name_pinyin", sa.String(80), nullable=True))


def downgrade() -> None:
    op.drop_column("resident", "name_pinyin")  # SQLite 3.35+ drops a column in place
