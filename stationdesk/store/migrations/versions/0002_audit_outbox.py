"""Hash-chained audit records and the sync outbox."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from stationdesk.store.migrations.columns import ref, serial_key

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.create_table(
        "audit_record",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("entity_id", sa.String(64), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_audit_record_action", "audit_record", ["action"])
    op.create_index("ix_audit_record_entity_id", "audit_record", ["entity_id"])
    op.create_table(
        "outbox",
        serial_key("seq"),
        sa.Column("op_id", sa.String(36), nullable=False, unique=True),
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("entity_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=True),
        ref("actor", "worker", nullable=True),
        sa.Column("station_time", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
    )
    op.create_index("ix_outbox_entity_id", "outbox", ["entity_id"])


def downgrade() -> None:
    op.drop_index("ix_outbox_entity_id", "outbox")
    op.drop_table("outbox")
    op.drop_index("ix_audit_record_entity_id", "audit_record")
    op.drop_index("ix_audit_record_action", "audit_record")
    op.drop_table("audit_record")
