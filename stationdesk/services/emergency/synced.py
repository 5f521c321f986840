"""What emergency mode pushes to the district (events, list entries, assignments, check-offs,
responders) and how a station takes those records back (a rebuilt PC, an old backup).

Each is a station-owned record. An event is ``start``-ed and ``stop``-ped; a list entry is
``create``-d (frozen at the start, or amended in), then gets an ``assign`` op when a responder
takes it and a ``check`` op per check-off, in outbox order; a responder is ``create``-d. Entries
go by :func:`~stationdesk.domain.emergency.entry_uid` of their event and resident and carry
the resident's id only: no name, phone or ID number leaves the station with them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from stationdesk.domain.emergency import entry_uid
from stationdesk.domain.ids import new_id
from stationdesk.store.models import OutboxEntry, Worker
from stationdesk.store.models_emergency import (
    EmergencyCheck,
    EmergencyEntry,
    EmergencyEvent,
    EmergencyResponder,
)
from stationdesk.store.models_residents import Resident

from ..uow import UnitOfWork
from .types import ENTITY_ENTRY, ENTITY_EVENT, ENTITY_RESPONDER

#: The op kinds of each emergency entity (the district refuses any other with 422).
EVENT_KINDS = ("start", "stop")
ENTRY_KINDS = ("create", "assign", "check")
RESPONDER_KINDS = ("create",)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _time(value: Any) -> datetime | None:
    return datetime.fromisoformat(str(value)) if value else None


# -- what goes out ----------------------------------------------------------------------------


def event_start_payload(event: EmergencyEvent) -> dict[str, Any]:
    """The ``start`` op of an event: what was switched on, where, when and by whom."""
    return {
        "kind": event.kind,
        "name": event.name,
        "level": event.level,
        "grids": list(event.grids) if event.grids is not None else None,
        "started_at": _iso(event.started_at),
        "started_by": event.started_by,
    }


def event_stop_payload(event: EmergencyEvent) -> dict[str, Any]:
    """The ``stop`` op of an event: when, by whom, and the summary."""
    return {
        "closed_at": _iso(event.closed_at),
        "closed_by": event.closed_by,
        "summary": event.summary,
    }


def responder_payload(row: EmergencyResponder) -> dict[str, Any]:
    """The ``create`` op of a responder."""
    return {
        "worker_id": row.worker_id,
        "name": row.name,
        "grid_id": row.grid_id,
        "active": row.active,
        "created_at": _iso(row.created_at),
    }


def _entry_payload(
    row_id: int, event_id: str, resident_id: str, grid_id: Any, building_id: Any, added: bool
) -> dict[str, Any]:
    return {
        "row_id": row_id,
        "event_id": event_id,
        "resident_id": resident_id,
        "grid_id": grid_id,
        "building_id": building_id,
        "added": bool(added),
        "status": "not-contacted",
        "responder_id": None,
    }


def check_payload(entry: EmergencyEntry, check: EmergencyCheck) -> dict[str, Any]:
    """The ``check`` op of one check-off: the entry's state after it, and the check itself."""
    return {
        "status": entry.status,
        "note": entry.note,
        "checked_at": _iso(entry.checked_at),
        "unreachable_since": _iso(entry.unreachable_since),
        "case_id": entry.case_id,
        "check": _check_row(check),
    }


def _check_row(check: EmergencyCheck) -> dict[str, Any]:
    """One check-off as its ``check`` op carries it (and the district lists it)."""
    return {
        "row_id": check.id,
        "at": _iso(check.at),
        "actor_id": check.actor_id,
        "responder_id": check.responder_id,
        "status": check.status,
        "note": check.note,
    }


def queue_event(uow: UnitOfWork, event: EmergencyEvent, kind: str) -> None:
    """Queue an event's ``start`` or ``stop`` (audited by the caller)."""
    payload = event_start_payload(event) if kind == "start" else event_stop_payload(event)
    uow.outbox(ENTITY_EVENT, event.id, kind, payload)


def queue_responder(uow: UnitOfWork, row: EmergencyResponder) -> None:
    """Queue a new responder."""
    uow.outbox(ENTITY_RESPONDER, row.id, "create", responder_payload(row))


def queue_entries(uow: UnitOfWork, event_id: str, resident_ids: Iterable[str] | None) -> None:
    """Queue the ``create`` of the event's entries (all of them for None), in one insert."""
    query = select(
        EmergencyEntry.id,
        EmergencyEntry.resident_id,
        EmergencyEntry.grid_id,
        EmergencyEntry.building_id,
        EmergencyEntry.added,
    ).where(EmergencyEntry.event_id == event_id)
    if resident_ids is not None:
        query = query.where(EmergencyEntry.resident_id.in_(list(resident_ids)))
    rows = [
        _outbox_row(
            uow,
            entry_uid(event_id, rid),
            "create",
            _entry_payload(row_id, event_id, rid, grid, building, added),
        )
        for row_id, rid, grid, building, added in uow.session.execute(
            query.order_by(EmergencyEntry.id)
        )
    ]
    _insert_outbox(uow, rows)


def queue_assignments(uow: UnitOfWork, event_id: str, entry_ids: Sequence[int]) -> None:
    """Queue an ``assign`` op for each of these entries that has a responder now."""
    rows = []
    for chunk in range(0, len(entry_ids), 900):
        for rid, responder in uow.session.execute(
            select(EmergencyEntry.resident_id, EmergencyEntry.responder_id)
            .where(
                EmergencyEntry.id.in_(entry_ids[chunk : chunk + 900]),
                EmergencyEntry.responder_id.is_not(None),
            )
            .order_by(EmergencyEntry.id)
        ):
            rows.append(
                _outbox_row(uow, entry_uid(event_id, rid), "assign", {"responder_id": responder})
            )
    _insert_outbox(uow, rows)


def queue_check(uow: UnitOfWork, entry: EmergencyEntry, check: EmergencyCheck) -> None:
    """Queue one check-off (after the case it opened, if any: that op is already queued)."""
    uow.outbox(
        ENTITY_ENTRY,
        entry_uid(entry.event_id, entry.resident_id),
        "check",
        check_payload(entry, check),
    )


def _outbox_row(uow: UnitOfWork, entity_id: str, kind: str, payload: dict[str, Any]) -> Any:
    return {
        "op_id": new_id(),
        "entity": ENTITY_ENTRY,
        "entity_id": entity_id,
        "kind": kind,
        "payload": payload,
        "base_version": None,
        "actor": uow.actor.worker_id if uow.actor else None,
        "station_time": uow.now,
    }


def _insert_outbox(uow: UnitOfWork, rows: list[dict[str, Any]]) -> None:
    if rows:
        uow.session.flush()  # the outbox keeps the order ops are queued in
        uow.session.execute(insert(OutboxEntry), rows)


# -- what the scope hash compares -------------------------------------------------------------


def event_version(event: EmergencyEvent) -> int:
    """The district's version of an event: one op to start it, one to stop it."""
    return 1 if event.closed_at is None else 2


def event_state(event: EmergencyEvent) -> dict[str, Any]:
    """An event as the district holds it after its ops (the stop's fields None while open)."""
    return {**event_start_payload(event), **event_stop_payload(event)}


def entry_states(session: Session) -> Iterable[tuple[str, int, dict[str, Any]]]:
    """Each entry's id, district version (its create, its assignment, one per check-off) and
    state after its ops: the entry's fields with its check-offs in order (``checks``)."""
    checks: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for check in session.scalars(select(EmergencyCheck).order_by(EmergencyCheck.id)):
        checks[check.entry_id].append(_check_row(check))
    for entry in session.scalars(select(EmergencyEntry)):
        state = {
            **_entry_payload(
                entry.id,
                entry.event_id,
                entry.resident_id,
                entry.grid_id,
                entry.building_id,
                entry.added,
            ),
            "status": entry.status,
            "responder_id": entry.responder_id,
            "note": entry.note,
            "checked_at": _iso(entry.checked_at),
            "unreachable_since": _iso(entry.unreachable_since),
            "case_id": entry.case_id,
        }
        made = checks.get(entry.id, [])
        if made:  # the district lists them from the first check-off on
            state["checks"] = made
        version = 1 + (entry.responder_id is not None) + len(made)
        yield entry_uid(entry.event_id, entry.resident_id), version, state


# -- what comes back --------------------------------------------------------------------------


def _free_id(session: Session, model: type[Any], row_id: Any) -> int | None:
    """The id a pulled row had at its station, if this station has no row with it."""
    if not isinstance(row_id, int) or isinstance(row_id, bool):
        return None
    return None if session.get(model, row_id) is not None else row_id


def _worker(session: Session, worker_id: Any) -> str | None:
    found = session.get(Worker, str(worker_id)) if worker_id else None
    return found.id if found is not None else None


def restore_event(session: Session, event_id: str, data: dict[str, Any]) -> bool:
    """Take an event the station does not hold, or the stop of one it holds open."""
    event = session.get(EmergencyEvent, event_id)
    if event is None:
        started_by = _worker(session, data.get("started_by"))
        if started_by is None:
            return False
        grids = data.get("grids")
        event = EmergencyEvent(
            id=event_id,
            kind=str(data.get("kind", "other")),
            name=str(data.get("name", "")),
            level=int(data.get("level") or 4),
            grids=list(grids) if isinstance(grids, list) else None,
            started_at=_time(data.get("started_at")),
            started_by=started_by,
            closed_at=None,
            closed_by=None,
            summary=None,
        )
        session.add(event)
    elif event.closed_at is not None or not data.get("closed_at"):
        return False
    if data.get("closed_at"):
        event.closed_at = _time(data.get("closed_at"))
        event.closed_by = _worker(session, data.get("closed_by"))
        event.summary = data.get("summary")
    session.flush()
    return True


def restore_responder(session: Session, responder_id: str, data: dict[str, Any]) -> bool:
    """Take a responder the station does not hold."""
    if session.get(EmergencyResponder, responder_id) is not None:
        return False
    session.add(
        EmergencyResponder(
            id=responder_id,
            worker_id=_worker(session, data.get("worker_id")),
            name=str(data.get("name", "")),
            grid_id=data.get("grid_id") or None,
            active=bool(data.get("active", True)),
            created_at=_time(data.get("created_at")),
        )
    )
    session.flush()
    return True


def restore_entry(session: Session, data: dict[str, Any]) -> bool:
    """Take an entry (and the check-offs it lists) the station lacks; an entry it holds gets
    only the check-offs it lacks, matched by time and status, never a second copy."""
    event_id, rid = str(data.get("event_id", "")), str(data.get("resident_id", ""))
    resident = session.scalar(select(Resident.seq).where(Resident.id == rid))
    if session.get(EmergencyEvent, event_id) is None or resident is None:
        return False  # its event or resident has not arrived: nothing to hang it on
    entry = session.scalars(
        select(EmergencyEntry).where(
            EmergencyEntry.event_id == event_id, EmergencyEntry.resident_id == rid
        )
    ).first()
    checks = [c for c in data.get("checks") or [] if isinstance(c, dict)]
    held: set[tuple[str | None, str]] = set()
    created = entry is None
    if entry is None:
        entry = EmergencyEntry(
            id=_free_id(session, EmergencyEntry, data.get("row_id")),
            event_id=event_id,
            resident_id=rid,
            grid_id=data.get("grid_id") or None,
            building_id=data.get("building_id") or None,
            status="not-contacted",
            added=bool(data.get("added")),
        )
        session.add(entry)
        session.flush()
    else:
        held = {
            (_iso(at), st)
            for at, st in session.execute(
                select(EmergencyCheck.at, EmergencyCheck.status).where(
                    EmergencyCheck.entry_id == entry.id
                )
            )
        }
    missing = [c for c in checks if (_iso(_time(c.get("at"))), str(c.get("status"))) not in held]
    changed = created or bool(missing)
    for c in missing:
        session.add(
            EmergencyCheck(
                id=_free_id(session, EmergencyCheck, c.get("row_id")),
                entry_id=entry.id,
                at=_time(c.get("at")),
                actor_id=_worker(session, c.get("actor_id")) or str(c.get("actor_id")),
                responder_id=_responder(session, c.get("responder_id")),
                status=str(c.get("status")),
                note=c.get("note"),
            )
        )
    responder = _responder(session, data.get("responder_id"))
    if entry.responder_id is None and responder is not None:
        entry.responder_id, changed = responder, True
    if missing:
        entry.status = str(data.get("status") or entry.status)
        entry.note = data.get("note")
        entry.checked_at = _time(data.get("checked_at"))
        entry.unreachable_since = _time(data.get("unreachable_since"))
        entry.case_id = data.get("case_id") or entry.case_id
    session.flush()
    return changed


def _responder(session: Session, responder_id: Any) -> str | None:
    found = session.get(EmergencyResponder, str(responder_id)) if responder_id else None
    return found.id if found is not None else None
