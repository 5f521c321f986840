"""Reading and verifying the audit chain."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select

from stationdesk.domain.audit import AuditEntry, ChainBreak, verify_chain
from stationdesk.domain.roles import Permission
from stationdesk.store.models import AuditRecord

from .actor import Actor, require
from .station import Station
from .uow import audit_head


@dataclass(frozen=True)
class AuditReport:
    """The outcome of a chain verification."""

    records: int
    intact: bool
    broken_at: int | None
    reason: str | None


def _entries(rows: Iterator[AuditRecord]) -> Iterator[AuditEntry]:
    for r in rows:
        yield AuditEntry(
            r.seq, r.at, r.actor, r.action, r.entity, r.entity_id, r.details, r.prev_hash, r.hash
        )


def verify_audit(station: Station, actor: Actor) -> AuditReport:
    """Walk the whole chain; report the first edited, removed or reordered record."""
    require(actor, Permission.VERIFY_AUDIT)
    with station.db.read_session() as s:
        rows = s.scalars(select(AuditRecord).order_by(AuditRecord.seq)).yield_per(2000)
        counted = 0

        def counting() -> Iterator[AuditEntry]:
            nonlocal counted
            for e in _entries(iter(rows)):
                counted += 1
                yield e

        brk: ChainBreak | None = verify_chain(counting())
        head_seq, head_hash = audit_head(s)
        if brk is None:
            last = s.scalar(select(AuditRecord).order_by(AuditRecord.seq.desc()).limit(1))
            if last is None and head_seq:
                brk = ChainBreak(1, "every record was removed")
            elif last is not None and (last.seq != head_seq or last.hash != head_hash):
                brk = ChainBreak(
                    min(last.seq, head_seq) + 1, "records after this point were removed"
                )
    if brk is None:
        return AuditReport(counted, True, None, None)
    return AuditReport(counted, False, brk.seq, brk.reason)


@dataclass(frozen=True)
class AuditRow:
    """One audit record for display."""

    seq: int
    at: str
    actor: str
    action: str
    entity: str
    entity_id: str


def recent_audit(station: Station, actor: Actor, limit: int = 100) -> list[AuditRow]:
    """The newest audit records, newest first."""
    require(actor, Permission.VERIFY_AUDIT)
    with station.db.read_session() as s:
        rows = s.scalars(select(AuditRecord).order_by(AuditRecord.seq.desc()).limit(limit))
        return [AuditRow(r.seq, r.at, r.actor, r.action, r.entity, r.entity_id) for r in rows]
