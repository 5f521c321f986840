"""Checks against the district: this station's scope hash, published references, schema head."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from stationdesk.store import migrate
from stationdesk.store.models_sync import SyncReference
from stationdesk.sync.protocol import ScopeHash, record_digest_line, scope_digest

from .. import sync_entities
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
