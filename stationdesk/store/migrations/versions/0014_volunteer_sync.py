"""双报到 data is synced: units, members, activities and wishes get a version (existing rows are
at 1), members or units the district merged into another record are kept as retired ids, and
every row already held is queued for the district as its create op."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from stationdesk.store.migrations.queued_ops import queue, rows_json

revision = "0014"
down_revision = "0011"

TABLES = ("volunteer_unit", "volunteer_member", "volunteer_activity", "volunteer_wish")
ENTITIES = TABLES


def _payloads(conn: sa.Connection) -> list[tuple[str, str, dict[str, Any]]]:
    """The create op of each row, as services.volunteering.synced makes it (units first, then
    members, activities with their sign-ins and corrections, wishes)."""
    code = conn.scalar(sa.text("SELECT code FROM station")) or ""
    out: list[tuple[str, str, dict[str, Any]]] = []
    for unit in rows_json(conn, "volunteer_unit", skip=("version", "created_at")):
        out.append(("volunteer_unit", unit.pop("id"), unit))
    for m in rows_json(conn, "volunteer_member"):
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
    signins = rows_json(conn, "volunteer_signin")
    corrections = rows_json(conn, "volunteer_correction", skip=("id",))
    for a in rows_json(conn, "volunteer_activity", skip=("version",)):
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
    for w in rows_json(conn, "volunteer_wish", skip=("version",)):
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
    queue(conn, "create", _payloads(conn))


def downgrade() -> None:
    names = ", ".join(f"'{e}'" for e in ENTITIES)
    op.execute(f"DELETE FROM outbox WHERE entity IN ({names})")
    op.drop_table("volunteer_retired")
    for table in reversed(TABLES):
        op.drop_column(table, "version")  # SQLite 3.35+ drops a column in place
