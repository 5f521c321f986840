"""双报到 data is synced: units, members, activities and wishes get a version (existing rows are
at 1), and members or units merged into another record at the district are kept as retired ids."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0011"

TABLES = ("volunteer_unit", "volunteer_member", "volunteer_activity", "volunteer_wish")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    op.create_table(
        "volunteer_retired",
        sa.Column("entity", sa.String(32), primary_key=True),
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("merged_into", sa.String(36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("volunteer_retired")
    for table in reversed(TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
