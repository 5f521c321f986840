"""Grids, buildings and visits are synced: each row gets a version (existing rows are at 1),
and each row already held is queued for the district as its create op."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from stationdesk.store.migrations.queued_ops import queue, row_json

revision = "0009"
down_revision = "0008"

TABLES = ("grid", "building", "visit")

_VISITS = sa.table(
    "visit",
    sa.column("id", sa.String),
    sa.column("resident_id", sa.String),
    sa.column("purpose", sa.String),
    sa.column("worker_id", sa.String),
    sa.column("at", sa.DateTime),
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
    queue(
        conn,
        "create",
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
                    "at": row_json(v.at),
                },
            )
            for v in visits
        ],
    )


def downgrade() -> None:
    op.execute("DELETE FROM outbox WHERE entity IN ('grid', 'building', 'visit')")
    for table in TABLES:
        op.drop_column(table, "version")  # SQLite 3.35+ drops a column in place
