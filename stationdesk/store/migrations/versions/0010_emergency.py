"""Emergency mode (平急转换): responders, events, each event's frozen list, and check-offs."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"


def upgrade() -> None:
    op.create_table(
        "emergency_responder",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("worker_id", sa.String(36), sa.ForeignKey("worker.id"), nullable=True),
        sa.Column("name", sa.String(50), nullable=False),
        sa.Column("grid_id", sa.String(36), sa.ForeignKey("grid.id"), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_emergency_responder_worker_id", "emergency_responder", ["worker_id"])
    op.create_index("ix_emergency_responder_grid_id", "emergency_responder", ["grid_id"])

    op.create_table(
        "emergency_event",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("grids", sa.JSON(), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("started_by", sa.String(36), sa.ForeignKey("worker.id"), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("closed_by", sa.String(36), sa.ForeignKey("worker.id"), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
    )
    op.create_index("ix_emergency_event_started_at", "emergency_event", ["started_at"])

    op.create_table(
        "emergency_entry",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(36), sa.ForeignKey("emergency_event.id"), nullable=False),
        sa.Column("resident_id", sa.String(36), sa.ForeignKey("resident.id"), nullable=False),
        sa.Column("grid_id", sa.String(36), sa.ForeignKey("grid.id"), nullable=True),
        sa.Column("building_id", sa.String(36), sa.ForeignKey("building.id"), nullable=True),
        sa.Column(
            "responder_id",
            sa.String(36),
            sa.ForeignKey("emergency_responder.id"),
            nullable=True,
        ),
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
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("entry_id", sa.Integer(), sa.ForeignKey("emergency_entry.id"), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", sa.String(36), sa.ForeignKey("worker.id"), nullable=False),
        sa.Column(
            "responder_id",
            sa.String(36),
            sa.ForeignKey("emergency_responder.id"),
            nullable=True,
        ),
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
