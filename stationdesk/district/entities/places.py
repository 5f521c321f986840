"""The ``grid`` and ``building`` entities: a station's own lists, seen only by that station."""

from __future__ import annotations

from typing import ClassVar

from ..registry import FieldRecordHandler, Scope, register


class GridHandler(FieldRecordHandler):
    """A station's grids (code, name); another station's edit gets 403."""

    entity = "grid"
    owned = True
    scope: ClassVar[Scope] = "owner"
    snapshot_rank = 10


class BuildingHandler(FieldRecordHandler):
    """A station's buildings (name, grid id); after grids in a snapshot, before residents."""

    entity = "building"
    owned = True
    scope: ClassVar[Scope] = "owner"
    snapshot_rank = 20


register(GridHandler())
HANDLER = BuildingHandler()
