"""The ``grid`` and ``building`` entities at the station: its own lists, kept in its scope.

A station rebuilt from the district gets them back with their ids, so residents' buildings
and a building's grid refer to the same rows as before.
"""

from __future__ import annotations

from typing import Any

from stationdesk.store.models_residents import Building, Grid

from ..residents.synced import building_payload, grid_payload
from . import register
from .rows import RowStationHandler


class GridHandler(RowStationHandler):
    """Grids: code and name; created at the station, never deleted."""

    entity = "grid"
    model = Grid

    def payload(self, row: Any) -> dict[str, Any]:
        return grid_payload(row)

    def fill(self, row: Any, data: dict[str, Any], *, new: bool) -> None:
        row.code = str(data.get("code", ""))
        row.name = str(data.get("name", ""))


class BuildingHandler(RowStationHandler):
    """Buildings: name and grid (by id); created at the station, never deleted."""

    entity = "building"
    model = Building

    def payload(self, row: Any) -> dict[str, Any]:
        return building_payload(row)

    def fill(self, row: Any, data: dict[str, Any], *, new: bool) -> None:
        row.name = str(data.get("name", ""))
        row.grid_id = data.get("grid_id") or None


register(GridHandler())
HANDLER = BuildingHandler()
