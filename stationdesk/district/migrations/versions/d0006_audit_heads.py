"""Each station's audit-chain heads as reported at its syncs (audit verify --against-district)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from stationdesk.district.migrations.columns import BIG_ID, utc_time

revision = "d0006"
down_revision = "d0005"


def upgrade() -> None:
    op.create_table(
        "station_audit_head",
        sa.Column("id", BIG_ID, autoincrement=True, primary_key=True),
        sa.Column("station_id", sa.String(length=36), nullable=False),
        sa.Column("installation", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        utc_time("seen_at", nullable=False),
        sa.UniqueConstraint(
            "station_id", "installation", "seq", "hash", name="uq_station_audit_head"
        ),
    )
    op.create_index(op.f("ix_station_audit_head_station_id"), "station_audit_head", ["station_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_station_audit_head_station_id"), table_name="station_audit_head")
    op.drop_table("station_audit_head")
