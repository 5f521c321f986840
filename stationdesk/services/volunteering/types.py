"""What the volunteer-service service takes and returns, its limits and its lookups."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.domain.coded import coded_label
from stationdesk.domain.identity import IdNumberError, normalize, parse_id_number
from stationdesk.domain.station_time import STATION_TZ
from stationdesk.domain.volunteering import PROJECT_LISTS, PROJECT_STATUSES
from stationdesk.store.models_volunteer import VolunteerActivity, VolunteerMember

from ..errors import InputError, NotFoundError

ENTITY_UNIT = "volunteer_unit"
ENTITY_MEMBER = "volunteer_member"
ENTITY_ACTIVITY = "volunteer_activity"
ENTITY_WISH = "volunteer_wish"

MAX_NAME = 100
MAX_TEXT = 200
MAX_LONG = 2000
NO_GRID = "未标注网格"
NO_UNIT = "未填写单位"


def clean_text(value: str | None, limit: int, field: str, zh: str, *, required: bool) -> str | None:
    """A text value trimmed to single spaces; InputError when missing (if required) or too long."""
    text = " ".join((value or "").split())
    if not text:
        if required:
            raise InputError(f"the {field} is empty", f"请填写{zh}。", field=field)
        return None
    if len(text) > limit:
        raise InputError(
            f"the {field} is over {limit} characters", f"{zh}不能超过{limit}个字。", field=field
        )
    return text


def check_id_number(raw: str, today: date) -> str:
    """A member's resident ID number as stored (15 digits upgraded); InputError if invalid."""
    try:
        return parse_id_number(raw, today=today).number
    except IdNumberError as exc:
        raise InputError(f"invalid ID number: {exc}", exc.zh, field="id_number") from None


def day_start(day: date) -> datetime:
    """The UTC moment an Asia/Shanghai day begins."""
    return datetime.combine(day, time(0), STATION_TZ).astimezone(UTC)


def period_bounds(start: date | None, end: date | None) -> tuple[datetime | None, datetime | None]:
    """[from, until) in UTC for a period of station dates (either end open); InputError when
    the period ends before it starts."""
    if start is not None and end is not None and end < start:
        raise InputError(
            "the period ends before it starts", "截止日期早于起始日期。", field="period"
        )
    return (
        day_start(start) if start is not None else None,
        day_start(end + timedelta(days=1)) if end is not None else None,
    )


def find_member(session: Session, key: str) -> VolunteerMember:
    """A member by record id or ID number; NotFoundError otherwise."""
    wanted = key.strip()
    member = session.get(VolunteerMember, wanted)
    if member is None and wanted:
        member = session.scalars(
            select(VolunteerMember).where(VolunteerMember.id_number == normalize(wanted))
        ).first()
    if member is None:
        raise NotFoundError(
            "no such member",
            "找不到该在职党员。",
        )
    return member


def find_activity(session: Session, activity_id: str) -> VolunteerActivity:
    """An activity by id; NotFoundError otherwise."""
    activity = session.get(VolunteerActivity, activity_id.strip())
    if activity is None:
        raise NotFoundError("no such activity", "找不到该志愿服务活动。")
    return activity


class RecordLockedError(InputError):
    """The activity's record is approved: it is not changed, a correction is added instead."""

    def __init__(self) -> None:
        super().__init__(
            "the activity's record is approved and locked; add a correction instead",
            "该活动记录已审核锁定，如需更改请登记更正。",
        )


@dataclass(frozen=True)
class UnitProject:
    """One of a unit's 结对共建 projects: which list it comes from and where it stands."""

    id: str
    title: str
    list: str
    list_zh: str
    status: str
    status_zh: str
    note: str | None


def unit_projects(stored: Sequence[Mapping[str, Any]] | None) -> tuple[UnitProject, ...]:
    """A unit's stored projects as the service returns them, in the order added."""
    return tuple(
        UnitProject(
            id=str(p.get("id") or ""),
            title=str(p.get("title") or ""),
            list=str(p.get("list") or ""),
            list_zh=coded_label(PROJECT_LISTS, str(p.get("list") or "")),
            status=str(p.get("status") or ""),
            status_zh=coded_label(PROJECT_STATUSES, str(p.get("status") or "")),
            note=p.get("note") or None,
        )
        for p in stored or ()
    )


@dataclass(frozen=True)
class UnitInfo:
    """A 驻区单位 as lists show it (the contact's phone masked)."""

    id: str
    name: str
    unit_type: str
    party_org: str | None
    contact_name: str | None
    contact_phone_masked: str
    agreement_date: date | None
    agreement_until: date | None
    commitments: str | None
    members: int
    projects: tuple[UnitProject, ...] = ()


@dataclass(frozen=True)
class MemberInfo:
    """An in-service Party member (ID number and phone masked)."""

    id: str
    name: str
    id_masked: str
    phone_masked: str
    unit: str | None
    branch: str | None
    report_date: date
    grid: str | None
    skills: tuple[str, ...]
    emergency_team: bool
    resident_id: str | None


@dataclass(frozen=True)
class SignInRow:
    """One member's sign-in at an activity, as it stands (after any correction)."""

    member_id: str
    name: str
    signed_in_at: datetime
    signed_out_at: datetime | None
    minutes: int | None
    hours: Decimal | None
    source: str
    corrected: bool


@dataclass(frozen=True)
class ActivityInfo:
    """A volunteer activity, its sign-ins and whether its record is approved."""

    id: str
    title: str
    kind: str
    kind_zh: str
    place: str | None
    grid: str | None
    starts_at: datetime
    ends_at: datetime
    organiser: str | None
    capacity: int | None
    approved_at: datetime | None
    approved_by: str | None
    signins: tuple[SignInRow, ...]


@dataclass(frozen=True)
class CardSignIn:
    """What an ID card placed at an activity did: its member signed in, or out."""

    activity: ActivityInfo
    name: str
    signed_out: bool


@dataclass(frozen=True)
class WishInfo:
    """A 微心愿 on the wish wall."""

    id: str
    resident_id: str
    resident: str
    text: str
    category: str
    deadline: date
    status: str
    status_zh: str
    member_id: str | None
    member: str | None
    fulfil_note: str | None
    grade: str | None
    overdue: bool
    photo: str | None = None
    """The name of the fulfilled wish's photo, if it has one."""


@dataclass(frozen=True)
class WishPhotoData:
    """A wish's photo with its bytes, for showing at the worker's request."""

    wish_id: str
    name: str
    mime: str
    data: bytes


@dataclass(frozen=True)
class ServiceRecord:
    """One approved activity a member served at, with the minutes credited."""

    activity_id: str
    title: str
    kind: str
    kind_zh: str
    day: date
    minutes: int


@dataclass(frozen=True)
class MemberHours:
    """A member's approved service in a period: minutes in total and by kind, and the records."""

    member_id: str
    name: str
    minutes: int
    hours: Decimal
    by_kind: dict[str, int]  # kind label -> minutes
    records: tuple[ServiceRecord, ...]


@dataclass(frozen=True)
class ReportLine:
    """One line of the volunteer report (a unit, a member or a grid)."""

    name: str
    members: int
    activities: int
    hours: Decimal
    wishes_fulfilled: int
    by_kind: dict[str, Decimal]
    projects: dict[str, int] = field(default_factory=dict)  # a unit's projects by status, now


@dataclass(frozen=True)
class VolunteerReport:
    """The volunteer report for a period: per unit, per member and per grid."""

    start: date | None
    end: date | None
    units: tuple[ReportLine, ...]
    members: tuple[ReportLine, ...]
    grids: tuple[ReportLine, ...]
