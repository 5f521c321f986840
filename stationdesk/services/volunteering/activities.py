"""Volunteer activities: add, list, show, sign members in and out (by hand or ID card), approve,
correct."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from stationdesk.domain.identity import normalize
from stationdesk.domain.ids import new_id
from stationdesk.domain.roles import Permission
from stationdesk.domain.volunteering import (
    HOURS_RULE,
    SignSource,
    hours,
    kind_label,
    parse_kind,
    service_minutes,
    sign_problem,
)
from stationdesk.store.models import Worker
from stationdesk.store.models_residents import Grid
from stationdesk.store.models_volunteer import (
    VolunteerActivity,
    VolunteerCorrection,
    VolunteerMember,
    VolunteerSignIn,
)

from ..actor import Actor, require
from ..errors import InputError, NotFoundError
from ..residents.validation import known_grid
from ..station import Station
from ..uow import UnitOfWork, unit_of_work
from . import synced
from .types import (
    ENTITY_ACTIVITY,
    MAX_NAME,
    MAX_TEXT,
    ActivityInfo,
    CardSignIn,
    RecordLockedError,
    SignInRow,
    clean_text,
    find_activity,
    find_member,
)


def _refuse(problem: str | None, field: str = "at") -> None:
    if problem is not None:
        zh = {
            "the activity ends before it starts": "活动结束时间早于开始时间。",
            "the sign-in is after the activity ended": "签到时间晚于活动结束时间。",
            "the sign-in is too long before the activity starts": "签到时间过早，不在活动时段内。",
            "the sign-out is not after the sign-in": "签退时间须晚于签到时间。",
            "the sign-out is before the activity starts": "签退时间早于活动开始时间。",
            "the sign-out is too long after the activity ended": "签退时间过晚，不在活动时段内。",
        }.get(problem, problem)
        raise InputError(problem, zh, field=field)


def _signin_of(s: Session, activity_id: str, member_id: str) -> VolunteerSignIn | None:
    """The member's sign-in at the activity, if any (there is at most one)."""
    return s.scalars(
        select(VolunteerSignIn).where(
            VolunteerSignIn.activity_id == activity_id, VolunteerSignIn.member_id == member_id
        )
    ).first()


def _unlocked_activity(s: Session, activity_id: str) -> VolunteerActivity:
    """The activity, refused once its record is approved (locked)."""
    activity = find_activity(s, activity_id)
    if activity.approved_at is not None:
        raise RecordLockedError()
    return activity


def _add_signin(
    uow: UnitOfWork,
    actor: Actor,
    activity: VolunteerActivity,
    member: VolunteerMember,
    times: tuple[datetime, datetime | None, int | None],
    source: SignSource,
) -> VolunteerSignIn:
    """Add the member's sign-in at the activity: ``times`` is (signed in, signed out, minutes)."""
    signed_in_at, signed_out_at, minutes = times
    signin = VolunteerSignIn(
        activity_id=activity.id,
        member_id=member.id,
        signed_in_at=signed_in_at,
        signed_out_at=signed_out_at,
        minutes=minutes,
        source=source.value,
        recorded_by=actor.worker_id,
        recorded_at=uow.now,
    )
    uow.session.add(signin)
    return signin


def _recorded(
    uow: UnitOfWork, activity: VolunteerActivity, op: str, action: str, details: dict[str, Any]
) -> ActivityInfo:
    """Queue the activity's ``op`` for the district, audit it as ``action`` with ``details`` and
    return the activity as it now stands."""
    s = uow.session
    s.flush()
    synced.queue_activity(uow, activity, op)
    uow.audit(f"{ENTITY_ACTIVITY}.{action}", ENTITY_ACTIVITY, activity.id, details)
    return activity_info(s, activity)


def _latest_corrections(s: Session, signin_ids: list[int]) -> dict[int, VolunteerCorrection]:
    if not signin_ids:
        return {}
    latest = (
        select(func.max(VolunteerCorrection.id))
        .where(VolunteerCorrection.signin_id.in_(signin_ids))
        .group_by(VolunteerCorrection.signin_id)
    )
    rows = s.scalars(select(VolunteerCorrection).where(VolunteerCorrection.id.in_(latest)))
    return {c.signin_id: c for c in rows}


def activity_info(s: Session, a: VolunteerActivity) -> ActivityInfo:
    """An activity with its sign-ins as they stand (a correction replaces the times)."""
    grid = s.get(Grid, a.grid_id) if a.grid_id else None
    approver = s.get(Worker, a.approved_by) if a.approved_by else None
    rows = s.execute(
        select(VolunteerSignIn, VolunteerMember.name)
        .join(VolunteerMember, VolunteerMember.id == VolunteerSignIn.member_id)
        .where(VolunteerSignIn.activity_id == a.id)
        .order_by(VolunteerSignIn.signed_in_at, VolunteerSignIn.id)
    ).all()
    fixes = _latest_corrections(s, [r[0].id for r in rows])
    signins = []
    for signin, name in rows:
        fix = fixes.get(signin.id)
        minutes = fix.minutes if fix else signin.minutes
        signins.append(
            SignInRow(
                member_id=signin.member_id,
                name=name,
                signed_in_at=fix.signed_in_at if fix else signin.signed_in_at,
                signed_out_at=fix.signed_out_at if fix else signin.signed_out_at,
                minutes=minutes,
                hours=hours(minutes) if minutes is not None else None,
                source=signin.source,
                corrected=fix is not None,
            )
        )
    return ActivityInfo(
        id=a.id,
        title=a.title,
        kind=a.kind,
        kind_zh=kind_label(a.kind),
        place=a.place,
        grid=grid.code if grid else None,
        starts_at=a.starts_at,
        ends_at=a.ends_at,
        organiser=a.organiser,
        capacity=a.capacity,
        approved_at=a.approved_at,
        approved_by=approver.display_name if approver else None,
        signins=tuple(signins),
    )


def add_activity(
    station: Station,
    actor: Actor,
    *,
    title: str,
    kind: str,
    starts_at: datetime,
    ends_at: datetime,
    place: str | None = None,
    grid: str | None = None,
    organiser: str | None = None,
    capacity: int | None = None,
) -> ActivityInfo:
    """Add an activity (any worker who handles matters); one ending before it starts, or with
    a capacity below one, is refused."""
    require(actor, Permission.HANDLE_MATTERS)
    clean_title = clean_text(title, MAX_NAME, "title", "活动名称", required=True)
    assert clean_title is not None
    try:
        parsed = parse_kind(kind)
    except ValueError as exc:
        raise InputError(str(exc), "活动类型不正确。", field="kind") from None
    if ends_at <= starts_at:
        _refuse("the activity ends before it starts", "ends_at")
    if capacity is not None and capacity < 1:
        raise InputError("the capacity is at least 1", "人数上限至少为1。", field="capacity")
    with unit_of_work(station, actor) as uow:
        s = uow.session
        g = known_grid(s, grid)
        activity = VolunteerActivity(
            id=new_id(),
            title=clean_title,
            kind=parsed.code,
            place=clean_text(place, MAX_NAME, "place", "活动地点", required=False),
            grid_id=g.id if g else None,
            starts_at=starts_at,
            ends_at=ends_at,
            organiser=clean_text(organiser, MAX_NAME, "organiser", "组织方", required=False),
            capacity=capacity,
            created_at=uow.now,
            created_by=actor.worker_id,
            approved_at=None,
            approved_by=None,
        )
        s.add(activity)
        return _recorded(uow, activity, "create", "add", {"kind": parsed.code})


def list_activities(station: Station, actor: Actor) -> list[ActivityInfo]:
    """Every activity, the latest first."""
    require(actor, Permission.HANDLE_MATTERS)
    with station.db.read_session() as s:
        rows = s.scalars(select(VolunteerActivity).order_by(VolunteerActivity.starts_at.desc()))
        return [activity_info(s, a) for a in rows]


def show_activity(station: Station, actor: Actor, activity_id: str) -> ActivityInfo:
    """One activity with its sign-ins."""
    require(actor, Permission.HANDLE_MATTERS)
    with station.db.read_session() as s:
        return activity_info(s, find_activity(s, activity_id))


def sign_in(
    station: Station,
    actor: Actor,
    activity_id: str,
    member: str,
    *,
    at: datetime | None = None,
    source: SignSource = SignSource.DESK,
) -> ActivityInfo:
    """Sign a member in (now, or at a time from a paper sheet). Refused: an approved record, a
    second sign-in of the member, a full activity, a time outside the activity."""
    require(actor, Permission.HANDLE_MATTERS)
    if source is SignSource.CORRECTION:
        raise InputError("a correction is not a sign-in", "更正不能作为签到来源。", field="source")
    with unit_of_work(station, actor) as uow:
        s = uow.session
        activity = _unlocked_activity(s, activity_id)
        m = find_member(s, member)
        when = at or uow.now
        _refuse(sign_problem(when, None, activity.starts_at, activity.ends_at))
        if _signin_of(s, activity.id, m.id) is not None:
            raise InputError(
                "the member is already signed in to this activity",
                "该党员已签到过本次活动。",
                field="member",
            )
        if activity.capacity is not None:
            count = s.scalar(
                select(func.count())
                .select_from(VolunteerSignIn)
                .where(VolunteerSignIn.activity_id == activity.id)
            )
            if int(count or 0) >= activity.capacity:
                raise InputError("the activity is full", "本次活动人数已满。", field="member")
        _add_signin(uow, actor, activity, m, (when, None, None), source)
        return _recorded(
            uow, activity, "signin", "signin", {"member": m.id, "source": source.value}
        )


def sign_out(
    station: Station, actor: Actor, activity_id: str, member: str, *, at: datetime | None = None
) -> ActivityInfo:
    """Sign a member out; the minutes are computed from the times by the hours rule. Refused: an
    approved record, no sign-in, a second sign-out, a time before the sign-in or outside the
    activity."""
    require(actor, Permission.HANDLE_MATTERS)
    with unit_of_work(station, actor) as uow:
        s = uow.session
        activity = _unlocked_activity(s, activity_id)
        m = find_member(s, member)
        signin = _signin_of(s, activity.id, m.id)
        if signin is None:
            raise InputError(
                "the member has not signed in to this activity",
                "该党员未签到本次活动。",
                field="member",
            )
        if signin.signed_out_at is not None:
            raise InputError("the member has already signed out", "该党员已签退。", field="member")
        when = at or uow.now
        starts, ends = activity.starts_at, activity.ends_at
        _refuse(sign_problem(signin.signed_in_at, when, starts, ends))
        signin.signed_out_at = when
        signin.minutes = service_minutes(signin.signed_in_at, when, starts, ends, HOURS_RULE)
        details = {"member": m.id, "minutes": signin.minutes}
        return _recorded(uow, activity, "signout", "signout", details)


def sign_by_card(station: Station, actor: Actor, activity_id: str, id_number: str) -> CardSignIn:
    """The desk's ID-card reader at an activity: the member carrying the card's number is
    signed in now, or out if signed in already (as :func:`sign_in` and :func:`sign_out` refuse,
    a second sign-out included). A number no member carries is refused."""
    require(actor, Permission.HANDLE_MATTERS)
    with station.db.read_session() as s:
        member = s.scalars(
            select(VolunteerMember).where(VolunteerMember.id_number == normalize(id_number))
        ).first()
        if member is None:
            raise NotFoundError(
                "the ID number is not a reported member's", "该身份证号不是已报到的在职党员。"
            )
        member_id, name = member.id, member.name
        signed_in = _signin_of(s, activity_id.strip(), member_id) is not None
    if signed_in:
        return CardSignIn(sign_out(station, actor, activity_id, member_id), name, True)
    return CardSignIn(sign_in(station, actor, activity_id, member_id), name, False)


def approve(station: Station, actor: Actor, activity_id: str) -> ActivityInfo:
    """Approve an activity's record (a station head): it must have ended and everyone signed in
    must have signed out. The record is locked from then on."""
    require(actor, Permission.APPROVE)
    with unit_of_work(station, actor) as uow:
        s = uow.session
        activity = find_activity(s, activity_id)
        if activity.approved_at is not None:
            raise InputError("the record is already approved", "该活动记录已审核。")
        if uow.now < activity.ends_at:
            raise InputError(
                "the activity has not ended yet", "活动尚未结束，不能审核。", field="activity"
            )
        open_count = s.scalar(
            select(func.count())
            .select_from(VolunteerSignIn)
            .where(
                VolunteerSignIn.activity_id == activity.id,
                VolunteerSignIn.signed_out_at.is_(None),
            )
        )
        if open_count:
            raise InputError(
                f"{open_count} member(s) have not signed out",
                f"还有{open_count}名党员未签退，请先签退。",
                field="activity",
            )
        activity.approved_at = uow.now
        activity.approved_by = actor.worker_id
        s.flush()
        synced.queue_activity(uow, activity, "approve")
        info = activity_info(s, activity)
        uow.audit(
            f"{ENTITY_ACTIVITY}.approve",
            ENTITY_ACTIVITY,
            activity.id,
            {"signins": len(info.signins), "minutes": sum(r.minutes or 0 for r in info.signins)},
        )
        return info


def correct(
    station: Station,
    actor: Actor,
    activity_id: str,
    member: str,
    *,
    signed_in_at: datetime,
    signed_out_at: datetime,
    reason: str,
) -> ActivityInfo:
    """Correct an approved record (a station head): a new, audited entry that stands in for the
    member's times; a member missing from the record is added by it. The approved sign-in is
    never edited. Before approval, sign in and out as usual."""
    require(actor, Permission.APPROVE)
    why = clean_text(reason, MAX_TEXT, "reason", "更正原因", required=True)
    assert why is not None
    with unit_of_work(station, actor) as uow:
        s = uow.session
        activity = find_activity(s, activity_id)
        if activity.approved_at is None:
            raise InputError(
                "the record is not approved yet; sign in or out instead",
                "该活动记录尚未审核，请直接签到或签退。",
            )
        m = find_member(s, member)
        starts, ends = activity.starts_at, activity.ends_at
        _refuse(sign_problem(signed_in_at, signed_out_at, starts, ends))
        minutes = service_minutes(signed_in_at, signed_out_at, starts, ends, HOURS_RULE)
        signin = _signin_of(s, activity.id, m.id)
        added = signin is None
        if signin is None:  # the member was left off the sheet: the correction adds them
            times = (signed_in_at, signed_out_at, minutes)
            signin = _add_signin(uow, actor, activity, m, times, SignSource.CORRECTION)
            s.flush()
        s.add(
            VolunteerCorrection(
                signin_id=signin.id,
                signed_in_at=signed_in_at,
                signed_out_at=signed_out_at,
                minutes=minutes,
                reason=why,
                actor_id=actor.worker_id,
                at=uow.now,
            )
        )
        details = {"member": m.id, "minutes": minutes, "added": added, "reason": why}
        return _recorded(uow, activity, "correct", "correct", details)
