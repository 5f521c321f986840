"""The server's per-entity handlers: how an op of entity X is applied and who may see it.

A handler module lives in ``stationdesk/district/entities/`` and exposes ``HANDLER`` (an
:class:`EntityHandler`); every such module is found at start-up. The handler gets an
:class:`ApplyContext` that already did the generic work (authentication, per-station
serialisation, op_id idempotency, sequence checks) and offers the writes a handler needs:
``ctx.write`` (new record state + change-log row, same transaction), ``ctx.conflict``,
``ctx.claim_unique`` and ``ctx.counter``.

The writes of one push page are batched in a :class:`PushBatch`: new records, change-log rows
and unique-key claims are inserted in bulk (COPY on PostgreSQL) before the page commits, so a
handler reads records through ``ctx.get`` (which sees the page's own writes), never through a
query of its own.
"""

from __future__ import annotations

import importlib
import pkgutil

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import StationCounter
from .context import ApplyContext
from .handlers import ApplyOutcome, EntityHandler, FieldRecordHandler, Scope
from .writes import RECORD_COLUMNS, PushBatch, UniqueKeyId, bulk_insert, write_server_record

__all__ = [
    "RECORD_COLUMNS",
    "ApplyContext",
    "ApplyOutcome",
    "EntityHandler",
    "FieldRecordHandler",
    "PushBatch",
    "Scope",
    "UniqueKeyId",
    "bulk_insert",
    "handler_for",
    "handlers",
    "note_counters",
    "register",
    "station_counters",
    "write_server_record",
]

_HANDLERS: dict[str, EntityHandler] = {}
_loaded = False


def register(handler: EntityHandler) -> EntityHandler:
    """Add (or replace) the handler of an entity."""
    _HANDLERS[handler.entity] = handler
    return handler


def handlers() -> dict[str, EntityHandler]:
    """Every registered handler by entity, loading ``district/entities/*`` the first time."""
    global _loaded
    if not _loaded:
        import stationdesk.district.entities as pkg

        for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
            module = importlib.import_module(f"{pkg.__name__}.{info.name}")
            handler = getattr(module, "HANDLER", None)
            if isinstance(handler, EntityHandler):
                _HANDLERS.setdefault(handler.entity, handler)
        _loaded = True
    return _HANDLERS


def handler_for(entity: str) -> EntityHandler | None:
    """The handler of an entity, or None when the server does not know it."""
    return handlers().get(entity)


def note_counters(session: Session, station_id: str, counters: dict[str, int]) -> None:
    """Raise the stored per-station maxima to the values seen in this batch."""
    for name, value in counters.items():
        row = session.get(StationCounter, (station_id, name))
        if row is None:
            session.add(StationCounter(station_id=station_id, name=name, max_value=value))
        elif value > row.max_value:
            row.max_value = value


def station_counters(session: Session, station_id: str) -> dict[str, int]:
    """The highest sequence per counter name seen from a station."""
    rows = session.scalars(select(StationCounter).where(StationCounter.station_id == station_id))
    return {r.name: int(r.max_value) for r in rows}
