"""The unit of work: one write transaction that also appends the audit chain and the outbox."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.domain.audit import GENESIS_HASH, entry_digest
from stationdesk.domain.ids import new_id
from stationdesk.store.models import AuditRecord, OutboxEntry, Setting

from .actor import SYSTEM_ACTOR_NAME, Actor
from .station import Station

AUDIT_HEAD_KEY = "audit_head"


class Versioned(Protocol):
    """A row the district keeps a version of: every synced change moves it on by one."""

    id: str
    version: int


@dataclass
class UnitOfWork:
    """A write transaction in progress, with the actor and the time it runs under."""

    session: Session
    actor: Actor | None
    now: datetime

    def audit(
        self,
        action: str,
        entity: str,
        entity_id: str,
        details: dict[str, Any] | None = None,
        *,
        actor_name: str | None = None,
    ) -> None:
        """Append one record to the hash chain (never put ID or phone numbers in details)."""
        head = self.session.get(Setting, AUDIT_HEAD_KEY)
        seq = int(head.value["seq"]) + 1 if head else 1
        prev_hash = str(head.value["hash"]) if head else GENESIS_HASH
        who = actor_name or (self.actor.username if self.actor else SYSTEM_ACTOR_NAME)
        # what is chained and what is stored are the same fields; the stored row adds the hash
        entry: dict[str, Any] = {
            "seq": seq,
            "at": self.now.isoformat(),
            "actor": who,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "details": dict(details or {}),
            "prev_hash": prev_hash,
        }
        digest = entry_digest(**entry)
        self.session.add(AuditRecord(**entry, hash=digest))
        value = {"seq": seq, "hash": digest}
        if head:
            head.value = value
        else:
            self.session.add(Setting(key=AUDIT_HEAD_KEY, value=value))

    def outbox(
        self,
        entity: str,
        entity_id: str,
        kind: str,
        payload: dict[str, Any],
        *,
        base_version: int | None = None,
    ) -> str:
        """Queue a change for the district in this same transaction; returns the op id."""
        op_id = new_id()
        self.session.add(
            OutboxEntry(
                op_id=op_id,
                entity=entity,
                entity_id=entity_id,
                kind=kind,
                payload=payload,
                base_version=base_version,
                actor=self.actor.worker_id if self.actor else None,
                station_time=self.now,
            )
        )
        return op_id

    def change(
        self,
        entity: str,
        entity_id: str,
        kind: str,
        payload: dict[str, Any],
        *,
        base_version: int | None = None,
        audit_details: dict[str, Any] | None = None,
    ) -> str:
        """Record a data change: its audit record and its outbox row, both in this transaction."""
        self.audit(f"{entity}.{kind}", entity, entity_id, audit_details)
        return self.outbox(entity, entity_id, kind, payload, base_version=base_version)

    def versioned_change(
        self,
        entity: str,
        row: Versioned,
        kind: str,
        payload: dict[str, Any],
        audit_details: dict[str, Any],
    ) -> str:
        """Record a synced row's change: its version moves on by one, the op based on the old."""
        base = row.version
        row.version = base + 1
        return self.change(
            entity, row.id, kind, payload, base_version=base, audit_details=audit_details
        )


@contextmanager
def unit_of_work(station: Station, actor: Actor | None) -> Iterator[UnitOfWork]:
    """Open a write transaction; it commits when the block ends and rolls back on error."""
    with station.db.write_session() as session:
        yield UnitOfWork(session=session, actor=actor, now=station.now())


def audit_head(session: Session) -> tuple[int, str]:
    """The (seq, hash) the chain is known to end at."""
    head = session.scalar(select(Setting).where(Setting.key == AUDIT_HEAD_KEY))
    if head is None:
        return 0, GENESIS_HASH
    return int(head.value["seq"]), str(head.value["hash"])
