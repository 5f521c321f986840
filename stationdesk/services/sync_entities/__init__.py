"""Station-side entity handlers: how a pulled change of entity X is applied at the station.

A module in this package exposes ``HANDLER`` (a :class:`StationEntityHandler`) and is found
automatically; tests and plug-ins may also call :func:`register`. The sync service calls:

* ``apply_many(session, changes, pending)`` for each run of pulled changes (or snapshot
  records) of one entity, in order, with the station's unpushed outbox rows of those records
  (oldest first, by entity id); the default calls ``apply(session, change, pending)`` for each.
  With pending rows, nothing local may be overwritten: :class:`FieldRecordStationHandler` lays
  the pending values over the server state (``domain.merge.rebase_pending``) and lets the server
  merge when they arrive.
* ``acknowledged_many(session, states)`` once the server answered the last pending op of some
  records: each ``state`` is a record as the server holds it now, and the station stores exactly
  that (the default calls ``acknowledged(session, state)`` for each).
* ``finish_snapshot(session)`` in the transaction of a snapshot's last page. While snapshot
  pages are applied, ``session.info[SNAPSHOT_PAGE]`` is set, and a handler may leave derived
  local data to this call, which builds it for everything at once.
* ``prepare_catch_up(session)`` and ``catch_up(session, prepared)`` after every pull, until
  there is nothing left: derived local data too big for one transaction (the search index
  after a snapshot) is made in a read session, without the write lock, and stored a bounded
  piece a write transaction, so logins and the desk can write in between. Its progress is
  kept in the database, so work cut off by a crash goes on at the next sync.
* ``scope_rows(session)`` for the scope hash compared with the server's.
* ``set_field(uow, entity_id, field, value)`` when a head settles a field conflict.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from sqlalchemy.orm import Session

from stationdesk.domain.merge import FieldEdit, edits_from_payload, rebase_pending
from stationdesk.store.models import OutboxEntry
from stationdesk.sync.handlers import HandlerRegistry
from stationdesk.sync.protocol import Change

from ..errors import InputError
from ..uow import UnitOfWork

SNAPSHOT_PAGE = "stationdesk.sync.snapshot_page"
"""``Session.info`` key set while a snapshot page is applied."""

PendingOps = Mapping[str, Sequence[OutboxEntry]]
"""The station's unpushed outbox rows of some records, oldest first, by entity id."""


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

    def apply_many(self, session: Session, changes: Sequence[Change], pending: PendingOps) -> int:
        """Apply pulled changes of this entity in order; return how many changed something.

        ``pending`` holds the unpushed outbox rows by entity id. Override to work in bulk.
        """
        return sum(1 for c in changes if self.apply(session, c, pending.get(c.entity_id, ())))

    def acknowledged(self, session: Session, state: Change) -> None:
        """The server answered the last pending op of this record; ``state`` is its record."""
        return None

    def finish_snapshot(self, session: Session) -> None:
        """The last snapshot page is applied in this transaction: finish any deferred work.

        It must also finish work left by an earlier snapshot that was interrupted.
        """
        return None

    def prepare_catch_up(self, session: Session) -> Any:
        """Read (no write lock) what the next piece of deferred local work needs; None: none."""
        return None

    def catch_up(self, session: Session, prepared: Any) -> bool:
        """Write one prepared piece of deferred local work; return whether more remains."""
        return False

    def acknowledged_many(self, session: Session, states: Sequence[Change]) -> Iterable[str]:
        """``acknowledged`` for several records (one state each).

        Returns the ids of the records now stored exactly as their state (the default knows of
        none): sync skips pulling those states again in the same run.
        """
        for state in states:
            self.acknowledged(session, state)
        return ()

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
    """Records made of named fields, stored in a station table the subclass reads and writes.

    Subclasses implement ``load`` and ``store``; ``load_many`` and ``store_many`` (one query for
    many records) make pulls and acknowledgements of many records fast.
    """

    @abstractmethod
    def load(self, session: Session, entity_id: str) -> LocalRecord | None:
        """The local record, or None."""

    @abstractmethod
    def store(self, session: Session, entity_id: str, record: LocalRecord, *, exists: bool) -> None:
        """Write the record's synced fields, version and deleted flag (create when missing)."""

    def load_many(self, session: Session, entity_ids: Sequence[str]) -> dict[str, LocalRecord]:
        """The local records of these ids that exist (override to load them in one query)."""
        found: dict[str, LocalRecord] = {}
        for entity_id in entity_ids:
            local = self.load(session, entity_id)
            if local is not None:
                found[entity_id] = local
        return found

    def store_many(self, session: Session, items: Sequence[tuple[str, LocalRecord, bool]]) -> None:
        """``store`` for several distinct records: (id, record, exists) each, in this order."""
        for entity_id, record, exists in items:
            self.store(session, entity_id, record, exists=exists)

    @staticmethod
    def merged(
        local: LocalRecord | None, change: Change, pending: Sequence[OutboxEntry]
    ) -> LocalRecord | None:
        """The record to store for a pulled change, or None when nothing is to be written."""
        server_data = dict(change.data or {})
        deleted = change.kind == "delete"
        if pending:
            if deleted:
                # keep the local record; the server turns the pending edit into a conflict record
                return None
            record = LocalRecord(
                change.version, False, rebase_pending(server_data, pending_edits(pending))
            )
        else:
            if local is not None and change.version < local.version:
                return None  # we already hold a newer state (snapshot, out-of-order commits)
            record = LocalRecord(change.version, deleted, server_data)
        return None if local == record else record

    def apply(self, session: Session, change: Change, pending: Sequence[OutboxEntry]) -> bool:
        local = self.load(session, change.entity_id)
        record = self.merged(local, change, pending)
        if record is None:
            return False
        self.store(session, change.entity_id, record, exists=local is not None)
        return True

    def apply_many(self, session: Session, changes: Sequence[Change], pending: PendingOps) -> int:
        held = self.load_many(session, list(dict.fromkeys(c.entity_id for c in changes)))
        exists = set(held)
        writes: dict[str, LocalRecord] = {}
        applied = 0
        for change in changes:
            record = self.merged(
                held.get(change.entity_id), change, pending.get(change.entity_id, ())
            )
            if record is None:
                continue
            if change.entity_id in writes:
                # a second state of one record in the page: write in order, as one by one would
                self._write(session, writes, exists)
            writes[change.entity_id] = record
            held[change.entity_id] = record
            applied += 1
        self._write(session, writes, exists)
        return applied

    def _write(self, session: Session, writes: dict[str, LocalRecord], exists: set[str]) -> None:
        if writes:
            self.store_many(session, [(i, r, i in exists) for i, r in writes.items()])
            exists.update(writes)
            writes.clear()

    def acknowledged(self, session: Session, state: Change) -> None:
        self.acknowledged_many(session, [state])

    def acknowledged_many(self, session: Session, states: Sequence[Change]) -> Iterable[str]:
        held = self.load_many(session, [s.entity_id for s in states])
        items: list[tuple[str, LocalRecord, bool]] = []
        for state in states:
            record = LocalRecord(state.version, state.kind == "delete", dict(state.data or {}))
            if held.get(state.entity_id) != record:
                items.append((state.entity_id, record, state.entity_id in held))
        self.store_many(session, items)
        return [s.entity_id for s in states]


_REGISTRY = HandlerRegistry[StationEntityHandler](__name__, StationEntityHandler)
register = _REGISTRY.register
unregister = _REGISTRY.unregister
handlers = _REGISTRY.handlers
