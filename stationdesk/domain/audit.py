"""The audit hash chain: canonical encoding of a record and verification of a sequence."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    """One audit record as it is chained (who, when, what, which record)."""

    seq: int
    at: str  # ISO 8601 UTC
    actor: str
    action: str
    entity: str
    entity_id: str
    details: dict[str, Any]
    prev_hash: str
    hash: str


def entry_digest(
    *,
    seq: int,
    at: str,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    details: dict[str, Any],
    prev_hash: str,
) -> str:
    """Return the SHA-256 of an entry's canonical JSON, chained to the previous hash."""
    body = json.dumps(
        [seq, at, actor, action, entity, entity_id, details, prev_hash],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    """Where and why an audit chain stops verifying."""

    seq: int
    reason: str


def verify_chain(entries: Iterable[AuditEntry]) -> ChainBreak | None:
    """Check entries in seq order; return the first break, or None when the chain is intact.

    Detects an edited row (its hash no longer matches), a removed row (a gap in seq or a
    prev_hash that does not match) and reordered rows (the chain links no longer follow).
    """
    prev_hash = GENESIS_HASH
    expected_seq = 1
    for e in entries:
        if e.seq != expected_seq:
            return ChainBreak(e.seq, f"expected record {expected_seq}, found {e.seq} (removed?)")
        if e.prev_hash != prev_hash:
            return ChainBreak(e.seq, "does not link to the previous record (removed or reordered)")
        digest = entry_digest(
            seq=e.seq,
            at=e.at,
            actor=e.actor,
            action=e.action,
            entity=e.entity,
            entity_id=e.entity_id,
            details=e.details,
            prev_hash=e.prev_hash,
        )
        if digest != e.hash:
            return ChainBreak(e.seq, "its content does not match its hash (edited)")
        prev_hash = e.hash
        expected_seq += 1
    return None
