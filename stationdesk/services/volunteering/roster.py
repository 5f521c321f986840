"""The 双报到 roster: units (驻区单位) and the in-service Party members who reported."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from stationdesk.domain.identity import mask_id_number, mask_phone
from stationdesk.domain.ids import new_id
from stationdesk.domain.roles import Permission
from stationdesk.domain.station_time import station_today
from stationdesk.domain.volunteering import parse_unit_type
from stationdesk.store.models_residents import Grid
from stationdesk.store.models_volunteer import VolunteerMember, VolunteerUnit

from ..actor import Actor, require
from ..errors import InputError, NotFoundError
from ..residents.validation import check_name, check_phones, known_grid
from ..residents.views import live_resident
from ..station import Station
from ..uow import unit_of_work
from . import synced
from .types import (
    ENTITY_MEMBER,
    ENTITY_UNIT,
    MAX_LONG,
    MAX_NAME,
    MemberInfo,
    UnitInfo,
    check_id_number,
    clean_text,
    find_member,
    unit_projects,
)


@dataclass(frozen=True)
class UnitInput:
    """A unit to add, with its pairing agreement (结对共建) if it signed one."""

    name: str
    unit_type: str
    party_org: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    agreement_date: date | None = None
    agreement_until: date | None = None
    commitments: str | None = None


@dataclass(frozen=True)
class MemberInput:
    """A member reporting to the community."""

    name: str
    id_number: str
    report_date: date
    phone: str | None = None
    unit: str | None = None  # the unit's name or id
    branch: str | None = None
    grid: str | None = None  # the paired grid's code or name
    skills: tuple[str, ...] = ()
    emergency_team: bool = False
    resident_id: str | None = None


def _unit_info(s: Session, u: VolunteerUnit) -> UnitInfo:
    count = s.scalar(
        select(func.count()).select_from(VolunteerMember).where(VolunteerMember.unit_id == u.id)
    )
    return UnitInfo(
        id=u.id,
        name=u.name,
        unit_type=u.unit_type,
        party_org=u.party_org,
        contact_name=u.contact_name,
        contact_phone_masked=mask_phone(u.contact_phone) if u.contact_phone else "",
        agreement_date=u.agreement_date,
        agreement_until=u.agreement_until,
        commitments=u.commitments,
        members=int(count or 0),
        projects=unit_projects(u.projects),
    )


def add_unit(station: Station, actor: Actor, data: UnitInput) -> UnitInfo:
    """Add a unit (any worker who handles matters; audited without the contact's phone)."""
    require(actor, Permission.HANDLE_MATTERS)
    fields = _unit_fields(data)
    name = fields["name"]
    phones = check_phones([data.contact_phone] if data.contact_phone else [])
    with unit_of_work(station, actor) as uow:
        s = uow.session
        if s.scalar(select(VolunteerUnit.id).where(VolunteerUnit.name == name)) is not None:
            raise InputError("a unit of that name is listed", "该单位已登记。", field="name")
        unit = VolunteerUnit(
            id=new_id(),
            contact_phone=phones[0] if phones else None,
            created_at=uow.now,
            **fields,
        )
        s.add(unit)
        s.flush()
        synced.queue_unit_create(uow, unit)
        uow.audit(f"{ENTITY_UNIT}.add", ENTITY_UNIT, unit.id, {"type": unit.unit_type})
        return _unit_info(s, unit)


def list_units(station: Station, actor: Actor) -> list[UnitInfo]:
    """Every unit, by name."""
    require(actor, Permission.HANDLE_MATTERS)
    with station.db.read_session() as s:
        return [
            _unit_info(s, u) for u in s.scalars(select(VolunteerUnit).order_by(VolunteerUnit.name))
        ]


def _find_unit(s: Session, key: str) -> VolunteerUnit:
    wanted = key.strip()
    unit = (
        s.get(VolunteerUnit, wanted)
        or s.scalars(select(VolunteerUnit).where(VolunteerUnit.name == wanted)).first()
    )
    if unit is None:
        raise NotFoundError(f"no unit {wanted!r}", f"单位“{wanted}”未登记。")
    return unit


def member_info(s: Session, m: VolunteerMember) -> MemberInfo:
    """A member as the service returns it (masked)."""
    unit = s.get(VolunteerUnit, m.unit_id) if m.unit_id else None
    grid = s.get(Grid, m.grid_id) if m.grid_id else None
    return MemberInfo(
        id=m.id,
        name=m.name,
        id_masked=mask_id_number(m.id_number),
        phone_masked=mask_phone(m.phone) if m.phone else "",
        unit=unit.name if unit else None,
        branch=m.branch,
        report_date=m.report_date,
        grid=grid.code if grid else None,
        skills=tuple(m.skills),
        emergency_team=m.emergency_team,
        resident_id=m.resident_id,
    )


def _checked_details(data: MemberInput, today: date) -> tuple[list[str], list[str]]:
    """A member's phones and skills as stored; InputError for a bad phone or skill, or a
    report date after ``today``."""
    phones = check_phones([data.phone] if data.phone else [])
    if data.report_date > today:
        raise InputError(
            "the report date is in the future", "报到日期不能晚于今天。", field="report_date"
        )
    skills = [clean_text(x, 20, "skills", "特长", required=True) or "" for x in data.skills]
    return phones, list(dict.fromkeys(skills))


def add_member(station: Station, actor: Actor, data: MemberInput) -> MemberInfo:
    """Register a member who reported (any worker who handles matters); one person is one
    member (the ID number is unique). Audited without the ID number or phone."""
    require(actor, Permission.HANDLE_MATTERS)
    today = station_today(station.now())
    name = check_name(data.name)
    number = check_id_number(data.id_number, today)
    phones, skills = _checked_details(data, today)
    with unit_of_work(station, actor) as uow:
        s = uow.session
        if s.scalar(select(VolunteerMember.id).where(VolunteerMember.id_number == number)):
            raise InputError(
                "a member with that ID number is listed",
                "该身份证号的党员已登记。",
                field="id_number",
            )
        unit = _find_unit(s, data.unit) if data.unit else None
        grid = known_grid(s, data.grid)
        resident = live_resident(s, data.resident_id.strip()) if data.resident_id else None
        member = VolunteerMember(
            id=new_id(),
            name=name,
            id_number=number,
            phone=phones[0] if phones else None,
            unit_id=unit.id if unit else None,
            branch=clean_text(data.branch, MAX_NAME, "branch", "党支部", required=False),
            report_date=data.report_date,
            grid_id=grid.id if grid else None,
            skills=skills,
            emergency_team=data.emergency_team,
            resident_id=resident.id if resident else None,
            created_at=uow.now,
        )
        s.add(member)
        s.flush()
        synced.queue_member_create(uow, member)
        uow.audit(
            f"{ENTITY_MEMBER}.add",
            ENTITY_MEMBER,
            member.id,
            {"unit": member.unit_id, "grid": grid.code if grid else None},
        )
        return member_info(s, member)


def list_members(
    station: Station, actor: Actor, *, unit: str | None = None, emergency_team: bool = False
) -> list[MemberInfo]:
    """Members by name, optionally of one unit or only the emergency team."""
    require(actor, Permission.HANDLE_MATTERS)
    with station.db.read_session() as s:
        query = select(VolunteerMember).order_by(VolunteerMember.name, VolunteerMember.id)
        if unit:
            query = query.where(VolunteerMember.unit_id == _find_unit(s, unit).id)
        if emergency_team:
            query = query.where(VolunteerMember.emergency_team.is_(True))
        return [member_info(s, m) for m in s.scalars(query)]


def show_member(station: Station, actor: Actor, key: str) -> MemberInfo:
    """One member by record id or ID number."""
    require(actor, Permission.HANDLE_MATTERS)
    with station.db.read_session() as s:
        return member_info(s, find_member(s, key))


def link_resident(station: Station, actor: Actor, key: str, resident_id: str) -> MemberInfo:
    """Link a member to their resident record (the link only; nothing is copied). The resident
    must carry the member's ID number when it has one; audited."""
    require(actor, Permission.HANDLE_MATTERS)
    with unit_of_work(station, actor) as uow:
        s = uow.session
        member = find_member(s, key)
        resident = live_resident(s, resident_id.strip())
        if resident.id_number and resident.id_number != member.id_number:
            raise InputError(
                "the resident's ID number is not the member's",
                "该居民的身份证号与党员不一致，不能关联。",
                field="resident_id",
            )
        other = s.scalar(
            select(VolunteerMember.id).where(
                VolunteerMember.resident_id == resident.id, VolunteerMember.id != member.id
            )
        )
        if other is not None:
            raise InputError(
                "the resident is linked to another member",
                "该居民已关联其他党员。",
                field="resident_id",
            )
        before = member.resident_id
        member.resident_id = resident.id
        s.flush()
        if before != resident.id:
            uow.outbox(
                ENTITY_MEMBER,
                member.id,
                "update",
                {"resident_id": {"old": before, "new": resident.id}},
                base_version=member.version,
            )
        uow.audit(
            f"{ENTITY_MEMBER}.link_resident",
            ENTITY_MEMBER,
            member.id,
            {"resident": resident.id, "was": before},
        )
        return member_info(s, member)


def _unit_fields(data: UnitInput) -> dict[str, object]:
    """A unit's checked fields (the contact's phone left out); InputError for bad input."""
    name = clean_text(data.name, MAX_NAME, "name", "单位名称", required=True)
    try:
        unit_type = parse_unit_type(data.unit_type)
    except ValueError as exc:
        raise InputError(str(exc), "单位类型不正确。", field="unit_type") from None
    if (
        data.agreement_date is not None
        and data.agreement_until is not None
        and data.agreement_until < data.agreement_date
    ):
        raise InputError(
            "the agreement ends before it is signed",
            "共建协议到期日早于签订日。",
            field="agreement",
        )
    return {
        "name": name,
        "unit_type": unit_type,
        "party_org": clean_text(data.party_org, MAX_NAME, "party_org", "党组织", required=False),
        "contact_name": clean_text(data.contact_name, 40, "contact", "联系人", required=False),
        "agreement_date": data.agreement_date,
        "agreement_until": data.agreement_until,
        "commitments": clean_text(
            data.commitments, MAX_LONG, "commitments", "共建承诺", required=False
        ),
    }


def edit_unit(station: Station, actor: Actor, unit_id: str, data: UnitInput) -> UnitInfo:
    """Change a unit's details (any worker who handles matters). A ``contact_phone`` of None
    keeps the stored one, an empty one clears it. Audited with the fields changed, no phone."""
    require(actor, Permission.HANDLE_MATTERS)
    fields = _unit_fields(data)
    phones = check_phones([data.contact_phone] if data.contact_phone else [])
    with unit_of_work(station, actor) as uow:
        s = uow.session
        unit = _find_unit(s, unit_id)
        clash = s.scalar(
            select(VolunteerUnit.id).where(
                VolunteerUnit.name == fields["name"], VolunteerUnit.id != unit.id
            )
        )
        if clash is not None:
            raise InputError("a unit of that name is listed", "该单位已登记。", field="name")
        before = synced.unit_payload(unit)
        changed = sorted(k for k, v in fields.items() if getattr(unit, k) != v)
        for key, value in fields.items():
            setattr(unit, key, value)
        if data.contact_phone is not None and unit.contact_phone != (phones[0] if phones else None):
            unit.contact_phone = phones[0] if phones else None
            changed.append("contact_phone")
        s.flush()
        synced.queue_edit(uow, ENTITY_UNIT, unit, before, synced.unit_payload(unit))
        uow.audit(f"{ENTITY_UNIT}.edit", ENTITY_UNIT, unit.id, {"changed": changed})
        return _unit_info(s, unit)


def edit_member(station: Station, actor: Actor, key: str, data: MemberInput) -> MemberInfo:
    """Change a member's details (any worker who handles matters); the ID number and the
    resident link are not changed here. A ``phone`` of None keeps the stored one, an empty one
    clears it. Audited with the fields changed, never the phone."""
    require(actor, Permission.HANDLE_MATTERS)
    name = check_name(data.name)
    phones, skills = _checked_details(data, station_today(station.now()))
    with unit_of_work(station, actor) as uow:
        s = uow.session
        member = find_member(s, key)
        unit = _find_unit(s, data.unit) if data.unit else None
        grid = known_grid(s, data.grid)
        fields: dict[str, object] = {
            "name": name,
            "unit_id": unit.id if unit else None,
            "branch": clean_text(data.branch, MAX_NAME, "branch", "党支部", required=False),
            "report_date": data.report_date,
            "grid_id": grid.id if grid else None,
            "skills": skills,
            "emergency_team": data.emergency_team,
        }
        if data.phone is not None:
            fields["phone"] = phones[0] if phones else None
        before = synced.member_payload(s, member)
        changed = sorted(k for k, v in fields.items() if getattr(member, k) != v)
        for field, value in fields.items():
            setattr(member, field, value)
        s.flush()
        after = synced.member_payload(s, member)
        synced.queue_edit(uow, ENTITY_MEMBER, member, before, after)
        uow.audit(f"{ENTITY_MEMBER}.edit", ENTITY_MEMBER, member.id, {"changed": changed})
        return member_info(s, member)


@dataclass(frozen=True)
class RevealedMember:
    """A member's full ID number and phone, shown on purpose."""

    member_id: str
    id_number: str
    phone: str | None


def reveal_member(station: Station, actor: Actor, key: str, reason: str) -> RevealedMember:
    """Show a member's full ID number and phone: a deliberate, reasoned, audited action (as on
    the resident card)."""
    require(actor, Permission.REVEAL_PERSONAL_DATA)
    why = " ".join(reason.split())
    if len(why) < 2:
        raise InputError(
            "give a reason for showing the full number",
            "请填写查看完整信息的原因。",
            field="reason",
        )
    with unit_of_work(station, actor) as uow:
        member = find_member(uow.session, key)
        uow.audit(f"{ENTITY_MEMBER}.reveal", ENTITY_MEMBER, member.id, {"reason": why[:200]})
        return RevealedMember(member.id, member.id_number, member.phone)
