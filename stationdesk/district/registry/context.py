"""The transaction one op is applied in, with the writes a handler may make through it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from stationdesk.domain.ids import new_id
from stationdesk.sync.protocol import FieldConflictWire, Op

from ..models import ChangeLog, Conflict, DistrictStation, Record, UniqueKey
from .writes import PushBatch


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
        keep_version: bool = False,
    ) -> Record:
        """Store a new state of a record (version + 1) and its change-log row.

        ``keep_version``: an existing record keeps its version (a fill-in of data the station's
        row already had, which moves no version there either).
        """
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
            version = record.version if keep_version else record.version + 1
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
