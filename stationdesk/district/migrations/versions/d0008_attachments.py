"""Attachment bytes by content: blobs, their sealed chunks and each station's claims on them."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from stationdesk.district.migrations.columns import utc_time

revision = "d0008"
down_revision = "d0006"  # re-point at d0007 when that revision reaches main


def upgrade() -> None:
    op.create_table(
        "attachment_blob",
        sa.Column("sha256", sa.String(length=64), primary_key=True),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("received", sa.BigInteger(), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        utc_time("created_at", nullable=False),
        utc_time("completed_at", nullable=True),
    )
    op.create_table(
        "attachment_chunk",
        sa.Column("sha256", sa.String(length=64), primary_key=True),
        sa.Column("offset", sa.BigInteger(), primary_key=True),
        sa.Column("data", sa.LargeBinary(), nullable=False),
    )
    op.create_table(
        "attachment_ref",
        sa.Column("station_id", sa.String(length=36), primary_key=True),
        sa.Column("sha256", sa.String(length=64), primary_key=True),
        utc_time("created_at", nullable=False),
    )


def downgrade() -> None:
    op.drop_table("attachment_ref")
    op.drop_table("attachment_chunk")
    op.drop_table("attachment_blob")
