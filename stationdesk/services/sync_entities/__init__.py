"""Station-side entity handlers: how a pulled change of entity X is applied at the station.

A module in this package exposes ``HANDLER`` (a :class:`StationEntityHandler`) and is found
automatically; tests and plug-ins may also call :func:`register`. The sync service calls:

* ``apply(session, change, pending)`` for every pulled change or snapshot record, with the
  station's unpushed outbox rows of that record (oldest first). With pending rows, nothing
  local may be overwritten: :class:`FieldRecordStationHandler` lays the pending values over the
  server state (``domain.merge.rebase_pending``) and lets the server merge when they arrive.
* ``acknowledged(session, state)`` once the server answered the last pending op of a record:
  ``state`` is the record as the server holds it now, and the station stores exactly that.
* ``scope_rows(session)`` for the scope hash compared with the server's.
* ``set_field(uow, entity_id, field, value)`` when a head settles a field conflict.
"""

from __future__ import annotations

import importlib
import pkgutil
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from sqlalchemy.orm import Session

from stationdesk.domain.merge import FieldEdit, edits_from_payload, rebase_pending
from stationdesk.store.models import OutboxEntry
from stationdesk.sync.protocol import Change

from ..errors import InputError
from ..uow import UnitOfWork


@dataclass(frozen=True)
class LocalRecord:
    """A record's synced state at the station: version, deleted flag and synced fields."""

    version: int
    deleted: bool
    data: dict[str, Any]


class StationEntityHandler(ABC):
    """How the station applies pulled changes of one entity and reports its scope."""

    entity: ClassVar[str]

    @abstractmethod
    def apply(self, session: Session, change: Change, pending: Sequence[OutboxEntry]) -> bool:
        """Apply a pulled change (merging with ``pending``); return whether anything changed."""

    def acknowledged(self, session: Session, state: Change) -> None:
        """The server answered the last pending op of this record; ``state`` is its record."""
        return None

    @abstractmethod
    def scope_rows(self, session: Session) -> Iterable[tuple[str, int, bool, Any]]:
        """Every record of this entity in the station's scope: (id, version, deleted, data)."""

    def set_field(self, uow: UnitOfWork, entity_id: str, field: str, value: Any) -> None:
        """Change one field as a head's conflict resolution (with its outbox op)."""
        raise InputError(
            f"{self.entity} records cannot be changed from the conflict list",
            "此类记录不能在冲突列表中修改。",
        )


def pending_edits(pending: Sequence[OutboxEntry]) -> list[dict[str, FieldEdit]]:
    """The field values of unpushed ops, oldest first (creates count as setting every field)."""
    out: list[dict[str, FieldEdit]] = []
    for row in pending:
        if row.kind == "update":
            try:
                out.append(edits_from_payload(row.payload))
            except ValueError:
                continue
        elif row.kind == "create":
            out.append({k: FieldEdit(None, v) for k, v in row.payload.items()})
    return out


class FieldRecordStationHandler(StationEntityHandler):
    """Records made of named fields, stored in a station table the subclass reads and writes."""

    @abstractmethod
    def load(self, session: Session, entity_id: str) -> LocalRecord | None:
        """The local record, or None."""

    @abstractmethod
    def store(self, session: Session, entity_id: str, record: LocalRecord, *, exists: bool) -> None:
        """Write the record's synced fields, version and deleted flag (create when missing)."""

    def apply(self, session: Session, change: Change, pending: Sequence[OutboxEntry]) -> bool:
        local = self.load(session, change.entity_id)
        server_data = dict(change.data or {})
        deleted = change.kind == "delete"
        if pending:
            if deleted:
                # keep the local record; the server turns the pending edit into a conflict record
                return False
            merged = rebase_pending(server_data, pending_edits(pending))
            record = LocalRecord(change.version, False, merged)
        else:
            if local is not None and change.version < local.version:
                return False  # we already hold a newer state (snapshot, out-of-order commits)
            record = LocalRecord(change.version, deleted, server_data)
        if local == record:
            return False
        self.store(session, change.entity_id, record, exists=local is not None)
        return True

    def acknowledged(self, session: Session, state: Change) -> None:
        local = self.load(session, state.entity_id)
        record = LocalRecord(state.version, state.kind == "delete", dict(state.data or {}))
        if local != record:
            self.store(session, state.entity_id, record, exists=local is not None)


_HANDLERS: dict[str, StationEntityHandler] = {}
_loaded = False


def register(handler: StationEntityHandler) -> StationEntityHandler:
    """Add (or replace) the station handler of an entity."""
    _HANDLERS[handler.entity] = handler
    return handler


def unregister(entity: str) -> None:
    """Remove a handler (tests)."""
    _HANDLERS.pop(entity, None)


def handlers() -> dict[str, StationEntityHandler]:
    """Every handler by entity, loading this package's modules the first time."""
    global _loaded
    if not _loaded:
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
            module = importlib.import_module(f"{__name__}.{info.name}")
            handler = getattr(module, "HANDLER", None)
            if isinstance(handler, StationEntityHandler):
                _HANDLERS.setdefault(handler.entity, handler)
        _loaded = True
    return _HANDLERS
