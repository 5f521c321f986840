"""Sync with the district: log in, run one cycle, status, history, conflict review.

The cycle itself is :class:`stationdesk.sync.engine.SyncEngine`; this module is its station
side (:class:`StationSyncPort`): every step is one SQLite transaction, so a crash at any point
leaves either the step done with its bookkeeping, or neither. In particular a pulled page and
the cursor after it are committed together, and an outbox row is deleted only in the
transaction that handles the server's answer for it.
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

import stationdesk
from stationdesk.domain.ids import new_id
from stationdesk.domain.roles import Permission
from stationdesk.secrets import keys
from stationdesk.store import migrate
from stationdesk.store.models import OutboxEntry
from stationdesk.store.models import Station as StationRow
from stationdesk.store.models_sync import (
    SyncConflict,
    SyncPushSeq,
    SyncReference,
    SyncRun,
    SyncState,
)
from stationdesk.sync.client import SyncClient, SyncError
from stationdesk.sync.engine import (
    CancelledError,
    Progress,
    PullPosition,
    PushTally,
    SyncEngine,
    SyncReport,
)
from stationdesk.sync.protocol import (
    CLOCK_SKEW_WARNING_SECONDS,
    PROTOCOL_VERSION,
    Change,
    HelloRequest,
    HelloResponse,
    Op,
    OpResult,
    PullResponse,
    ScopeHash,
    SnapshotPage,
    record_digest_line,
    scope_digest,
)

from . import sync_entities
from .actor import Actor, require
from .errors import InputError, NotFoundError, ServiceError
from .settings import get_setting
from .station import Station
from .uow import unit_of_work

TOKEN_PURPOSE = "sync-token"
URL_SETTING = "district_url"
STATE_ID = 1

T = TypeVar("T")
WriteRunner = Callable[[Callable[[], T]], T]


def _direct(fn: Callable[[], T]) -> T:
    return fn()


class SyncNotConfiguredError(ServiceError):
    """No server URL or no token: run ``stationdesk sync login`` first."""

    exit_code = 2


# -- state -----------------------------------------------------------------------------------


def _state(session: Session) -> SyncState:
    row = session.get(SyncState, STATE_ID)
    if row is None:
        row = SyncState(
            id=STATE_ID,
            cursor=None,
            snapshot_cursor=None,
            snapshot_after=None,
            needs_snapshot=False,
            next_push_seq=1,
            last_acked_seq=0,
            counters={},
            upgrade_required=False,
        )
        session.add(row)
        session.flush()
    return row


def sequence_floor(session: Session, counter: str) -> int:
    """The highest value of a station sequence the district has seen from this station.

    Certificate numbering takes ``max(local sequence, this) + 1`` so that a station restored
    from an old backup never reuses a number.
    """
    row = session.get(SyncState, STATE_ID)
    if row is None:
        return 0
    return int(row.counters.get(counter, 0))


# -- the port --------------------------------------------------------------------------------


class StationSyncPort:
    """The station side of the sync engine, over one station database."""

    def __init__(self, station: Station, write: WriteRunner[Any] | None = None) -> None:
        self.station = station
        self._write = write or _direct
        # records this run stored exactly as the server's state after a push answer, by
        # (entity, id) -> version: pulling that state (or an older one) again changes nothing
        self._held: dict[tuple[str, str], int] = {}

    def _tx(self, fn: Callable[[Session], T]) -> T:
        def run() -> T:
            with self.station.db.write_session() as s:
                return fn(s)

        result: T = self._write(run)
        return result

    # hello
    def hello_request(self) -> HelloRequest:
        with self.station.db.read_session() as s:
            code = s.scalars(select(StationRow.code)).one()
        return HelloRequest(
            protocol_version=PROTOCOL_VERSION,
            schema_revision=self.station.migration.to_revision,
            app_version=stationdesk.__version__,
            station_code=code,
            station_time=self.station.now(),
        )

    def record_hello(self, hello: HelloResponse) -> None:
        now = self.station.now()

        def run(s: Session) -> None:
            st = _state(s)
            st.server_station_code = hello.station_code
            st.clock_offset_s = int((hello.server_time - now).total_seconds())
            st.upgrade_required = False
            counters = dict(st.counters)
            for name, value in hello.max_sequences.items():
                counters[name] = max(int(counters.get(name, 0)), int(value))
            st.counters = counters
            # numbering resumes above whatever the district has seen from this station
            # (after a restore this also lifts the needs_sequence_floor block)
            from stationdesk.domain.numbering import NumberKind

            from .certificates import raise_sequence_floor
            from .uow import UnitOfWork

            uow = UnitOfWork(session=s, actor=None, now=now)
            for kind in NumberKind:
                raise_sequence_floor(uow, kind, int(counters.get(kind.value, 0)))
            st.last_acked_seq = hello.last_acked_seq
            if st.next_push_seq <= hello.last_acked_seq:
                # restored from an older backup: never reuse a sequence number the server holds
                _renumber(s, st, hello.last_acked_seq + 1)

        self._tx(run)

    # push
    def pending_count(self) -> int:
        with self.station.db.read_session() as s:
            return int(s.scalar(select(func.count()).select_from(OutboxEntry)) or 0)

    def next_batch(self, max_ops: int, max_bytes: int) -> list[Op]:
        def run(s: Session) -> list[Op]:
            st = _state(s)
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
            ops: list[Op] = []
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
                    push_seq = st.next_push_seq
                    st.next_push_seq += 1
                    new.append({"outbox_seq": row.seq, "op_id": row.op_id, "push_seq": push_seq})
                ops.append(
                    Op(
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

        return self._tx(run)

    def record_push(self, ops: list[Op], results: list[OpResult], last_acked: int) -> PushTally:
        by_id = {op.op_id: op for op in ops}
        held: dict[tuple[str, str], int] = {}

        def run(s: Session) -> PushTally:
            st = _state(s)
            st.last_acked_seq = max(st.last_acked_seq, last_acked)
            acked = conflicts = rejected = 0
            states: dict[tuple[str, str], Change] = {}
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
            by_entity: dict[str, list[Change]] = defaultdict(list)
            for key, state in states.items():
                if key not in still:
                    by_entity[key[0]].append(state)
            registry = sync_entities.handlers()
            for entity, entity_states in by_entity.items():
                handler = registry.get(entity)
                if handler is None:
                    continue
                versions = {c.entity_id: c.version for c in entity_states}
                for entity_id in handler.acknowledged_many(s, entity_states):
                    held[(entity, entity_id)] = versions[entity_id]
            return PushTally(acked, conflicts, rejected)

        tally = self._tx(run)
        self._held.update(held)  # only once the transaction that stored them has committed
        return tally

    def renumber(self, expected_seq: int) -> None:
        self._tx(lambda s: _renumber(s, _state(s), expected_seq))

    # pull
    def pull_position(self) -> PullPosition:
        with self.station.db.read_session() as s:
            st = s.get(SyncState, STATE_ID)
            if st is None:
                return PullPosition(None, True, None, None)
            return PullPosition(st.cursor, st.needs_snapshot, st.snapshot_cursor, st.snapshot_after)

    def _apply_changes(self, s: Session, changes: Iterable[Change]) -> int:
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
        run: list[Change] = []

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

    def apply_pull(self, page: PullResponse) -> int:
        def run(s: Session) -> int:
            n = self._apply_changes(s, page.changes)
            st = _state(s)
            st.cursor = page.next_cursor
            return n

        return self._tx(run)

    def apply_snapshot(self, page: SnapshotPage) -> int:
        def run(s: Session) -> int:
            s.info[sync_entities.SNAPSHOT_PAGE] = True
            with _big_page_cache(s):
                return snapshot_page(s)

        def snapshot_page(s: Session) -> int:
            n = self._apply_changes(s, page.records)
            st = _state(s)
            if page.has_more:
                st.needs_snapshot = True
                st.snapshot_cursor = page.cursor
                st.snapshot_after = page.after
            else:
                for handler in sync_entities.handlers().values():
                    handler.finish_snapshot(s)
                st.cursor = page.cursor
                st.needs_snapshot = False
                st.snapshot_cursor = None
                st.snapshot_after = None
            return n

        return self._tx(run)

    def start_snapshot(self) -> None:
        def run(s: Session) -> None:
            st = _state(s)
            st.needs_snapshot = True
            st.snapshot_cursor = None
            st.snapshot_after = None

        self._tx(run)


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


def _renumber(s: Session, st: SyncState, start: int) -> None:
    """Forget the push numbers of pending ops; they are numbered again from ``start``."""
    s.execute(delete(SyncPushSeq))
    st.next_push_seq = start


# -- use cases -------------------------------------------------------------------------------


def _station_code(station: Station) -> str:
    with station.db.read_session() as s:
        return str(s.scalars(select(StationRow.code)).one())


def check_server_url(url: str) -> str:
    """Return a usable server URL or raise InputError."""
    url = url.strip().rstrip("/")
    if not (url.startswith("http://") or url.startswith("https://")) or len(url) < 10:
        raise InputError(
            "the server URL must start with http:// or https://",
            "服务器地址应以 http:// 或 https:// 开头。",
            field="server",
        )
    return url


def save_login(station: Station, actor: Actor, server_url: str, token: str) -> str:
    """Keep the server URL in the settings and the token in the OS keyring (admin only)."""
    require(actor, Permission.MANAGE_STATION)
    url = check_server_url(server_url)
    token = token.strip()
    if len(token) < 16 or any(ch.isspace() for ch in token):
        raise InputError("that does not look like a station token", "同步令牌格式不对。")
    keys.put_secret(station.uid, TOKEN_PURPOSE, token)
    _store_url(station, actor, url)
    return url


def _store_url(station: Station, actor: Actor | None, url: str) -> None:
    from stationdesk.store.models import Setting

    with unit_of_work(station, actor) as uow:
        row = uow.session.get(Setting, URL_SETTING)
        old = row.value["v"] if row else ""
        if row is None:
            uow.session.add(Setting(key=URL_SETTING, value={"v": url}))
        else:
            row.value = {"v": url}
        uow.audit("setting.update", "setting", URL_SETTING, {"old": old, "new": url})


def server_url(station: Station) -> str:
    """The configured district URL ('' when not set up)."""
    return str(get_setting(station, URL_SETTING) or "")


def _token(station: Station) -> str | None:
    try:
        return keys.get_secret(station.uid, TOKEN_PURPOSE)
    except keys.MissingKeyError:
        return None


def make_client(station: Station, url: str | None = None, **kw: Any) -> SyncClient:
    """A client for the configured (or given) server with the token from the keyring."""
    url = url or server_url(station)
    token = _token(station)
    if not url or not token:
        raise SyncNotConfiguredError(
            "sync is not set up: run 'stationdesk sync login --server URL' first",
            "尚未设置同步：请先登录区服务器（stationdesk sync login）。",
        )
    return SyncClient(url, _station_code(station), token, **kw)


@dataclass(frozen=True)
class SyncResult:
    """One sync cycle as services report it."""

    outcome: str
    pushed: int
    pulled: int
    conflicts: int
    rejected: int
    round_trips: int
    pending: int
    message: str
    message_zh: str
    clock_offset_s: int | None


def run_sync(
    station: Station,
    *,
    url: str | None = None,
    trigger: str = "manual",
    cancel: threading.Event | None = None,
    progress: Callable[[Progress], None] | None = None,
    write: WriteRunner[Any] | None = None,
    client: SyncClient | None = None,
    push_batch: int | None = None,
    pull_limit: int | None = None,
) -> SyncResult:
    """Run one cycle and record it in the history; never raises for network trouble."""
    port = StationSyncPort(station, write)
    started = station.now()
    own_client = client is None
    try:
        client = client or make_client(station, url)
    except SyncNotConfiguredError as exc:
        return _finish(station, port, started, trigger, None, SyncReport(), exc)
    kw: dict[str, Any] = {}
    if push_batch:
        kw["push_batch"] = push_batch
    if pull_limit:
        kw["pull_limit"] = pull_limit
    engine = SyncEngine(client, port, cancel=cancel, progress=progress, **kw)
    try:
        report = engine.run()
        error: ServiceError | SyncError | None = None
    except SyncError as exc:
        report = getattr(exc, "report", SyncReport())
        error = exc
    finally:
        if own_client:
            client.close()
    return _finish(station, port, started, trigger, report.clock_offset_s, report, error)


def _finish(
    station: Station,
    port: StationSyncPort,
    started: datetime,
    trigger: str,
    offset: int | None,
    report: SyncReport,
    error: ServiceError | SyncError | None,
) -> SyncResult:
    now = station.now()
    if error is None:
        outcome, message, zh = "ok", "", ""
        if offset is not None and abs(offset) > CLOCK_SKEW_WARNING_SECONDS:
            minutes = abs(offset) // 60
            message = f"synced; this computer's clock differs from the server by {minutes} min"
            zh = f"同步完成；本机时钟与服务器相差约 {minutes} 分钟，请校准时间。"
    else:
        outcome = getattr(error, "outcome", "error")
        if isinstance(error, SyncNotConfiguredError):
            outcome = "unset"
        message, zh = error.message, error.zh

    def run(s: Session) -> int:
        st = _state(s)
        st.last_attempt_at = now
        st.last_outcome = outcome
        st.last_message = zh or message or None
        if outcome == "ok":
            st.last_success_at = now
        st.upgrade_required = outcome == "upgrade"
        s.add(
            SyncRun(
                started_at=started,
                finished_at=now,
                trigger=trigger[:16],
                outcome=outcome,
                pushed=report.pushed,
                pulled=report.pulled,
                conflicts=report.conflicts,
                rejected=report.rejected,
                round_trips=report.round_trips,
                message=(zh or message or None),
            )
        )
        return int(s.scalar(select(func.count()).select_from(OutboxEntry)) or 0)

    pending = port._tx(run)
    return SyncResult(
        outcome=outcome,
        pushed=report.pushed,
        pulled=report.pulled,
        conflicts=report.conflicts,
        rejected=report.rejected,
        round_trips=report.round_trips,
        pending=pending,
        message=message,
        message_zh=zh,
        clock_offset_s=offset,
    )


# -- status, history, conflicts --------------------------------------------------------------


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar shows."""

    configured: bool
    server_url: str
    online: bool | None
    pending: int
    last_success_at: datetime | None
    last_attempt_at: datetime | None
    last_outcome: str | None
    message: str | None
    open_conflicts: int
    upgrade_required: bool


def sync_status(station: Station) -> SyncStatus:
    """The current sync status (cheap; safe to call on a timer)."""
    url = server_url(station)
    configured = bool(url) and _token(station) is not None
    with station.db.read_session() as s:
        st = s.get(SyncState, STATE_ID)
        pending = int(s.scalar(select(func.count()).select_from(OutboxEntry)) or 0)
        open_conflicts = int(
            s.scalar(
                select(func.count())
                .select_from(SyncConflict)
                .where(SyncConflict.resolved_at.is_(None))
            )
            or 0
        )
        outcome = st.last_outcome if st else None
        return SyncStatus(
            configured=configured,
            server_url=url,
            online=None if outcome in (None, "unset", "cancelled") else outcome == "ok",
            pending=pending,
            last_success_at=st.last_success_at if st else None,
            last_attempt_at=st.last_attempt_at if st else None,
            last_outcome=outcome,
            message=st.last_message if st else None,
            open_conflicts=open_conflicts,
            upgrade_required=bool(st.upgrade_required) if st else False,
        )


@dataclass(frozen=True)
class SyncRunInfo:
    """One line of the sync history."""

    started_at: datetime
    finished_at: datetime | None
    trigger: str
    outcome: str
    pushed: int
    pulled: int
    conflicts: int
    rejected: int
    message: str | None


def sync_history(station: Station, limit: int = 50) -> list[SyncRunInfo]:
    """The latest sync attempts, newest first."""
    with station.db.read_session() as s:
        rows = s.scalars(select(SyncRun).order_by(SyncRun.id.desc()).limit(limit)).all()
        return [
            SyncRunInfo(
                r.started_at,
                r.finished_at,
                r.trigger,
                r.outcome,
                r.pushed,
                r.pulled,
                r.conflicts,
                r.rejected,
                r.message,
            )
            for r in rows
        ]


@dataclass(frozen=True)
class ConflictInfo:
    """A conflict record for review (values are shown masked by the UI where personal)."""

    id: str
    kind: str
    entity: str
    entity_id: str
    field: str | None
    local_value: Any
    server_value: Any
    applied_value: Any
    identity: bool
    message: str | None
    created_at: datetime
    resolved_at: datetime | None
    resolution: str | None


def _conflict_info(c: SyncConflict) -> ConflictInfo:
    return ConflictInfo(
        c.id,
        c.kind,
        c.entity,
        c.entity_id,
        c.field,
        c.local_value,
        c.server_value,
        c.applied_value,
        c.identity,
        c.message,
        c.created_at,
        c.resolved_at,
        c.resolution,
    )


def list_conflicts(station: Station, actor: Actor, *, open_only: bool = True) -> list[ConflictInfo]:
    """Conflict records, newest first (any worker may look; only a head resolves)."""
    if not actor.can(Permission.HANDLE_MATTERS):
        require(actor, Permission.APPROVE)
    with station.db.read_session() as s:
        q = select(SyncConflict).order_by(SyncConflict.created_at.desc(), SyncConflict.id)
        if open_only:
            q = q.where(SyncConflict.resolved_at.is_(None))
        return [_conflict_info(c) for c in s.scalars(q)]


RESOLUTIONS = ("keep", "use_other", "dismiss")


def resolve_conflict(station: Station, actor: Actor, conflict_id: str, choice: str) -> ConflictInfo:
    """A head settles a conflict: keep the applied value, or put the other value back.

    ``use_other`` writes the other value as a new edit (audited, queued for the district);
    every resolution is also sent to the district so its conflict record is closed too.
    """
    require(actor, Permission.APPROVE)
    if choice not in RESOLUTIONS:
        raise InputError(f"unknown resolution {choice!r}", "未知的处理方式。")
    with unit_of_work(station, actor) as uow:
        c = uow.session.get(SyncConflict, conflict_id)
        if c is None:
            raise NotFoundError("no such conflict", "找不到该冲突记录。")
        if c.resolved_at is not None:
            raise InputError("this conflict is already resolved", "该冲突已处理。")
        if choice == "use_other":
            if c.kind != "field" or c.field is None:
                raise InputError(
                    "only a field conflict can take the other value", "只有字段冲突可以改用另一值。"
                )
            handler = sync_entities.handlers().get(c.entity)
            if handler is None:
                raise InputError("this kind of record is not known here", "本站不认识此类记录。")
            handler.set_field(uow, c.entity_id, c.field, c.server_value)
        c.resolved_at = uow.now
        c.resolved_by = actor.username
        c.resolution = choice
        uow.audit(
            "sync.conflict_resolved",
            c.entity,
            c.entity_id,
            {"conflict": c.id, "field": c.field, "choice": choice},
        )
        if c.server_conflict_id:
            uow.outbox("conflict", c.server_conflict_id, "resolve", {"resolution": choice})
        return _conflict_info(c)


# -- verification ----------------------------------------------------------------------------


def local_scope_hash(station: Station) -> ScopeHash:
    """Per-entity digests of what this station holds (compare with the server's scope hash)."""
    lines: dict[str, list[str]] = defaultdict(list)
    with station.db.read_session() as s:
        for entity, handler in sorted(sync_entities.handlers().items()):
            for entity_id, version, deleted, data in handler.scope_rows(s):
                lines[entity].append(record_digest_line(entity_id, version, deleted, data))
    return ScopeHash(
        hashes={e: scope_digest(v) for e, v in sorted(lines.items()) if v},
        counts={e: len(v) for e, v in sorted(lines.items()) if v},
    )


def reference_document(station: Station, name: str) -> dict[str, Any] | None:
    """A reference document the district published (e.g. ``certificates``), or None."""
    with station.db.read_session() as s:
        row = s.get(SyncReference, name)
        return None if row is None else dict(row.data)


def schema_is_current(station: Station) -> bool:
    """Whether the station database is at this code's schema head."""
    return migrate.current_revision(station.db) == migrate.head_revision()


__all__ = [
    "CancelledError",
    "ConflictInfo",
    "Progress",
    "StationSyncPort",
    "SyncNotConfiguredError",
    "SyncResult",
    "SyncRunInfo",
    "SyncStatus",
    "list_conflicts",
    "local_scope_hash",
    "resolve_conflict",
    "run_sync",
    "save_login",
    "sequence_floor",
    "server_url",
    "sync_history",
    "sync_status",
]
