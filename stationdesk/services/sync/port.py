"""The station side of the sync engine (:class:`StationSyncPort`): outbox, pulled changes, cursors.

Every step is one SQLite transaction, so a crash at any point leaves either the step done with
its bookkeeping, or neither. In particular a pulled page and the cursor after it are committed
together, and an outbox row is deleted only in the transaction that handles the server's
answer for it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

import stationdesk
from stationdesk.domain.ids import new_id
from stationdesk.store.models import OutboxEntry
from stationdesk.store.models_sync import SyncConflict, SyncPushSeq, SyncState
from stationdesk.sync import protocol as wire
from stationdesk.sync.engine import PullPosition, PushTally

from .. import sync_entities
from ..settings import station_info
from ..station import Station
from ..uow import UnitOfWork, audit_head
from .state import STATE_ID, outbox_count, sync_state

T = TypeVar("T")
WriteRunner = Callable[[Callable[[], T]], T]


def _direct(fn: Callable[[], T]) -> T:
    return fn()


class StationSyncPort:
    """The station side of the sync engine, over one station database."""

    def __init__(self, station: Station, write: WriteRunner[Any] | None = None) -> None:
        self.station = station
        self._write = write or _direct
        # records this run stored exactly as the server's state after a push answer, by
        # (entity, id) -> version: pulling that state (or an older one) again changes nothing
        self._held: dict[tuple[str, str], int] = {}

    def transaction(self, fn: Callable[[Session], T]) -> T:
        """Run ``fn`` in one write transaction, through the write runner the port was given."""

        def run() -> T:
            with self.station.db.write_session() as s:
                return fn(s)

        result: T = self._write(run)
        return result

    # hello
    def hello_request(self) -> wire.HelloRequest:
        return wire.HelloRequest(
            protocol_version=wire.PROTOCOL_VERSION,
            schema_revision=self.station.migration.to_revision,
            app_version=stationdesk.__version__,
            station_code=station_info(self.station).code,
            station_time=self.station.now(),
            audit_head=self.audit_head(),
        )

    def audit_head(self) -> wire.AuditHead | None:
        """The head of this installation's audit chain (none before the first record)."""
        with self.station.db.read_session() as s:
            seq, digest = audit_head(s)
        if not seq:
            return None
        return wire.AuditHead(installation=self.station.uid, seq=seq, hash=digest)

    def record_hello(self, hello: wire.HelloResponse) -> None:
        now = self.station.now()

        def run(s: Session) -> None:
            state = sync_state(s)
            state.server_station_code = hello.station_code
            state.clock_offset_s = int((hello.server_time - now).total_seconds())
            state.upgrade_required = False
            counters = dict(state.counters)
            for name, value in hello.max_sequences.items():
                counters[name] = max(int(counters.get(name, 0)), int(value))
            state.counters = counters
            # numbering resumes above whatever the district has seen from this station
            # (after a restore this also lifts the needs_sequence_floor block)
            from stationdesk.domain.numbering import NumberKind

            from ..certificates import raise_sequence_floor

            uow = UnitOfWork(session=s, actor=None, now=now)
            for kind in NumberKind:
                raise_sequence_floor(uow, kind, int(counters.get(kind.value, 0)))
            state.last_acked_seq = hello.last_acked_seq
            if state.next_push_seq <= hello.last_acked_seq:
                # restored from an older backup: never reuse a sequence number the server holds
                _renumber(s, state, hello.last_acked_seq + 1)

        self.transaction(run)

    # push
    def pending_count(self) -> int:
        with self.station.db.read_session() as s:
            return outbox_count(s)

    def next_batch(self, max_ops: int, max_bytes: int) -> list[wire.Op]:
        def run(s: Session) -> list[wire.Op]:
            state = sync_state(s)
            rows = s.execute(
                select(
                    OutboxEntry.seq,
                    OutboxEntry.op_id,
                    OutboxEntry.entity,
                    OutboxEntry.entity_id,
                    OutboxEntry.kind,
                    OutboxEntry.payload,
                    OutboxEntry.base_version,
                    OutboxEntry.actor,
                    OutboxEntry.station_time,
                )
                .order_by(OutboxEntry.seq)
                .limit(max_ops)
            ).all()
            if not rows:
                return []
            assigned = {
                outbox_seq: (op_id, push_seq)
                for outbox_seq, op_id, push_seq in s.execute(
                    select(SyncPushSeq.outbox_seq, SyncPushSeq.op_id, SyncPushSeq.push_seq).where(
                        SyncPushSeq.outbox_seq.between(rows[0].seq, rows[-1].seq)
                    )
                )
            }
            stale: list[int] = []
            new: list[dict[str, Any]] = []
            ops: list[wire.Op] = []
            size = 0
            for row in rows:
                size += len(json.dumps(row.payload, ensure_ascii=False, default=str)) + 300
                if ops and size > max_bytes:
                    break
                mapping = assigned.get(row.seq)
                if mapping is not None and mapping[0] == row.op_id:
                    push_seq = mapping[1]
                else:
                    if mapping is not None:
                        stale.append(row.seq)  # a reused outbox seq: number the new op afresh
                    push_seq = state.next_push_seq
                    state.next_push_seq += 1
                    new.append({"outbox_seq": row.seq, "op_id": row.op_id, "push_seq": push_seq})
                ops.append(
                    wire.Op(
                        seq=push_seq,
                        op_id=row.op_id,
                        entity=row.entity,
                        entity_id=row.entity_id,
                        kind=row.kind,
                        payload=row.payload,
                        base_version=row.base_version,
                        actor=row.actor,
                        station_time=row.station_time,
                    )
                )
            if stale:
                s.execute(delete(SyncPushSeq).where(SyncPushSeq.outbox_seq.in_(stale)))
            if new:
                s.execute(insert(SyncPushSeq), new)
            return ops

        return self.transaction(run)

    def record_push(
        self, ops: list[wire.Op], results: list[wire.OpResult], last_acked: int
    ) -> PushTally:
        by_id = {op.op_id: op for op in ops}
        held: dict[tuple[str, str], int] = {}

        def run(s: Session) -> PushTally:
            state = sync_state(s)
            state.last_acked_seq = max(state.last_acked_seq, last_acked)
            acked = conflicts = rejected = 0
            states: dict[tuple[str, str], wire.Change] = {}
            ids = [r.op_id for r in results if r.op_id in by_id]
            waiting: dict[str, int] = {}
            for i in range(0, len(ids), 500):
                for op_id, seq in s.execute(
                    select(OutboxEntry.op_id, OutboxEntry.seq).where(
                        OutboxEntry.op_id.in_(ids[i : i + 500])
                    )
                ):
                    waiting[op_id] = seq
            wire_ids = [c.conflict_id for r in results for c in r.conflicts]
            known_conflicts: set[str] = set()
            for i in range(0, len(wire_ids), 500):
                known_conflicts.update(
                    s.scalars(
                        select(SyncConflict.server_conflict_id).where(
                            SyncConflict.server_conflict_id.in_(wire_ids[i : i + 500])
                        )
                    )
                )
            handled: list[int] = []
            now = self.station.now()
            for result in results:
                op = by_id.get(result.op_id)
                if op is None or op.op_id not in waiting:
                    continue  # handled by an earlier answer
                handled.append(waiting.pop(op.op_id))
                if result.http_status >= 400 or result.status == "rejected":
                    rejected += 1
                    s.add(
                        SyncConflict(
                            id=new_id(),
                            server_conflict_id=None,
                            kind="rejected",
                            entity=op.entity,
                            entity_id=op.entity_id,
                            field=None,
                            base_version=op.base_version,
                            local_value={"kind": op.kind, "payload": op.payload},
                            server_value=None,
                            applied_value=None,
                            identity=False,
                            op_id=op.op_id,
                            message=f"{result.http_status}: {result.message or ''}"[:500],
                            created_at=now,
                            resolved_at=None,
                        )
                    )
                for c in result.conflicts:
                    if c.conflict_id in known_conflicts:
                        continue
                    known_conflicts.add(c.conflict_id)
                    conflicts += 1
                    s.add(
                        SyncConflict(
                            id=new_id(),
                            server_conflict_id=c.conflict_id,
                            kind=c.kind,
                            entity=c.entity,
                            entity_id=c.entity_id,
                            field=c.field,
                            base_version=c.base_version,
                            local_value=c.local_value,
                            server_value=c.server_value,
                            applied_value=c.applied_value,
                            identity=c.identity,
                            op_id=op.op_id,
                            message=None,
                            created_at=now,
                            resolved_at=None,
                        )
                    )
                if result.state is not None:
                    states[(op.entity, op.entity_id)] = result.state
                acked += 1
            _forget_outbox(s, handled)
            still: set[tuple[str, str]] = set()
            touched = sorted({k[1] for k in states})
            for i in range(0, len(touched), 500):
                still |= {
                    (e, i_)
                    for e, i_ in s.execute(
                        select(OutboxEntry.entity, OutboxEntry.entity_id)
                        .where(OutboxEntry.entity_id.in_(touched[i : i + 500]))
                        .distinct()
                    )
                }
            by_entity: dict[str, list[wire.Change]] = defaultdict(list)
            for key, change in states.items():
                if key not in still:
                    by_entity[key[0]].append(change)
            registry = sync_entities.handlers()
            for entity, entity_states in by_entity.items():
                handler = registry.get(entity)
                if handler is None:
                    continue
                versions = {c.entity_id: c.version for c in entity_states}
                for entity_id in handler.acknowledged_many(s, entity_states):
                    held[(entity, entity_id)] = versions[entity_id]
            return PushTally(acked, conflicts, rejected)

        tally = self.transaction(run)
        self._held.update(held)  # only once the transaction that stored them has committed
        return tally

    def renumber(self, expected_seq: int) -> None:
        self.transaction(lambda s: _renumber(s, sync_state(s), expected_seq))

    # pull
    def pull_position(self) -> PullPosition:
        with self.station.db.read_session() as s:
            state = s.get(SyncState, STATE_ID)
            if state is None:
                return PullPosition(None, True, None, None)
            return PullPosition(
                state.cursor, state.needs_snapshot, state.snapshot_cursor, state.snapshot_after
            )

    def _apply_changes(self, s: Session, changes: Iterable[wire.Change]) -> int:
        changes = list(changes)
        if not changes:
            return 0
        ids = sorted({c.entity_id for c in changes})
        pending: dict[str, dict[str, list[OutboxEntry]]] = defaultdict(lambda: defaultdict(list))
        for i in range(0, len(ids), 500):
            for row in s.scalars(
                select(OutboxEntry)
                .where(OutboxEntry.entity_id.in_(ids[i : i + 500]))
                .order_by(OutboxEntry.seq)
            ):
                pending[row.entity][row.entity_id].append(row)
        registry = sync_entities.handlers()
        applied = 0
        run: list[wire.Change] = []

        def apply_run() -> int:
            handler = registry.get(run[0].entity) if run else None
            n = 0
            if handler is not None:  # an entity this version does not know yet: skipped
                n = handler.apply_many(s, list(run), pending.get(run[0].entity, {}))
            run.clear()
            return n

        for change in changes:
            held = self._held.get((change.entity, change.entity_id))
            if (
                held is not None
                and held >= change.version
                and change.entity_id not in pending.get(change.entity, {})
            ):
                continue  # this run stored that state (or a newer one) and nothing is pending
            if run and run[0].entity != change.entity:
                applied += apply_run()
            run.append(change)
        applied += apply_run()
        return applied

    def apply_pull(self, page: wire.PullResponse) -> int:
        def run(s: Session) -> int:
            n = self._apply_changes(s, page.changes)
            state = sync_state(s)
            state.cursor = page.next_cursor
            return n

        return self.transaction(run)

    def apply_snapshot(self, page: wire.SnapshotPage) -> int:
        def run(s: Session) -> int:
            s.info[sync_entities.SNAPSHOT_PAGE] = True
            with _big_page_cache(s):
                return snapshot_page(s)

        def snapshot_page(s: Session) -> int:
            n = self._apply_changes(s, page.records)
            state = sync_state(s)
            if page.has_more:
                state.needs_snapshot = True
                state.snapshot_cursor = page.cursor
                state.snapshot_after = page.after
            else:
                for handler in sync_entities.handlers().values():
                    handler.finish_snapshot(s)
                state.cursor = page.cursor
                state.needs_snapshot = False
                state.snapshot_cursor = None
                state.snapshot_after = None
            return n

        return self.transaction(run)

    def finish_deferred(self) -> None:
        """Let each entity handler finish deferred local work, one short transaction a step.

        After a snapshot this is the residents' search index: its terms are made in a read
        session and stored a step a write transaction, so logins and the desk get in between.
        """
        for handler in sync_entities.handlers().values():
            while True:
                with self.station.db.read_session() as s:
                    prepared = handler.prepare_catch_up(s)
                if prepared is None or not self.transaction(partial(_catch_up, handler, prepared)):
                    break

    def start_snapshot(self) -> None:
        def run(s: Session) -> None:
            state = sync_state(s)
            state.needs_snapshot = True
            state.snapshot_cursor = None
            state.snapshot_after = None

        self.transaction(run)


SNAPSHOT_CACHE_KIB = 256 * 1024


@contextmanager
def _big_page_cache(s: Session) -> Iterator[None]:
    """A big SQLite page cache for one transaction that writes many rows into many indexes.

    Snapshot pages (and the search index built after the last one) insert into indexes at
    random places; with the default cache most of those inserts re-read and decrypt a page.
    """
    conn = s.connection()
    previous = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = {-SNAPSHOT_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(previous or -2000)}")


def _catch_up(handler: sync_entities.StationEntityHandler, prepared: Any, s: Session) -> bool:
    """One step of ``handler``'s deferred work, with the big page cache of the snapshot pages."""
    with _big_page_cache(s):
        return handler.catch_up(s, prepared)


def _forget_outbox(s: Session, seqs: list[int]) -> None:
    """Delete answered outbox rows and their push numbers (by seq range when contiguous)."""
    if not seqs:
        return
    low, high = min(seqs), max(seqs)
    if high - low + 1 == len(set(seqs)):
        s.execute(delete(OutboxEntry).where(OutboxEntry.seq.between(low, high)))
        s.execute(delete(SyncPushSeq).where(SyncPushSeq.outbox_seq.between(low, high)))
        return
    for i in range(0, len(seqs), 500):
        chunk = seqs[i : i + 500]
        s.execute(delete(OutboxEntry).where(OutboxEntry.seq.in_(chunk)))
        s.execute(delete(SyncPushSeq).where(SyncPushSeq.outbox_seq.in_(chunk)))


def _renumber(s: Session, state: SyncState, start: int) -> None:
    """Forget the push numbers of pending ops; they are numbered again from ``start``."""
    s.execute(delete(SyncPushSeq))
    state.next_push_seq = start
