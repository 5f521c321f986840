"""Household management: move a member to another household, change the head, split one.

Households stay at the station (the district knows each resident's address, not the 户); every
operation here is one transaction that records each resident's field changes, the synced ones
(address, relation) as ordinary resident edits, and one audit record naming the operation.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.domain.ids import new_id
from stationdesk.domain.residents import HEAD_RELATION
from stationdesk.domain.roles import Permission
from stationdesk.store.models_residents import (
    Building,
    Grid,
    Household,
    Resident,
    ResidentChange,
)

from ..actor import Actor, require
from ..station import Station
from ..uow import UnitOfWork, unit_of_work
from .commands import edit_resident_in
from .model import ResidentCard
from .validation import check_relation, invalid
from .views import card, live_resident


def _members(s: Session, household_id: str) -> list[Resident]:
    return list(
        s.scalars(
            select(Resident)
            .where(Resident.household_id == household_id, Resident.deleted_at.is_(None))
            .order_by(Resident.seq)
        )
    )


def _head_name(s: Session, household_id: str | None) -> str | None:
    """How the edit history names a household: by its head (or its first member)."""
    if household_id is None:
        return None
    members = _members(s, household_id)
    heads = [m for m in members if m.relation == HEAD_RELATION] or members
    return f"{heads[0].name}户" if heads else None


def _set_household(uow: UnitOfWork, actor: Actor, r: Resident, household_id: str | None) -> None:
    """Put ``r`` in a household, recording the change in the resident's edit history."""
    s = uow.session
    if r.household_id == household_id:
        return
    before = _head_name(s, r.household_id)
    r.household_id = household_id
    s.flush()
    # households stay at the station: no sync op, so the synced version is left as it is
    r.updated_at = uow.now
    s.add(
        ResidentChange(
            resident_id=r.id,
            field="household",
            old=before,
            new=_head_name(s, household_id),
            worker_id=actor.worker_id,
            at=uow.now,
            version=r.version,
        )
    )


def _household_of(s: Session, r: Resident) -> Household:
    household = s.get(Household, r.household_id) if r.household_id else None
    if household is None:
        raise invalid(
            "the resident belongs to no household (no address)",
            f"{r.name}未登记住址，不属于任何家庭",
            "household",
        )
    return household


def move_member(
    station: Station, actor: Actor, resident_id: str, to_resident_id: str, relation: str
) -> ResidentCard:
    """Move a resident into the household of another resident, with their relation to its head.

    The resident's address and grid become the household's.
    """
    require(actor, Permission.HANDLE_MATTERS)
    check_relation(relation)
    if not relation or relation == HEAD_RELATION:
        raise invalid("give the relation to the household's head", "请选择与户主的关系", "relation")
    with unit_of_work(station, actor) as uow:
        s = uow.session
        r = live_resident(s, resident_id)
        host = live_resident(s, to_resident_id)
        target = _household_of(s, host)
        if r.household_id == target.id:
            raise invalid("already in that household", "该居民已在这个家庭中", "household")
        _require_not_last_head(s, r)
        building = s.get(Building, target.building_id)
        assert building is not None
        previous = r.household_id
        address = {"building": building.name, "unit": target.unit, "room": target.room}
        grid = s.get(Grid, host.grid_id) if host.grid_id else None
        address["grid"] = grid.code if grid else None  # the household's grid comes along
        edit_resident_in(uow, actor, r.id, {**address, "relation": relation})
        r.household_id = previous  # the address edit found the address's first household
        _set_household(uow, actor, r, target.id)
        uow.audit("household.move", "resident", r.id, {"household": target.id})
        s.flush()
        return card(s, actor, r)


def _require_not_last_head(s: Session, r: Resident) -> None:
    """The head cannot leave a household others stay in: name a new head first."""
    if r.relation != HEAD_RELATION or r.household_id is None:
        return
    if any(m.id != r.id for m in _members(s, r.household_id)):
        raise invalid(
            "the head leaves members behind: make another member the head first",
            "请先为原家庭指定新的户主",
            "household",
        )


def set_household_head(
    station: Station, actor: Actor, resident_id: str, former_head_relation: str
) -> ResidentCard:
    """Make a resident the head of their household; the former head takes the relation given."""
    require(actor, Permission.HANDLE_MATTERS)
    check_relation(former_head_relation)
    if not former_head_relation or former_head_relation == HEAD_RELATION:
        raise invalid(
            "give the former head's new relation", "请选择原户主与新户主的关系", "relation"
        )
    with unit_of_work(station, actor) as uow:
        s = uow.session
        r = live_resident(s, resident_id)
        household = _household_of(s, r)
        if r.relation == HEAD_RELATION:
            raise invalid("already the head", "该居民已是户主", "relation")
        for m in _members(s, household.id):
            if m.relation == HEAD_RELATION:
                edit_resident_in(uow, actor, m.id, {"relation": former_head_relation})
        edit_resident_in(uow, actor, r.id, {"relation": HEAD_RELATION})
        uow.audit("household.head", "resident", r.id, {"household": household.id})
        s.flush()
        return card(s, actor, r)


def split_household(
    station: Station, actor: Actor, member_ids: Sequence[str], head_id: str
) -> ResidentCard:
    """Split members off into a new household at the same address (分户), ``head_id`` its head.

    Returns the new head's card.
    """
    require(actor, Permission.HANDLE_MATTERS)
    ids = list(dict.fromkeys([head_id, *member_ids]))
    with unit_of_work(station, actor) as uow:
        s = uow.session
        head = live_resident(s, head_id)
        old = _household_of(s, head)
        movers = [live_resident(s, i) for i in ids]
        if any(m.household_id != old.id for m in movers):
            raise invalid(
                "everyone split off must come from the same household",
                "分户的成员须来自同一家庭",
                "household",
            )
        staying = [m for m in _members(s, old.id) if m.id not in ids]
        if not staying:
            raise invalid(
                "a split leaves at least one member in the household",
                "分户后原家庭至少应保留一人",
                "household",
            )
        if not any(m.relation == HEAD_RELATION for m in staying):
            raise invalid(
                "the head leaves: make a staying member the head first",
                "请先为原家庭指定新的户主",
                "household",
            )
        new = Household(
            id=new_id(),
            building_id=old.building_id,
            unit=old.unit,
            room=old.room,
            created_at=uow.now,
        )
        s.add(new)
        s.flush()
        for m in movers:
            _set_household(uow, actor, m, new.id)
        edit_resident_in(uow, actor, head.id, {"relation": HEAD_RELATION})
        uow.audit(
            "household.split",
            "household",
            new.id,
            {"from": old.id, "members": [m.id for m in movers]},
        )
        s.flush()
        return card(s, actor, head)
