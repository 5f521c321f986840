"""The ``grid`` and ``building`` entities at the station: its own lists, kept in its scope.

A station rebuilt from the district gets them back with their ids, so residents' buildings
and a building's grid refer to the same rows as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.store.models_residents import Building, Grid

from ..residents.synced import building_payload, grid_payload
from . import FieldRecordStationHandler, LocalRecord, register


class GridHandler(FieldRecordStationHandler):
    """Grids: code and name; created at the station, never deleted."""

    entity = "grid"

    def load(self, session: Session, entity_id: str) -> LocalRecord | None:
        g = session.get(Grid, entity_id)
        return None if g is None else LocalRecord(g.version, False, grid_payload(g))

    def store(self, session: Session, entity_id: str, record: LocalRecord, *, exists: bool) -> None:
        data = record.data
        g = session.get(Grid, entity_id)
        if g is None:
            g = Grid(id=entity_id, code=str(data.get("code", "")), name=str(data.get("name", "")))
            session.add(g)
        else:
            g.code = str(data.get("code", g.code))
            g.name = str(data.get("name", g.name))
        g.version = record.version
        session.flush()  # a building of the same page may refer to it

    def scope_rows(self, session: Session) -> Iterable[tuple[str, int, bool, Any]]:
        for g in session.scalars(select(Grid)):
            yield g.id, g.version, False, grid_payload(g)


class BuildingHandler(FieldRecordStationHandler):
    """Buildings: name and grid (by id); created at the station, never deleted."""

    entity = "building"

    def load(self, session: Session, entity_id: str) -> LocalRecord | None:
        b = session.get(Building, entity_id)
        return None if b is None else LocalRecord(b.version, False, building_payload(b))

    def store(self, session: Session, entity_id: str, record: LocalRecord, *, exists: bool) -> None:
        data = record.data
        grid_id = data.get("grid_id") or None
        b = session.get(Building, entity_id)
        if b is None:
            b = Building(id=entity_id, name=str(data.get("name", "")), grid_id=grid_id)
            session.add(b)
        else:
            b.name = str(data.get("name", b.name))
            b.grid_id = grid_id
        b.version = record.version
        session.flush()

    def scope_rows(self, session: Session) -> Iterable[tuple[str, int, bool, Any]]:
        for b in session.scalars(select(Building)):
            yield b.id, b.version, False, building_payload(b)


register(GridHandler())
HANDLER = BuildingHandler()
