"""A station's push: a page of ops applied in order, exactly once each, in one transaction."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.dbkit import utc_now
from stationdesk.sync.protocol import (
    Change,
    Op,
    OpResult,
    PushResponse,
    SequenceGap,
    op_content_hash,
)
from stationdesk.sync.schemas import op_problem

from ..crypto import open_row, session_vault
from ..db import DistrictDatabase
from ..models import AppliedOp, DistrictStation, Record
from ..registry import (
    ApplyContext,
    ApplyOutcome,
    PushBatch,
    bulk_insert,
    handler_for,
    note_counters,
)
from .pull import record_change
from .stations import load_station


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
    vault = session_vault(s)
    for i in range(0, len(op_ids), 1000):
        rows = s.execute(
            select(
                AppliedOp.op_id,
                AppliedOp.station_id,
                AppliedOp.content_hash,
                AppliedOp.entity,
                AppliedOp.result,
            ).where(AppliedOp.op_id.in_(op_ids[i : i + 1000]))
        ).mappings()
        for row in rows:
            result = open_row(vault, "applied_op", dict(row))["result"]
            known[row["op_id"]] = _Seen(row["station_id"], row["content_hash"], result)
    return known


def push(
    db: DistrictDatabase, station: DistrictStation, ops: list[Op]
) -> PushResponse | SequenceGap:
    """Apply a batch in order, exactly once per op_id, serialised per station.

    The page is one transaction: the records it touches are read (and locked) with one query
    per entity, and its change-log rows, applied-op rows and unique values are inserted in bulk
    at the end.
    """
    now = utc_now()
    with db.session() as s:
        # serialise this station's pushes: a second batch waits here until the first commits
        row = load_station(s, station, for_update=True)
        last = int(row.last_acked_seq)
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
        _prepare_pages(s, [op for op in ops if op.op_id not in known], records, batch)
        results: list[OpResult] = []
        applied_rows: list[dict[str, Any]] = []
        counters: dict[str, int] = {}
        gap: SequenceGap | None = None
        for op in ops:
            digest = op_content_hash(op.entity, op.entity_id, op.kind, op.payload, op.base_version)
            seen = known.get(op.op_id)
            if seen is not None:
                if seen.station_id != row.id or seen.content_hash != digest:
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
            outcome = _apply_one(s, row, op, now, txid, records, counters, batch)
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
                    "station_id": row.id,
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
            known[op.op_id] = _Seen(row.id, digest, stored)
            last = op.seq
            results.append(result)
        batch.flush(s)
        bulk_insert(s, AppliedOp.__table__, applied_rows)
        note_counters(s, row.id, counters)
        row.last_acked_seq = last
        row.last_seen_at = now
        results = _with_states(results, records, by_op, row.id)
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
            states[key] = record_change(record) if visible and record is not None else None
        state = states[key]
        out.append(result if state is None else result.model_copy(update={"state": state}))
    return out


def _prepare_pages(
    s: Session, ops: list[Op], records: dict[tuple[str, str], Record | None], batch: PushBatch
) -> None:
    """Let each entity's handler read what the page's new ops need at once (in entity order)."""
    by_entity: dict[str, list[Op]] = defaultdict(list)
    for op in ops:
        by_entity[op.entity].append(op)
    for entity, entity_ops in sorted(by_entity.items()):
        handler = handler_for(entity)
        if handler is not None:
            handler.prepare_page(s, entity_ops, records, batch)


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
    station: DistrictStation,
    op: Op,
    now: datetime,
    txid: int,
    records: dict[tuple[str, str], Record | None],
    counters: dict[str, int],
    batch: PushBatch,
) -> ApplyOutcome:
    handler = handler_for(op.entity)
    if handler is None:
        return ApplyOutcome.reject(422, f"the server does not know the entity {op.entity!r}")
    if not handler.pushable:
        return ApplyOutcome.reject(403, f"stations may not push {op.entity}")
    ctx = ApplyContext(
        session=s, station=station, op=op, now=now, txid=txid, records=records, batch=batch
    )
    outcome = handler.admit(ctx)
    if outcome is None:
        problem = op_problem(op.entity, op.kind, op.payload)  # the station's own rules
        outcome = handler.apply(ctx) if problem is None else handler.refuse(op, problem)
    for name, value in ctx.counters.items():
        counters[name] = max(counters.get(name, 0), value)
    return outcome
