"""Departments on the district platform: enrolment, the cases referred to them, their answers.

A department answers a referral with 签收 (``ack``), 反馈 (``reply``) or 退回 (``return``). Each
answer is an add-only ``case_answer`` record in the owning station's scope: the station pulls
it on its next sync and records it in the case's timeline (see services/sync_entities).
Which answers a case still accepts follows the case state machine in ``domain.cases``, read from
the referral (set by the ``refer`` event, see entities/owned.py), the answers already given to
it, and the state the station last pushed (a station may have recorded an answer by hand).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.dbkit import utc_now
from stationdesk.domain.cases import (
    ACTION_LABELS_ZH,
    STATE_LABELS_ZH,
    CaseAction,
    CaseState,
    InvalidTransition,
    allowed_actions,
    check_inputs,
    next_state,
    requires_note,
)
from stationdesk.domain.identity import mask_phone
from stationdesk.domain.ids import new_id
from stationdesk.sync.protocol import TEXT_PATTERN

from .db import DistrictDatabase
from .errors import DistrictError
from .models import DistrictDepartment, DistrictStation, Record
from .registry import write_server_record
from .service.stations import check_name, hash_token

TOKEN_PREFIX = "sdd_"
ANSWER_ENTITY = "case_answer"
MAX_NOTE = 2000
MAX_BY = 50
_CODE_RE = re.compile(r"^[A-Z][A-Z0-9_]{1,63}$")

#: What a department may do to a case referred to it.
ANSWER_ACTIONS = (CaseAction.ACK, CaseAction.REPLY, CaseAction.RETURN)
#: States in which a case waits for its department (as the station last reported it).
_AWAITING = (CaseState.REFERRED, CaseState.DEPT_ACKNOWLEDGED)


@dataclass(frozen=True)
class DepartmentEnrolment:
    """A newly enrolled department and its token (shown once, never stored)."""

    code: str
    name: str
    token: str


class AnswerInfo(BaseModel):
    """One answer a department gave to a referral."""

    id: str
    action: str
    action_zh: str
    note: str | None
    by: str
    at: datetime


class ReferredCase(BaseModel):
    """A case as its department sees it: the matter, not the resident's personal data."""

    id: str
    number: str
    station_code: str
    station_name: str
    type_code: str
    type_name: str
    summary: str
    description: str
    address: str | None
    reporter_phone: str | None = Field(description="masked")
    received_at: str | None
    due_date: str | None
    referred_at: str | None
    referral_note: str | None
    state: str
    state_zh: str
    actions: list[str]
    answers: list[AnswerInfo]


def _note_rule(schema: dict[str, Any]) -> None:
    """Say in the JSON schema which answers need a note that is not blank (see check_inputs)."""
    needs = [a.value for a in ANSWER_ACTIONS if requires_note(a)]
    schema["if"] = {"properties": {"action": {"enum": needs}}, "required": ["action"]}
    schema["then"] = {
        "required": ["note"],
        "properties": {"note": {"type": "string", "pattern": r"\S"}},
    }


class AnswerRequest(BaseModel):
    """A department's answer: the action, its note (needed to reply or return), who answered.

    ``request_id`` makes a retried submission safe: the same id answers with the same record.
    """

    model_config = ConfigDict(json_schema_extra=_note_rule)

    action: Literal["ack", "reply", "return"]
    note: str | None = Field(default=None, max_length=MAX_NOTE, pattern=TEXT_PATTERN)
    by: str | None = Field(default=None, max_length=MAX_BY, pattern=TEXT_PATTERN)
    request_id: UUID | None = None


# -- enrolment and authentication ------------------------------------------------------------


def add_department(db: DistrictDatabase, code: str, name: str) -> DepartmentEnrolment:
    """Enrol a department (its code as in the departments list); the token is returned once."""
    code = code.strip().upper()
    if not _CODE_RE.fullmatch(code):
        raise DistrictError(
            422, "bad_code", "department codes are 2-64 capital letters, digits or _"
        )
    name = check_name(name, "department")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with db.session() as s:
        if s.get(DistrictDepartment, code) is not None:
            raise DistrictError(409, "exists", f"department {code} is already enrolled")
        s.add(
            DistrictDepartment(
                code=code,
                name=name,
                token_hash=hash_token(token),
                active=True,
                created_at=utc_now(),
            )
        )
    return DepartmentEnrolment(code, name, token)


def list_departments(db: DistrictDatabase) -> list[dict[str, Any]]:
    """Every enrolled department (without token hashes)."""
    with db.session() as s:
        rows = s.scalars(select(DistrictDepartment).order_by(DistrictDepartment.code))
        return [
            {
                "code": r.code,
                "name": r.name,
                "active": r.active,
                "last_seen_at": r.last_seen_at.isoformat() if r.last_seen_at else None,
            }
            for r in rows
        ]


def authenticate(session: Session, token: str | None) -> DistrictDepartment:
    """The department a bearer token belongs to; 401 for a missing or unknown token."""
    if not token or not token.startswith(TOKEN_PREFIX):
        raise DistrictError(
            401, "unauthenticated", "a department token is required", "请输入部门令牌。"
        )
    row = session.scalar(
        select(DistrictDepartment).where(DistrictDepartment.token_hash == hash_token(token))
    )
    if row is None or not row.active:
        raise DistrictError(
            401, "unauthenticated", "unknown or disabled department token", "部门令牌无效或已停用。"
        )
    return row


def department_for_token(db: DistrictDatabase, token: str | None) -> DistrictDepartment:
    """The department row a request's token belongs to (see :func:`authenticate`); detached."""
    with db.session() as s:
        return authenticate(s, token)


def _seen_now(session: Session, department: DistrictDepartment, now: datetime) -> None:
    """Stamp the department's last visit in this transaction."""
    row = session.get(DistrictDepartment, department.code)
    if row is not None:
        row.last_seen_at = now


# -- reading ---------------------------------------------------------------------------------


def _pushed_state(data: dict[str, Any]) -> CaseState | None:
    value = data.get("to") or data.get("state")
    try:
        return CaseState(str(value))
    except ValueError:
        return None


def _answers_of(session: Session, case_ids: list[str]) -> dict[str, list[Record]]:
    out: dict[str, list[Record]] = {cid: [] for cid in case_ids}
    for i in range(0, len(case_ids), 500):
        chunk = case_ids[i : i + 500]
        rows = session.scalars(
            select(Record).where(
                Record.entity == ANSWER_ENTITY,
                Record.data["case_id"].as_string().in_(chunk),
            )
        )
        for row in rows:
            out[str(row.data["case_id"])].append(row)
    for rows_of_case in out.values():
        rows_of_case.sort(key=lambda r: (str(r.data.get("at", "")), r.entity_id))
    return out


def department_state(case: Record, answers: list[Record]) -> tuple[CaseState, list[CaseAction]]:
    """Where a referred case stands for its department, and the answers it still accepts."""
    referral = case.data.get("referral") or {}
    state = CaseState.REFERRED
    for answer in answers:
        if answer.data.get("referral_event_id") != referral.get("event_id"):
            continue
        try:
            state = next_state(state, CaseAction(str(answer.data.get("action"))))
        except (InvalidTransition, ValueError):
            continue
    pushed = _pushed_state(case.data)
    if pushed not in _AWAITING:
        # the station moved on (it verified a reply, took the case back, …): nothing to answer
        return (pushed or state), []
    if pushed is CaseState.DEPT_ACKNOWLEDGED and state is CaseState.REFERRED:
        state = pushed  # acknowledged by phone and recorded by hand at the station
    actions = [a for a in allowed_actions(state) if a in ANSWER_ACTIONS]
    return state, actions


def _matter_names(session: Session) -> dict[str, str]:
    """Matter type names from the published ``matter_types`` document (code → 中文名称)."""
    row = session.get(Record, ("catalog", "matter_types"))
    names: dict[str, str] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            code, name = node.get("code"), node.get("name_zh")
            if isinstance(code, str) and isinstance(name, str):
                names[code] = name
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    if row is not None:
        walk(row.data.get("content"))
    return names


def _answer_info(row: Record) -> AnswerInfo:
    action = str(row.data.get("action"))
    return AnswerInfo(
        id=row.entity_id,
        action=action,
        action_zh=ACTION_LABELS_ZH[CaseAction(action)],
        note=row.data.get("note"),
        by=str(row.data.get("by") or ""),
        at=datetime.fromisoformat(str(row.data["at"])),
    )


def _view(
    case: Record,
    answers: list[Record],
    stations: dict[str, DistrictStation],
    names: dict[str, str],
) -> ReferredCase:
    data = case.data
    referral = data.get("referral") or {}
    state, actions = department_state(case, answers)
    station = stations.get(case.owner_station_id or "")
    type_code = str(data.get("type_code") or "")
    phone = data.get("reporter_phone")
    return ReferredCase(
        id=case.entity_id,
        number=str(data.get("number") or ""),
        station_code=station.code if station else "",
        station_name=station.name if station else "",
        type_code=type_code,
        type_name=names.get(type_code, type_code),
        summary=str(data.get("summary") or ""),
        description=str(data.get("description") or ""),
        address=data.get("address"),
        reporter_phone=mask_phone(str(phone)) if phone else None,
        received_at=data.get("received_at"),
        due_date=data.get("due_date"),
        referred_at=referral.get("at"),
        referral_note=referral.get("note"),
        state=state.value,
        state_zh=STATE_LABELS_ZH[state],
        actions=[a.value for a in actions],
        answers=[
            _answer_info(a)
            for a in answers
            if a.data.get("referral_event_id") == referral.get("event_id")
        ],
    )


def _referred_to(code: str) -> Any:
    return (
        (Record.entity == "case")
        & Record.deleted.is_(False)
        & (Record.data["referral"]["department"].as_string() == code)
    )


def list_cases(
    db: DistrictDatabase, department: DistrictDepartment, *, open_only: bool = True
) -> list[ReferredCase]:
    """The cases referred to the department, those awaiting an answer first."""
    with db.session() as s:
        _seen_now(s, department, utc_now())
        cases = list(s.scalars(select(Record).where(_referred_to(department.code))))
        answers = _answers_of(s, [c.entity_id for c in cases])
        stations, names = _stations(s), _matter_names(s)
        views = [_view(c, answers[c.entity_id], stations, names) for c in cases]
    if open_only:
        views = [v for v in views if v.actions]
    views.sort(key=lambda v: (not v.actions, v.due_date or "", v.number))
    return views


# -- answering -------------------------------------------------------------------------------


def answer_case(
    db: DistrictDatabase, department: DistrictDepartment, case_id: str, req: AnswerRequest
) -> ReferredCase:
    """Record a department's answer to a case referred to it; it reaches the station by sync.

    404 when the case is not referred to this department (another department's cases are not
    revealed), 409 when the case does not accept this answer now, 422 for a missing note.
    """
    action = CaseAction(req.action)
    note = (req.note or "").strip() or None
    with db.session() as s:
        case = s.get(Record, ("case", case_id), with_for_update=True)
        referral = (case.data.get("referral") or {}) if case is not None else {}
        if case is None or case.deleted or referral.get("department") != department.code:
            raise DistrictError(
                404,
                "not_found",
                "no such case referred to this department",
                "未找到转办给本部门的该事项。",
            )
        answers = _answers_of(s, [case_id])[case_id]
        answer_id = str(req.request_id) if req.request_id else None
        if answer_id is not None:
            earlier = s.get(Record, (ANSWER_ENTITY, answer_id))
            if earlier is not None:
                same = (
                    earlier.data.get("case_id") == case_id
                    and earlier.data.get("action") == action.value
                    and earlier.data.get("note") == note
                )
                if not same:
                    raise DistrictError(
                        409, "request_reused", "this request id was used for another answer"
                    )
                return _view(case, answers, _stations(s), _matter_names(s))
        state, actions = department_state(case, answers)
        if action not in actions:
            raise DistrictError(
                409,
                "not_allowed",
                f"the case is {state.value}; it does not accept {action.value!r} now",
                f"该事项当前为“{STATE_LABELS_ZH[state]}”，不能{ACTION_LABELS_ZH[action]}。",
            )
        try:
            check_inputs(action, note=note)
        except InvalidTransition as exc:
            raise DistrictError(422, "note_required", str(exc), exc.zh) from None
        now = utc_now()
        _seen_now(s, department, now)
        data = {
            "case_id": case_id,
            "case_number": case.data.get("number"),
            "referral_event_id": referral.get("event_id"),
            "action": action.value,
            "note": note,
            "department": department.code,
            "department_name": department.name,
            "by": (req.by or "").strip() or department.name,
            "at": now.isoformat(),
        }
        row = write_server_record(
            s,
            txid=db.txid(s),
            now=now,
            entity=ANSWER_ENTITY,
            entity_id=answer_id or new_id(),
            data=data,
            station_id=case.owner_station_id,
        )
        answers = [*answers, row]
        return _view(case, answers, _stations(s), _matter_names(s))


def _stations(s: Session) -> dict[str, DistrictStation]:
    return {station.id: station for station in s.scalars(select(DistrictStation))}
