"""Sync bookkeeping: state and cursor, push sequence, conflicts, history, reference data."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from stationdesk.store.migrations.columns import serial_key, uuid_key

revision = "0006"
down_revision = "0004"


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("cursor", sa.String(64), nullable=True),
        sa.Column("snapshot_cursor", sa.String(64), nullable=True),
        sa.Column("snapshot_after", sa.String(200), nullable=True),
        sa.Column("needs_snapshot", sa.Boolean(), nullable=False),
        sa.Column("next_push_seq", sa.Integer(), nullable=False),
        sa.Column("last_acked_seq", sa.Integer(), nullable=False),
        sa.Column("counters", sa.JSON(), nullable=False),
        sa.Column("server_station_code", sa.String(16), nullable=True),
        sa.Column("clock_offset_s", sa.Integer(), nullable=True),
        sa.Column("last_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("last_success_at", sa.DateTime(), nullable=True),
        sa.Column("last_outcome", sa.String(16), nullable=True),
        sa.Column("last_message", sa.Text(), nullable=True),
        sa.Column("upgrade_required", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "sync_push_seq",
        sa.Column("outbox_seq", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("op_id", sa.String(36), nullable=False, unique=True),
        sa.Column("push_seq", sa.Integer(), nullable=False, unique=True),
    )
    op.create_table(
        "sync_conflict",
        uuid_key(),
        sa.Column("server_conflict_id", sa.String(36), nullable=True, unique=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("entity_id", sa.String(64), nullable=False),
        sa.Column("field", sa.String(64), nullable=True),
        sa.Column("base_version", sa.Integer(), nullable=True),
        sa.Column("local_value", sa.JSON(), nullable=True),
        sa.Column("server_value", sa.JSON(), nullable=True),
        sa.Column("applied_value", sa.JSON(), nullable=True),
        sa.Column("identity", sa.Boolean(), nullable=False),
        sa.Column("op_id", sa.String(36), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(64), nullable=True),
        sa.Column("resolution", sa.String(32), nullable=True),
    )
    op.create_index("ix_sync_conflict_entity_id", "sync_conflict", ["entity_id"])
    op.create_table(
        "sync_run",
        serial_key(),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("trigger", sa.String(16), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("pushed", sa.Integer(), nullable=False),
        sa.Column("pulled", sa.Integer(), nullable=False),
        sa.Column("conflicts", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column("round_trips", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
    )
    op.create_table(
        "sync_reference",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sync_reference")
    op.drop_table("sync_run")
    op.drop_index("ix_sync_conflict_entity_id", "sync_conflict")
    op.drop_table("sync_conflict")
    op.drop_table("sync_push_seq")
    op.drop_table("sync_state")
