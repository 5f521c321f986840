"""Outbox writes the station migrations share: rows held before a sync change, queued as ops;
frozen, since each past migration must keep queueing what it always queued."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

from stationdesk.domain.ids import new_id

OUTBOX = sa.table(
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
"""The outbox columns an op queued by a migration fills."""


def row_json(value: Any) -> Any:
    """A column value as ``services.row_json`` writes it (stored times are naive UTC)."""
    if isinstance(value, datetime):
        value = value.replace(tzinfo=UTC)
    return value.isoformat() if isinstance(value, date) else value


def rows_json(
    conn: sa.Connection, table: str, *, order_by: str = "id", skip: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """Every row of a table as JSON-ready values, ordered by ``order_by``, less ``skip``."""
    reflected = sa.Table(table, sa.MetaData(), autoload_with=conn)
    rows = conn.execute(sa.select(reflected).order_by(reflected.c[order_by])).mappings().all()
    return [{k: row_json(v) for k, v in row.items() if k not in skip} for row in rows]


def queue(conn: sa.Connection, kind: str, ops: Iterable[tuple[str, str, dict[str, Any]]]) -> int:
    """Queue an op of ``kind`` for each (entity, id, payload), with no actor and no base version,
    all at this moment; returns how many were queued."""
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = [
        {
            "op_id": new_id(),
            "entity": entity,
            "entity_id": entity_id,
            "kind": kind,
            "payload": payload,
            "base_version": None,
            "actor": None,
            "station_time": now,
        }
        for entity, entity_id, payload in ops
    ]
    if rows:
        conn.execute(sa.insert(OUTBOX), rows)
    return len(rows)
