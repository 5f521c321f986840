"""What a station reads: hello (where it stands), pull, snapshot, its scope hash, one record."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select, tuple_
from sqlalchemy.orm import InstrumentedAttribute, Session

from stationdesk.dbkit import utc_now
from stationdesk.sync.protocol import (
    MIN_PROTOCOL_VERSION,
    PROTOCOL_VERSION,
    START_CURSOR,
    TOMBSTONE_RETENTION_DAYS,
    AuditHead,
    AuditHeads,
    Change,
    HelloRequest,
    HelloResponse,
    PullResponse,
    ScopeHash,
    SeenAuditHead,
    SnapshotPage,
    decode_cursor,
    encode_cursor,
    record_digest_line,
    scope_digest,
    skew_seconds,
)

from ..crypto import Vault, open_data
from ..db import DistrictDatabase
from ..errors import DistrictError
from ..models import ChangeLog, DistrictStation, Record, StationAuditHead
from ..registry import handlers, station_counters
from .admin import pruned_through
from .stations import check_protocol, load_station

SNAPSHOT_MAX_ID = 2**62


def in_scope(column: InstrumentedAttribute[str | None], station_id: str) -> Any:
    """Rows a station may see: the district's own (no scope) and those in its scope."""
    return or_(column.is_(None), column == station_id)


def record_change(r: Record) -> Change:
    """A record's current state as the protocol sends it."""
    return Change(
        entity=r.entity,
        entity_id=r.entity_id,
        kind="delete" if r.deleted else "upsert",
        version=r.version,
        data=r.data,
    )


# -- hello -----------------------------------------------------------------------------------


def hello(db: DistrictDatabase, station: DistrictStation, req: HelloRequest) -> HelloResponse:
    """Record the station's visit and tell it where it stands."""
    check_protocol(req.protocol_version)
    now = utc_now()
    with db.session() as s:
        row = load_station(s, station)
        if req.station_code != row.code:
            raise DistrictError(403, "forbidden", "a station can only speak as itself")
        row.last_seen_at = now
        row.last_protocol = req.protocol_version
        row.last_schema = (req.schema_revision or "")[:40] or None
        row.last_clock_skew_s = skew_seconds(req.station_time, now)
        if req.audit_head is not None:
            record_audit_head(s, row.id, req.audit_head, now)
        pruned = pruned_through(s)
        return HelloResponse(
            protocol_min=MIN_PROTOCOL_VERSION,
            protocol_max=PROTOCOL_VERSION,
            server_time=now,
            station_code=row.code,
            station_name=row.name,
            last_acked_seq=int(row.last_acked_seq),
            max_sequences=station_counters(s, row.id),
            tombstone_retention_days=TOMBSTONE_RETENTION_DAYS,
            oldest_cursor=encode_cursor(*pruned) if pruned != (0, 0) else START_CURSOR,
        )


def record_audit_head(s: Session, station_id: str, head: AuditHead, now: datetime) -> None:
    """Keep a reported audit-chain head once (a head already known is not stored again)."""
    known = s.scalar(
        select(StationAuditHead.id).where(
            StationAuditHead.station_id == station_id,
            StationAuditHead.installation == head.installation,
            StationAuditHead.seq == head.seq,
            StationAuditHead.hash == head.hash,
        )
    )
    if known is None:
        s.add(
            StationAuditHead(
                station_id=station_id,
                installation=head.installation,
                seq=head.seq,
                hash=head.hash,
                seen_at=now,
            )
        )


def audit_heads(db: DistrictDatabase, station: DistrictStation) -> AuditHeads:
    """Every audit-chain head the station has reported, oldest first."""
    with db.session() as s:
        rows = s.scalars(
            select(StationAuditHead)
            .where(StationAuditHead.station_id == station.id)
            .order_by(StationAuditHead.seen_at, StationAuditHead.seq)
        ).all()
        return AuditHeads(
            heads=[
                SeenAuditHead(
                    installation=r.installation, seq=int(r.seq), hash=r.hash, seen_at=r.seen_at
                )
                for r in rows
            ]
        )


# -- pull ------------------------------------------------------------------------------------

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


def _change(vault: Vault, row: Any) -> Change:
    # the row comes from our own change log: no need to validate it field by field
    return Change.model_construct(
        entity=row.entity,
        entity_id=row.entity_id,
        kind="delete" if row.kind == "delete" else "upsert",
        version=row.version,
        data=open_data(vault, row.entity, row.entity_id, row.data),
        origin_station=row.origin_station_code,
        origin_op_id=row.op_id,
    )


def pull(
    db: DistrictDatabase, station: DistrictStation, cursor: str | None, limit: int
) -> PullResponse:
    """Changes in the station's scope after ``cursor``, only from finished transactions."""
    try:
        position = decode_cursor(cursor)
    except ValueError:
        raise DistrictError(422, "bad_cursor", "the cursor is not one this server made") from None
    with db.session() as s:
        pruned = pruned_through(s)
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
                in_scope(ChangeLog.scope_station_id, station.id),
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
            changes=[_change(db.vault, r) for r in rows],
            next_cursor=next_cursor,
            has_more=len(rows) == limit,
        )


# -- snapshot --------------------------------------------------------------------------------


def snapshot(
    db: DistrictDatabase,
    station: DistrictStation,
    after: str | None,
    cursor: str | None,
    limit: int,
) -> SnapshotPage:
    """One page of the station's scope; the first page fixes the cursor to pull from after."""
    with db.session() as s:
        if cursor is None:
            if db.sqlite:
                top = s.scalar(select(func.max(ChangeLog.id))) or 0
                cursor = encode_cursor(0, int(top))
            else:
                cursor = encode_cursor(db.safe_txid_bound(s) - 1, SNAPSHOT_MAX_ID)
        rows = _snapshot_rows(s, station.id, after, limit)
        # the rows come from our own table: no need to validate them field by field
        records = [
            Change.model_construct(
                entity=entity,
                entity_id=entity_id,
                kind="delete" if deleted else "upsert",
                version=version,
                data=open_data(db.vault, entity, entity_id, data),
            )
            for entity, entity_id, version, deleted, data in rows
        ]
        last = f"{rows[-1].entity}:{rows[-1].entity_id}" if rows else after
        return SnapshotPage(records=records, cursor=cursor, after=last, has_more=len(rows) == limit)


def _snapshot_rows(s: Session, station_id: str, after: str | None, limit: int) -> list[Any]:
    """Up to ``limit`` records of the scope after ``after`` (``entity:id``), in snapshot order.

    Entities come by their handler's ``snapshot_rank`` (a record's references first: grids
    before buildings before residents), each in id order; records of entities no handler knows
    come last, by entity and id.
    """
    known = [
        h.entity for h in sorted(handlers().values(), key=lambda h: (h.snapshot_rank, h.entity))
    ]
    query = select(
        Record.entity, Record.entity_id, Record.version, Record.deleted, Record.data
    ).where(in_scope(Record.scope_station_id, station_id))
    entity, _, entity_id = (after or "").partition(":")
    rows: list[Any] = []
    if not after or entity in known:
        start = known.index(entity) if after else 0
        for name in known[start:]:
            q = query.where(Record.entity == name)
            if after and name == entity:
                q = q.where(Record.entity_id > entity_id)
            rows.extend(s.execute(q.order_by(Record.entity_id).limit(limit - len(rows))).all())
            if len(rows) >= limit:
                return rows
        entity, entity_id = "", ""
    rest = query.where(Record.entity.not_in(known))
    if entity:
        rest = rest.where(tuple_(Record.entity, Record.entity_id) > tuple_(entity, entity_id))
    order = (Record.entity, Record.entity_id)
    rows.extend(s.execute(rest.order_by(*order).limit(limit - len(rows))).all())
    return rows


# -- verification ----------------------------------------------------------------------------


def scope_hash(db: DistrictDatabase, station: DistrictStation) -> ScopeHash:
    """Per-entity digests of everything in the station's scope (compare with the station's)."""
    with db.session() as s:
        return scope_hash_for(s, station.id)


def scope_hash_for(s: Session, station_id: str) -> ScopeHash:
    """The scope digests of one station (also used by tests and the admin)."""
    lines: dict[str, list[str]] = defaultdict(list)
    known = handlers()
    for r in s.scalars(select(Record).where(in_scope(Record.scope_station_id, station_id))):
        handler = known.get(r.entity)
        data = handler.canonical(r) if handler is not None else r.data
        lines[r.entity].append(record_digest_line(r.entity_id, r.version, r.deleted, data))
    return ScopeHash(
        hashes={e: scope_digest(v) for e, v in sorted(lines.items())},
        counts={e: len(v) for e, v in sorted(lines.items())},
    )


def get_record(
    db: DistrictDatabase, station: DistrictStation, entity: str, entity_id: str
) -> Change:
    """One record, if it is in the station's scope (403 otherwise, 404 when unknown)."""
    with db.session() as s:
        r = s.get(Record, (entity, entity_id))
        if r is None:
            raise DistrictError(404, "not_found", "no such record")
        if r.scope_station_id not in (None, station.id):
            raise DistrictError(
                403,
                "forbidden",
                "this record belongs to another station",
                "无权查看其他站点的数据。",
            )
        return record_change(r)
