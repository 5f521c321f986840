"""The ``catalog`` entity at the station: reference documents the district published."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.store.models import OutboxEntry
from stationdesk.store.models_sync import SyncReference
from stationdesk.sync.protocol import Change

from . import StationEntityHandler


class CatalogHandler(StationEntityHandler):
    """Stored as received; the newest version wins (stations never edit reference data)."""

    entity = "catalog"

    def apply(self, session: Session, change: Change, pending: Sequence[OutboxEntry]) -> bool:
        row = session.get(SyncReference, change.entity_id)
        if row is not None and row.version >= change.version:
            return False
        data = dict(change.data or {})
        if row is None:
            session.add(
                SyncReference(
                    name=change.entity_id,
                    version=change.version,
                    data=data,
                    updated_at=datetime.now(UTC),
                )
            )
        else:
            row.version = change.version
            row.data = data
            row.updated_at = datetime.now(UTC)
        return True

    def scope_rows(self, session: Session) -> Iterable[tuple[str, int, bool, Any]]:
        for row in session.scalars(select(SyncReference)):
            yield row.name, row.version, False, row.data


HANDLER = CatalogHandler()
