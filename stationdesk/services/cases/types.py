"""What the cases service takes and returns (the data the UI and the CLI see), and its constants."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from stationdesk.domain.cases import (
    CaseAction,
    CaseState,
    Channel,
    SatisfactionGrade,
)
from stationdesk.domain.workdays import DeadlineStatus

ENTITY = "case"

#: Actions a department takes; a worker may record them by hand (the event is marked manual).
DEPARTMENT_ACTIONS = frozenset({CaseAction.ACK, CaseAction.REPLY, CaseAction.RETURN})

#: States in which a case waits for its department.
AWAITING_DEPARTMENT = frozenset({CaseState.REFERRED, CaseState.DEPT_ACKNOWLEDGED})

#: States in which a case can be rated (satisfaction follow-up).
RATABLE = frozenset({CaseState.RESOLVED, CaseState.FOLLOWED_UP})

EVENT_OPEN = "open"
EVENT_RATE = "rate"
EVENT_ATTACH = "attach"
#: A department's answer that could not move the case (it came too late, or for an earlier
#: referral); the timeline keeps it, the state stays.
EVENT_ANSWER = "answer"
#: Events that arrived from the district platform.
EVENT_SOURCE_DISTRICT = "district"


class CaseView(StrEnum):
    """The inbox views."""

    MINE = "mine"
    ALL = "all"
    OVERDUE = "overdue"
    AWAITING_DEPARTMENT = "awaiting-department"
    TO_FOLLOW_UP = "to-follow-up"


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
class Deadline(DeadlineStatus):
    """Where a running case stands against its promised time limit, and whether it is paused."""

    paused: bool


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
