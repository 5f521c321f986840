"""Residents, households, buildings, grids, visits, field edits and the search index."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from stationdesk.store.migrations.columns import edited, ref, serial_key, uuid_key

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.create_table(
        "grid",
        uuid_key(),
        sa.Column("code", sa.String(32), nullable=False, unique=True),
        sa.Column("name", sa.String(64), nullable=False),
    )
    op.create_table(
        "building",
        uuid_key(),
        sa.Column("name", sa.String(32), nullable=False, unique=True),
        ref("grid_id", "grid", nullable=True),
    )
    op.create_table(
        "household",
        uuid_key(),
        ref("building_id", "building", nullable=False),
        sa.Column("unit", sa.String(8), nullable=True),
        sa.Column("room", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_household_building_id", "household", ["building_id"])
    op.create_table(
        "resident",
        serial_key("seq"),
        sa.Column("id", sa.String(36), nullable=False, unique=True),
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("id_type", sa.String(24), nullable=False),
        sa.Column("id_number", sa.String(32), nullable=True, unique=True),
        sa.Column("sex", sa.String(1), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("ethnicity", sa.String(16), nullable=True),
        sa.Column("phones", sa.JSON(), nullable=False),
        ref("building_id", "building", nullable=True),
        sa.Column("unit", sa.String(8), nullable=True),
        sa.Column("room", sa.String(16), nullable=True),
        ref("household_id", "household", nullable=True),
        sa.Column("relation", sa.String(8), nullable=True),
        ref("grid_id", "grid", nullable=True),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("sensitive_tags", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        *edited(),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_resident_household_id", "resident", ["household_id"])
    op.create_index("ix_resident_grid_id", "resident", ["grid_id"])
    op.create_table(
        "search_term",
        sa.Column("term", sa.String(64), nullable=False),
        sa.Column("resident_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("term", "resident_seq"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_search_term_resident", "search_term", ["resident_seq"])
    op.create_table(
        "visit",
        uuid_key(),
        ref("resident_id", "resident", nullable=False),
        sa.Column("purpose", sa.String(200), nullable=False),
        ref("worker_id", "worker", nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_visit_resident_id", "visit", ["resident_id"])
    op.create_table(
        "resident_change",
        serial_key(),
        ref("resident_id", "resident", nullable=False),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("old", sa.JSON(), nullable=True),
        sa.Column("new", sa.JSON(), nullable=True),
        ref("worker_id", "worker", nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_index("ix_resident_change_resident_id", "resident_change", ["resident_id"])


def downgrade() -> None:
    for index, table in (
        ("ix_resident_change_resident_id", "resident_change"),
        ("ix_visit_resident_id", "visit"),
        ("ix_search_term_resident", "search_term"),
        ("ix_resident_grid_id", "resident"),
        ("ix_resident_household_id", "resident"),
        ("ix_household_building_id", "household"),
    ):
        op.drop_index(index, table)
    for table in ("resident_change", "visit", "search_term", "resident", "household", "building",
                  "grid"):
        op.drop_table(table)
