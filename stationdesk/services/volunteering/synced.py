"""What 双报到 records carry to the district (units, members, activities, wishes) and how a
station takes a pulled record back.

Units and members are district-wide records merged at the district (one unit, one person);
a member's state lists the station reports (``reports``: station code, the id it was registered
under there, report date, paired grid). Activities and wishes are owned by their station: each
op carries the whole record after it (an activity with its sign-ins and corrections), so the
district keeps the latest state and a rebuilt station restores it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any, cast

from sqlalchemy import Table, delete, select
from sqlalchemy.orm import Session

from stationdesk.store.models import StationRow, Worker
from stationdesk.store.models_residents import Grid, Resident
from stationdesk.store.models_volunteer import (
    VolunteerActivity,
    VolunteerCorrection,
    VolunteerMember,
    VolunteerRetired,
    VolunteerSignIn,
    VolunteerUnit,
    VolunteerWish,
    VolunteerWishPhoto,
)

from ..row_json import row_json, row_values
from ..uow import UnitOfWork
from .types import ENTITY_ACTIVITY, ENTITY_MEMBER, ENTITY_UNIT, ENTITY_WISH

_UNITS = cast(Table, VolunteerUnit.__table__)
_ACTIVITIES = cast(Table, VolunteerActivity.__table__)
_SIGNINS = cast(Table, VolunteerSignIn.__table__)
_CORRECTIONS = cast(Table, VolunteerCorrection.__table__)
_WISHES = cast(Table, VolunteerWish.__table__)
_PHOTOS = cast(Table, VolunteerWishPhoto.__table__)

MERGED_INTO = "merged_into"
"""The field of a retired unit or member naming the record it was merged into."""

PHOTO = "photo"
"""Where a wish's state names its photo (name, type, size, SHA-256, when and by whom); the
bytes travel as an attachment, by their hash."""

MEMBER_FIELDS = ("name", "id_number", "phone", "branch", "skills", "emergency_team")
"""A member's fields both ends compare in the scope hash (the links and reports are local)."""

_LOCAL = ("id", "version", "created_at")


# -- units and members ------------------------------------------------------------------------


def unit_payload(unit: VolunteerUnit) -> dict[str, Any]:
    """A unit's synced fields; its projects only when it has some (a unit queued before units
    had projects carries none, and the district holds it so)."""
    data = row_json(_UNITS, unit, skip=_LOCAL)
    if not data.get("projects"):
        data.pop("projects", None)
    return data


def station_code(session: Session) -> str:
    """This station's code."""
    return str(session.scalar(select(StationRow.code)) or "")


def member_payload(session: Session, member: VolunteerMember) -> dict[str, Any]:
    """A member's synced fields with this station's report (the district lists every one)."""
    data: dict[str, Any] = {name: getattr(member, name) for name in MEMBER_FIELDS}
    data["skills"] = list(member.skills)
    data["unit_id"] = member.unit_id
    data["resident_id"] = member.resident_id
    data["reports"] = [
        {
            "station": station_code(session),
            "member_id": member.id,
            "report_date": member.report_date.isoformat(),
            "grid_id": member.grid_id,
        }
    ]
    return data


def member_compared(data: Mapping[str, Any]) -> dict[str, Any]:
    """What the scope hash compares of a member's state (the district's ``canonical``)."""
    return {name: data.get(name) for name in MEMBER_FIELDS}


def queue_member_create(uow: UnitOfWork, member: VolunteerMember) -> None:
    """The create op of a member registered here."""
    uow.outbox(ENTITY_MEMBER, member.id, "create", member_payload(uow.session, member))


def queue_unit_create(uow: UnitOfWork, unit: VolunteerUnit) -> None:
    """The create op of a unit added here."""
    uow.outbox(ENTITY_UNIT, unit.id, "create", unit_payload(unit))


def queue_edit(
    uow: UnitOfWork,
    entity: str,
    row: VolunteerUnit | VolunteerMember,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
) -> None:
    """The update op of a unit or member edited here: each changed synced field with its old
    and new value (a member's report date and grid stay this station's own)."""
    edits = {
        name: {"old": before.get(name), "new": value}
        for name, value in after.items()
        if name != "reports" and before.get(name) != value
    }
    if edits:
        uow.outbox(entity, row.id, "update", edits, base_version=row.version)


def survivor_of(session: Session, entity: str, entity_id: str | None) -> str | None:
    """The id a (possibly retired) unit or member id stands for here now."""
    seen: set[str] = set()
    while entity_id is not None and entity_id not in seen:
        seen.add(entity_id)
        row = session.get(VolunteerRetired, (entity, entity_id))
        if row is None:
            return entity_id
        entity_id = row.merged_into
    return entity_id


def _held(session: Session, model: type[Any], entity: str, key: Any) -> str | None:
    """The id of the held row a pulled reference names (through merges), or None."""
    if not isinstance(key, str) or not key:
        return None
    found = survivor_of(session, entity, key)
    return found if found is not None and session.get(model, found) is not None else None


def _resident_held(session: Session, resident_id: Any) -> bool:
    """Whether a resident of this id is held here (its key is ``seq``, not the id)."""
    if not isinstance(resident_id, str) or not resident_id:
        return False
    return session.scalar(select(Resident.seq).where(Resident.id == resident_id)) is not None


def fill_unit(row: VolunteerUnit, data: Mapping[str, Any]) -> None:
    """Write a unit's synced fields into its row."""
    synced = {k: v for k, v in data.items() if k not in _LOCAL}
    for key, value in row_values(_UNITS, synced).items():
        setattr(row, key, value)
    row.projects = [dict(p) for p in row.projects or [] if isinstance(p, Mapping)]


def fill_member(session: Session, row: VolunteerMember, data: Mapping[str, Any]) -> None:
    """Write a member's synced fields into its row; the report date and grid are this station's
    report (another station's grid is not held here)."""
    for name in MEMBER_FIELDS:
        if name in data:
            setattr(row, name, list(data[name] or []) if name == "skills" else data[name])
    row.emergency_team = bool(row.emergency_team)
    row.unit_id = _held(session, VolunteerUnit, ENTITY_UNIT, data.get("unit_id"))
    resident = data.get("resident_id")
    row.resident_id = resident if _resident_held(session, resident) else None
    reports = [r for r in data.get("reports") or [] if isinstance(r, Mapping)]
    code = station_code(session)
    own = next((r for r in reports if r.get("station") == code), None)
    chosen = own or (reports[0] if reports else None)
    if chosen is not None and chosen.get("report_date"):
        row.report_date = date.fromisoformat(str(chosen["report_date"]))
    elif row.report_date is None:
        row.report_date = date(1970, 1, 1)
    grid = own.get("grid_id") if own is not None else None
    if isinstance(grid, str) and session.get(Grid, grid) is not None:
        row.grid_id = grid


def retire(
    session: Session, entity: str, entity_id: str, into: str, version: int, data: Mapping[str, Any]
) -> None:
    """Keep ``entity_id`` as merged into ``into``: what referred to it refers to the survivor,
    and its row goes (the survivor holds the unit's name or the person's ID number)."""
    conn = session.connection()
    if entity == ENTITY_MEMBER:
        for table in ("volunteer_signin", "volunteer_wish"):
            conn.exec_driver_sql(
                f"UPDATE {table} SET member_id = ? WHERE member_id = ?", (into, entity_id)
            )
        session.execute(delete(VolunteerMember).where(VolunteerMember.id == entity_id))
    else:
        conn.exec_driver_sql(
            "UPDATE volunteer_member SET unit_id = ? WHERE unit_id = ?", (into, entity_id)
        )
        session.execute(delete(VolunteerUnit).where(VolunteerUnit.id == entity_id))
    kept = {k: v for k, v in data.items() if k != MERGED_INTO}
    if entity == ENTITY_MEMBER:
        kept["id_number"] = None
    row = session.get(VolunteerRetired, (entity, entity_id))
    if row is None:
        session.add(
            VolunteerRetired(
                entity=entity, id=entity_id, merged_into=into, version=version, data=kept
            )
        )
    else:
        row.merged_into, row.version, row.data = into, version, kept
    session.flush()


# -- activities and wishes --------------------------------------------------------------------


def activity_state(session: Session, activity: VolunteerActivity) -> dict[str, Any]:
    """An activity with its sign-ins and corrections (in order), as each op carries it."""
    signins = session.scalars(
        select(VolunteerSignIn)
        .where(VolunteerSignIn.activity_id == activity.id)
        .order_by(VolunteerSignIn.id)
    ).all()
    by_id = {s.id: s.member_id for s in signins}
    corrections = session.scalars(
        select(VolunteerCorrection)
        .where(VolunteerCorrection.signin_id.in_(list(by_id)))
        .order_by(VolunteerCorrection.id)
    ).all()
    state = row_json(_ACTIVITIES, activity, skip=("id", "version"))
    state["signins"] = [row_json(_SIGNINS, s, skip=("id", "activity_id")) for s in signins]
    state["corrections"] = [
        {**row_json(_CORRECTIONS, c, skip=("id", "signin_id")), "member_id": by_id[c.signin_id]}
        for c in corrections
    ]
    return state


def queue_activity(uow: UnitOfWork, activity: VolunteerActivity, kind: str) -> None:
    """One activity op (``create``, ``signin``, ``signout``, ``approve``, ``correct``) with the
    whole activity after it; the activity's version moves by one as the district's does."""
    if kind != "create":
        activity.version += 1
    uow.session.flush()
    uow.outbox(ENTITY_ACTIVITY, activity.id, kind, activity_state(uow.session, activity))


def wish_state(session: Session, wish: VolunteerWish) -> dict[str, Any]:
    """A wish as each op carries it, its photo (if any) described, not its bytes."""
    state = row_json(_WISHES, wish, skip=("id", "version"))
    photo = session.get(VolunteerWishPhoto, wish.id)
    if photo is not None:
        state[PHOTO] = row_json(_PHOTOS, photo, skip=("wish_id", "data"))
    return state


def queue_wish(uow: UnitOfWork, wish: VolunteerWish, kind: str) -> None:
    """One wish op (``create``, ``claim``, ``fulfil``, ``confirm``) with the wish after it."""
    if kind != "create":
        wish.version += 1
    uow.session.flush()
    uow.outbox(ENTITY_WISH, wish.id, kind, wish_state(uow.session, wish))


def restore_activity(
    session: Session, activity_id: str, version: int, data: Mapping[str, Any]
) -> bool:
    """Store an activity the district holds (a rebuilt station): its row, sign-ins and
    corrections, replacing what is held of it. Members retired here stand for their survivor."""
    fields = {k: v for k, v in data.items() if k not in ("signins", "corrections", "events")}
    values = row_values(_ACTIVITIES, fields)
    if values.get("grid_id") and session.get(Grid, values["grid_id"]) is None:
        values["grid_id"] = None
    row = session.get(VolunteerActivity, activity_id)
    if row is None:
        row = VolunteerActivity(id=activity_id, **values)
        session.add(row)
    else:
        for key, value in values.items():
            setattr(row, key, value)
        held = list(
            session.scalars(
                select(VolunteerSignIn.id).where(VolunteerSignIn.activity_id == activity_id)
            )
        )
        session.execute(delete(VolunteerCorrection).where(VolunteerCorrection.signin_id.in_(held)))
        session.execute(delete(VolunteerSignIn).where(VolunteerSignIn.activity_id == activity_id))
    row.version = version
    session.flush()
    signin_ids: dict[str, int] = {}
    for item in data.get("signins") or []:
        member = _held(session, VolunteerMember, ENTITY_MEMBER, item.get("member_id"))
        if member is None:
            continue
        values = row_values(_SIGNINS, {k: v for k, v in item.items() if k != "id"})
        signin = VolunteerSignIn(**{**values, "activity_id": activity_id, "member_id": member})
        session.add(signin)
        session.flush()
        signin_ids[str(item.get("member_id"))] = signin.id
    for item in data.get("corrections") or []:
        signin_id = signin_ids.get(str(item.get("member_id")))
        if signin_id is None:
            continue
        values = row_values(_CORRECTIONS, {k: v for k, v in item.items() if k not in ("id",)})
        session.add(VolunteerCorrection(**{**values, "signin_id": signin_id}))
    session.flush()
    return True


def restore_wish(session: Session, wish_id: str, version: int, data: Mapping[str, Any]) -> bool:
    """Store a wish the district holds (a rebuilt station); False when its resident is not
    held here. Its photo is described without bytes until they are fetched."""
    values = row_values(_WISHES, dict(data))
    if not _resident_held(session, values.get("resident_id")):
        return False
    values["member_id"] = _held(session, VolunteerMember, ENTITY_MEMBER, values.get("member_id"))
    row = session.get(VolunteerWish, wish_id)
    if row is None:
        session.add(VolunteerWish(id=wish_id, version=version, **values))
    else:
        for key, value in values.items():
            setattr(row, key, value)
        row.version = version
    session.flush()
    _restore_photo(session, wish_id, data.get(PHOTO))
    return True


def _restore_photo(session: Session, wish_id: str, meta: Any) -> None:
    """A pulled wish's photo description, held without bytes (a held photo stays as it is)."""
    if not isinstance(meta, Mapping) or session.get(VolunteerWishPhoto, wish_id) is not None:
        return
    values = row_values(_PHOTOS, {k: v for k, v in meta.items() if k not in ("wish_id", "data")})
    if not (isinstance(values.get("sha256"), str) and isinstance(values.get("size"), int)):
        return
    added_by = values.get("added_by")
    if not isinstance(added_by, str) or session.get(Worker, added_by) is None:
        values["added_by"] = None
    values.setdefault("added_at", datetime.now(UTC))
    values.setdefault("name", wish_id)
    values.setdefault("mime", "image/jpeg")
    session.add(VolunteerWishPhoto(wish_id=wish_id, data=None, **values))
    session.flush()
