"""Moving a case: its events, one CaseAction applied with its records, and a department's answer."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from stationdesk.domain.cases import (
    ACTION_LABELS_ZH,
    CaseAction,
    CaseState,
    InvalidTransition,
    SatisfactionGrade,
    allowed_actions,
    check_inputs,
    next_state,
    requires_department,
)
from stationdesk.domain.ids import new_id
from stationdesk.store.models_cases import Case, CaseEvent

from ..case_reference import CaseReferenceData, reference_in
from ..errors import InputError
from ..uow import UnitOfWork
from .detail import local
from .synced import synced_rows
from .types import (
    DEPARTMENT_ACTIONS,
    ENTITY,
    EVENT_ANSWER,
    EVENT_SOURCE_DISTRICT,
    DepartmentAnswer,
)


def _next_event_seq(session: Session, case_id: str) -> int:
    current = session.scalar(select(func.max(CaseEvent.seq)).where(CaseEvent.case_id == case_id))
    return int(current or 0) + 1


def _add_event(
    uow: UnitOfWork,
    case: Case,
    action: str,
    from_state: CaseState | None,
    to_state: CaseState | None,
    *,
    note: str | None = None,
    department: str | None = None,
    rating: SatisfactionGrade | None = None,
    manual: bool = False,
    answer: DepartmentAnswer | None = None,
) -> CaseEvent:
    event = CaseEvent(
        id=answer.id if answer else new_id(),
        case_id=case.id,
        seq=_next_event_seq(uow.session, case.id),
        at=answer.at if answer else uow.now,
        actor_id=uow.actor.worker_id if uow.actor else None,
        action=action,
        from_state=from_state.value if from_state else None,
        to_state=to_state.value if to_state else None,
        note=note,
        department=department,
        rating=rating.value if rating else None,
        manual=manual,
        source=EVENT_SOURCE_DISTRICT if answer else "station",
    )
    uow.session.add(event)
    uow.session.flush()
    return event


def _event_payload(event: CaseEvent) -> dict[str, Any]:
    return {
        "event_id": event.id,
        "seq": event.seq,
        "at": event.at.isoformat(),
        "action": event.action,
        "from": event.from_state,
        "to": event.to_state,
        "note": event.note,
        "department": event.department,
        "rating": event.rating,
        "manual": event.manual,
    }


def _push_op(
    uow: UnitOfWork,
    case: Case,
    kind: str,
    event: CaseEvent,
    audit_details: dict[str, Any],
    extra: dict[str, Any] | None = None,
) -> None:
    """Record a change of ``case`` with its event (a synced, versioned change).

    ``extra`` is added to the event's payload.
    """
    payload = _event_payload(event)
    payload.update(extra or {})
    payload.update(synced_rows(case, event))
    uow.versioned_change(ENTITY, case, kind, payload, audit_details=audit_details)


def _transition(
    uow: UnitOfWork,
    ref: CaseReferenceData,
    case: Case,
    action: CaseAction,
    note: str | None,
    department: str | None,
    answer: DepartmentAnswer | None = None,
) -> None:
    """Apply one CaseAction to ``case`` (already permission-checked) with its event and records.

    ``answer`` is a department's answer pulled from the district platform: the event takes its
    id and time and is not marked as recorded by hand.
    """
    state = CaseState(case.state)
    resume_to = (
        CaseState(case.paused_from)
        if action is CaseAction.RESUME and state is CaseState.PENDING_MATERIALS and case.paused_from
        else None
    )
    try:
        target = next_state(state, action, resume_to=resume_to)
        check_inputs(action, note=note, department=department)
    except InvalidTransition as exc:
        raise InputError(str(exc), exc.zh, field="action") from None
    dept_code: str | None = None
    if requires_department(action):
        assert department is not None
        dept_code = department.strip().upper()
        if ref.departments.get(dept_code) is None:
            raise InputError(
                f"unknown department {department!r}", "承办部门不在目录中。", field="department"
            )
    elif department is not None and department.strip():
        raise InputError(
            f"a department is only named when referring, not with {action.value!r}",
            "只有转办时需要选择承办部门。",
            field="department",
        )
    manual = action in DEPARTMENT_ACTIONS and answer is None
    if action in DEPARTMENT_ACTIONS:
        dept_code = case.department

    now = uow.now
    if action is CaseAction.PEND:
        case.paused_from = state.value
        case.paused_at = now
    elif action is CaseAction.RESUME:
        assert case.paused_at is not None
        case.paused_days += ref.calendar.paused_working_days(
            [(local(case.paused_at), local(now))], local(now)
        )
        case.paused_from = None
        case.paused_at = None
        case.due_date = ref.calendar.due_date(
            local(case.received_at), case.time_limit_days, case.paused_days
        )
    elif action is CaseAction.REFER:
        case.department = dept_code
    elif action is CaseAction.RESOLVE:
        case.resolved_at = now
    elif action is CaseAction.REOPEN:
        case.resolved_at = None
    elif action is CaseAction.CLOSE:
        case.closed_at = now

    case.state = target.value
    case.updated_at = now
    event = _add_event(
        uow,
        case,
        action.value,
        state,
        target,
        note=note,
        department=dept_code,
        manual=manual,
        answer=answer,
    )
    extra: dict[str, Any] = {"due_date": case.due_date.isoformat()}
    if answer is not None:
        extra["answer_id"] = answer.id
    _push_op(
        uow,
        case,
        "act",
        event,
        {
            "number": case.number,
            "action": action.value,
            "from": state.value,
            "to": target.value,
            "manual": manual,
        },
        extra,
    )


def record_department_answer(uow: UnitOfWork, answer: DepartmentAnswer) -> bool:
    """Put a department's answer into its case's timeline (once); False when already there.

    An answer to the case's current referral that its state accepts moves the case (签收,
    反馈, 退回) exactly as the action recorded here would, and is pushed back as the case's
    event. Any other answer (to an earlier referral, or after the station recorded it by hand)
    is kept in the timeline as an ``answer`` event without changing the state.
    """
    session = uow.session
    if session.get(CaseEvent, answer.id) is not None:
        return False
    case = session.get(Case, answer.case_id)
    if case is None:
        return False
    note = answer.note
    if answer.by and answer.by not in (answer.department, answer.department_name):
        note = f"{note or ''}（经办人：{answer.by}）"
    last_refer = session.scalar(
        select(CaseEvent.id)
        .where(CaseEvent.case_id == case.id, CaseEvent.action == CaseAction.REFER.value)
        .order_by(CaseEvent.seq.desc())
        .limit(1)
    )
    try:
        action = CaseAction(answer.action)
    except ValueError:
        action = None
    state = CaseState(case.state)
    fits = (
        action in DEPARTMENT_ACTIONS
        and last_refer == answer.referral_event_id
        and case.department == answer.department
        and action in allowed_actions(state)
    )
    if fits:
        assert action is not None
        _transition(uow, reference_in(session), case, action, note, None, answer)
        return True
    label = ACTION_LABELS_ZH[action] if action is not None else answer.action
    event = _add_event(
        uow,
        case,
        EVENT_ANSWER,
        state,
        state,
        note=f"{label}：{note}" if note else label,
        department=answer.department,
        answer=answer,
    )
    # kept in the timeline the district holds too (the case's state does not move)
    payload = {**_event_payload(event), **synced_rows(case, event)}
    uow.outbox(ENTITY, case.id, EVENT_ANSWER, payload, base_version=case.version)
    case.version += 1
    uow.audit(
        "case.answer_kept",
        ENTITY,
        case.id,
        {"number": case.number, "action": answer.action, "state": state.value},
    )
    return True
