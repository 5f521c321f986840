"""Grids, buildings and visits are synced: each row gets a version (existing rows are at 1)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"

TABLES = ("grid", "building", "visit")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(
            table, sa.Column("version", sa.Integer(), nullable=False, server_default="1")
        )


def downgrade() -> None:
    for table in TABLES:
        op.drop_column(table, "version")  # SQLite 3.35+ drops a column in place
