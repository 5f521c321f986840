"""Station key history: every signing key a station has had and when it was in force.

Each key already in ``station_key`` becomes a first key, in force since it was made.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"


def upgrade() -> None:
    op.create_table(
        "station_key_history",
        sa.Column("public_key", sa.String(64), primary_key=True),
        sa.Column("station_code", sa.String(16), nullable=False),
        sa.Column("own", sa.Boolean(), nullable=False),
        sa.Column("valid_from", sa.DateTime(), nullable=False),
        sa.Column("valid_to", sa.DateTime(), nullable=True),
        sa.Column("basis", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index(
        "ix_station_key_history_station_code", "station_key_history", ["station_code"]
    )
    op.execute(
        "INSERT INTO station_key_history "
        "(public_key, station_code, own, valid_from, valid_to, basis, created_at) "
        "SELECT public_key, station_code, own, created_at, NULL, 'first', created_at "
        "FROM station_key"
    )


def downgrade() -> None:
    op.drop_index("ix_station_key_history_station_code", table_name="station_key_history")
    op.drop_table("station_key_history")
