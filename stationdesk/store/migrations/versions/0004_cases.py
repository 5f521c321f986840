"""One-window cases: case files, case events, attachments and case reference data."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from stationdesk.store.migrations.columns import edited, ref, stored_file, uuid_key

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    op.create_table(
        "case_file",
        uuid_key(),
        sa.Column("seq", sa.Integer(), nullable=False, unique=True),
        sa.Column("number", sa.String(32), nullable=False, unique=True),
        sa.Column("type_code", sa.String(64), nullable=False),
        sa.Column("time_limit_days", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("summary", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("address", sa.String(200), nullable=True),
        sa.Column("grid", sa.String(32), nullable=True),
        sa.Column("resident_id", sa.String(36), nullable=True),
        sa.Column("reporter_name", sa.String(50), nullable=True),
        sa.Column("reporter_phone", sa.String(32), nullable=True),
        ref("owner_id", "worker", nullable=False),
        sa.Column("state", sa.String(24), nullable=False),
        sa.Column("paused_from", sa.String(24), nullable=True),
        sa.Column("paused_at", sa.DateTime(), nullable=True),
        sa.Column("paused_days", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("department", sa.String(64), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("rating", sa.String(24), nullable=True),
        sa.Column("rated_at", sa.DateTime(), nullable=True),
        *edited(),
    )
    for column in (
        "type_code",
        "grid",
        "resident_id",
        "owner_id",
        "state",
        "received_at",
        "due_date",
        "updated_at",
    ):
        op.create_index(f"ix_case_file_{column}", "case_file", [column])

    op.create_table(
        "case_event",
        uuid_key(),
        ref("case_id", "case_file", nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        ref("actor_id", "worker", nullable=True),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("from_state", sa.String(24), nullable=True),
        sa.Column("to_state", sa.String(24), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("department", sa.String(64), nullable=True),
        sa.Column("rating", sa.String(24), nullable=True),
        sa.Column("manual", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.UniqueConstraint("case_id", "seq", name="uq_case_event_case_seq"),
    )
    op.create_index("ix_case_event_case_id", "case_event", ["case_id"])

    op.create_table(
        "case_attachment",
        uuid_key(),
        ref("case_id", "case_file", nullable=False),
        *stored_file(data_nullable=False),
    )
    op.create_index("ix_case_attachment_case_id", "case_attachment", ["case_id"])

    op.create_table(
        "case_reference",
        sa.Column("kind", sa.String(32), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("case_reference")
    op.drop_index("ix_case_attachment_case_id", "case_attachment")
    op.drop_table("case_attachment")
    op.drop_index("ix_case_event_case_id", "case_event")
    op.drop_table("case_event")
    for column in (
        "updated_at",
        "due_date",
        "received_at",
        "state",
        "owner_id",
        "resident_id",
        "grid",
        "type_code",
    ):
        op.drop_index(f"ix_case_file_{column}", "case_file")
    op.drop_table("case_file")
