"""The use cases that read cases: show one, reveal its reporter's phone, list and count them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from stationdesk.domain.cases import (
    CaseState,
)
from stationdesk.domain.roles import Permission
from stationdesk.store.models_cases import Case

from ..actor import Actor, require
from ..case_reference import reference_in
from ..errors import InputError
from ..station import Station
from ..uow import unit_of_work
from .detail import _detail, _find, _summary, deadline_of, local, worker_names
from .inputs import _clean, parse_state
from .types import AWAITING_DEPARTMENT, ENTITY, CaseDetail, CaseSummary, CaseView


def show_case(station: Station, actor: Actor, case_ref: str) -> CaseDetail:
    """A case with its timeline and attachments (the reporter's phone masked)."""
    require(actor, Permission.HANDLE_MATTERS)
    with station.db.read_session() as s:
        case = _find(s, case_ref)
        return _detail(s, case, actor, station.now())


def reveal_reporter_phone(station: Station, actor: Actor, case_ref: str, reason: str) -> str | None:
    """The reporter's full phone number, shown on an explicit, audited request with a reason."""
    require(actor, Permission.REVEAL_PERSONAL_DATA)
    why = _clean(reason, 200, "reason", "the reason", "查看原因")
    if why is None:
        raise InputError("say why the full number is needed", "请填写查看原因。", field="reason")
    with unit_of_work(station, actor) as uow:
        case = _find(uow.session, case_ref)
        uow.audit("case.reveal_phone", ENTITY, case.id, {"number": case.number, "reason": why})
        return case.reporter_phone


def _open_cases_query() -> Select[Case]:
    terminal = [CaseState.CLOSED.value, CaseState.NOT_ACCEPTED.value]
    return select(Case).where(Case.state.not_in(terminal))


def list_cases(
    station: Station,
    actor: Actor,
    view: CaseView | str = CaseView.ALL,
    *,
    state: CaseState | str | None = None,
    overdue: bool = False,
    limit: int = 1000,
) -> list[CaseSummary]:
    """The cases of one inbox view, newest first (the overdue view: most overdue first).

    * ``mine``: open cases owned by the acting worker; ``all``: every case;
    * ``overdue``: open cases past their due date;
    * ``awaiting-department``: referred, not yet answered by the department;
    * ``to-follow-up``: resolved, waiting for the satisfaction follow-up.
    """
    require(actor, Permission.HANDLE_MATTERS)
    try:
        chosen = CaseView(view)
    except ValueError:
        raise InputError(f"unknown view {view!r}", "未知的列表视图。") from None
    wanted_state = parse_state(state) if isinstance(state, str) else state
    now = station.now()
    with station.db.read_session() as s:
        return list_in(
            s,
            now,
            chosen,
            owner_id=actor.worker_id,
            state=wanted_state,
            overdue=overdue,
            limit=limit,
        )


def list_in(
    session: Session,
    now: datetime,
    view: CaseView,
    *,
    owner_id: str | None = None,
    state: CaseState | None = None,
    overdue: bool = False,
    limit: int = 1000,
) -> list[CaseSummary]:
    """:func:`list_cases` within an open session, without the permission check (services only)."""
    ref = reference_in(session)
    names = worker_names(session)
    query: Select[Case] = select(Case) if view is CaseView.ALL else _open_cases_query()
    if view is CaseView.MINE:
        query = query.where(Case.owner_id == owner_id)
    elif view is CaseView.AWAITING_DEPARTMENT:
        query = query.where(Case.state.in_([state.value for state in AWAITING_DEPARTMENT]))
    elif view is CaseView.TO_FOLLOW_UP:
        query = query.where(Case.state == CaseState.RESOLVED.value)
    if state is not None:
        query = query.where(Case.state == state.value)
    want_overdue = overdue or view is CaseView.OVERDUE
    if want_overdue:
        # stored due dates only move later while paused, so this keeps every candidate
        query = query.where(Case.due_date < local(now).date())
    query = query.order_by(Case.received_at.desc(), Case.seq.desc())
    if not want_overdue:
        query = query.limit(limit)
    rows = [_summary(c, ref, names, now) for c in session.scalars(query)]
    if want_overdue:
        rows = [r for r in rows if r.deadline is not None and r.deadline.overdue]
        rows.sort(key=lambda r: (r.deadline.due if r.deadline else r.due, r.number))
        rows = rows[:limit]
    return rows


def view_counts(station: Station, actor: Actor) -> dict[CaseView, int]:
    """How many cases each inbox view holds (for the tab labels)."""
    require(actor, Permission.HANDLE_MATTERS)
    now = station.now()
    counts = dict.fromkeys(CaseView, 0)
    with station.db.read_session() as s:
        ref = reference_in(s)
        counts[CaseView.ALL] = int(s.scalar(select(func.count()).select_from(Case)) or 0)
        for case in s.scalars(_open_cases_query()):
            state = CaseState(case.state)
            if case.owner_id == actor.worker_id:
                counts[CaseView.MINE] += 1
            if state in AWAITING_DEPARTMENT:
                counts[CaseView.AWAITING_DEPARTMENT] += 1
            if state is CaseState.RESOLVED:
                counts[CaseView.TO_FOLLOW_UP] += 1
            deadline = deadline_of(ref.calendar, case, now)
            if deadline is not None and deadline.overdue:
                counts[CaseView.OVERDUE] += 1
    return counts
