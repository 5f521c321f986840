"""Reading residents: search, the masked card and the audited reveal, and their helpers."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.domain.identity import IdNumberError, mask_phone, parse_id_number
from stationdesk.domain.residents import plan_query, search_terms
from stationdesk.domain.roles import Permission
from stationdesk.store import residents_repo as repo
from stationdesk.store.models import Worker
from stationdesk.store.models_residents import Grid, Resident, ResidentChange, Visit

from ..actor import Actor, require
from ..errors import NotFoundError
from ..station import Station
from ..uow import unit_of_work
from .model import (
    FieldChange,
    HouseholdMember,
    ResidentCard,
    ResidentRow,
    RevealedIdentity,
    VisitInfo,
    masked_id,
)
from .validation import invalid


def format_address(building: str | None, unit: str | None, room: str | None) -> str:
    """How an address reads on screen: 3栋2单元502室."""
    if not building:
        return ""
    return f"{building}{f'{unit}单元' if unit else ''}{f'{room}室' if room else ''}"


def _masked_row(
    *,
    id: str,
    name: str,
    sex: str | None,
    birth_date: date | None,
    id_type: str,
    id_number: str | None,
    phones: Sequence[str],
    address: str,
    grid: str | None,
    tags: Sequence[str],
) -> ResidentRow:
    return ResidentRow(
        id=id,
        name=name,
        sex=sex,
        birth_date=birth_date,
        id_type=id_type,
        id_masked=masked_id(id_number),
        phone_masked=mask_phone(phones[0]) if phones else "",
        address=address,
        grid=grid,
        tags=tuple(tags),
    )


def _row(r: Resident, buildings: dict[str, str], grids: dict[str, str]) -> ResidentRow:
    building = buildings.get(r.building_id, "") if r.building_id else None
    return _masked_row(
        id=r.id,
        name=r.name,
        sex=r.sex,
        birth_date=r.birth_date,
        id_type=r.id_type,
        id_number=r.id_number,
        phones=r.phones,
        address=format_address(building, r.unit, r.room),
        grid=grids.get(r.grid_id) if r.grid_id else None,
        tags=r.tags,
    )


def _search_row(r: dict[str, Any]) -> ResidentRow:
    phones = r["phones"]
    phones = json.loads(phones) if isinstance(phones, str) else phones
    tags = r["tags"]
    tags = json.loads(tags) if isinstance(tags, str) else tags
    birth = r["birth_date"]
    return _masked_row(
        id=r["id"],
        name=r["name"],
        sex=r["sex"],
        birth_date=date.fromisoformat(birth) if isinstance(birth, str) else birth,
        id_type=r["id_type"],
        id_number=r["id_number"],
        phones=phones,
        address=format_address(r["building"], r["unit"], r["room"]),
        grid=r["grid"],
        tags=tags,
    )


def place_names(session: Session) -> tuple[dict[str, str], dict[str, str]]:
    """Building names and grid names by id."""
    buildings = repo.building_names(session)
    grids = {i: n for i, n in session.execute(select(Grid.id, Grid.name))}
    return buildings, grids


def live_resident(session: Session, resident_id: str) -> Resident:
    """A resident who is not deleted, or NotFoundError."""
    r = session.scalars(
        select(Resident).where(Resident.id == resident_id, Resident.deleted_at.is_(None))
    ).first()
    if r is None:
        raise NotFoundError(f"no resident {resident_id}", "找不到该居民。")
    return r


def terms_for(r: Resident, buildings: dict[str, str]) -> set[str]:
    """The search terms a resident is found by."""
    return search_terms(
        name=r.name,
        id_number=r.id_number,
        phones=list(r.phones),
        building=buildings.get(r.building_id) if r.building_id else None,
        unit=r.unit,
        room=r.room,
        name_pinyin=r.name_pinyin,
    )


def _shown_change(field_name: str, value: Any) -> Any:
    """A recorded old or new value as the card shows it: numbers masked, sensitive hidden."""
    if field_name == "id_number":
        return masked_id(value) if isinstance(value, str) else value
    if field_name in ("phones", "sensitive_tags"):
        return "***"
    return value


def card(s: Session, actor: Actor, r: Resident) -> ResidentCard:
    """The resident's card as this actor may see it."""
    buildings, grids = place_names(s)
    members: list[HouseholdMember] = []
    if r.household_id:
        for m in s.scalars(
            select(Resident)
            .where(Resident.household_id == r.household_id, Resident.deleted_at.is_(None))
            .order_by(Resident.seq)
        ):
            members.append(HouseholdMember(m.id, m.name, m.relation, masked_id(m.id_number)))
    workers = {i: n for i, n in s.execute(select(Worker.id, Worker.display_name))}
    visits = [
        VisitInfo(v.id, v.resident_id, v.purpose, workers.get(v.worker_id, "?"), v.at)
        for v in s.scalars(
            select(Visit).where(Visit.resident_id == r.id).order_by(Visit.at.desc()).limit(20)
        )
    ]
    changes = [
        FieldChange(
            c.field,
            _shown_change(c.field, c.old),
            _shown_change(c.field, c.new),
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
        name_pinyin=r.name_pinyin,
    )


def find_residents(
    station: Station, actor: Actor, query: str, limit: int = 50
) -> list[ResidentRow]:
    """Search by name (or part), pinyin or initials, ID/phone last digits, or address. Masked."""
    require(actor, Permission.HANDLE_MATTERS)
    plan = plan_query(query)
    with station.db.read_session() as s:
        found = repo.search_rows(s, plan, limit)
    return [_search_row(r) for r in found]


def resident_with_id_number(station: Station, actor: Actor, id_number: str) -> str | None:
    """The id of the live resident holding this resident ID number (as a card gives it)."""
    require(actor, Permission.HANDLE_MATTERS)
    try:
        number = parse_id_number(id_number).number
    except IdNumberError as exc:
        raise invalid("not a valid ID number", exc.zh, "id_number") from None
    with station.db.read_session() as s:
        return s.scalar(
            select(Resident.id).where(Resident.id_number == number, Resident.deleted_at.is_(None))
        )


def recent_visitors(station: Station, actor: Actor, limit: int = 30) -> list[ResidentRow]:
    """The residents received at the desk most lately (latest visit first). Masked."""
    require(actor, Permission.HANDLE_MATTERS)
    with station.db.read_session() as s:
        found = repo.recent_visitor_rows(s, limit)
    return [_search_row(r) for r in found]


def get_resident(station: Station, actor: Actor, resident_id: str) -> ResidentCard:
    """One resident's card: masked, with household, recent visits and edits."""
    require(actor, Permission.HANDLE_MATTERS)
    with station.db.read_session() as s:
        return card(s, actor, live_resident(s, resident_id))


def reveal_resident(
    station: Station, actor: Actor, resident_id: str, reason: str
) -> RevealedIdentity:
    """Show the full ID number and phones: a deliberate, reasoned, audited action."""
    require(actor, Permission.REVEAL_PERSONAL_DATA)
    reason = reason.strip()
    if len(reason) < 2:
        raise invalid(
            "give a reason for showing the full number", "请填写查看完整信息的原因", "reason"
        )
    with unit_of_work(station, actor) as uow:
        r = live_resident(uow.session, resident_id)
        uow.audit("resident.reveal", "resident", r.id, {"reason": reason[:200]})
        return RevealedIdentity(r.id, r.id_number, tuple(r.phones))
