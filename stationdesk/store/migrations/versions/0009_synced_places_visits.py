"""Grids, buildings and visits are synced: each row gets a version (existing rows are at 1),
and each row already held is queued for the district as its create op."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

from stationdesk.domain.ids import new_id

revision = "0009"
down_revision = "0008"

TABLES = ("grid", "building", "visit")

_OUTBOX = sa.table(
    "outbox",
    sa.column("op_id", sa.String),
    sa.column("entity", sa.String),
    sa.column("entity_id", sa.String),
    sa.column("kind", sa.String),
    sa.column("payload", sa.JSON),
    sa.column("base_version", sa.Integer),
    sa.column("actor", sa.String),
    sa.column("station_time", sa.DateTime),
)
_VISITS = sa.table(
    "visit",
    sa.column("id", sa.String),
    sa.column("resident_id", sa.String),
    sa.column("purpose", sa.String),
    sa.column("worker_id", sa.String),
    sa.column("at", sa.DateTime),
)


def _queued(rows: list[tuple[str, str, dict[str, Any]]]) -> None:
    if not rows:
        return
    now = datetime.now(UTC).replace(tzinfo=None)
    op.get_bind().execute(
        sa.insert(_OUTBOX),
        [
            {
                "op_id": new_id(),
                "entity": entity,
                "entity_id": entity_id,
                "kind": "create",
                "payload": payload,
                "base_version": None,
                "actor": None,
                "station_time": now,
            }
            for entity, entity_id, payload in rows
        ],
    )


def upgrade() -> None:
    for table in TABLES:
        op.add_column(
            table, sa.Column("version", sa.Integer(), nullable=False, server_default="1")
        )
    conn = op.get_bind()
    # the payloads are those services.residents.synced makes (grids before their buildings)
    grids = conn.execute(sa.text("SELECT id, code, name FROM grid ORDER BY code")).all()
    buildings = conn.execute(sa.text("SELECT id, name, grid_id FROM building ORDER BY name")).all()
    visits = conn.execute(sa.select(_VISITS).order_by(_VISITS.c.at, _VISITS.c.id)).all()
    _queued(
        [("grid", g.id, {"code": g.code, "name": g.name}) for g in grids]
        + [("building", b.id, {"name": b.name, "grid_id": b.grid_id}) for b in buildings]
        + [
            (
                "visit",
                v.id,
                {
                    "resident_id": v.resident_id,
                    "purpose": v.purpose,
                    "worker_id": v.worker_id,
                    "at": v.at.replace(tzinfo=UTC).isoformat(),
                },
            )
            for v in visits
        ]
    )


def downgrade() -> None:
    op.execute("DELETE FROM outbox WHERE entity IN ('grid', 'building', 'visit')")
    for table in TABLES:
        op.drop_column(table, "version")  # SQLite 3.35+ drops a column in place
