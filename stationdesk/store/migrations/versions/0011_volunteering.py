"""双报到 and volunteer service: units, members, activities, sign-ins, corrections, wishes."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from stationdesk.store.migrations.columns import ref, serial_key, uuid_key

revision = "0011"
down_revision = "0010"

_INDEXES = (
    ("volunteer_member", "unit_id"),
    ("volunteer_member", "grid_id"),
    ("volunteer_member", "resident_id"),
    ("volunteer_activity", "grid_id"),
    ("volunteer_activity", "starts_at"),
    ("volunteer_signin", "activity_id"),
    ("volunteer_correction", "signin_id"),
    ("volunteer_wish", "resident_id"),
    ("volunteer_wish", "status"),
    ("volunteer_wish", "member_id"),
)

#: Covering indexes: a member's approved hours are read from them alone (benchmark P14).
_COVERING = (
    ("ix_volunteer_signin_member_hours", "volunteer_signin",
     ("member_id", "activity_id", "minutes", "id")),
    ("ix_volunteer_activity_record", "volunteer_activity",
     ("id", "approved_at", "starts_at", "kind")),
)


def upgrade() -> None:
    op.create_table(
        "volunteer_unit",
        uuid_key(),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("unit_type", sa.String(16), nullable=False),
        sa.Column("party_org", sa.String(100), nullable=True),
        sa.Column("contact_name", sa.String(40), nullable=True),
        sa.Column("contact_phone", sa.String(20), nullable=True),
        sa.Column("agreement_date", sa.Date(), nullable=True),
        sa.Column("agreement_until", sa.Date(), nullable=True),
        sa.Column("commitments", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "volunteer_member",
        uuid_key(),
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("id_number", sa.String(32), nullable=False, unique=True),
        sa.Column("phone", sa.String(20), nullable=True),
        ref("unit_id", "volunteer_unit", nullable=True),
        sa.Column("branch", sa.String(100), nullable=True),
        sa.Column("report_date", sa.Date(), nullable=False),
        ref("grid_id", "grid", nullable=True),
        sa.Column("skills", sa.JSON(), nullable=False),
        sa.Column("emergency_team", sa.Boolean(), nullable=False),
        ref("resident_id", "resident", nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "volunteer_activity",
        uuid_key(),
        sa.Column("title", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("place", sa.String(100), nullable=True),
        ref("grid_id", "grid", nullable=True),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("organiser", sa.String(100), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        ref("created_by", "worker", nullable=False),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        ref("approved_by", "worker", nullable=True),
    )
    op.create_table(
        "volunteer_signin",
        serial_key(),
        ref("activity_id", "volunteer_activity", nullable=False),
        ref("member_id", "volunteer_member", nullable=False),
        sa.Column("signed_in_at", sa.DateTime(), nullable=False),
        sa.Column("signed_out_at", sa.DateTime(), nullable=True),
        sa.Column("minutes", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(16), nullable=False),
        ref("recorded_by", "worker", nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("activity_id", "member_id", name="uq_volunteer_signin_activity_member"),
    )
    op.create_table(
        "volunteer_correction",
        serial_key(),
        sa.Column("signin_id", sa.Integer(), sa.ForeignKey("volunteer_signin.id"), nullable=False),
        sa.Column("signed_in_at", sa.DateTime(), nullable=False),
        sa.Column("signed_out_at", sa.DateTime(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(200), nullable=False),
        ref("actor_id", "worker", nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "volunteer_wish",
        uuid_key(),
        ref("resident_id", "resident", nullable=False),
        sa.Column("text", sa.String(200), nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        ref("created_by", "worker", nullable=False),
        ref("member_id", "volunteer_member", nullable=True),
        sa.Column("claimed_at", sa.DateTime(), nullable=True),
        sa.Column("fulfilled_at", sa.DateTime(), nullable=True),
        sa.Column("fulfil_note", sa.Text(), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.Column("grade", sa.String(8), nullable=True),
    )
    for table, column in _INDEXES:
        op.create_index(f"ix_{table}_{column}", table, [column])
    for name, table, columns in _COVERING:
        op.create_index(name, table, list(columns))


def downgrade() -> None:
    for name, table, _columns in reversed(_COVERING):
        op.drop_index(name, table_name=table)
    for table, column in reversed(_INDEXES):
        op.drop_index(f"ix_{table}_{column}", table_name=table)
    for table in (
        "volunteer_wish",
        "volunteer_correction",
        "volunteer_signin",
        "volunteer_activity",
        "volunteer_member",
        "volunteer_unit",
    ):
        op.drop_table(table)
