"""Station key history: every signing key a station has had and when it was in force.

The key each station has published so far (its ``station_key`` record) becomes its first
accepted key, in force from the station time of its first ``station_key`` op (else from when the
district stored it).
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

from stationdesk.district.migrations.columns import JSON_TYPE, utc_time

revision = "d0003"
down_revision = "d0002"


def upgrade() -> None:
    op.create_table(
        "station_key_history",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("station_id", sa.String(length=36), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("basis", sa.String(length=16), nullable=False),
        utc_time("valid_from", nullable=False),
        utc_time("valid_to", nullable=True),
        sa.Column("previous_key", sa.String(length=64), nullable=True),
        sa.Column("signature", sa.String(length=128), nullable=True),
        sa.Column("op_id", sa.String(length=36), nullable=True),
        utc_time("created_at", nullable=False),
        utc_time("decided_at", nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("station_id", "public_key", name="uq_station_key_history_key"),
    )
    op.create_index(
        op.f("ix_station_key_history_station_id"),
        "station_key_history",
        ["station_id"],
        unique=False,
    )
    _backfill()


def _backfill() -> None:
    """Each station's published key becomes its first accepted key."""
    record = sa.table(
        "record",
        sa.column("entity", sa.String),
        sa.column("entity_id", sa.String),
        sa.column("data", JSON_TYPE),
        sa.column("deleted", sa.Boolean),
        sa.column("owner_station_id", sa.String),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    station = sa.table("district_station", sa.column("id", sa.String), sa.column("code", sa.String))
    applied = sa.table(
        "applied_op",
        sa.column("station_id", sa.String),
        sa.column("entity", sa.String),
        sa.column("entity_id", sa.String),
        sa.column("station_time", sa.DateTime(timezone=True)),
    )
    history = sa.table(
        "station_key_history",
        sa.column("id", sa.String),
        sa.column("station_id", sa.String),
        sa.column("public_key", sa.String),
        sa.column("status", sa.String),
        sa.column("basis", sa.String),
        sa.column("valid_from", sa.DateTime(timezone=True)),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    first_op = (
        sa.select(sa.func.min(applied.c.station_time))
        .where(
            applied.c.station_id == record.c.owner_station_id,
            applied.c.entity == "station_key",
            applied.c.entity_id == record.c.entity_id,
        )
        .scalar_subquery()
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(record.c.owner_station_id, record.c.data, record.c.updated_at, first_op)
        .join(station, station.c.id == record.c.owner_station_id)
        .where(
            record.c.entity == "station_key",
            record.c.deleted.is_(False),
            record.c.entity_id == station.c.code,
        )
    ).all()
    for station_id, data, updated_at, first_time in rows:
        key = data.get("public_key") if isinstance(data, dict) else None
        if not isinstance(key, str) or len(key) != 64:
            continue
        bind.execute(
            history.insert().values(
                id=str(uuid.uuid4()),
                station_id=station_id,
                public_key=key.lower(),
                status="accepted",
                basis="first",
                valid_from=first_time or updated_at,
                created_at=updated_at,
            )
        )


def downgrade() -> None:
    op.drop_index(op.f("ix_station_key_history_station_id"), table_name="station_key_history")
    op.drop_table("station_key_history")
