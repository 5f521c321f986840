"""双报到 data is synced: units, members, activities and wishes get a version (existing rows are
at 1), members or units the district merged into another record are kept as retired ids, and
every row already held is queued for the district as its create op."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

from stationdesk.domain.ids import new_id

revision = "0014"
down_revision = "0011"

TABLES = ("volunteer_unit", "volunteer_member", "volunteer_activity", "volunteer_wish")
ENTITIES = TABLES

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


def _json(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _rows(conn: sa.Connection, table: str, *skip: str) -> list[dict[str, Any]]:
    """Every row of a table as JSON-ready values (times in UTC), in id order, less ``skip``."""
    reflected = sa.Table(table, sa.MetaData(), autoload_with=conn)
    rows = conn.execute(sa.select(reflected).order_by(reflected.c.id)).mappings().all()
    return [{k: _json(v) for k, v in row.items() if k not in skip} for row in rows]


def _payloads(conn: sa.Connection) -> list[tuple[str, str, dict[str, Any]]]:
    """The create op of each row, as services.volunteering.synced makes it (units first, then
    members, activities with their sign-ins and corrections, wishes)."""
    code = conn.scalar(sa.text("SELECT code FROM station")) or ""
    out: list[tuple[str, str, dict[str, Any]]] = []
    for unit in _rows(conn, "volunteer_unit", "version", "created_at"):
        out.append(("volunteer_unit", unit.pop("id"), unit))
    for m in _rows(conn, "volunteer_member"):
        report = {
            "station": code,
            "member_id": m["id"],
            "report_date": m["report_date"],
            "grid_id": m["grid_id"],
        }
        fields = ("name", "id_number", "phone", "branch", "skills", "emergency_team")
        payload = {k: m[k] for k in fields}
        payload |= {"skills": list(m["skills"] or []), "emergency_team": bool(m["emergency_team"])}
        payload |= {"unit_id": m["unit_id"], "resident_id": m["resident_id"], "reports": [report]}
        out.append(("volunteer_member", m["id"], payload))
    signins = _rows(conn, "volunteer_signin")
    corrections = _rows(conn, "volunteer_correction", "id")
    for a in _rows(conn, "volunteer_activity", "version"):
        activity_id = a.pop("id")
        own = [s for s in signins if s["activity_id"] == activity_id]
        member_of = {s["id"]: s["member_id"] for s in own}
        a["signins"] = [{k: v for k, v in s.items() if k not in ("id", "activity_id")} for s in own]
        a["corrections"] = [
            {**{k: v for k, v in c.items() if k != "signin_id"}, "member_id": member_of[sid]}
            for c in corrections
            if (sid := c["signin_id"]) in member_of
        ]
        out.append(("volunteer_activity", activity_id, a))
    for w in _rows(conn, "volunteer_wish", "version"):
        out.append(("volunteer_wish", w.pop("id"), w))
    return out


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    op.create_table(
        "volunteer_retired",
        sa.Column("entity", sa.String(32), primary_key=True),
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("merged_into", sa.String(36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
    )
    conn = op.get_bind()
    queued = _payloads(conn)
    if queued:
        now = datetime.now(UTC).replace(tzinfo=None)
        conn.execute(
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
                for entity, entity_id, payload in queued
            ],
        )


def downgrade() -> None:
    names = ", ".join(f"'{e}'" for e in ENTITIES)
    op.execute(f"DELETE FROM outbox WHERE entity IN ({names})")
    op.drop_table("volunteer_retired")
    for table in reversed(TABLES):
        op.drop_column(table, "version")  # SQLite 3.35+ drops a column in place
