"""One-window cases: open, act (every CaseAction), rate, list, show, attachments, Open311 export.

首问负责 (owner rule): the worker who receives a matter owns it. Only the owner, or a station
head (who may step in when the owner is away), may act on, rate or add attachments to a case;
every worker may read every case. Each change is one unit of work with its events, audit
records and outbox rows; an invalid transition is refused before anything is written.

Times are stored in UTC and returned in China Standard Time; deadlines are counted in working
days by the district calendar (:mod:`stationdesk.domain.workdays`).
"""

from __future__ import annotations

import enum
import hashlib
import mimetypes
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path, PurePath
from typing import Any, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from stationdesk.domain.cases import (
    ACTION_LABELS_ZH,
    STATE_LABELS_ZH,
    CaseAction,
    CaseState,
    Channel,
    InvalidTransition,
    SatisfactionGrade,
    allowed_actions,
    check_inputs,
    is_terminal,
    next_state,
    rating_reopens,
    requires_department,
)
from stationdesk.domain.identity import mask_id_number, mask_phone
from stationdesk.domain.ids import new_id
from stationdesk.domain.numbering import validate_station_code
from stationdesk.domain.open311 import CHINA_TZ, Open311Case, to_service_requests
from stationdesk.domain.roles import Permission
from stationdesk.domain.workdays import DeadlineLevel, WorkCalendar
from stationdesk.store.models import Station as StationRow
from stationdesk.store.models import Worker
from stationdesk.store.models_cases import Case, CaseAttachment, CaseEvent
from stationdesk.store.models_sync import SyncState

from .actor import Actor, require
from .case_reference import CaseReferenceData, reference_in
from .errors import InputError, NotFoundError, PermissionDeniedError
from .station import Station
from .uow import UnitOfWork, unit_of_work

ENTITY = "case"

MAX_SUMMARY = 200
MAX_DESCRIPTION = 4000
MAX_NOTE = 2000
MAX_NAME = 50
MAX_ADDRESS = 200
MAX_GRID = 32
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_CASE_ATTACHMENT_BYTES = 50 * 1024 * 1024
MAX_ATTACHMENT_NAME = 120
ALLOWED_MIME = frozenset(
    {
        "image/jpeg",
        "image/png",
        "image/gif",
        "image/webp",
        "image/bmp",
        "image/tiff",
        "application/pdf",
    }
)
_MAGIC = {
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "application/pdf": (b"%PDF",),
    "image/gif": (b"GIF87a", b"GIF89a"),
}

#: Actions a department takes; a worker may record them by hand (the event is marked manual).
DEPARTMENT_ACTIONS = frozenset({CaseAction.ACK, CaseAction.REPLY, CaseAction.RETURN})

#: States in which a case waits for its department.
AWAITING_DEPARTMENT = frozenset({CaseState.REFERRED, CaseState.DEPT_ACKNOWLEDGED})

#: States in which a case can be rated (satisfaction follow-up).
RATABLE = frozenset({CaseState.RESOLVED, CaseState.FOLLOWED_UP})

#: The sync state row, and the counter in it that /hello fills with the district's highest
#: case sequence from this station (see district.entities.owned.CASE_COUNTER).
SYNC_STATE_ID = 1
CASE_COUNTER = "case"

EVENT_OPEN = "open"
EVENT_RATE = "rate"
EVENT_ATTACH = "attach"
#: A department's answer that could not move the case (it came too late, or for an earlier
#: referral); the timeline keeps it, the state stays.
EVENT_ANSWER = "answer"
#: Events that arrived from the district platform.
EVENT_SOURCE_DISTRICT = "district"

_UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_PHONE_RE = re.compile(r"^\+?[0-9][0-9 -]{5,18}[0-9]$")
_ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(\d{17}[0-9Xx]|\d{15})(?![0-9A-Za-z])")
_LANDLINE_IN_TEXT = re.compile(r"(?<!\d)0\d{2,3}-\d{7,8}(?!\d)")
_DIGITS_IN_TEXT = re.compile(r"(?<!\d)\d{7,}(?!\d)")


class CaseView(StrEnum):
    """The inbox views."""

    MINE = "mine"
    ALL = "all"
    OVERDUE = "overdue"
    AWAITING_DEPARTMENT = "awaiting-department"
    TO_FOLLOW_UP = "to-follow-up"


# -------------------------------------------------------------------------------------------
# Data returned to the UI and the CLI
# -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewCase:
    """What a worker enters to open a case.

    ``resolve_on_the_spot`` is the result note of a matter closed at the desk (马上办): the case
    is then accepted and resolved in the same transaction, each step its own event.
    """

    type_code: str
    channel: str
    summary: str
    description: str = ""
    resident_id: str | None = None
    reporter_name: str | None = None
    reporter_phone: str | None = None
    address: str | None = None
    grid: str | None = None
    resolve_on_the_spot: str | None = None


@dataclass(frozen=True)
class Deadline:
    """Where a running case stands against its promised time limit (working days)."""

    level: DeadlineLevel
    due: date
    elapsed_working_days: int
    limit_working_days: int
    fraction_elapsed: float
    paused: bool

    @property
    def overdue(self) -> bool:
        """True once the due date has passed."""
        return self.level is DeadlineLevel.RED


@dataclass(frozen=True)
class CaseSummary:
    """One row of the inbox (the reporter's phone is masked)."""

    id: str
    number: str
    type_code: str
    type_name: str
    channel: Channel
    summary: str
    state: CaseState
    state_zh: str
    owner_id: str
    owner_name: str
    department: str | None
    department_name: str | None
    reporter: str
    grid: str | None
    address: str | None
    received_at: datetime
    due: date
    deadline: Deadline | None
    updated_at: datetime
    version: int


@dataclass(frozen=True)
class CaseEventInfo:
    """One entry of a case's timeline."""

    seq: int
    at: datetime
    actor_name: str
    action: str
    action_zh: str
    from_state: CaseState | None
    to_state: CaseState | None
    note: str | None
    department: str | None
    department_name: str | None
    rating: SatisfactionGrade | None
    manual: bool
    source: str


@dataclass(frozen=True)
class AttachmentInfo:
    """An attachment's description (not its bytes)."""

    id: str
    case_id: str
    name: str
    mime: str
    size: int
    added_at: datetime
    added_by: str


@dataclass(frozen=True)
class AttachmentData:
    """An attachment with its bytes, for showing or saving at the user's request."""

    info: AttachmentInfo
    data: bytes


@dataclass(frozen=True)
class CaseDetail:
    """A case with its timeline, attachments and what the acting worker may do next."""

    case: CaseSummary
    description: str
    resident_id: str | None
    reporter_name: str | None
    reporter_phone_masked: str | None
    time_limit_days: int
    paused_from: CaseState | None
    rating: SatisfactionGrade | None
    events: tuple[CaseEventInfo, ...]
    attachments: tuple[AttachmentInfo, ...]
    allowed_actions: tuple[CaseAction, ...]
    can_act: bool
    can_rate: bool


# -------------------------------------------------------------------------------------------
# Parsing user input
# -------------------------------------------------------------------------------------------


_E = TypeVar("_E", bound=enum.Enum)


def _parse_word(kind: type[_E], key: str, label: str, zh: str, field_name: str) -> _E:
    """One enum member from its (normalised) value, or InputError naming the allowed words."""
    try:
        return kind(key)
    except ValueError:
        words = ", ".join(str(m.value) for m in kind)
        raise InputError(f"unknown {label}: use one of {words}", zh, field=field_name) from None


def parse_action(value: str) -> CaseAction:
    """A CaseAction from its CLI word, or InputError."""
    return _parse_word(
        CaseAction, value.strip().lower(), f"action {value!r}", "未知的办理操作。", "action"
    )


def parse_channel(value: str) -> Channel:
    """A Channel from its CLI word, or InputError."""
    return _parse_word(
        Channel, value.strip().lower(), f"channel {value!r}", "来源渠道无效。", "channel"
    )


def parse_state(value: str) -> CaseState:
    """A CaseState from its code (any case, '-' for '_'), or InputError."""
    return _parse_word(
        CaseState,
        value.strip().upper().replace("-", "_"),
        f"state {value!r}",
        "事项状态无效。",
        "state",
    )


def parse_grade(value: str) -> SatisfactionGrade:
    """A satisfaction grade from its code (``satisfied``, ``very-satisfied`` …) or Chinese label."""
    text = unicodedata.normalize("NFKC", value).strip()
    try:
        return SatisfactionGrade(text.upper().replace("-", "_"))
    except ValueError:
        pass
    try:
        return SatisfactionGrade.from_zh(text)
    except ValueError:
        codes = ", ".join(g.value.lower().replace("_", "-") for g in SatisfactionGrade)
        raise InputError(
            f"unknown satisfaction grade {value!r}: use one of {codes}",
            "满意度等级无效：应为非常满意、满意、基本满意、不满意或非常不满意。",
            field="grade",
        ) from None


def deidentify(text: str) -> str:
    """Mask ID numbers and phone-like digit runs in free text (for exports and reports)."""
    text = _ID_IN_TEXT.sub(lambda m: mask_id_number(m.group(0)), text)
    text = _LANDLINE_IN_TEXT.sub(lambda m: mask_phone(m.group(0)), text)
    return _DIGITS_IN_TEXT.sub(lambda m: mask_phone(m.group(0)), text)


def _clean(value: str | None, limit: int, field: str, en: str, zh: str) -> str | None:
    if value is None:
        return None
    text = unicodedata.normalize("NFC", value).strip()
    if not text:
        return None
    if len(text) > limit:
        raise InputError(
            f"{en} has at most {limit} characters", f"{zh}不能超过{limit}个字。", field=field
        )
    return text


def _clean_note(note: str | None) -> str | None:
    return _clean(note, MAX_NOTE, "note", "a note", "说明")


def valid_phone(phone: str) -> bool:
    """Whether a reporter's phone number looks right (7-15 digits, spaces or dashes allowed)."""
    text = unicodedata.normalize("NFKC", phone).strip()
    digits = sum(ch.isdigit() for ch in text)
    return bool(_PHONE_RE.match(text)) and 7 <= digits <= 15


def _clean_phone(phone: str | None) -> str | None:
    if phone is None:
        return None
    text = unicodedata.normalize("NFKC", phone).strip()
    if not text:
        return None
    if not valid_phone(text):
        # never echo the value: it is personal data
        raise InputError(
            "the reporter's phone number is not valid", "联系电话格式不正确。", field="phone"
        )
    return re.sub(r"[ ]", "", text)


@dataclass(frozen=True)
class _CheckedNew:
    type_code: str
    channel: Channel
    summary: str
    description: str
    resident_id: str | None
    reporter_name: str | None
    reporter_phone: str | None
    address: str | None
    grid: str | None
    resolve_note: str | None


def check_new_case(new: NewCase, ref: CaseReferenceData) -> _CheckedNew:
    """Check everything a new case needs; raise InputError naming the first problem."""
    if ref.matter_types.get(new.type_code.strip()) is None:
        raise InputError(
            f"unknown matter type {new.type_code!r}", "事项类型不在目录中。", field="type"
        )
    channel = parse_channel(new.channel)
    summary = _clean(new.summary, MAX_SUMMARY, "summary", "the summary", "诉求摘要")
    if summary is None:
        raise InputError("a summary is required", "请填写诉求摘要。", field="summary")
    description = _clean(
        new.description, MAX_DESCRIPTION, "description", "the description", "详细描述"
    )
    resident_id = (new.resident_id or "").strip().lower() or None
    if resident_id is not None and not _UUID_RE.match(resident_id):
        raise InputError(
            "the resident id is not a record id", "居民编号格式不正确。", field="resident"
        )
    resolve_note = None
    if new.resolve_on_the_spot is not None:
        resolve_note = _clean_note(new.resolve_on_the_spot)
        if resolve_note is None:
            raise InputError(
                "a matter closed on the spot needs its result",
                "当场办结须填写办理结果。",
                field="result",
            )
    return _CheckedNew(
        type_code=new.type_code.strip(),
        channel=channel,
        summary=summary,
        description=description or "",
        resident_id=resident_id,
        reporter_name=_clean(new.reporter_name, MAX_NAME, "reporter", "the name", "姓名"),
        reporter_phone=_clean_phone(new.reporter_phone),
        address=_clean(new.address, MAX_ADDRESS, "address", "the address", "地址"),
        grid=_clean(new.grid, MAX_GRID, "grid", "the grid", "网格"),
        resolve_note=resolve_note,
    )


# -------------------------------------------------------------------------------------------
# Helpers over the store
# -------------------------------------------------------------------------------------------


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


def _pause_days_running(cal: WorkCalendar, case: Case, now: datetime) -> int:
    if case.paused_at is None:
        return 0
    return cal.paused_working_days([(local(case.paused_at), None)], local(now))


def deadline_of(cal: WorkCalendar, case: Case, now: datetime) -> Deadline | None:
    """The deadline state of a case at ``now``; None once it is closed or not accepted."""
    if is_terminal(CaseState(case.state)):
        return None
    paused = case.paused_days + _pause_days_running(cal, case, now)
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


def _worker_names(session: Session) -> dict[str, str]:
    return {w.id: w.display_name for w in session.scalars(select(Worker))}


def _reporter_text(case: Case) -> str:
    parts = []
    if case.reporter_name:
        parts.append(case.reporter_name)
    if case.reporter_phone:
        parts.append(mask_phone(case.reporter_phone))
    return " ".join(parts)


def _summary(
    case: Case, ref: CaseReferenceData, names: dict[str, str], now: datetime
) -> CaseSummary:
    matter = ref.matter_types.get(case.type_code)
    dept = ref.departments.get(case.department) if case.department else None
    state = CaseState(case.state)
    return CaseSummary(
        id=case.id,
        number=case.number,
        type_code=case.type_code,
        type_name=matter.name_zh if matter else case.type_code,
        channel=Channel(case.channel),
        summary=case.summary,
        state=state,
        state_zh=STATE_LABELS_ZH[state],
        owner_id=case.owner_id,
        owner_name=names.get(case.owner_id, "?"),
        department=case.department,
        department_name=dept.name_zh if dept else case.department,
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
    dept = ref.departments.get(ev.department) if ev.department else None
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
        department_name=dept.name_zh if dept else ev.department,
        rating=SatisfactionGrade(ev.rating) if ev.rating else None,
        manual=ev.manual,
        source=ev.source,
    )


def _attachment_info(att: CaseAttachment, names: dict[str, str]) -> AttachmentInfo:
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
    names = _worker_names(session)
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
        attachments=tuple(
            AttachmentInfo(
                id=a.id,
                case_id=a.case_id,
                name=a.name,
                mime=a.mime,
                size=a.size,
                added_at=local(a.added_at),
                added_by=names.get(a.added_by, "?") if a.added_by else "?",
            )
            for a in attachments
        ),
        allowed_actions=tuple(allowed_actions(state)) if can_act else (),
        can_act=can_act,
        can_rate=can_act and state in RATABLE,
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

    base = case.version
    case.state = target.value
    case.version += 1
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
    payload = _event_payload(event)
    payload["due_date"] = case.due_date.isoformat()
    if answer is not None:
        payload["answer_id"] = answer.id
    uow.change(
        ENTITY,
        case.id,
        "act",
        payload,
        base_version=base,
        audit_details={
            "number": case.number,
            "action": action.value,
            "from": state.value,
            "to": target.value,
            "manual": manual,
        },
    )


@dataclass(frozen=True)
class DepartmentAnswer:
    """A department's answer to a referral, as the district platform recorded it."""

    id: str
    case_id: str
    referral_event_id: str | None
    action: str
    note: str | None
    department: str | None
    department_name: str | None
    by: str | None
    at: datetime

    @classmethod
    def from_record(cls, answer_id: str, data: dict[str, Any]) -> DepartmentAnswer:
        """Read a pulled ``case_answer`` record; ValueError when it is malformed."""
        at = datetime.fromisoformat(str(data["at"]))
        if at.tzinfo is None:
            raise ValueError("an answer's time carries its zone")
        return cls(
            id=answer_id,
            case_id=str(data["case_id"]),
            referral_event_id=data.get("referral_event_id"),
            action=str(data["action"]),
            note=data.get("note"),
            department=data.get("department"),
            department_name=data.get("department_name"),
            by=data.get("by"),
            at=at,
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
    _add_event(
        uow,
        case,
        EVENT_ANSWER,
        state,
        state,
        note=f"{label}：{note}" if note else label,
        department=answer.department,
        answer=answer,
    )
    uow.audit(
        "case.answer_kept",
        ENTITY,
        case.id,
        {"number": case.number, "action": answer.action, "state": state.value},
    )
    return True


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


def _check_version(case: Case, expected_version: int | None) -> None:
    if expected_version is not None and case.version != expected_version:
        raise InputError(
            f"case {case.number} was changed meanwhile; reload it and try again",
            "此事项刚被更新，请刷新后再操作。",
        )


# -------------------------------------------------------------------------------------------
# Use cases
# -------------------------------------------------------------------------------------------


def open_case(station: Station, actor: Actor, new: NewCase) -> CaseDetail:
    """Register a matter received by ``actor`` (who becomes its owner); returns the new case.

    With ``new.resolve_on_the_spot`` the matter is also accepted and resolved at once (马上办).
    """
    require(actor, Permission.HANDLE_MATTERS)
    with unit_of_work(station, actor) as uow:
        ref = reference_in(uow.session)
        checked = check_new_case(new, ref)
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
        return _detail(uow.session, case, actor, now)


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
    with unit_of_work(station, actor) as uow:
        case = _find(uow.session, case_ref)
        _require_act(actor, case)
        _check_version(case, expected_version)
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
    with unit_of_work(station, actor) as uow:
        case = _find(uow.session, case_ref)
        _require_act(actor, case)
        _check_version(case, expected_version)
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
        base = case.version
        case.rating = parsed.value
        case.rated_at = uow.now
        case.version += 1
        case.updated_at = uow.now
        current = CaseState(case.state)
        event = _add_event(uow, case, EVENT_RATE, current, current, note=clean_note, rating=parsed)
        uow.change(
            ENTITY,
            case.id,
            "rate",
            _event_payload(event),
            base_version=base,
            audit_details={"number": case.number, "rating": parsed.value},
        )
        if rating_reopens(parsed):
            _transition(uow, ref, case, CaseAction.REOPEN, clean_note or parsed.zh, None)
        return _detail(uow.session, case, actor, uow.now)


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
    names = _worker_names(session)
    query: Select[Case] = select(Case) if view is CaseView.ALL else _open_cases_query()
    if view is CaseView.MINE:
        query = query.where(Case.owner_id == owner_id)
    elif view is CaseView.AWAITING_DEPARTMENT:
        query = query.where(Case.state.in_([st.value for st in AWAITING_DEPARTMENT]))
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


# -------------------------------------------------------------------------------------------
# Attachments
# -------------------------------------------------------------------------------------------


def _attachment_mime(name: str, mime: str | None, data: bytes) -> str:
    guessed = mime or mimetypes.guess_type(name)[0] or ""
    guessed = guessed.lower()
    if guessed == "image/jpg":
        guessed = "image/jpeg"
    if guessed not in ALLOWED_MIME:
        raise InputError(
            "only scans and photos (PDF or images) can be attached",
            "只能添加扫描件或照片（PDF 或图片）。",
            field="attachment",
        )
    magic = _MAGIC.get(guessed)
    if magic is not None and not any(data.startswith(m) for m in magic):
        raise InputError(
            "the file's content does not match its type", "文件内容与类型不符。", field="attachment"
        )
    return guessed


def add_attachment(
    station: Station,
    actor: Actor,
    case_ref: str,
    name: str,
    data: bytes,
    mime: str | None = None,
) -> AttachmentInfo:
    """Keep a scan or photo with a case (in the encrypted database); size-limited."""
    require(actor, Permission.HANDLE_MATTERS)
    clean_name = PurePath(unicodedata.normalize("NFC", name).replace("\\", "/")).name.strip()
    if not clean_name:
        raise InputError("the attachment needs a file name", "附件缺少文件名。", field="attachment")
    if len(clean_name) > MAX_ATTACHMENT_NAME:
        stem, dot, ext = clean_name.rpartition(".")
        keep = MAX_ATTACHMENT_NAME - len(ext) - 1
        clean_name = (
            f"{stem[:keep]}.{ext}" if dot and keep > 0 else clean_name[:MAX_ATTACHMENT_NAME]
        )
    if not data:
        raise InputError("the file is empty", "文件为空。", field="attachment")
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise InputError(
            f"attachments are at most {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB",
            f"单个附件不能超过 {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB。",
            field="attachment",
        )
    checked_mime = _attachment_mime(clean_name, mime, data)
    with unit_of_work(station, actor) as uow:
        case = _find(uow.session, case_ref)
        _require_act(actor, case)
        used = int(
            uow.session.scalar(
                select(func.coalesce(func.sum(CaseAttachment.size), 0)).where(
                    CaseAttachment.case_id == case.id
                )
            )
            or 0
        )
        if used + len(data) > MAX_CASE_ATTACHMENT_BYTES:
            raise InputError(
                "this case's attachments would exceed "
                f"{MAX_CASE_ATTACHMENT_BYTES // (1024 * 1024)} MB",
                f"每个事项的附件合计不能超过 {MAX_CASE_ATTACHMENT_BYTES // (1024 * 1024)} MB。",
                field="attachment",
            )
        att = CaseAttachment(
            id=new_id(),
            case_id=case.id,
            name=clean_name,
            mime=checked_mime,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            data=data,
            added_at=uow.now,
            added_by=actor.worker_id,
        )
        uow.session.add(att)
        state = CaseState(case.state)
        event = _add_event(uow, case, EVENT_ATTACH, state, state, note=clean_name)
        payload = _event_payload(event)
        payload.update(
            {
                "attachment_id": att.id,
                "name": att.name,
                "mime": att.mime,
                "size": att.size,
                "sha256": att.sha256,
            }
        )
        base = case.version
        case.version += 1  # every synced op moves the case's version by one
        uow.change(
            ENTITY,
            case.id,
            "attach",
            payload,
            base_version=base,
            audit_details={"number": case.number, "attachment": att.id, "size": att.size},
        )
        return _attachment_info(att, _worker_names(uow.session))


def add_attachment_file(
    station: Station, actor: Actor, case_ref: str, path: Path
) -> AttachmentInfo:
    """:func:`add_attachment` from a file the worker picked; too large files are not read."""
    try:
        size = path.stat().st_size
    except OSError:
        raise InputError(
            "the file cannot be read", "无法读取该文件。", field="attachment"
        ) from None
    if size > MAX_ATTACHMENT_BYTES:
        raise InputError(
            f"attachments are at most {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB",
            f"单个附件不能超过 {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB。",
            field="attachment",
        )
    try:
        data = path.read_bytes()
    except OSError:
        raise InputError(
            "the file cannot be read", "无法读取该文件。", field="attachment"
        ) from None
    return add_attachment(station, actor, case_ref, path.name, data)


def attachment_data(station: Station, actor: Actor, attachment_id: str) -> AttachmentData:
    """An attachment's bytes, for showing or saving; opening one is audited (scans hold IDs)."""
    require(actor, Permission.HANDLE_MATTERS)
    with unit_of_work(station, actor) as uow:
        att = uow.session.get(CaseAttachment, attachment_id)
        if att is None:
            raise NotFoundError("no such attachment", "没有找到该附件。")
        uow.audit("case_attachment.open", "case_attachment", att.id, {"case": att.case_id})
        return AttachmentData(_attachment_info(att, _worker_names(uow.session)), bytes(att.data))


# -------------------------------------------------------------------------------------------
# Open311 export
# -------------------------------------------------------------------------------------------


def _latest_events(session: Session, case_ids: Sequence[str]) -> dict[str, CaseEvent]:
    latest: dict[str, CaseEvent] = {}
    if not case_ids:
        return latest
    for chunk_start in range(0, len(case_ids), 500):
        chunk = case_ids[chunk_start : chunk_start + 500]
        for ev in session.scalars(
            select(CaseEvent).where(CaseEvent.case_id.in_(chunk)).order_by(CaseEvent.seq)
        ):
            latest[ev.case_id] = ev
    return latest


def _open311_cases(
    cases: Iterable[Case],
    ref: CaseReferenceData,
    station_name: str,
    latest: dict[str, CaseEvent],
    now: datetime,
) -> list[Open311Case]:
    out: list[Open311Case] = []
    for case in cases:
        deadline = deadline_of(ref.calendar, case, now)  # a running pause moves it on
        matter = ref.matter_types.get(case.type_code)
        dept = ref.departments.get(case.department) if case.department else None
        last = latest.get(case.id)
        address = case.address or (f"网格 {case.grid}" if case.grid else None)
        out.append(
            Open311Case(
                case_id=case.number,
                state=CaseState(case.state),
                service_code=case.type_code,
                service_name=matter.name_zh if matter else case.type_code,
                requested_at=local(case.received_at),
                updated_at=local(last.at if last else case.updated_at),
                description=deidentify(case.summary),
                agency_responsible=dept.name_zh if dept else station_name,
                expected_at=deadline.due if deadline else case.due_date,
                address=deidentify(address) if address else None,
                note=deidentify(last.note) if last and last.note else None,
                service_notice=f"承诺时限 {case.time_limit_days} 个工作日",
            )
        )
    return out


def export_open311(
    station: Station, actor: Actor, since: date | None = None
) -> list[dict[str, str | float | None]]:
    """Every case (or those updated on or after ``since``) as GeoReport v2 service requests.

    Descriptions, addresses and notes are de-identified; the reporter is never exported.
    """
    require(actor, Permission.HANDLE_MATTERS)
    with station.db.read_session() as s:
        ref = reference_in(s)
        station_name = s.scalars(select(StationRow.name)).one()
        query = select(Case).order_by(Case.seq)
        if since is not None:
            start = datetime.combine(since, datetime.min.time(), tzinfo=CHINA_TZ)
            query = query.where(Case.updated_at >= start)
        cases = list(s.scalars(query))
        latest = _latest_events(s, [c.id for c in cases])
        return to_service_requests(_open311_cases(cases, ref, station_name, latest, station.now()))
