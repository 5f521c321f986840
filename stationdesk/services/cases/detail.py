"""Reading a case: finding it, who may act on it, its deadline, and its summary and detail."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from stationdesk.domain.cases import (
    ACTION_LABELS_ZH,
    STATE_LABELS_ZH,
    CaseAction,
    CaseState,
    Channel,
    SatisfactionGrade,
    allowed_actions,
    is_terminal,
)
from stationdesk.domain.identity import mask_phone
from stationdesk.domain.numbering import validate_station_code
from stationdesk.domain.open311 import CHINA_TZ
from stationdesk.domain.roles import Permission
from stationdesk.domain.workdays import WorkCalendar
from stationdesk.store.models import Worker
from stationdesk.store.models_cases import Case, CaseAttachment, CaseEvent

from ..actor import Actor, require
from ..case_reference import CaseReferenceData, reference_in
from ..errors import InputError, NotFoundError, PermissionDeniedError
from ..station import Station
from ..uow import UnitOfWork, unit_of_work
from .inputs import _UUID_RE
from .types import (
    EVENT_ANSWER,
    EVENT_ATTACH,
    EVENT_OPEN,
    EVENT_RATE,
    RATABLE,
    AttachmentInfo,
    CaseDetail,
    CaseEventInfo,
    CaseSummary,
    Deadline,
)


def local(value: datetime) -> datetime:
    """A stored UTC datetime in China Standard Time."""
    return value.astimezone(CHINA_TZ)


def case_number(station_code: str, seq: int) -> str:
    """The number users see: station code, ``C`` and a never-resetting sequence."""
    validate_station_code(station_code)
    return f"{station_code}-C-{seq:06d}"


def _find(session: Session, ref: str) -> Case:
    text = unicodedata.normalize("NFKC", ref).strip()
    case: Case | None = None
    if _UUID_RE.match(text.lower()):
        case = session.get(Case, text.lower())
    else:
        case = session.scalar(select(Case).where(Case.number == text.upper()))
    if case is None:
        raise NotFoundError("no such case", "没有找到该事项。")
    return case


def _may_act(actor: Actor, case: Case) -> bool:
    if not actor.can(Permission.HANDLE_MATTERS):
        return False
    return case.owner_id == actor.worker_id or actor.can(Permission.APPROVE)


def _require_act(actor: Actor, case: Case) -> None:
    require(actor, Permission.HANDLE_MATTERS)
    if not _may_act(actor, case):
        raise PermissionDeniedError(
            f"only the worker who received case {case.number} or a station head may act on it",
            f"首问负责：事项 {case.number} 只能由首问接待人或站长办理。",
        )


def paused_days(cal: WorkCalendar, case: Case, now: datetime) -> int:
    """The working days ``case`` has been paused at ``now``, a pause still running included."""
    if case.paused_at is None:
        return case.paused_days
    return case.paused_days + cal.paused_working_days([(local(case.paused_at), None)], local(now))


def deadline_of(cal: WorkCalendar, case: Case, now: datetime) -> Deadline | None:
    """The deadline state of a case at ``now``; None once it is closed or not accepted."""
    if is_terminal(CaseState(case.state)):
        return None
    paused = paused_days(cal, case, now)
    received = local(case.received_at)
    due = cal.due_date(received, case.time_limit_days, paused)
    status = cal.deadline_status(received, due, local(now), paused)
    return Deadline(
        level=status.level,
        due=due,
        elapsed_working_days=status.elapsed_working_days,
        limit_working_days=status.limit_working_days,
        fraction_elapsed=status.fraction_elapsed,
        paused=case.paused_at is not None,
    )


def worker_names(session: Session) -> dict[str, str]:
    """Every worker's display name by id."""
    return {w.id: w.display_name for w in session.scalars(select(Worker))}


def _reporter_text(case: Case) -> str:
    parts = []
    if case.reporter_name:
        parts.append(case.reporter_name)
    if case.reporter_phone:
        parts.append(mask_phone(case.reporter_phone))
    return " ".join(parts)


def _department_name(ref: CaseReferenceData, code: str | None) -> str | None:
    """A department's name, or its code when the list in force does not know it."""
    return ref.departments.name_of(code) if code else code


def _summary(
    case: Case, ref: CaseReferenceData, names: dict[str, str], now: datetime
) -> CaseSummary:
    state = CaseState(case.state)
    return CaseSummary(
        id=case.id,
        number=case.number,
        type_code=case.type_code,
        type_name=ref.matter_types.name_of(case.type_code),
        channel=Channel(case.channel),
        summary=case.summary,
        state=state,
        state_zh=STATE_LABELS_ZH[state],
        owner_id=case.owner_id,
        owner_name=names.get(case.owner_id, "?"),
        department=case.department,
        department_name=_department_name(ref, case.department),
        reporter=_reporter_text(case),
        grid=case.grid,
        address=case.address,
        received_at=local(case.received_at),
        due=case.due_date,
        deadline=deadline_of(ref.calendar, case, now),
        updated_at=local(case.updated_at),
        version=case.version,
    )


def _event_info(ev: CaseEvent, ref: CaseReferenceData, names: dict[str, str]) -> CaseEventInfo:
    if ev.action == EVENT_OPEN:
        action_zh = "登记"
    elif ev.action == EVENT_RATE:
        action_zh = "满意度评价"
    elif ev.action == EVENT_ATTACH:
        action_zh = "添加附件"
    elif ev.action == EVENT_ANSWER:
        action_zh = "部门答复（状态未变）"
    else:
        action_zh = ACTION_LABELS_ZH[CaseAction(ev.action)]
    return CaseEventInfo(
        seq=ev.seq,
        at=local(ev.at),
        actor_name=names.get(ev.actor_id, "?") if ev.actor_id else "区平台",
        action=ev.action,
        action_zh=action_zh,
        from_state=CaseState(ev.from_state) if ev.from_state else None,
        to_state=CaseState(ev.to_state) if ev.to_state else None,
        note=ev.note,
        department=ev.department,
        department_name=_department_name(ref, ev.department),
        rating=SatisfactionGrade(ev.rating) if ev.rating else None,
        manual=ev.manual,
        source=ev.source,
    )


def _attachment_info(
    att: CaseAttachment | Row[*tuple[Any, ...]], names: dict[str, str]
) -> AttachmentInfo:
    """An attachment's description, from its row or from its columns read without the bytes."""
    return AttachmentInfo(
        id=att.id,
        case_id=att.case_id,
        name=att.name,
        mime=att.mime,
        size=att.size,
        added_at=local(att.added_at),
        added_by=names.get(att.added_by, "?") if att.added_by else "?",
    )


def _detail(session: Session, case: Case, actor: Actor, now: datetime) -> CaseDetail:
    ref = reference_in(session)
    names = worker_names(session)
    events = session.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq)
    ).all()
    attachments = session.execute(
        select(
            CaseAttachment.id,
            CaseAttachment.case_id,
            CaseAttachment.name,
            CaseAttachment.mime,
            CaseAttachment.size,
            CaseAttachment.added_at,
            CaseAttachment.added_by,
        )
        .where(CaseAttachment.case_id == case.id)
        .order_by(CaseAttachment.added_at)
    ).all()
    state = CaseState(case.state)
    can_act = _may_act(actor, case)
    return CaseDetail(
        case=_summary(case, ref, names, now),
        description=case.description,
        resident_id=case.resident_id,
        reporter_name=case.reporter_name,
        reporter_phone_masked=mask_phone(case.reporter_phone) if case.reporter_phone else None,
        time_limit_days=case.time_limit_days,
        paused_from=CaseState(case.paused_from) if case.paused_from else None,
        rating=SatisfactionGrade(case.rating) if case.rating else None,
        events=tuple(_event_info(e, ref, names) for e in events),
        attachments=tuple(_attachment_info(a, names) for a in attachments),
        allowed_actions=tuple(allowed_actions(state)) if can_act else (),
        can_act=can_act,
        can_rate=can_act and state in RATABLE,
    )


def _check_version(case: Case, expected_version: int | None) -> None:
    if expected_version is not None and case.version != expected_version:
        raise InputError(
            f"case {case.number} was changed meanwhile; reload it and try again",
            "此事项刚被更新，请刷新后再操作。",
        )


@contextmanager
def _acting_on(
    station: Station, actor: Actor, case_ref: str, expected_version: int | None = None
) -> Iterator[tuple[UnitOfWork, Case]]:
    """A write transaction on a case ``actor`` may act on (首问负责), at the version expected."""
    with unit_of_work(station, actor) as uow:
        case = _find(uow.session, case_ref)
        _require_act(actor, case)
        _check_version(case, expected_version)
        yield uow, case
