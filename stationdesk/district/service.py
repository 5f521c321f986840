"""The district server's use cases: enrol, hello, push, pull, snapshot, publish, prune."""

from __future__ import annotations

import hashlib
import secrets
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, or_, select, tuple_
from sqlalchemy.orm import Session

from stationdesk.domain.ids import new_id
from stationdesk.domain.numbering import is_valid_station_code
from stationdesk.sync.protocol import (
    MIN_PROTOCOL_VERSION,
    PROTOCOL_VERSION,
    START_CURSOR,
    TOMBSTONE_RETENTION_DAYS,
    Change,
    HelloRequest,
    HelloResponse,
    Op,
    OpResult,
    PullResponse,
    PushResponse,
    ScopeHash,
    SequenceGap,
    SnapshotPage,
    decode_cursor,
    encode_cursor,
    op_content_hash,
    record_digest_line,
    scope_digest,
)

from .db import DistrictDatabase
from .models import AppliedOp, ChangeLog, DistrictMeta, DistrictStation, Record
from .registry import (
    ApplyContext,
    Outcome,
    PushBatch,
    bulk_insert,
    handler_for,
    handlers,
    note_counters,
    station_counters,
)

TOKEN_PREFIX = "sdt_"
PRUNED_KEY = "change_log_pruned_through"
SNAPSHOT_MAX_ID = 2**62


class DistrictError(Exception):
    """A failure with an HTTP status for the API and a Chinese message for people."""

    def __init__(self, status: int, error: str, message: str, zh: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message
        self.zh = zh or message


def utc_now() -> datetime:
    """The server's current time (UTC)."""
    return datetime.now(UTC)


def hash_token(token: str) -> str:
    """The stored form of a station token (tokens are long and random, so SHA-256 suffices)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


# -- enrolment -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Enrolment:
    """A newly enrolled station and its token (shown once, never stored)."""

    station_id: str
    code: str
    name: str
    token: str


def add_station(db: DistrictDatabase, code: str, name: str) -> Enrolment:
    """Enrol a station; its token is returned once and only its hash is kept."""
    code = code.strip().upper()
    name = name.strip()
    if not is_valid_station_code(code):
        raise DistrictError(422, "bad_code", "station codes are 4-12 letters or digits")
    if not 2 <= len(name) <= 100:
        raise DistrictError(422, "bad_name", "station names have 2-100 characters")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with db.session() as s:
        if s.scalar(select(DistrictStation).where(DistrictStation.code == code)) is not None:
            raise DistrictError(409, "exists", f"station {code} is already enrolled")
        row = DistrictStation(
            id=new_id(),
            code=code,
            name=name,
            token_hash=hash_token(token),
            active=True,
            last_acked_seq=0,
            created_at=utc_now(),
        )
        s.add(row)
    return Enrolment(row.id, code, name, token)


def authenticate(session: Session, token: str | None, code: str) -> DistrictStation:
    """The station a bearer token belongs to; 401 for no/unknown token, 403 for another code."""
    if not token:
        raise DistrictError(401, "unauthenticated", "a station token is required")
    row = session.scalar(
        select(DistrictStation).where(DistrictStation.token_hash == hash_token(token))
    )
    if row is None or not row.active:
        raise DistrictError(401, "unauthenticated", "unknown or disabled station token")
    if row.code != code:
        raise DistrictError(
            403, "forbidden", "this token belongs to another station", "该令牌不属于此站点。"
        )
    return row


def authorize(db: DistrictDatabase, token: str | None, code: str) -> None:
    """Raise 401/403 unless the token belongs to the station ``code``."""
    with db.session() as s:
        authenticate(s, token, code)


def check_protocol(version: int | None) -> None:
    """426 when a station's protocol is outside what this server accepts."""
    if version is None or not MIN_PROTOCOL_VERSION <= version <= PROTOCOL_VERSION:
        older = version is not None and version < MIN_PROTOCOL_VERSION
        raise DistrictError(
            426,
            "upgrade_required",
            f"protocol {version} is not accepted; this server accepts "
            f"{MIN_PROTOCOL_VERSION}-{PROTOCOL_VERSION}",
            "本站软件版本过旧，请升级 stationdesk 后再同步。"
            if older
            else "区服务器版本较旧，请联系区里升级服务器后再同步。",
        )


# -- hello -----------------------------------------------------------------------------------


def _pruned_through(session: Session) -> tuple[int, int]:
    row = session.get(DistrictMeta, PRUNED_KEY)
    if row is None:
        return (0, 0)
    return (int(row.value["txid"]), int(row.value["id"]))


def hello(db: DistrictDatabase, token: str | None, code: str, req: HelloRequest) -> HelloResponse:
    """Record the station's visit and tell it where it stands."""
    check_protocol(req.protocol_version)
    now = utc_now()
    with db.session() as s:
        st = authenticate(s, token, code)
        if req.station_code != st.code:
            raise DistrictError(403, "forbidden", "a station can only speak as itself")
        st.last_seen_at = now
        st.last_protocol = req.protocol_version
        st.last_schema = (req.schema_revision or "")[:40] or None
        st.last_clock_skew_s = int((req.station_time - now).total_seconds())
        pruned = _pruned_through(s)
        return HelloResponse(
            protocol_min=MIN_PROTOCOL_VERSION,
            protocol_max=PROTOCOL_VERSION,
            server_time=now,
            station_code=st.code,
            station_name=st.name,
            last_acked_seq=int(st.last_acked_seq),
            max_sequences=station_counters(s, st.id),
            tombstone_retention_days=TOMBSTONE_RETENTION_DAYS,
            oldest_cursor=encode_cursor(*pruned) if pruned != (0, 0) else START_CURSOR,
        )


# -- push ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Seen:
    """An op already applied: who sent it, its content hash and its stored first answer."""

    station_id: str
    content_hash: str
    result: dict[str, Any]


def _stored_result(seen: _Seen, op: Op) -> OpResult:
    first = OpResult.model_validate(seen.result)
    return first.model_copy(update={"status": "duplicate", "seq": op.seq})


def _applied_ops(s: Session, op_ids: list[str]) -> dict[str, _Seen]:
    """The ops of a page the server already applied (one query per 1000 ids)."""
    known: dict[str, _Seen] = {}
    for i in range(0, len(op_ids), 1000):
        rows = s.execute(
            select(
                AppliedOp.op_id, AppliedOp.station_id, AppliedOp.content_hash, AppliedOp.result
            ).where(AppliedOp.op_id.in_(op_ids[i : i + 1000]))
        )
        for op_id, station_id, content_hash, result in rows:
            known[op_id] = _Seen(station_id, content_hash, result)
    return known


def push(
    db: DistrictDatabase, token: str | None, code: str, ops: list[Op]
) -> PushResponse | SequenceGap:
    """Apply a batch in order, exactly once per op_id, serialised per station.

    The page is one transaction: the records it touches are read (and locked) with one query
    per entity, and its change-log rows, applied-op rows and unique values are inserted in bulk
    at the end.
    """
    now = utc_now()
    with db.session() as s:
        st = authenticate(s, token, code)
        # serialise this station's pushes: a second batch waits here until the first commits
        s.execute(select(DistrictStation.id).where(DistrictStation.id == st.id).with_for_update())
        s.refresh(st)
        last = int(st.last_acked_seq)
        by_op = {op.op_id: op for op in ops}
        known = _applied_ops(s, list(by_op))
        records = _lock_records(s, ops)
        txid = db.txid(s)
        batch = PushBatch()
        batch.prefetch_unique(
            s,
            [
                key
                for op in ops
                if op.op_id not in known and (h := handler_for(op.entity)) is not None
                for key in h.unique_claims(op)
            ],
        )
        results: list[OpResult] = []
        applied_rows: list[dict[str, Any]] = []
        counters: dict[str, int] = {}
        gap: SequenceGap | None = None
        for op in ops:
            digest = op_content_hash(op.entity, op.entity_id, op.kind, op.payload, op.base_version)
            seen = known.get(op.op_id)
            if seen is not None:
                if seen.station_id != st.id or seen.content_hash != digest:
                    result = OpResult(
                        op_id=op.op_id,
                        seq=op.seq,
                        status="rejected",
                        http_status=409,
                        message="this op_id was already used for different content",
                    )
                else:
                    result = _stored_result(seen, op)
                if op.seq == last + 1:
                    last = op.seq
                elif op.seq > last + 1:
                    gap = SequenceGap(
                        error="sequence_gap", expected_seq=last + 1, last_acked_seq=last
                    )
                    break
                results.append(result)
                continue
            if op.seq != last + 1:
                gap = SequenceGap(
                    error="sequence_reused" if op.seq <= last else "sequence_gap",
                    expected_seq=last + 1,
                    last_acked_seq=last,
                )
                break
            outcome = _apply_one(s, st, op, now, txid, records, counters, batch)
            result = OpResult(
                op_id=op.op_id,
                seq=op.seq,
                status=outcome.status,
                server_version=outcome.version,
                http_status=outcome.http_status,
                message=outcome.message,
                conflicts=outcome.conflicts,
            )
            stored = result.model_dump(mode="json")
            applied_rows.append(
                {
                    "op_id": op.op_id,
                    "station_id": st.id,
                    "seq": op.seq,
                    "content_hash": digest,
                    "entity": op.entity,
                    "entity_id": op.entity_id,
                    "kind": op.kind,
                    "actor": op.actor,
                    "station_time": op.station_time,
                    "received_at": now,
                    "result": stored,
                }
            )
            known[op.op_id] = _Seen(st.id, digest, stored)
            last = op.seq
            results.append(result)
        batch.flush(s)
        bulk_insert(s, AppliedOp.__table__, applied_rows)
        note_counters(s, st.id, counters)
        st.last_acked_seq = last
        st.last_seen_at = now
        results = _with_states(results, records, by_op, st.id)
        if gap is not None:
            return gap.model_copy(update={"results": results, "last_acked_seq": last})
        return PushResponse(results=results, last_acked_seq=last, server_time=now)


def _with_states(
    results: list[OpResult],
    records: dict[tuple[str, str], Record | None],
    ops: dict[str, Op],
    station_id: str,
) -> list[OpResult]:
    """Each result with its record's state after the page (never another station's record)."""
    states: dict[tuple[str, str], Change | None] = {}
    out: list[OpResult] = []
    for result in results:
        op = ops.get(result.op_id)
        if op is None:
            out.append(result)
            continue
        key = (op.entity, op.entity_id)
        if key not in states:
            record = records.get(key)
            visible = record is not None and record.scope_station_id in (None, station_id)
            states[key] = _record_change(record) if visible and record is not None else None
        state = states[key]
        out.append(result if state is None else result.model_copy(update={"state": state}))
    return out


def _record_change(r: Record) -> Change:
    return Change(
        entity=r.entity,
        entity_id=r.entity_id,
        kind="delete" if r.deleted else "upsert",
        version=r.version,
        data=r.data,
    )


def _lock_records(s: Session, ops: list[Op]) -> dict[tuple[str, str], Record | None]:
    """Fetch (and lock, in key order) every record the batch touches."""
    keys = sorted({(op.entity, op.entity_id) for op in ops})
    found: dict[tuple[str, str], Record | None] = dict.fromkeys(keys)
    by_entity: dict[str, list[str]] = defaultdict(list)
    for entity, entity_id in keys:
        by_entity[entity].append(entity_id)
    for entity, entity_ids in sorted(by_entity.items()):
        for i in range(0, len(entity_ids), 1000):
            chunk = entity_ids[i : i + 1000]
            rows = s.scalars(
                select(Record)
                .where(Record.entity == entity, Record.entity_id.in_(chunk))
                .order_by(Record.entity_id)
                .with_for_update()
            )
            for r in rows:
                found[(r.entity, r.entity_id)] = r
    return found


def _apply_one(
    s: Session,
    st: DistrictStation,
    op: Op,
    now: datetime,
    txid: int,
    records: dict[tuple[str, str], Record | None],
    counters: dict[str, int],
    batch: PushBatch,
) -> Outcome:
    handler = handler_for(op.entity)
    if handler is None:
        return Outcome.reject(422, f"the server does not know the entity {op.entity!r}")
    if not handler.pushable:
        return Outcome.reject(403, f"stations may not push {op.entity}")
    ctx = ApplyContext(
        session=s, station=st, op=op, now=now, txid=txid, records=records, batch=batch
    )
    outcome = handler.apply(ctx)
    for name, value in ctx.counters.items():
        counters[name] = max(counters.get(name, 0), value)
    return outcome


# -- pull ------------------------------------------------------------------------------------


def _scope_filter(station_id: str) -> Any:
    return or_(ChangeLog.scope_station_id.is_(None), ChangeLog.scope_station_id == station_id)


_PULL_COLUMNS = (
    ChangeLog.txid,
    ChangeLog.id,
    ChangeLog.entity,
    ChangeLog.entity_id,
    ChangeLog.kind,
    ChangeLog.version,
    ChangeLog.data,
    ChangeLog.origin_station_code,
    ChangeLog.op_id,
)


def _change(row: Any) -> Change:
    # the row comes from our own change log: no need to validate it field by field
    return Change.model_construct(
        entity=row.entity,
        entity_id=row.entity_id,
        kind="delete" if row.kind == "delete" else "upsert",
        version=row.version,
        data=row.data,
        origin_station=row.origin_station_code,
        origin_op_id=row.op_id,
    )


def pull(
    db: DistrictDatabase, token: str | None, code: str, cursor: str | None, limit: int
) -> PullResponse:
    """Changes in the station's scope after ``cursor``, only from finished transactions."""
    try:
        position = decode_cursor(cursor)
    except ValueError:
        raise DistrictError(422, "bad_cursor", "the cursor is not one this server made") from None
    with db.session() as s:
        st = authenticate(s, token, code)
        pruned = _pruned_through(s)
        if pruned != (0, 0) and position < pruned:
            raise DistrictError(
                410,
                "cursor_expired",
                "the cursor is older than the change-log retention; push, then take a snapshot",
                "本站离线时间过长，需要先上传再重新下载全部数据。",
            )
        bound = db.safe_txid_bound(s)
        rows = s.execute(
            select(*_PULL_COLUMNS)
            .where(
                tuple_(ChangeLog.txid, ChangeLog.id) > tuple_(*position),
                ChangeLog.txid < bound,
                _scope_filter(st.id),
            )
            .order_by(ChangeLog.txid, ChangeLog.id)
            .limit(limit)
        ).all()
        if rows:
            last = rows[-1]
            next_cursor = encode_cursor(last.txid, last.id)
        else:
            next_cursor = encode_cursor(*position)
        return PullResponse(
            changes=[_change(r) for r in rows],
            next_cursor=next_cursor,
            has_more=len(rows) == limit,
        )


# -- snapshot --------------------------------------------------------------------------------


def _record_scope(station_id: str) -> Any:
    return or_(Record.scope_station_id.is_(None), Record.scope_station_id == station_id)


def snapshot(
    db: DistrictDatabase,
    token: str | None,
    code: str,
    after: str | None,
    cursor: str | None,
    limit: int,
) -> SnapshotPage:
    """One page of the station's scope; the first page fixes the cursor to pull from after."""
    with db.session() as s:
        st = authenticate(s, token, code)
        if cursor is None:
            if db.sqlite:
                top = s.scalar(select(func.max(ChangeLog.id))) or 0
                cursor = encode_cursor(0, int(top))
            else:
                cursor = encode_cursor(db.safe_txid_bound(s) - 1, SNAPSHOT_MAX_ID)
        query = select(
            Record.entity, Record.entity_id, Record.version, Record.deleted, Record.data
        ).where(_record_scope(st.id))
        if after:
            entity, _, entity_id = after.partition(":")
            query = query.where(tuple_(Record.entity, Record.entity_id) > tuple_(entity, entity_id))
        rows = s.execute(query.order_by(Record.entity, Record.entity_id).limit(limit)).all()
        # the rows come from our own table: no need to validate them field by field
        records = [
            Change.model_construct(
                entity=entity,
                entity_id=entity_id,
                kind="delete" if deleted else "upsert",
                version=version,
                data=data,
            )
            for entity, entity_id, version, deleted, data in rows
        ]
        last = f"{rows[-1].entity}:{rows[-1].entity_id}" if rows else after
        return SnapshotPage(records=records, cursor=cursor, after=last, has_more=len(rows) == limit)


# -- verification ----------------------------------------------------------------------------


def scope_hash(db: DistrictDatabase, token: str | None, code: str) -> ScopeHash:
    """Per-entity digests of everything in the station's scope (compare with the station's)."""
    with db.session() as s:
        st = authenticate(s, token, code)
        return scope_hash_for(s, st.id)


def scope_hash_for(s: Session, station_id: str) -> ScopeHash:
    """The scope digests of one station (also used by tests and the admin)."""
    lines: dict[str, list[str]] = defaultdict(list)
    known = handlers()
    for r in s.scalars(select(Record).where(_record_scope(station_id))):
        handler = known.get(r.entity)
        data = handler.canonical(r) if handler is not None else r.data
        lines[r.entity].append(record_digest_line(r.entity_id, r.version, r.deleted, data))
    return ScopeHash(
        hashes={e: scope_digest(v) for e, v in sorted(lines.items())},
        counts={e: len(v) for e, v in sorted(lines.items())},
    )


def get_record(
    db: DistrictDatabase, token: str | None, code: str, entity: str, entity_id: str
) -> Change:
    """One record, if it is in the station's scope (403 otherwise, 404 when unknown)."""
    with db.session() as s:
        st = authenticate(s, token, code)
        r = s.get(Record, (entity, entity_id))
        if r is None:
            raise DistrictError(404, "not_found", "no such record")
        if r.scope_station_id not in (None, st.id):
            raise DistrictError(
                403,
                "forbidden",
                "this record belongs to another station",
                "无权查看其他站点的数据。",
            )
        return _record_change(r)


# -- district administration -----------------------------------------------------------------


def publish_catalog(db: DistrictDatabase, documents: dict[str, Any]) -> dict[str, int]:
    """Publish reference documents (catalog, matter types, departments, calendar) to stations."""
    if not documents:
        raise DistrictError(422, "empty", "nothing to publish")
    now = utc_now()
    published: dict[str, int] = {}
    with db.session() as s:
        txid = db.txid(s)
        for name, content in sorted(documents.items()):
            record = s.get(Record, ("catalog", name))
            version = (record.version if record else 0) + 1
            data = {"content": content, "published_at": now.isoformat()}
            if record is None:
                record = Record(
                    entity="catalog",
                    entity_id=name,
                    version=version,
                    data=data,
                    field_versions={},
                    deleted=False,
                    flagged=False,
                    owner_station_id=None,
                    scope_station_id=None,
                    updated_at=now,
                )
                s.add(record)
            else:
                record.version = version
                record.data = data
                record.updated_at = now
            s.add(
                ChangeLog(
                    txid=txid,
                    entity="catalog",
                    entity_id=name,
                    kind="upsert",
                    version=version,
                    data=data,
                    scope_station_id=None,
                    created_at=now,
                )
            )
            published[name] = version
    return published


def prune_change_log(
    db: DistrictDatabase, *, older_than_days: float = TOMBSTONE_RETENTION_DAYS
) -> int:
    """Drop change-log rows older than the retention; older cursors then get 410."""
    cutoff = utc_now() - timedelta(days=older_than_days)
    with db.session() as s:
        top = s.execute(
            select(ChangeLog.txid, ChangeLog.id)
            .where(ChangeLog.created_at < cutoff)
            .order_by(ChangeLog.txid.desc(), ChangeLog.id.desc())
            .limit(1)
        ).first()
        if top is None:
            return 0
        through = (int(top[0]), int(top[1]))
        result = s.execute(
            delete(ChangeLog).where(tuple_(ChangeLog.txid, ChangeLog.id) <= tuple_(*through))
        )
        removed = getattr(result, "rowcount", 0)
        meta = s.get(DistrictMeta, PRUNED_KEY)
        value = {"txid": through[0], "id": through[1], "at": utc_now().isoformat()}
        if meta is None:
            s.add(DistrictMeta(key=PRUNED_KEY, value=value))
        else:
            meta.value = value
        return int(removed or 0)


def list_stations(db: DistrictDatabase) -> list[dict[str, Any]]:
    """Enrolled stations with their acknowledgement and last visit (no token hashes)."""
    with db.session() as s:
        return [
            {
                "code": r.code,
                "name": r.name,
                "last_acked_seq": int(r.last_acked_seq),
                "last_seen_at": r.last_seen_at.isoformat() if r.last_seen_at else None,
                "clock_skew_s": r.last_clock_skew_s,
            }
            for r in s.scalars(select(DistrictStation).order_by(DistrictStation.code))
        ]
