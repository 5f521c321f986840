"""The station's own lists of buildings and grids that residents' addresses refer to."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import func, select

from stationdesk.domain.ids import new_id
from stationdesk.domain.roles import Permission
from stationdesk.store import residents_repo as repo
from stationdesk.store.models_residents import Building, Grid, Resident

from ..actor import Actor, require
from ..station import Station
from ..uow import unit_of_work
from .model import BuildingInfo, GridInfo
from .synced import building_payload, grid_payload
from .validation import invalid, known_grid
from .views import place_names


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
        _buildings, grids = place_names(s)
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
        raise invalid("building names are 1-32 characters", "楼栋名称应为1-32个字", "building")
    with unit_of_work(station, actor) as uow:
        if repo.building_named(uow.session, name):
            raise invalid(f"building {name} exists", f"楼栋“{name}”已存在", "building")
        g = known_grid(uow.session, grid)
        b = Building(id=new_id(), name=name, grid_id=g.id if g else None)
        uow.session.add(b)
        # the building list is the station's own (synced in its scope); residents carry the name
        uow.change("building", b.id, "create", building_payload(b), audit_details={"name": name})
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
        raise invalid(
            "grid codes are 1-32 letters/digits; names 1-64 characters",
            "网格编码为1-32位字母数字，名称1-64个字",
            "grid",
        )
    with unit_of_work(station, actor) as uow:
        if uow.session.scalar(select(Grid.id).where(Grid.code == code)):
            raise invalid(f"grid {code} exists", f"网格“{code}”已存在", "grid")
        g = Grid(id=new_id(), code=code, name=name)
        uow.session.add(g)
        uow.change("grid", g.id, "create", grid_payload(g), audit_details={"code": code})
        return GridInfo(g.id, code, name)
