"""Bulk writes of a push page (COPY on PostgreSQL) and the records the district writes itself."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, insert, select, tuple_
from sqlalchemy.orm import Session

from ..crypto import seal_rows
from ..models import ChangeLog, Record, UniqueKey

UniqueKeyId = tuple[str, str, str]
"""(entity, key name, value) of a district-wide unique value."""

RECORD_COLUMNS = tuple(c.key for c in Record.__table__.columns)


def bulk_insert(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    """Insert many rows of one shape in the session's transaction: COPY on PostgreSQL.

    Rows of a table holding personal data are sealed on the way (see ``district/crypto``).
    """
    if not rows:
        return
    rows = seal_rows(session, table.name, rows)
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        session.execute(insert(table), rows)
        return
    from psycopg.types.json import Jsonb

    columns = list(rows[0])
    json_columns = {c for c in columns if isinstance(table.c[c].type, JSON)}
    raw = conn.connection.driver_connection
    assert raw is not None
    statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
    with raw.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(
                [
                    Jsonb(row[c]) if c in json_columns and row[c] is not None else row[c]
                    for c in columns
                ]
            )


def write_server_record(
    session: Session,
    *,
    txid: int,
    now: datetime,
    entity: str,
    entity_id: str,
    data: dict[str, Any],
    station_id: str | None = None,
) -> Record:
    """Store a state the district itself writes (not a station's op) and its change-log row.

    A new record gets version 1, owned by and in the scope of ``station_id`` (None: every
    station's); an existing one gets the next version with the new data.
    """
    record = session.get(Record, (entity, entity_id))
    if record is None:
        record = Record(
            entity=entity,
            entity_id=entity_id,
            version=1,
            data=data,
            field_versions={},
            deleted=False,
            flagged=False,
            owner_station_id=station_id,
            scope_station_id=station_id,
            updated_at=now,
        )
        session.add(record)
    else:
        record.version += 1
        record.data = data
        record.updated_at = now
    session.add(
        ChangeLog(
            txid=txid,
            entity=entity,
            entity_id=entity_id,
            kind="upsert",
            version=record.version,
            data=data,
            scope_station_id=record.scope_station_id,
            created_at=now,
        )
    )
    return record


@dataclass
class PushBatch:
    """The bulk writes of one push page, inserted together before it commits.

    New records are kept here (and in the context's ``records``) rather than in the session,
    then copied in with the page's change-log rows; a handler reads them through
    ``ctx.get``, not through queries of its own.
    """

    new_records: dict[tuple[str, str], Record] = field(default_factory=dict)
    changes: list[dict[str, Any]] = field(default_factory=list)
    unique: dict[UniqueKeyId, str | None] = field(default_factory=dict)
    """Unique values looked up in this page: their holder, or None when free."""
    new_unique: list[UniqueKeyId] = field(default_factory=list)
    pages: dict[str, Any] = field(default_factory=dict)
    """What a handler read for the whole page (``EntityHandler.prepare_page``), by entity."""

    def prefetch_unique(self, session: Session, keys: Iterable[UniqueKeyId]) -> None:
        """Load the holders of these unique values with one query per 500."""
        wanted = sorted(set(keys) - set(self.unique))
        self.unique.update(dict.fromkeys(wanted))
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            rows = session.execute(
                select(
                    UniqueKey.entity, UniqueKey.key_name, UniqueKey.value, UniqueKey.entity_id
                ).where(tuple_(UniqueKey.entity, UniqueKey.key_name, UniqueKey.value).in_(chunk))
            )
            for entity, key_name, value, entity_id in rows:
                self.unique[(entity, key_name, value)] = entity_id

    def flush(self, session: Session) -> None:
        """Write the page: records, change-log rows and unique values."""
        session.flush()
        bulk_insert(
            session,
            Record.__table__,
            [{c: getattr(r, c) for c in RECORD_COLUMNS} for r in self.new_records.values()],
        )
        self.new_records = {}
        bulk_insert(session, ChangeLog.__table__, self.changes)
        self.changes = []
        if self.new_unique:
            session.execute(
                insert(UniqueKey),
                [
                    {"entity": e, "key_name": k, "value": v, "entity_id": holder}
                    for (e, k, v) in self.new_unique
                    if (holder := self.unique[(e, k, v)]) is not None
                ],
            )
            self.new_unique = []
