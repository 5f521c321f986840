"""The check-off board of the open event: checking on a resident, the list, the totals."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.domain.cases import Channel
from stationdesk.domain.emergency import (
    STATUS_LABELS_ZH,
    UNREACHABLE_TOO_LONG,
    CheckStatus,
    empty_tally,
    parse_status,
    tally,
)
from stationdesk.domain.roles import Permission
from stationdesk.store.models_cases import Case
from stationdesk.store.models_emergency import EmergencyCheck, EmergencyEntry
from stationdesk.store.models_residents import Grid, Resident

from ..actor import Actor, require
from ..case_reference import reference_in
from ..cases import NewCase, open_case_in
from ..errors import InputError
from ..residents.views import format_address, place_names
from ..station import Station
from ..uow import UnitOfWork, unit_of_work
from .events import (
    event_info,
    grid_by_code,
    require_open_event,
    resident_on_list,
    responder_names,
)
from .synced import queue_check
from .types import ENTITY_ENTRY, MAX_NOTE, NO_GRID, EntryRow, GridTotals, StatusReport

#: The matter type a 需要帮助 check opens a case of: the first the list in force knows.
HELP_CASE_TYPES = ("TEMPORARY_ASSISTANCE", "OTHER_REQUEST")


def checked_status(status: CheckStatus | str) -> CheckStatus:
    """A status from its code or Chinese label, or InputError."""
    if isinstance(status, CheckStatus):
        return status
    try:
        return parse_status(status)
    except ValueError as exc:
        raise InputError(str(exc), "核查状态不正确。", field="status") from None


def _clean_note(note: str | None) -> str | None:
    text = (note or "").strip()
    if len(text) > MAX_NOTE:
        raise InputError(f"the note is over {MAX_NOTE} characters", "备注过长。", field="note")
    return text or None


def _open_help_case(
    uow: UnitOfWork, actor: Actor, event_name: str, entry: EmergencyEntry, note: str | None
) -> str:
    """Open the 需要帮助 case for a listed resident in this unit of work; returns its id."""
    ref = reference_in(uow.session)
    type_code = next(c for c in HELP_CASE_TYPES if ref.matter_types.get(c) is not None)
    case = open_case_in(
        uow,
        actor,
        NewCase(
            type_code=type_code,
            channel=Channel.GRID.value,
            summary=f"{event_name}：需要帮助"[:200],
            description=note or "",
            resident_id=entry.resident_id,
        ),
    )
    return case.id


def check(
    station: Station,
    actor: Actor,
    resident_id: str,
    status: CheckStatus | str,
    note: str | None = None,
) -> EntryRow:
    """Record one check-off on a listed resident (any worker): appended to the history with
    the time and the worker; 需要帮助 opens a case linked to the resident in the same
    transaction (once per entry)."""
    require(actor, Permission.HANDLE_MATTERS)
    parsed = checked_status(status)
    clean = _clean_note(note)
    with unit_of_work(station, actor) as uow:
        s = uow.session
        event = require_open_event(s)
        entry = resident_on_list(s, event, resident_id)
        previous = CheckStatus(entry.status)
        record = EmergencyCheck(
            entry_id=entry.id,
            at=uow.now,
            actor_id=actor.worker_id,
            responder_id=entry.responder_id,
            status=parsed.value,
            note=clean,
        )
        s.add(record)
        entry.status = parsed.value
        entry.note = clean
        entry.checked_at = uow.now
        if parsed is CheckStatus.UNREACHABLE:
            if previous is not CheckStatus.UNREACHABLE or entry.unreachable_since is None:
                entry.unreachable_since = uow.now
        else:
            entry.unreachable_since = None
        details: dict[str, Any] = {
            "event": event.id,
            "resident": entry.resident_id,
            "status": parsed.value,
        }
        if parsed is CheckStatus.NEED_HELP and entry.case_id is None:
            entry.case_id = _open_help_case(uow, actor, event.name, entry, clean)
            details["case"] = entry.case_id
        s.flush()
        queue_check(uow, entry, record)
        uow.audit(f"{ENTITY_ENTRY}.check", ENTITY_ENTRY, str(entry.id), details)
        return _rows(s, [entry])[0]


def _rows(s: Session, entries: Iterable[EmergencyEntry]) -> list[EntryRow]:
    entries = list(entries)
    buildings, _ = place_names(s)
    grid_codes = {i: c for i, c in s.execute(select(Grid.id, Grid.code))}
    responders = responder_names(s)
    ids = [e.resident_id for e in entries]
    people: dict[str, tuple[str, str | None, str | None, str | None]] = {}
    for chunk in range(0, len(ids), 900):
        for rid, name, b, unit, room in s.execute(
            select(
                Resident.id, Resident.name, Resident.building_id, Resident.unit, Resident.room
            ).where(Resident.id.in_(ids[chunk : chunk + 900]))
        ):
            people[rid] = (name, buildings.get(b or ""), unit, room)
    case_ids = [e.case_id for e in entries if e.case_id]
    numbers = (
        {i: n for i, n in s.execute(select(Case.id, Case.number).where(Case.id.in_(case_ids)))}
        if case_ids
        else {}
    )
    out = []
    for e in entries:
        name, building, unit, room = people.get(e.resident_id, ("", None, None, None))
        status = CheckStatus(e.status)
        out.append(
            EntryRow(
                resident_id=e.resident_id,
                name=name,
                address=format_address(building, unit, room),
                grid=grid_codes.get(e.grid_id or ""),
                responder_id=e.responder_id,
                responder=responders.get(e.responder_id or ""),
                status=status,
                status_zh=STATUS_LABELS_ZH[status],
                note=e.note,
                checked_at=e.checked_at,
                unreachable_since=e.unreachable_since,
                case_number=numbers.get(e.case_id or ""),
                added=e.added,
            )
        )
    return out


def list_entries(
    station: Station,
    actor: Actor,
    *,
    status: CheckStatus | str | None = None,
    grid: str | None = None,
) -> list[EntryRow]:
    """The open event's list, by grid, building and room; filtered by status and grid."""
    require(actor, Permission.HANDLE_MATTERS)
    wanted = checked_status(status) if status is not None else None
    with station.db.read_session() as s:
        event = require_open_event(s)
        query = select(EmergencyEntry).where(EmergencyEntry.event_id == event.id)
        if wanted is not None:
            query = query.where(EmergencyEntry.status == wanted.value)
        if grid is not None:
            grid_id, _code = grid_by_code(s, grid)
            query = query.where(EmergencyEntry.grid_id == grid_id)
        rows = _rows(s, s.scalars(query.order_by(EmergencyEntry.id)))
    return sorted(rows, key=lambda r: (r.grid or "~", r.address, r.name))


def status(station: Station, actor: Actor) -> StatusReport:
    """The open event's totals (all, reached, need help, unreachable), per grid, and the
    residents unreachable for longer than the threshold."""
    require(actor, Permission.HANDLE_MATTERS)
    with station.db.read_session() as s:
        event = require_open_event(s)
        grid_codes = {i: c for i, c in s.execute(select(Grid.id, Grid.code))}
        totals = empty_tally()
        by_grid: dict[str, dict[str, int]] = {}
        for grid_id, value in s.execute(
            select(EmergencyEntry.grid_id, EmergencyEntry.status).where(
                EmergencyEntry.event_id == event.id
            )
        ):
            key = grid_codes.get(grid_id or "", NO_GRID)
            st = CheckStatus(value)
            tally(totals, st)
            tally(by_grid.setdefault(key, empty_tally()), st)
        limit = station.now() - UNREACHABLE_TOO_LONG
        overdue = s.scalars(
            select(EmergencyEntry)
            .where(
                EmergencyEntry.event_id == event.id,
                EmergencyEntry.status == CheckStatus.UNREACHABLE.value,
                EmergencyEntry.unreachable_since <= limit,
            )
            .order_by(EmergencyEntry.unreachable_since)
        )
        return StatusReport(
            event=event_info(s, event),
            total=totals["total"],
            reached=totals["reached"],
            need_help=totals["need_help"],
            unreachable=totals["unreachable"],
            by_grid={k: GridTotals(**v) for k, v in sorted(by_grid.items())},
            overdue=tuple(_rows(s, overdue)),
        )
