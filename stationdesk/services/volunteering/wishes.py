"""微心愿: a resident's small wish, claimed by a member, fulfilled (with a photo, if one was taken),
confirmed with a grade."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.domain.ids import new_id
from stationdesk.domain.roles import Permission
from stationdesk.domain.station_time import station_today
from stationdesk.domain.volunteering import (
    WISH_CATEGORIES,
    WISH_PENDING,
    WISH_STATUS_ZH,
    WishStatus,
    parse_grade,
)
from stationdesk.store.models_residents import Resident
from stationdesk.store.models_volunteer import VolunteerMember, VolunteerWish, VolunteerWishPhoto

from ..actor import Actor, require
from ..errors import InputError, NotFoundError
from ..files import PHOTO_MIME, CheckedFile, Refusal, Upload, checked_file
from ..residents.views import live_resident
from ..station import Station
from ..uow import UnitOfWork, unit_of_work
from . import synced
from .types import (
    ENTITY_WISH,
    MAX_LONG,
    MAX_TEXT,
    WishInfo,
    WishPhotoData,
    clean_text,
    find_member,
)

PHOTO_REFUSAL = Refusal(
    "a wish's photo must be a JPEG or PNG image", "照片只能是 JPEG 或 PNG 图片。", "photo"
)


def _info(s: Session, w: VolunteerWish, today: date) -> WishInfo:
    resident = s.scalars(select(Resident).where(Resident.id == w.resident_id)).first()
    member = s.get(VolunteerMember, w.member_id) if w.member_id else None
    status = WishStatus(w.status)
    return WishInfo(
        id=w.id,
        resident_id=w.resident_id,
        resident=resident.name if resident else "",
        text=w.text,
        category=w.category,
        deadline=w.deadline,
        status=status.value,
        status_zh=WISH_STATUS_ZH[status],
        member_id=w.member_id,
        member=member.name if member else None,
        fulfil_note=w.fulfil_note,
        grade=w.grade,
        overdue=status in WISH_PENDING and w.deadline < today,
        photo=s.scalar(select(VolunteerWishPhoto.name).where(VolunteerWishPhoto.wish_id == w.id)),
    )


def _wish(s: Session, wish_id: str, *expected: WishStatus) -> VolunteerWish:
    wish = s.get(VolunteerWish, wish_id.strip())
    if wish is None:
        raise NotFoundError("no such wish", "找不到该微心愿。")
    if WishStatus(wish.status) not in expected:
        now = WISH_STATUS_ZH[WishStatus(wish.status)]
        raise InputError(
            f"the wish is {wish.status}; this step needs it "
            f"{' or '.join(e.value for e in expected)}",
            f"该微心愿当前为“{now}”，不能进行此操作。",
            field="wish",
        )
    return wish


def add_wish(
    station: Station,
    actor: Actor,
    resident_id: str,
    text: str,
    *,
    deadline: date,
    category: str = "其他",
) -> WishInfo:
    """Record a resident's wish for the wish wall (any worker who handles matters)."""
    require(actor, Permission.HANDLE_MATTERS)
    clean = clean_text(text, MAX_TEXT, "text", "心愿内容", required=True)
    assert clean is not None
    if category not in WISH_CATEGORIES:
        raise InputError(
            f"unknown category; one of {', '.join(WISH_CATEGORIES)}",
            f"心愿类别只能选择：{'、'.join(WISH_CATEGORIES)}",
            field="category",
        )
    today = station_today(station.now())
    if deadline < today:
        raise InputError("the deadline has passed", "完成期限不能早于今天。", field="deadline")
    with unit_of_work(station, actor) as uow:
        s = uow.session
        resident = live_resident(s, resident_id.strip())
        wish = VolunteerWish(
            id=new_id(),
            resident_id=resident.id,
            text=clean,
            category=category,
            deadline=deadline,
            status=WishStatus.OPEN.value,
            created_at=uow.now,
            created_by=actor.worker_id,
        )
        s.add(wish)
        s.flush()
        synced.queue_wish(uow, wish, "create")
        uow.audit(f"{ENTITY_WISH}.add", ENTITY_WISH, wish.id, {"resident": resident.id})
        return _info(s, wish, today)


def _advance(
    station: Station,
    actor: Actor,
    wish_id: str,
    step: tuple[WishStatus, WishStatus, str],
    apply: Callable[[UnitOfWork, VolunteerWish], dict[str, Any]],
) -> WishInfo:
    """Move a wish from one status to the next (``step``: from, to, the audit action) in one
    unit of work; ``apply`` fills the step's fields and returns the audit details."""
    require(actor, Permission.HANDLE_MATTERS)
    before, after, action = step
    with unit_of_work(station, actor) as uow:
        s = uow.session
        wish = _wish(s, wish_id, before)
        details = apply(uow, wish)
        wish.status = after.value
        s.flush()
        synced.queue_wish(uow, wish, action)
        uow.audit(f"{ENTITY_WISH}.{action}", ENTITY_WISH, wish.id, details)
        return _info(s, wish, station_today(uow.now))


def claim_wish(station: Station, actor: Actor, wish_id: str, member: str) -> WishInfo:
    """A member claims an open wish."""

    def claim(uow: UnitOfWork, wish: VolunteerWish) -> dict[str, Any]:
        wish.member_id = find_member(uow.session, member).id
        wish.claimed_at = uow.now
        return {"member": wish.member_id}

    return _advance(station, actor, wish_id, (WishStatus.OPEN, WishStatus.CLAIMED, "claim"), claim)


def checked_photo(photo: Upload) -> CheckedFile:
    """``photo`` as a wish's photo is checked (JPEG or PNG, at most 10 MB): InputError else."""
    return checked_file(photo.name, photo.data, photo.mime, PHOTO_MIME, PHOTO_REFUSAL)


def fulfil_wish(
    station: Station, actor: Actor, wish_id: str, note: str, photo: Upload | None = None
) -> WishInfo:
    """Mark a claimed wish fulfilled, with a note of what was done and, if one was taken, a
    photo (JPEG or PNG, at most 10 MB; kept in the encrypted database only)."""
    clean = clean_text(note, MAX_LONG, "note", "完成情况", required=True)
    checked = checked_photo(photo) if photo is not None else None

    def fulfil(uow: UnitOfWork, wish: VolunteerWish) -> dict[str, Any]:
        wish.fulfil_note = clean
        wish.fulfilled_at = uow.now
        details: dict[str, Any] = {"member": wish.member_id}
        if checked is not None:
            uow.session.add(
                VolunteerWishPhoto(
                    wish_id=wish.id,
                    name=checked.name,
                    mime=checked.mime,
                    size=checked.size,
                    sha256=checked.sha256,
                    data=checked.data,
                    added_at=uow.now,
                    added_by=actor.worker_id,
                )
            )
            details["photo"] = {"size": checked.size, "sha256": checked.sha256}
        return details

    return _advance(
        station, actor, wish_id, (WishStatus.CLAIMED, WishStatus.FULFILLED, "fulfil"), fulfil
    )


def wish_photo(station: Station, actor: Actor, wish_id: str) -> WishPhotoData:
    """A fulfilled wish's photo with its bytes, for showing; opening it is audited."""
    require(actor, Permission.HANDLE_MATTERS)
    with unit_of_work(station, actor) as uow:
        photo = uow.session.get(VolunteerWishPhoto, wish_id.strip())
        if photo is None:
            raise NotFoundError("the wish has no photo", "该微心愿没有照片。")
        if photo.data is None:
            raise NotFoundError(
                "the photo's bytes are not fetched from the district yet",
                "照片尚未从区平台取回，请同步后再试。",
            )
        uow.audit(f"{ENTITY_WISH}.photo_open", ENTITY_WISH, photo.wish_id, {})
        return WishPhotoData(photo.wish_id, photo.name, photo.mime, bytes(photo.data))


def confirm_wish(station: Station, actor: Actor, wish_id: str, grade: str) -> WishInfo:
    """Record the resident's confirmation of a fulfilled wish: 满意 or 不满意."""
    try:
        parsed = parse_grade(grade)
    except ValueError as exc:
        raise InputError(str(exc), "评价只能为“满意”或“不满意”。", field="grade") from None

    def confirm(uow: UnitOfWork, wish: VolunteerWish) -> dict[str, Any]:
        wish.grade = parsed
        wish.confirmed_at = uow.now
        return {"grade": parsed}

    step = (WishStatus.FULFILLED, WishStatus.CONFIRMED, "confirm")
    return _advance(station, actor, wish_id, step, confirm)


def list_wishes(
    station: Station,
    actor: Actor,
    *,
    status: WishStatus | None = None,
    overdue: bool = False,
    resident_id: str | None = None,
) -> list[WishInfo]:
    """The wish wall: by deadline, optionally of one status, one resident or only the overdue
    ones."""
    require(actor, Permission.HANDLE_MATTERS)
    today = station_today(station.now())
    with station.db.read_session() as s:
        query = select(VolunteerWish).order_by(VolunteerWish.deadline, VolunteerWish.created_at)
        if status is not None:
            query = query.where(VolunteerWish.status == status.value)
        if resident_id is not None:
            query = query.where(VolunteerWish.resident_id == resident_id)
        rows = [_info(s, w, today) for w in s.scalars(query)]
    return [r for r in rows if r.overdue] if overdue else rows
