"""Station, settings and workers."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from stationdesk.store.migrations.columns import edited, uuid_key

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "station",
        uuid_key(),
        sa.Column("code", sa.String(16), nullable=False, unique=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.JSON(), nullable=False),
    )
    op.create_table(
        "worker",
        uuid_key(),
        sa.Column("username", sa.String(32), nullable=False, unique=True),
        sa.Column("display_name", sa.String(50), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        *edited(),
    )


def downgrade() -> None:
    op.drop_table("worker")
    op.drop_table("setting")
    op.drop_table("station")
