"""Checks against the district: this station's scope hash and audit chain, published references,
schema head."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select

from stationdesk.domain.roles import Permission
from stationdesk.store import migrate
from stationdesk.store.models import AuditRecord
from stationdesk.store.models_sync import SyncReference
from stationdesk.sync.protocol import ScopeHash, record_digest_line, scope_digest

from .. import sync_entities
from ..actor import Actor, require
from ..station import Station


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


@dataclass(frozen=True)
class DistrictAuditReport:
    """This installation's audit chain against the heads the district saw at its syncs.

    ``checked``: heads of this installation compared; ``earlier_installations``: heads of
    chains of earlier PCs of this station (a rebuilt station starts a new chain); when a head is
    no longer in the local chain, ``diverged_at`` is its record number and ``seen_at`` when the
    district saw it (history rewritten or removed since, or restored from an older backup).
    """

    checked: int
    earlier_installations: int
    diverged_at: int | None = None
    seen_at: datetime | None = None

    @property
    def intact(self) -> bool:
        return self.diverged_at is None


def verify_audit_against_district(
    station: Station, actor: Actor, url: str | None = None
) -> DistrictAuditReport:
    """Compare each audit-chain head the district holds for this installation with the local
    chain, asking the saved (or given) server; a sync error is raised as it comes (offline,
    refused)."""
    require(actor, Permission.VERIFY_AUDIT)
    from .login import make_client

    with make_client(station, url) as client:
        heads = client.audit_heads().heads
    own = sorted((h for h in heads if h.installation == station.uid), key=lambda h: h.seq)
    report = DistrictAuditReport(len(own), len(heads) - len(own))
    with station.db.read_session() as s:
        rows = s.execute(
            select(AuditRecord.seq, AuditRecord.hash).where(
                AuditRecord.seq.in_({h.seq for h in own})
            )
        )
        local = {int(seq): str(digest) for seq, digest in rows}
    for head in own:
        if local.get(head.seq) != head.hash:
            return replace(report, diverged_at=head.seq, seen_at=head.seen_at)
    return report
