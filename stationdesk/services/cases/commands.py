"""The use cases that change a case: open it, act on it, rate it."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from stationdesk.domain.cases import (
    STATE_LABELS_ZH,
    CaseAction,
    CaseState,
    SatisfactionGrade,
    rating_reopens,
)
from stationdesk.domain.ids import new_id
from stationdesk.domain.roles import Permission
from stationdesk.store.models import StationRow
from stationdesk.store.models_cases import Case
from stationdesk.store.models_residents import Grid
from stationdesk.store.models_sync import SyncState

from ..actor import Actor, require
from ..case_reference import reference_in
from ..errors import InputError
from ..residents.views import format_address, live_resident, place_names
from ..station import Station
from ..uow import UnitOfWork, unit_of_work
from .detail import _acting_on, _detail, case_number, local
from .inputs import _CheckedNew, _clean_note, check_new_case, parse_action, parse_grade
from .synced import synced_rows
from .transitions import _add_event, _event_payload, _push_op, _transition
from .types import ENTITY, EVENT_OPEN, EVENT_RATE, RATABLE, CaseDetail, NewCase

#: The sync state row, and the counter in it that /hello fills with the district's highest
#: case sequence from this station (see district.entities.owned.CASE_COUNTER).
SYNC_STATE_ID = 1
CASE_COUNTER = "case"


def _highest_case_seq(session: Session) -> int:
    return int(session.scalar(select(func.max(Case.seq))) or 0)


def _district_case_floor(session: Session) -> int:
    """The highest case number the district has from this station (told at each sync's hello).

    After a restore from an older backup, new cases are numbered above it, so no number is used
    twice in the district.
    """
    state = session.get(SyncState, SYNC_STATE_ID)
    value = (state.counters or {}).get(CASE_COUNTER, 0) if state is not None else 0
    return int(value) if isinstance(value, int) else 0


def _from_resident(session: Session, checked: _CheckedNew) -> _CheckedNew:
    """A case linked to a resident: reporter, phone, address and grid come from the record
    (what the worker typed stays only where the record has nothing)."""
    assert checked.resident_id is not None
    r = live_resident(session, checked.resident_id)
    buildings, _grids = place_names(session)
    address = format_address(buildings.get(r.building_id or ""), r.unit, r.room)
    grid = session.scalar(select(Grid.code).where(Grid.id == r.grid_id)) if r.grid_id else None
    return replace(
        checked,
        resident_id=r.id,
        reporter_name=r.name,
        reporter_phone=r.phones[0] if r.phones else checked.reporter_phone,
        address=address or checked.address,
        grid=grid or checked.grid,
    )


def open_case(station: Station, actor: Actor, new: NewCase) -> CaseDetail:
    """Register a matter received by ``actor`` (who becomes its owner); returns the new case.

    With ``new.resolve_on_the_spot`` the matter is also accepted and resolved at once (马上办).
    """
    require(actor, Permission.HANDLE_MATTERS)
    with unit_of_work(station, actor) as uow:
        case = open_case_in(uow, actor, new)
        return _detail(uow.session, case, actor, uow.now)


def open_case_in(uow: UnitOfWork, actor: Actor, new: NewCase) -> Case:
    """Register a matter inside the caller's unit of work (also used by emergency check-offs)."""
    require(actor, Permission.HANDLE_MATTERS)
    ref = reference_in(uow.session)
    checked = check_new_case(new, ref)
    if checked.resident_id is not None:
        checked = _from_resident(uow.session, checked)
    matter = ref.matter_types.get(checked.type_code)
    assert matter is not None
    station_code = uow.session.scalars(select(StationRow.code)).one()
    seq = max(_highest_case_seq(uow.session), _district_case_floor(uow.session)) + 1
    now = uow.now
    case = Case(
        id=new_id(),
        seq=seq,
        number=case_number(station_code, seq),
        type_code=matter.code,
        time_limit_days=matter.time_limit_working_days,
        channel=checked.channel.value,
        summary=checked.summary,
        description=checked.description,
        address=checked.address,
        grid=checked.grid,
        resident_id=checked.resident_id,
        reporter_name=checked.reporter_name,
        reporter_phone=checked.reporter_phone,
        owner_id=actor.worker_id,
        state=CaseState.REGISTERED.value,
        paused_from=None,
        paused_at=None,
        paused_days=0,
        received_at=now,
        due_date=ref.calendar.due_date(local(now), matter.time_limit_working_days),
        department=None,
        resolved_at=None,
        closed_at=None,
        rating=None,
        rated_at=None,
        created_at=now,
        updated_at=now,
        version=1,
    )
    uow.session.add(case)
    uow.session.flush()
    event = _add_event(uow, case, EVENT_OPEN, None, CaseState.REGISTERED)
    uow.change(
        ENTITY,
        case.id,
        "create",
        {
            "number": case.number,
            "type_code": case.type_code,
            "time_limit_days": case.time_limit_days,
            "channel": case.channel,
            "summary": case.summary,
            "description": case.description,
            "address": case.address,
            "grid": case.grid,
            "resident_id": case.resident_id,
            "reporter_name": case.reporter_name,
            "reporter_phone": case.reporter_phone,
            "owner_id": case.owner_id,
            "state": case.state,
            "received_at": now.isoformat(),
            "due_date": case.due_date.isoformat(),
            "event": _event_payload(event),
            **synced_rows(case, event),
        },
        audit_details={
            "number": case.number,
            "type": case.type_code,
            "channel": case.channel,
        },
    )
    if checked.resolve_note is not None:
        _transition(uow, ref, case, CaseAction.ACCEPT, None, None)
        _transition(uow, ref, case, CaseAction.RESOLVE, checked.resolve_note, None)
    return case


def act(
    station: Station,
    actor: Actor,
    case_ref: str,
    action: CaseAction | str,
    *,
    note: str | None = None,
    department: str | None = None,
    expected_version: int | None = None,
) -> CaseDetail:
    """Apply one action to a case; an action not allowed in its state is refused, unchanged.

    ``case_ref`` is the case number (``SY0101-C-000001``) or its record id. A department's
    acknowledgement, reply or return recorded here is marked as entered by hand.
    """
    require(actor, Permission.HANDLE_MATTERS)
    parsed = action if isinstance(action, CaseAction) else parse_action(action)
    clean_note = _clean_note(note)
    with _acting_on(station, actor, case_ref, expected_version) as (uow, case):
        ref = reference_in(uow.session)
        _transition(uow, ref, case, parsed, clean_note, department)
        return _detail(uow.session, case, actor, uow.now)


def rate(
    station: Station,
    actor: Actor,
    case_ref: str,
    grade: SatisfactionGrade | str,
    *,
    note: str | None = None,
    expected_version: int | None = None,
) -> CaseDetail:
    """Record the resident's satisfaction grade for a resolved case.

    Recording a grade is the follow-up (回访): a RESOLVED case moves to FOLLOWED_UP first. A
    不满意 or 非常不满意 grade then reopens the case, with the note (or the grade) as the reason.
    """
    require(actor, Permission.HANDLE_MATTERS)
    parsed = grade if isinstance(grade, SatisfactionGrade) else parse_grade(grade)
    clean_note = _clean_note(note)
    with _acting_on(station, actor, case_ref, expected_version) as (uow, case):
        state = CaseState(case.state)
        if state not in RATABLE:
            raise InputError(
                f"case {case.number} is {state.value}: only a resolved case can be rated",
                f"事项当前状态为“{STATE_LABELS_ZH[state]}”，办结后才能进行满意度评价。",
                field="grade",
            )
        ref = reference_in(uow.session)
        if state is CaseState.RESOLVED:
            _transition(uow, ref, case, CaseAction.FOLLOW_UP, None, None)
        case.rating = parsed.value
        case.rated_at = uow.now
        case.updated_at = uow.now
        current = CaseState(case.state)
        event = _add_event(uow, case, EVENT_RATE, current, current, note=clean_note, rating=parsed)
        _push_op(uow, case, "rate", event, {"number": case.number, "rating": parsed.value})
        if rating_reopens(parsed):
            _transition(uow, ref, case, CaseAction.REOPEN, clean_note or parsed.zh, None)
        return _detail(uow.session, case, actor, uow.now)
