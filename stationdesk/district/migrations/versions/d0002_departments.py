"""Departments that answer referred cases on the district platform."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from stationdesk.district.migrations.columns import utc_time

revision = "d0002"
down_revision = "d0001"


def upgrade() -> None:
    op.create_table(
        "district_department",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        utc_time("created_at", nullable=False),
        utc_time("last_seen_at", nullable=True),
        sa.PrimaryKeyConstraint("code"),
        sa.UniqueConstraint("token_hash"),
    )


def downgrade() -> None:
    op.drop_table("district_department")
