"""Resident use cases: register, find, show (masked), reveal (audited), edit, visits, buildings."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from stationdesk.domain.identity import (
    DocumentType,
    IdNumberError,
    mask_id_number,
    mask_phone,
    normalize,
    parse_id_number,
)
from stationdesk.domain.ids import new_id
from stationdesk.domain.residents import (
    ETHNICITIES,
    RELATIONS,
    SENSITIVE_TAGS,
    SERVICE_TAGS,
    name_problem,
    normalize_phone,
    phone_problem,
    plan_query,
    search_terms,
)
from stationdesk.domain.roles import Permission
from stationdesk.store import residents_repo as repo
from stationdesk.store.models import Worker
from stationdesk.store.models_residents import (
    Building,
    Grid,
    Household,
    Resident,
    ResidentChange,
    Visit,
)

from .actor import Actor, require
from .errors import InputError, NotFoundError
from .station import Station
from .uow import UnitOfWork, unit_of_work

PASSPORT_RE = re.compile(r"^[A-Z0-9]{5,20}$")
EDITABLE_FIELDS = (
    "name",
    "phones",
    "ethnicity",
    "building",
    "unit",
    "room",
    "relation",
    "grid",
    "tags",
    "sensitive_tags",
    "note",
)


class DuplicateResidentError(InputError):
    """Someone with this ID number is already registered; ``existing_id`` names them."""

    def __init__(self, existing_id: str) -> None:
        super().__init__(
            "a resident with this ID number is already registered",
            "该证件号码已登记，已为您打开该居民。",
            field="id_number",
        )
        self.existing_id = existing_id


@dataclass(frozen=True)
class ResidentInput:
    """What intake collects; sex and birth date come from the ID number, never typed."""

    name: str
    id_number: str
    id_type: DocumentType = DocumentType.RESIDENT_ID
    phones: tuple[str, ...] = ()
    ethnicity: str | None = None
    building: str | None = None
    unit: str | None = None
    room: str | None = None
    relation: str | None = None
    grid: str | None = None
    tags: tuple[str, ...] = ()
    sensitive_tags: tuple[str, ...] = ()
    note: str | None = None
    sex: str | None = None  # only for documents that do not encode it
    birth_date: date | None = None  # likewise


@dataclass(frozen=True)
class ResidentRow:
    """A search result: ID and phone masked."""

    id: str
    name: str
    sex: str | None
    birth_date: date | None
    id_type: str
    id_masked: str
    phone_masked: str
    address: str
    grid: str | None
    tags: tuple[str, ...]


@dataclass(frozen=True)
class HouseholdMember:
    """Someone at the same household, masked."""

    id: str
    name: str
    relation: str | None
    id_masked: str


@dataclass(frozen=True)
class FieldChange:
    """One recorded field edit."""

    field: str
    old: Any
    new: Any
    worker: str
    at: datetime


@dataclass(frozen=True)
class VisitInfo:
    """A walk-in record."""

    id: str
    resident_id: str
    purpose: str
    worker: str
    at: datetime


@dataclass(frozen=True)
class ResidentCard:
    """One resident as the card shows them (masked; sensitive tags only for permitted roles)."""

    row: ResidentRow
    ethnicity: str | None
    building: str | None
    unit: str | None
    room: str | None
    relation: str | None
    sensitive_tags: tuple[str, ...] | None  # None: hidden from this role
    note: str | None
    phones_masked: tuple[str, ...]
    version: int
    household: tuple[HouseholdMember, ...] = ()
    visits: tuple[VisitInfo, ...] = ()
    changes: tuple[FieldChange, ...] = field(default=())


@dataclass(frozen=True)
class RevealedIdentity:
    """The full ID number and phones, returned only by an audited reveal."""

    resident_id: str
    id_number: str | None
    phones: tuple[str, ...]


# -- validation ---------------------------------------------------------------------------------
def _bad(message: str, zh: str, field_name: str) -> InputError:
    return InputError(message, zh, field=field_name)


def check_document(
    id_type: DocumentType, raw: str, *, today: date
) -> tuple[str, str | None, date | None]:
    """Validate a document number; return (number, sex, birth date) derived from it."""
    if id_type in (DocumentType.RESIDENT_ID, DocumentType.HMT_RESIDENCE_PERMIT):
        try:
            facts = parse_id_number(raw, today=today)
        except IdNumberError as exc:
            raise _bad(f"invalid ID number: {exc}", exc.zh, "id_number") from None
        if id_type is DocumentType.HMT_RESIDENCE_PERMIT and facts.residence_permit_of is None:
            raise _bad(
                "a residence permit number starts with 81, 82 or 83",
                "港澳台居民居住证号码应以81、82或83开头",
                "id_number",
            )
        return facts.number, facts.sex.value, facts.birth_date
    number = normalize(raw)
    if not PASSPORT_RE.match(number):
        raise _bad(
            "document numbers are 5-20 letters or digits",
            "证件号码应为5-20位字母或数字",
            "id_number",
        )
    return number, None, None


def _check_phones(phones: tuple[str, ...] | list[str]) -> list[str]:
    out = []
    for p in phones:
        p = normalize_phone(p)
        if not p:
            continue
        problem = phone_problem(p)
        if problem:
            raise _bad("invalid phone number", problem, "phones")
        out.append(p)
    return out


def _check_tags(
    tags: tuple[str, ...] | list[str], allowed: tuple[str, ...], name: str
) -> list[str]:
    bad = [t for t in tags if t not in allowed]
    if bad:
        raise _bad(f"unknown {name}: {', '.join(bad)}", f"未知标签：{'、'.join(bad)}", name)
    return sorted(set(tags), key=allowed.index)


def _building(session: Session, name: str | None) -> Building | None:
    if not name:
        return None
    b = repo.building_named(session, name.strip())
    if b is None:
        raise _bad(
            f"building {name!r} is not on the station's list",
            f"楼栋“{name}”不在本站楼栋列表中",
            "building",
        )
    return b


def _grid(session: Session, code_or_name: str | None) -> Grid | None:
    if not code_or_name:
        return None
    g = session.scalars(
        select(Grid).where((Grid.code == code_or_name) | (Grid.name == code_or_name))
    ).first()
    if g is None:
        raise _bad(f"unknown grid {code_or_name!r}", f"网格“{code_or_name}”不存在", "grid")
    return g


# -- views ----------------------------------------------------------------------------------------
def format_address(building: str | None, unit: str | None, room: str | None) -> str:
    """How an address reads on screen: 3栋2单元502室."""
    if not building:
        return ""
    return f"{building}{f'{unit}单元' if unit else ''}{f'{room}室' if room else ''}"


def _address(r: Resident, buildings: dict[str, str]) -> str:
    building = buildings.get(r.building_id, "") if r.building_id else None
    return format_address(building, r.unit, r.room)


def _row(r: Resident, buildings: dict[str, str], grids: dict[str, str]) -> ResidentRow:
    return ResidentRow(
        id=r.id,
        name=r.name,
        sex=r.sex,
        birth_date=r.birth_date,
        id_type=r.id_type,
        id_masked=mask_id_number(r.id_number) if r.id_number else "",
        phone_masked=mask_phone(r.phones[0]) if r.phones else "",
        address=_address(r, buildings),
        grid=grids.get(r.grid_id) if r.grid_id else None,
        tags=tuple(r.tags),
    )


def _names(session: Session) -> tuple[dict[str, str], dict[str, str]]:
    buildings = {i: n for i, n in session.execute(select(Building.id, Building.name))}
    grids = {i: n for i, n in session.execute(select(Grid.id, Grid.name))}
    return buildings, grids


def _get(session: Session, resident_id: str) -> Resident:
    r = session.scalars(
        select(Resident).where(Resident.id == resident_id, Resident.deleted_at.is_(None))
    ).first()
    if r is None:
        raise NotFoundError(f"no resident {resident_id}", "找不到该居民。")
    return r


def _terms_for(r: Resident, buildings: dict[str, str]) -> set[str]:
    return search_terms(
        name=r.name,
        id_number=r.id_number,
        phones=list(r.phones),
        building=buildings.get(r.building_id) if r.building_id else None,
        unit=r.unit,
        room=r.room,
    )


# -- use cases ------------------------------------------------------------------------------------
def register_resident(station: Station, actor: Actor, data: ResidentInput) -> ResidentCard:
    """Register a resident; a known ID number raises DuplicateResidentError naming them."""
    require(actor, Permission.HANDLE_MATTERS)
    with unit_of_work(station, actor) as uow:
        resident = _register(uow, actor, data)
        uow.session.flush()
        return _card(uow.session, actor, resident)


def _register(uow: UnitOfWork, actor: Actor, data: ResidentInput) -> Resident:
    s = uow.session
    problem = name_problem(data.name)
    if problem:
        raise _bad("invalid name", problem, "name")
    try:
        id_type = DocumentType(data.id_type)
    except ValueError:
        raise _bad("unknown document type", "证件类型无效", "id_type") from None
    number, sex, birth = check_document(id_type, data.id_number, today=uow.now.date())
    if id_type in (DocumentType.PASSPORT, DocumentType.OTHER):
        sex, birth = data.sex, data.birth_date
    existing = s.scalar(select(Resident.id).where(Resident.id_number == number))
    if existing:
        raise DuplicateResidentError(existing)
    phones = _check_phones(data.phones)
    tags = _check_tags(data.tags, SERVICE_TAGS, "tags")
    if data.sensitive_tags:
        require(actor, Permission.VIEW_SENSITIVE_TAGS)
    sensitive = _check_tags(data.sensitive_tags, SENSITIVE_TAGS, "sensitive_tags")
    if data.ethnicity and data.ethnicity not in ETHNICITIES:
        raise _bad("unknown ethnicity", "民族不在列表中", "ethnicity")
    if data.relation and data.relation not in RELATIONS:
        raise _bad("unknown relation", "与户主关系不在列表中", "relation")
    building = _building(s, data.building)
    if building is not None and not (data.room or "").strip():
        raise _bad("a room is needed with a building", "请填写室号", "room")
    grid = _grid(s, data.grid)
    unit = (data.unit or "").strip() or None
    room = (data.room or "").strip() or None
    household_id = None
    relation = data.relation
    if building is not None and room:
        household = repo.household_at(s, building.id, unit, room)
        if household is None:
            household = Household(
                id=new_id(), building_id=building.id, unit=unit, room=room, created_at=uow.now
            )
            s.add(household)
            relation = relation or "户主"
        household_id = household.id
    resident = Resident(
        id=new_id(),
        name=data.name.strip(),
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
        note=data.note,
        created_at=uow.now,
        updated_at=uow.now,
        version=1,
    )
    s.add(resident)
    s.flush()
    buildings = {building.id: building.name} if building else {}
    repo.replace_terms(s, resident.seq, _terms_for(resident, buildings))
    uow.change("resident", resident.id, "create", _payload(resident, buildings))
    return resident


SYNCED_FIELDS = (
    "name",
    "id_type",
    "id_number",
    "sex",
    "birth_date",
    "ethnicity",
    "phones",
    "building",
    "unit",
    "room",
    "relation",
    "tags",
    "sensitive_tags",
    "note",
)


def _payload(r: Resident, buildings: dict[str, str]) -> dict[str, Any]:
    """The fields a resident syncs with the district (grids and households stay local)."""
    return {
        "name": r.name,
        "id_type": r.id_type,
        "id_number": r.id_number,
        "sex": r.sex,
        "birth_date": r.birth_date.isoformat() if r.birth_date else None,
        "ethnicity": r.ethnicity,
        "phones": list(r.phones),
        "building": buildings.get(r.building_id) if r.building_id else None,
        "unit": r.unit,
        "room": r.room,
        "relation": r.relation,
        "tags": list(r.tags),
        "sensitive_tags": list(r.sensitive_tags),
        "note": r.note,
    }


def find_residents(
    station: Station, actor: Actor, query: str, limit: int = 50
) -> list[ResidentRow]:
    """Search by name (or part), pinyin or initials, ID/phone last digits, or address. Masked."""
    require(actor, Permission.HANDLE_MATTERS)
    plan = plan_query(query)
    with station.db.read_session() as s:
        found = repo.search_rows(s, plan, limit)
    return [_search_row(r) for r in found]


def _search_row(r: dict[str, Any]) -> ResidentRow:
    phones = r["phones"]
    phones = json.loads(phones) if isinstance(phones, str) else phones
    tags = r["tags"]
    tags = json.loads(tags) if isinstance(tags, str) else tags
    birth = r["birth_date"]
    return ResidentRow(
        id=r["id"],
        name=r["name"],
        sex=r["sex"],
        birth_date=date.fromisoformat(birth) if isinstance(birth, str) else birth,
        id_type=r["id_type"],
        id_masked=mask_id_number(r["id_number"]) if r["id_number"] else "",
        phone_masked=mask_phone(phones[0]) if phones else "",
        address=format_address(r["building"], r["unit"], r["room"]),
        grid=r["grid"],
        tags=tuple(tags),
    )


def get_resident(station: Station, actor: Actor, resident_id: str) -> ResidentCard:
    """One resident's card: masked, with household, recent visits and edits."""
    require(actor, Permission.HANDLE_MATTERS)
    with station.db.read_session() as s:
        return _card(s, actor, _get(s, resident_id))


def _card(s: Session, actor: Actor, r: Resident) -> ResidentCard:
    buildings, grids = _names(s)
    members: list[HouseholdMember] = []
    if r.household_id:
        for m in s.scalars(
            select(Resident)
            .where(Resident.household_id == r.household_id, Resident.deleted_at.is_(None))
            .order_by(Resident.seq)
        ):
            members.append(
                HouseholdMember(
                    m.id, m.name, m.relation, mask_id_number(m.id_number) if m.id_number else ""
                )
            )
    workers = {i: n for i, n in s.execute(select(Worker.id, Worker.display_name))}
    visits = [
        VisitInfo(v.id, v.resident_id, v.purpose, workers.get(v.worker_id, "?"), v.at)
        for v in s.scalars(
            select(Visit).where(Visit.resident_id == r.id).order_by(Visit.at.desc()).limit(20)
        )
    ]
    masked_fields = {"phones"}
    changes = [
        FieldChange(
            c.field,
            "***" if c.field in masked_fields or c.field == "sensitive_tags" else c.old,
            "***" if c.field in masked_fields or c.field == "sensitive_tags" else c.new,
            workers.get(c.worker_id or "", "?"),
            c.at,
        )
        for c in s.scalars(
            select(ResidentChange)
            .where(ResidentChange.resident_id == r.id)
            .order_by(ResidentChange.id.desc())
            .limit(30)
        )
    ]
    return ResidentCard(
        row=_row(r, buildings, grids),
        ethnicity=r.ethnicity,
        building=buildings.get(r.building_id) if r.building_id else None,
        unit=r.unit,
        room=r.room,
        relation=r.relation,
        sensitive_tags=(
            tuple(r.sensitive_tags) if actor.can(Permission.VIEW_SENSITIVE_TAGS) else None
        ),
        note=r.note,
        phones_masked=tuple(mask_phone(p) for p in r.phones),
        version=r.version,
        household=tuple(members),
        visits=tuple(visits),
        changes=tuple(changes),
    )


def reveal_resident(
    station: Station, actor: Actor, resident_id: str, reason: str
) -> RevealedIdentity:
    """Show the full ID number and phones: a deliberate, reasoned, audited action."""
    require(actor, Permission.REVEAL_PERSONAL_DATA)
    reason = reason.strip()
    if len(reason) < 2:
        raise _bad(
            "give a reason for showing the full number", "请填写查看完整信息的原因", "reason"
        )
    with unit_of_work(station, actor) as uow:
        r = _get(uow.session, resident_id)
        uow.audit("resident.reveal", "resident", r.id, {"reason": reason[:200]})
        return RevealedIdentity(r.id, r.id_number, tuple(r.phones))


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
        raise _bad(
            f"these fields cannot be edited: {', '.join(sorted(unknown))}",
            "包含不可修改的字段（证件号码、性别、出生日期由证件决定）",
            sorted(unknown)[0],
        )
    if "sensitive_tags" in changes:
        require(actor, Permission.VIEW_SENSITIVE_TAGS)
    with unit_of_work(station, actor) as uow:
        r = edit_resident_in(uow, actor, resident_id, changes, base_version=base_version)
        return _card(uow.session, actor, r)


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
    r = _get(s, resident_id)
    if base_version is not None and base_version != r.version:
        raise InputError(
            "the resident was changed by someone else meanwhile; reopen and try again",
            "该居民信息已被他人修改，请重新打开后再改。",
        )
    buildings, _grids = _names(s)
    before = _payload(r, buildings)
    grid_before = r.grid_id
    new_values = _apply_edit(s, r, changes)
    all_buildings = buildings | new_values.get("_buildings", {})
    after = _payload(r, all_buildings)
    diff = {k: {"old": before[k], "new": after[k]} for k in after if before[k] != after[k]}
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
    repo.replace_terms(s, r.seq, _terms_for(r, all_buildings))
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


def _apply_edit(s: Session, r: Resident, changes: dict[str, Any]) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    if "name" in changes:
        problem = name_problem(str(changes["name"]))
        if problem:
            raise _bad("invalid name", problem, "name")
        r.name = str(changes["name"]).strip()
    if "phones" in changes:
        phones = changes["phones"]
        r.phones = _check_phones([phones] if isinstance(phones, str) else list(phones))
    if "ethnicity" in changes:
        value = changes["ethnicity"] or None
        if value and value not in ETHNICITIES:
            raise _bad("unknown ethnicity", "民族不在列表中", "ethnicity")
        r.ethnicity = value
    if "relation" in changes:
        value = changes["relation"] or None
        if value and value not in RELATIONS:
            raise _bad("unknown relation", "与户主关系不在列表中", "relation")
        r.relation = value
    if "tags" in changes:
        tags = changes["tags"]
        r.tags = _check_tags([tags] if isinstance(tags, str) else list(tags), SERVICE_TAGS, "tags")
    if "sensitive_tags" in changes:
        tags = changes["sensitive_tags"]
        r.sensitive_tags = _check_tags(
            [tags] if isinstance(tags, str) else list(tags), SENSITIVE_TAGS, "sensitive_tags"
        )
    if "note" in changes:
        r.note = (str(changes["note"]) or None) if changes["note"] is not None else None
    if "grid" in changes:
        grid = _grid(s, changes["grid"])
        r.grid_id = grid.id if grid else None
    if {"building", "unit", "room"} & set(changes):
        b_name = changes.get("building")
        building = (
            _building(s, b_name)
            if "building" in changes
            else (s.get(Building, r.building_id) if r.building_id else None)
        )
        unit = _text_or_none(changes["unit"]) if "unit" in changes else r.unit
        room = _text_or_none(changes["room"]) if "room" in changes else r.room
        if building is not None and not room:
            raise _bad("a room is needed with a building", "请填写室号", "room")
        r.building_id = building.id if building else None
        r.unit, r.room = (unit, room) if building else (None, None)
        if building is not None and room:
            extra["_buildings"] = {building.id: building.name}
            household = repo.household_at(s, building.id, unit, room)
            if household is None:
                household = Household(
                    id=new_id(),
                    building_id=building.id,
                    unit=unit,
                    room=room,
                    created_at=r.updated_at,
                )
                s.add(household)
            r.household_id = household.id
        else:
            r.household_id = None
    return extra


def _text_or_none(value: Any) -> str | None:
    return (str(value).strip() or None) if value is not None else None


def add_visit(station: Station, actor: Actor, resident_id: str, purpose: str) -> VisitInfo:
    """Record a walk-in; the worker who receives it is its first receiver (首问)."""
    require(actor, Permission.HANDLE_MATTERS)
    purpose = purpose.strip()
    if not 1 <= len(purpose) <= 200:
        raise _bad("the purpose is 1-200 characters", "请填写来访事由（200字以内）", "purpose")
    with unit_of_work(station, actor) as uow:
        r = _get(uow.session, resident_id)
        visit = Visit(
            id=new_id(), resident_id=r.id, purpose=purpose, worker_id=actor.worker_id, at=uow.now
        )
        uow.session.add(visit)
        # the walk-in log stays at the station (the district gets cases and certificates)
        uow.audit("visit.create", "visit", visit.id, {"resident_id": r.id})
        return VisitInfo(visit.id, r.id, purpose, actor.display_name, uow.now)


# -- buildings and grids ------------------------------------------------------------------------
@dataclass(frozen=True)
class BuildingInfo:
    """A building of the station's list."""

    id: str
    name: str
    grid: str | None
    residents: int


@dataclass(frozen=True)
class GridInfo:
    """A grid of the community."""

    id: str
    code: str
    name: str


def list_buildings(station: Station, actor: Actor) -> list[BuildingInfo]:
    """The station's buildings with resident counts."""
    require(actor, Permission.HANDLE_MATTERS)
    with station.db.read_session() as s:
        counts = {
            b: n
            for b, n in s.execute(
                select(Resident.building_id, func.count())
                .where(Resident.deleted_at.is_(None))
                .group_by(Resident.building_id)
            )
        }
        _buildings, grids = _names(s)
        rows = s.scalars(select(Building)).all()
        out = [
            BuildingInfo(b.id, b.name, grids.get(b.grid_id or ""), counts.get(b.id, 0))
            for b in rows
        ]
    return sorted(out, key=lambda b: _natural(b.name))


def _natural(text: str) -> tuple[Any, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text))


def add_building(
    station: Station, actor: Actor, name: str, grid: str | None = None
) -> BuildingInfo:
    """Add a building to the station's list."""
    require(actor, Permission.HANDLE_MATTERS)
    name = name.strip()
    if not 1 <= len(name) <= 32:
        raise _bad("building names are 1-32 characters", "楼栋名称应为1-32个字", "building")
    with unit_of_work(station, actor) as uow:
        if repo.building_named(uow.session, name):
            raise _bad(f"building {name} exists", f"楼栋“{name}”已存在", "building")
        g = _grid(uow.session, grid)
        b = Building(id=new_id(), name=name, grid_id=g.id if g else None)
        uow.session.add(b)
        # the building list is the station's own; residents carry the building's name
        uow.audit("building.create", "building", b.id, {"name": name})
        return BuildingInfo(b.id, name, g.name if g else None, 0)


def list_grids(station: Station, actor: Actor) -> list[GridInfo]:
    """The community's grids."""
    require(actor, Permission.HANDLE_MATTERS)
    with station.db.read_session() as s:
        return [GridInfo(g.id, g.code, g.name) for g in s.scalars(select(Grid).order_by(Grid.code))]


def add_grid(station: Station, actor: Actor, code: str, name: str) -> GridInfo:
    """Add a grid."""
    require(actor, Permission.HANDLE_MATTERS)
    code, name = code.strip(), name.strip()
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,32}", code) or not 1 <= len(name) <= 64:
        raise _bad(
            "grid codes are 1-32 letters/digits; names 1-64 characters",
            "网格编码为1-32位字母数字，名称1-64个字",
            "grid",
        )
    with unit_of_work(station, actor) as uow:
        if uow.session.scalar(select(Grid.id).where(Grid.code == code)):
            raise _bad(f"grid {code} exists", f"网格“{code}”已存在", "grid")
        g = Grid(id=new_id(), code=code, name=name)
        uow.session.add(g)
        uow.audit("grid.create", "grid", g.id, {"code": code})
        return GridInfo(g.id, code, name)
