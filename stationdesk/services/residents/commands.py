"""Changing residents: register, edit (field by field, with the sync op) and walk-in visits."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.domain.identity import DocumentType
from stationdesk.domain.ids import new_id
from stationdesk.domain.residents import SENSITIVE_TAGS, SERVICE_TAGS
from stationdesk.domain.roles import Permission
from stationdesk.store import residents_repo as repo
from stationdesk.store.models_residents import Building, Household, Resident, ResidentChange, Visit

from ..actor import Actor, require
from ..errors import InputError, PermissionDeniedError
from ..station import Station
from ..uow import UnitOfWork, unit_of_work
from .model import (
    EDITABLE_FIELDS,
    IDENTITY_FIELDS,
    DuplicateResidentError,
    ResidentCard,
    ResidentInput,
    VisitInfo,
)
from .synced import SYNCED_FIELDS, sync_payload, visit_payload
from .validation import (
    check_document,
    check_ethnicity,
    check_identity,
    check_name,
    check_note,
    check_phones,
    check_reading,
    check_relation,
    check_room,
    check_tags,
    invalid,
    known_grid,
    listed_building,
    text_or_none,
)
from .views import card, live_resident, place_names, terms_for


def register_resident(station: Station, actor: Actor, data: ResidentInput) -> ResidentCard:
    """Register a resident; a known ID number raises DuplicateResidentError naming them."""
    require(actor, Permission.HANDLE_MATTERS)
    with unit_of_work(station, actor) as uow:
        resident = register_resident_in(uow, actor, data)
        uow.session.flush()
        return card(uow.session, actor, resident)


def register_resident_in(uow: UnitOfWork, actor: Actor, data: ResidentInput) -> Resident:
    """Register a resident inside the caller's unit of work (also used by the import)."""
    s = uow.session
    ident = check_identity(data, uow.now.date())
    name, reading, id_type, number = ident.name, ident.reading, ident.id_type, ident.number
    sex, birth = ident.sex, ident.birth
    existing = s.scalar(select(Resident.id).where(Resident.id_number == number))
    if existing:
        raise DuplicateResidentError(existing)
    phones = check_phones(data.phones)
    tags = check_tags(data.tags, SERVICE_TAGS, "tags")
    if data.sensitive_tags:
        require(actor, Permission.VIEW_SENSITIVE_TAGS)
    sensitive = check_tags(data.sensitive_tags, SENSITIVE_TAGS, "sensitive_tags")
    check_ethnicity(data.ethnicity)
    check_relation(data.relation)
    building = listed_building(s, data.building)
    unit = text_or_none(data.unit)
    room = text_or_none(data.room)
    check_room(building, room)
    grid = known_grid(s, data.grid)
    household_id = None
    relation = data.relation
    if building is not None and room:
        household_id, added = _household(s, building.id, unit, room, uow.now)
        if added:
            relation = relation or "户主"
    resident = Resident(
        id=new_id(),
        name=name,
        name_pinyin=reading,
        id_type=id_type.value,
        id_number=number,
        sex=sex,
        birth_date=birth,
        ethnicity=data.ethnicity,
        phones=phones,
        building_id=building.id if building else None,
        unit=unit,
        room=room,
        household_id=household_id,
        relation=relation,
        grid_id=(grid.id if grid else building.grid_id if building else None),
        tags=tags,
        sensitive_tags=sensitive,
        note=check_note(data.note),
        created_at=uow.now,
        updated_at=uow.now,
        version=1,
    )
    s.add(resident)
    s.flush()
    buildings = {building.id: building.name} if building else {}
    repo.replace_terms(s, resident.seq, terms_for(resident, buildings))
    uow.change("resident", resident.id, "create", sync_payload(resident, buildings))
    return resident


def _household(
    s: Session, building_id: str, unit: str | None, room: str, created_at: datetime
) -> tuple[str, bool]:
    """The id of the household at an address, added when there is none; and whether it was."""
    household = repo.household_at(s, building_id, unit, room)
    if household is not None:
        return household.id, False
    household = Household(
        id=new_id(), building_id=building_id, unit=unit, room=room, created_at=created_at
    )
    s.add(household)
    return household.id, True


def edit_resident(
    station: Station,
    actor: Actor,
    resident_id: str,
    changes: dict[str, Any],
    *,
    base_version: int | None = None,
) -> ResidentCard:
    """Change fields of a resident; each changed field is recorded with old and new values."""
    require(actor, Permission.HANDLE_MATTERS)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise invalid(
            f"these fields cannot be edited: {', '.join(sorted(unknown))}",
            "包含不可修改的字段",
            sorted(unknown)[0],
        )
    if "sensitive_tags" in changes:
        require(actor, Permission.VIEW_SENSITIVE_TAGS)
    with unit_of_work(station, actor) as uow:
        r = edit_resident_in(uow, actor, resident_id, changes, base_version=base_version)
        return card(uow.session, actor, r)


def edit_resident_in(
    uow: UnitOfWork,
    actor: Actor,
    resident_id: str,
    changes: dict[str, Any],
    *,
    base_version: int | None = None,
) -> Resident:
    """Apply an edit inside the caller's unit of work (also used to settle sync conflicts)."""
    s = uow.session
    r = live_resident(s, resident_id)
    if base_version is not None and base_version != r.version:
        raise InputError(
            "the resident was changed by someone else meanwhile; reopen and try again",
            "该居民信息已被他人修改，请重新打开后再改。",
        )
    buildings, _grids = place_names(s)
    before = sync_payload(r, buildings)
    grid_before = r.grid_id
    all_buildings = buildings | _apply_edit(s, r, changes, uow.now.date())
    after = sync_payload(r, all_buildings)
    diff = {k: {"old": before[k], "new": after[k]} for k in after if before[k] != after[k]}
    _require_head_for_identity(actor, set(diff))
    if r.grid_id != grid_before:
        diff["grid"] = {"old": grid_before, "new": r.grid_id}
    if not diff:
        return r
    base = r.version
    r.version += 1
    r.updated_at = uow.now
    for fname, vals in diff.items():
        s.add(
            ResidentChange(
                resident_id=r.id,
                field=fname,
                old=vals["old"],
                new=vals["new"],
                worker_id=actor.worker_id,
                at=uow.now,
                version=r.version,
            )
        )
    s.flush()
    repo.replace_terms(s, r.seq, terms_for(r, all_buildings))
    synced = {k: v for k, v in diff.items() if k in SYNCED_FIELDS}
    if synced:  # {field: {"old", "new"}}, merged field by field at the district
        uow.change(
            "resident",
            r.id,
            "update",
            synced,
            base_version=base,
            audit_details={"fields": sorted(diff)},
        )
    else:  # only station-local facts (the grid) changed
        uow.audit("resident.update", "resident", r.id, {"fields": sorted(diff)})
    return r


def _require_head_for_identity(actor: Actor, changed: set[str]) -> None:
    """A change of name, ID number, sex, birth date or ethnic group needs a station head."""
    touched = sorted(changed & IDENTITY_FIELDS)
    if touched and not actor.can(Permission.APPROVE):
        raise PermissionDeniedError(
            f"{actor.username} may not change identity fields: {', '.join(touched)}",
            "修改姓名、证件号码、性别、出生日期或民族须由站长操作。",
        )


def _as_list(value: Any) -> list[Any]:
    """A submitted list field: one text stands for a list of one."""
    return [value] if isinstance(value, str) else list(value)


def _apply_identity(s: Session, r: Resident, changes: dict[str, Any], today: date) -> None:
    """Set a changed ID number, sex or birth date; a number that encodes them sets them."""
    encoded = r.id_type in (DocumentType.RESIDENT_ID, DocumentType.HMT_RESIDENCE_PERMIT)
    if "id_number" in changes:
        number, sex, birth = check_document(
            DocumentType(r.id_type), str(changes["id_number"] or ""), today=today
        )
        other = s.scalar(select(Resident.id).where(Resident.id_number == number))
        if other is not None and other != r.id:
            raise DuplicateResidentError(other)
        r.id_number = number
        if encoded:
            r.sex, r.birth_date = sex, birth
    for name in ("sex", "birth_date"):
        if name in changes and encoded:
            raise invalid(
                f"the {name} comes from the ID number", "性别和出生日期由证件号码决定", name
            )
    if "sex" in changes:
        value = changes["sex"] or None
        if value not in (None, "M", "F"):
            raise invalid("sex is M or F", "性别无效", "sex")
        r.sex = value
    if "birth_date" in changes:
        value = changes["birth_date"]
        try:
            born = date.fromisoformat(value) if isinstance(value, str) and value else value
        except ValueError:
            raise invalid("invalid birth date", "出生日期格式不正确", "birth_date") from None
        if born is not None and (not isinstance(born, date) or born > today):
            raise invalid("invalid birth date", "出生日期不正确", "birth_date")
        r.birth_date = born


def _apply_edit(s: Session, r: Resident, changes: dict[str, Any], today: date) -> dict[str, str]:
    """Set the changed fields on ``r``; return the name of a building it moved to, by id."""
    moved_to: dict[str, str] = {}
    if "name" in changes:
        r.name = check_name(str(changes["name"]))
    _apply_identity(s, r, changes, today)
    if "name_pinyin" in changes:
        value = changes["name_pinyin"]
        r.name_pinyin = check_reading(str(value)) if value is not None else None
    if "phones" in changes:
        r.phones = check_phones(_as_list(changes["phones"]))
    if "ethnicity" in changes:
        value = changes["ethnicity"] or None
        check_ethnicity(value)
        r.ethnicity = value
    if "relation" in changes:
        value = changes["relation"] or None
        check_relation(value)
        r.relation = value
    if "tags" in changes:
        r.tags = check_tags(_as_list(changes["tags"]), SERVICE_TAGS, "tags")
    if "sensitive_tags" in changes:
        r.sensitive_tags = check_tags(
            _as_list(changes["sensitive_tags"]), SENSITIVE_TAGS, "sensitive_tags"
        )
    if "note" in changes:
        r.note = check_note(changes["note"])
    if "grid" in changes:
        grid = known_grid(s, changes["grid"])
        r.grid_id = grid.id if grid else None
    if {"building", "unit", "room"} & set(changes):
        building = (
            listed_building(s, changes.get("building"))
            if "building" in changes
            else (s.get(Building, r.building_id) if r.building_id else None)
        )
        unit = text_or_none(changes["unit"]) if "unit" in changes else r.unit
        room = text_or_none(changes["room"]) if "room" in changes else r.room
        check_room(building, room)
        r.building_id = building.id if building else None
        r.unit, r.room = (unit, room) if building else (None, None)
        if building is not None and room:
            moved_to[building.id] = building.name
            # an edit adds the household with the resident's previous change time
            r.household_id, _added = _household(s, building.id, unit, room, r.updated_at)
        else:
            r.household_id = None
    return moved_to


def add_visit(station: Station, actor: Actor, resident_id: str, purpose: str) -> VisitInfo:
    """Record a walk-in; the worker who receives it is its first receiver (首问)."""
    require(actor, Permission.HANDLE_MATTERS)
    purpose = purpose.strip()
    if not 1 <= len(purpose) <= 200:
        raise invalid("the purpose is 1-200 characters", "请填写来访事由（200字以内）", "purpose")
    with unit_of_work(station, actor) as uow:
        r = live_resident(uow.session, resident_id)
        visit = Visit(
            id=new_id(), resident_id=r.id, purpose=purpose, worker_id=actor.worker_id, at=uow.now
        )
        uow.session.add(visit)
        # the walk-in log is synced in the station's scope (append-only)
        uow.change(
            "visit", visit.id, "create", visit_payload(visit), audit_details={"resident_id": r.id}
        )
        return VisitInfo(visit.id, r.id, purpose, actor.display_name, uow.now)
