"""District schema: stations, applied ops, records, change log, conflicts."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from stationdesk.district.migrations.columns import BIG_ID, JSON_TYPE, utc_time

revision = "d0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "applied_op",
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("station_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("actor", sa.String(length=36), nullable=True),
        utc_time("station_time", nullable=False),
        utc_time("received_at", nullable=False),
        sa.Column("result", JSON_TYPE, nullable=False),
        sa.PrimaryKeyConstraint("op_id"),
        sa.UniqueConstraint("station_id", "seq", name="uq_applied_op_station_seq"),
    )
    op.create_index(op.f("ix_applied_op_station_id"), "applied_op", ["station_id"], unique=False)
    op.create_table(
        "change_log",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("txid", sa.BigInteger(), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("data", JSON_TYPE, nullable=True),
        sa.Column("scope_station_id", sa.String(length=36), nullable=True),
        sa.Column("origin_station_id", sa.String(length=36), nullable=True),
        sa.Column("origin_station_code", sa.String(length=16), nullable=True),
        sa.Column("op_id", sa.String(length=36), nullable=True),
        utc_time("created_at", nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_change_log_created_at"), "change_log", ["created_at"], unique=False)
    op.create_index("ix_change_log_position", "change_log", ["txid", "id"], unique=False)
    op.create_table(
        "conflict",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=True),
        sa.Column("local_value", JSON_TYPE, nullable=True),
        sa.Column("server_value", JSON_TYPE, nullable=True),
        sa.Column("applied_value", JSON_TYPE, nullable=True),
        sa.Column("identity", sa.Boolean(), nullable=False),
        sa.Column("station_id", sa.String(length=36), nullable=False),
        sa.Column("op_id", sa.String(length=36), nullable=False),
        utc_time("created_at", nullable=False),
        utc_time("resolved_at", nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_conflict_entity_id"), "conflict", ["entity_id"], unique=False)
    op.create_table(
        "district_meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", JSON_TYPE, nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "district_station",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("last_acked_seq", sa.BigInteger(), nullable=False),
        utc_time("created_at", nullable=False),
        utc_time("last_seen_at", nullable=True),
        sa.Column("last_protocol", sa.Integer(), nullable=True),
        sa.Column("last_schema", sa.String(length=40), nullable=True),
        sa.Column("last_clock_skew_s", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_table(
        "record",
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("data", JSON_TYPE, nullable=False),
        sa.Column("field_versions", JSON_TYPE, nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("flagged", sa.Boolean(), nullable=False),
        sa.Column("owner_station_id", sa.String(length=36), nullable=True),
        sa.Column("scope_station_id", sa.String(length=36), nullable=True),
        utc_time("updated_at", nullable=False),
        utc_time("deleted_at", nullable=True),
        sa.PrimaryKeyConstraint("entity", "entity_id"),
    )
    op.create_index(
        op.f("ix_record_owner_station_id"), "record", ["owner_station_id"], unique=False
    )
    op.create_index(
        op.f("ix_record_scope_station_id"), "record", ["scope_station_id"], unique=False
    )
    op.create_table(
        "station_counter",
        sa.Column("station_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("max_value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("station_id", "name"),
    )
    op.create_table(
        "unique_key",
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("key_name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.String(length=128), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("entity", "key_name", "value"),
    )


def downgrade() -> None:
    op.drop_table("unique_key")
    op.drop_table("station_counter")
    op.drop_index(op.f("ix_record_scope_station_id"), table_name="record")
    op.drop_index(op.f("ix_record_owner_station_id"), table_name="record")
    op.drop_table("record")
    op.drop_table("district_station")
    op.drop_table("district_meta")
    op.drop_index(op.f("ix_conflict_entity_id"), table_name="conflict")
    op.drop_table("conflict")
    op.drop_index("ix_change_log_position", table_name="change_log")
    op.drop_index(op.f("ix_change_log_created_at"), table_name="change_log")
    op.drop_table("change_log")
    op.drop_index(op.f("ix_applied_op_station_id"), table_name="applied_op")
    op.drop_table("applied_op")
