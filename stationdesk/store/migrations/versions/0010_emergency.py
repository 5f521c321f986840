"""Emergency mode (平急转换): responders, events, each event's frozen list, and check-offs."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from stationdesk.store.migrations.columns import ref, serial_key, uuid_key

revision = "0010"
down_revision = "0009"


def upgrade() -> None:
    op.create_table(
        "emergency_responder",
        uuid_key(),
        ref("worker_id", "worker", nullable=True),
        sa.Column("name", sa.String(50), nullable=False),
        ref("grid_id", "grid", nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_emergency_responder_worker_id", "emergency_responder", ["worker_id"])
    op.create_index("ix_emergency_responder_grid_id", "emergency_responder", ["grid_id"])

    op.create_table(
        "emergency_event",
        uuid_key(),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("grids", sa.JSON(), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        ref("started_by", "worker", nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        ref("closed_by", "worker", nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
    )
    op.create_index("ix_emergency_event_started_at", "emergency_event", ["started_at"])

    op.create_table(
        "emergency_entry",
        serial_key(),
        ref("event_id", "emergency_event", nullable=False),
        ref("resident_id", "resident", nullable=False),
        ref("grid_id", "grid", nullable=True),
        ref("building_id", "building", nullable=True),
        ref("responder_id", "emergency_responder", nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("added", sa.Boolean(), nullable=False),
        sa.Column("checked_at", sa.DateTime(), nullable=True),
        sa.Column("unreachable_since", sa.DateTime(), nullable=True),
        sa.Column("case_id", sa.String(36), nullable=True),
        sa.UniqueConstraint("event_id", "resident_id", name="uq_emergency_entry_event_resident"),
    )
    op.create_index("ix_emergency_entry_event_id", "emergency_entry", ["event_id"])
    op.create_index("ix_emergency_entry_resident_id", "emergency_entry", ["resident_id"])

    op.create_table(
        "emergency_check",
        serial_key(),
        sa.Column("entry_id", sa.Integer(), sa.ForeignKey("emergency_entry.id"), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        ref("actor_id", "worker", nullable=False),
        ref("responder_id", "emergency_responder", nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
    )
    op.create_index("ix_emergency_check_entry_id", "emergency_check", ["entry_id"])


def downgrade() -> None:
    op.drop_index("ix_emergency_check_entry_id", table_name="emergency_check")
    op.drop_table("emergency_check")
    op.drop_index("ix_emergency_entry_resident_id", table_name="emergency_entry")
    op.drop_index("ix_emergency_entry_event_id", table_name="emergency_entry")
    op.drop_table("emergency_entry")
    op.drop_index("ix_emergency_event_started_at", table_name="emergency_event")
    op.drop_table("emergency_event")
    op.drop_index("ix_emergency_responder_grid_id", table_name="emergency_responder")
    op.drop_index("ix_emergency_responder_worker_id", table_name="emergency_responder")
    op.drop_table("emergency_responder")
