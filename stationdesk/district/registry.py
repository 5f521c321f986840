"""The server's per-entity handlers: how an op of entity X is applied and who may see it.

A handler module lives in ``stationdesk/district/entities/`` and exposes ``HANDLER`` (an
:class:`EntityHandler`); every such module is found at start-up. The handler gets an
:class:`ApplyContext` that already did the generic work (authentication, per-station
serialisation, op_id idempotency, sequence checks) and offers the writes a handler needs:
``ctx.write`` (new record state + change-log row, same transaction), ``ctx.conflict``,
``ctx.claim_unique`` and ``ctx.counter``.

The writes of one push page are batched in a :class:`PushBatch`: new records, change-log rows
and unique-key claims are inserted in bulk (COPY on PostgreSQL) before the page commits, so a
handler reads records through ``ctx.get`` (which sees the page's own writes), never through a
query of its own.
"""

from __future__ import annotations

import importlib
import pkgutil
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar, Literal

from sqlalchemy import JSON, insert, select, tuple_
from sqlalchemy.orm import Session

from stationdesk.domain.ids import new_id
from stationdesk.domain.merge import (
    FieldConflict,
    edits_from_payload,
    merge_edit,
)
from stationdesk.sync.protocol import FieldConflictWire, Op, OpStatus

from .models import ChangeLog, Conflict, DistrictStation, Record, StationCounter, UniqueKey

Scope = Literal["owner", "district"]


@dataclass
class Outcome:
    """What applying one op came to."""

    status: OpStatus = "applied"
    version: int | None = None
    http_status: int = 200
    message: str | None = None
    conflicts: list[FieldConflictWire] = field(default_factory=list)

    @classmethod
    def reject(cls, http_status: int, message: str) -> Outcome:
        """An op refused as a whole (nothing written); the station shows it as an error."""
        return cls(status="rejected", http_status=http_status, message=message)


UniqueKeyId = tuple[str, str, str]
"""(entity, key name, value) of a district-wide unique value."""

RECORD_COLUMNS = tuple(c.key for c in Record.__table__.columns)


def bulk_insert(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    """Insert many rows of one shape in the session's transaction: COPY on PostgreSQL."""
    if not rows:
        return
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


@dataclass
class ApplyContext:
    """The transaction an op is applied in, with the writes a handler may make."""

    session: Session
    station: DistrictStation
    op: Op
    now: datetime
    txid: int
    records: dict[tuple[str, str], Record | None]
    counters: dict[str, int] = field(default_factory=dict)
    batch: PushBatch | None = None
    """A push page's bulk writes (set by the push); without one, writes go to the session."""

    def get(self, entity: str, entity_id: str) -> Record | None:
        """The current record (prefetched for the batch when possible)."""
        key = (entity, entity_id)
        if key not in self.records:
            self.records[key] = self.session.get(Record, key)
        return self.records[key]

    def write(
        self,
        entity: str,
        entity_id: str,
        *,
        data: dict[str, Any],
        field_versions: dict[str, Any] | None = None,
        changed_fields: Iterable[str] = (),
        deleted: bool = False,
        owner_station_id: str | None = None,
        scope_station_id: str | None = None,
        flagged: bool | None = None,
    ) -> Record:
        """Store a new state of a record (version + 1) and its change-log row."""
        record = self.get(entity, entity_id)
        data = dict(data)
        if record is None:
            version = 1
            versions = dict(field_versions or {})
            for name in changed_fields:
                versions[name] = version
            record = Record(
                entity=entity,
                entity_id=entity_id,
                version=version,
                data=data,
                field_versions=versions,
                deleted=deleted,
                flagged=bool(flagged),
                owner_station_id=owner_station_id,
                scope_station_id=scope_station_id,
                updated_at=self.now,
                deleted_at=self.now if deleted else None,
            )
            if self.batch is not None:
                self.batch.new_records[(entity, entity_id)] = record
            else:
                self.session.add(record)
            self.records[(entity, entity_id)] = record
        else:
            version = record.version + 1
            versions = dict(field_versions if field_versions is not None else record.field_versions)
            for name in changed_fields:
                versions[name] = version
            record.version = version
            record.data = data
            record.field_versions = versions
            record.updated_at = self.now
            if deleted and not record.deleted:
                record.deleted_at = self.now
            record.deleted = deleted
            if flagged is not None:
                record.flagged = flagged
            if owner_station_id is not None:
                record.owner_station_id = owner_station_id
            record.scope_station_id = scope_station_id
        change = {
            "txid": self.txid,
            "entity": entity,
            "entity_id": entity_id,
            "kind": "delete" if deleted else "upsert",
            "version": version,
            "data": dict(data),
            "scope_station_id": scope_station_id,
            "origin_station_id": self.station.id,
            "origin_station_code": self.station.code,
            "op_id": self.op.op_id,
            "created_at": self.now,
        }
        if self.batch is not None:
            self.batch.changes.append(change)
        else:
            self.session.add(ChangeLog(**change))
        return record

    def conflict(
        self,
        entity: str,
        entity_id: str,
        *,
        kind: str,
        field_name: str | None = None,
        base_version: int | None = None,
        local_value: Any = None,
        server_value: Any = None,
        applied_value: Any = None,
        identity: bool = False,
    ) -> FieldConflictWire:
        """Keep a conflict for review, and return its wire form for the op's result."""
        row = Conflict(
            id=new_id(),
            entity=entity,
            entity_id=entity_id,
            field=field_name,
            kind=kind,
            base_version=base_version,
            local_value=local_value,
            server_value=server_value,
            applied_value=applied_value,
            identity=identity,
            station_id=self.station.id,
            op_id=self.op.op_id,
            created_at=self.now,
        )
        self.session.add(row)
        return FieldConflictWire(
            conflict_id=row.id,
            entity=entity,
            entity_id=entity_id,
            field=field_name,
            kind=kind,  # type: ignore[arg-type]
            base_version=base_version,
            local_value=local_value,
            server_value=server_value,
            applied_value=applied_value,
            identity=identity,
        )

    def claim_unique(self, entity: str, key_name: str, value: str, entity_id: str) -> bool:
        """Reserve a district-wide unique value (e.g. a certificate number) for one record."""
        key = (entity, key_name, value)
        if self.batch is None:
            row = self.session.get(UniqueKey, key)
            if row is None:
                self.session.add(
                    UniqueKey(entity=entity, key_name=key_name, value=value, entity_id=entity_id)
                )
                self.session.flush()
                return True
            return row.entity_id == entity_id
        if key in self.batch.unique:
            holder = self.batch.unique[key]
        else:
            row = self.session.get(UniqueKey, key)
            holder = row.entity_id if row is not None else None
        if holder is None:
            self.batch.unique[key] = entity_id
            self.batch.new_unique.append(key)
            return True
        self.batch.unique[key] = holder
        return holder == entity_id

    def counter(self, name: str, value: int) -> None:
        """Note a station sequence value (the highest per name is returned by /hello)."""
        if value > self.counters.get(name, 0):
            self.counters[name] = value


class EntityHandler(ABC):
    """How the server applies ops of one entity and who may see its records."""

    entity: ClassVar[str]
    pushable: ClassVar[bool] = True
    """Whether stations may push ops of this entity (reference data is server-only)."""

    @abstractmethod
    def apply(self, ctx: ApplyContext) -> Outcome:
        """Apply ``ctx.op``; write through ``ctx``; never commit; return the outcome."""

    def unique_claims(self, op: Op) -> Iterable[UniqueKeyId]:
        """The unique values ``op`` will claim, so a push page looks them all up at once."""
        return ()

    def canonical(self, record: Record) -> dict[str, Any] | None:
        """The data a station must hold for this record (for the scope hash)."""
        return record.data


class FieldRecordHandler(EntityHandler):
    """Records made of named fields: create, field-level update with merge, delete.

    ``owned``: only the creating station may change the record (others get 403).
    ``scope``: ``"owner"`` (only the owner station pulls it) or ``"district"`` (every station).
    Kinds: ``create`` (payload = all fields), ``update`` (payload = ``{field: {old, new}}`` with
    ``base_version``), ``delete`` (soft; an edit arriving later makes a ``deleted`` conflict),
    ``merge`` (payload ``{"into": surviving_id}``: deleted with a pointer to the survivor).
    """

    owned: ClassVar[bool] = True
    scope: ClassVar[Scope] = "owner"
    identity_fields: ClassVar[tuple[str, ...]] = ()

    def validate(self, ctx: ApplyContext, data: dict[str, Any]) -> Outcome | None:
        """Refuse a record state (return an Outcome) or accept it (None)."""
        return None

    def _scope_for(self, owner: str | None) -> str | None:
        return owner if self.scope == "owner" else None

    def apply(self, ctx: ApplyContext) -> Outcome:
        op = ctx.op
        record = ctx.get(self.entity, op.entity_id)
        if (
            self.owned
            and record is not None
            and record.owner_station_id not in (None, ctx.station.id)
        ):
            return Outcome.reject(403, f"this {self.entity} belongs to another station")
        owner = record.owner_station_id if record is not None else ctx.station.id
        scope = self._scope_for(owner)
        if op.kind == "create":
            data = dict(op.payload)
            problem = self.validate(ctx, data)
            if problem is not None:
                return problem
            if record is not None and record.deleted:
                wire = ctx.conflict(
                    self.entity,
                    op.entity_id,
                    kind="deleted",
                    local_value=data,
                    server_value=None,
                )
                return Outcome(status="conflict", version=record.version, conflicts=[wire])
            base = dict(record.data) if record is not None else {}
            base.update(data)
            changed = [k for k in data if record is None or record.data.get(k) != data[k]]
            rec = ctx.write(
                self.entity,
                op.entity_id,
                data=base,
                changed_fields=changed,
                owner_station_id=owner,
                scope_station_id=scope,
            )
            return Outcome(version=rec.version)
        if op.kind == "update":
            if record is None:
                return Outcome.reject(404, f"no such {self.entity}")
            try:
                edits = edits_from_payload(op.payload)
            except ValueError as exc:
                return Outcome.reject(422, str(exc))
            if record.deleted:
                wire = ctx.conflict(
                    self.entity,
                    op.entity_id,
                    kind="deleted",
                    base_version=op.base_version,
                    local_value={k: e.new for k, e in edits.items()},
                    server_value=None,
                )
                return Outcome(status="conflict", version=record.version, conflicts=[wire])
            merged = merge_edit(
                base_version=op.base_version,
                edits=edits,
                current=record.data,
                field_versions=record.field_versions,
                identity_fields=self.identity_fields,
            )
            data = {**record.data, **merged.values}
            problem = self.validate(ctx, data)
            if problem is not None:
                return problem
            wires = [self._wire(ctx, op, c) for c in merged.conflicts]
            if not merged.changed:
                return Outcome(version=record.version, conflicts=wires)
            rec = ctx.write(
                self.entity,
                op.entity_id,
                data=data,
                changed_fields=merged.values,
                owner_station_id=owner,
                scope_station_id=scope,
                flagged=True if merged.flagged else None,
            )
            status: OpStatus = "conflict" if wires else "applied"
            return Outcome(status=status, version=rec.version, conflicts=wires)
        if op.kind in ("delete", "merge"):
            if record is None:
                return Outcome.reject(404, f"no such {self.entity}")
            if record.deleted:
                return Outcome(version=record.version)
            data = dict(record.data)
            if op.kind == "merge":
                into = op.payload.get("into")
                if not isinstance(into, str) or not into:
                    return Outcome.reject(422, "a merge names the surviving record in 'into'")
                data["merged_into"] = into
            rec = ctx.write(
                self.entity,
                op.entity_id,
                data=data,
                deleted=True,
                owner_station_id=owner,
                scope_station_id=scope,
            )
            return Outcome(version=rec.version)
        return Outcome.reject(422, f"unknown kind {op.kind!r} for {self.entity}")

    def _wire(self, ctx: ApplyContext, op: Op, c: FieldConflict) -> FieldConflictWire:
        return ctx.conflict(
            self.entity,
            op.entity_id,
            kind="field",
            field_name=c.field,
            base_version=c.base_version,
            local_value=c.local,
            server_value=c.server,
            applied_value=c.applied,
            identity=c.identity,
        )


_HANDLERS: dict[str, EntityHandler] = {}
_loaded = False


def register(handler: EntityHandler) -> EntityHandler:
    """Add (or replace) the handler of an entity."""
    _HANDLERS[handler.entity] = handler
    return handler


def handlers() -> dict[str, EntityHandler]:
    """Every registered handler by entity, loading ``district/entities/*`` the first time."""
    global _loaded
    if not _loaded:
        import stationdesk.district.entities as pkg

        for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
            module = importlib.import_module(f"{pkg.__name__}.{info.name}")
            handler = getattr(module, "HANDLER", None)
            if isinstance(handler, EntityHandler):
                _HANDLERS.setdefault(handler.entity, handler)
        _loaded = True
    return _HANDLERS


def handler_for(entity: str) -> EntityHandler | None:
    """The handler of an entity, or None when the server does not know it."""
    return handlers().get(entity)


def note_counters(session: Session, station_id: str, counters: dict[str, int]) -> None:
    """Raise the stored per-station maxima to the values seen in this batch."""
    for name, value in counters.items():
        row = session.get(StationCounter, (station_id, name))
        if row is None:
            session.add(StationCounter(station_id=station_id, name=name, max_value=value))
        elif value > row.max_value:
            row.max_value = value


def station_counters(session: Session, station_id: str) -> dict[str, int]:
    """The highest sequence per counter name seen from a station."""
    rows = session.scalars(select(StationCounter).where(StationCounter.station_id == station_id))
    return {r.name: int(r.max_value) for r in rows}
