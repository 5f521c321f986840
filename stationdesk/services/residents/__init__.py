"""Resident use cases: register, find, show (masked), reveal (audited), edit, visits, buildings.

The package's modules: ``model`` (what the use cases take and return), ``validation``,
``synced`` (the fields a resident syncs, derived from the table), ``views`` (search, card,
reveal), ``commands`` (register, edit, visits) and ``places`` (buildings and grids).
"""

from __future__ import annotations

from .commands import (
    add_visit,
    edit_resident,
    edit_resident_in,
    register_resident,
    register_resident_in,
)
from .model import (
    EDITABLE_FIELDS,
    BuildingInfo,
    DuplicateResidentError,
    FieldChange,
    GridInfo,
    HouseholdMember,
    ResidentCard,
    ResidentInput,
    ResidentRow,
    RevealedIdentity,
    VisitInfo,
)
from .places import add_building, add_grid, list_buildings, list_grids
from .synced import SYNCED_FIELDS, sync_payload, synced_columns
from .validation import PASSPORT_RE, check_document
from .views import (
    find_residents,
    format_address,
    get_resident,
    recent_visitors,
    reveal_resident,
)

__all__ = [
    "EDITABLE_FIELDS",
    "PASSPORT_RE",
    "SYNCED_FIELDS",
    "BuildingInfo",
    "DuplicateResidentError",
    "FieldChange",
    "GridInfo",
    "HouseholdMember",
    "ResidentCard",
    "ResidentInput",
    "ResidentRow",
    "RevealedIdentity",
    "VisitInfo",
    "add_building",
    "add_grid",
    "add_visit",
    "check_document",
    "edit_resident",
    "edit_resident_in",
    "find_residents",
    "format_address",
    "get_resident",
    "list_buildings",
    "list_grids",
    "recent_visitors",
    "register_resident",
    "register_resident_in",
    "reveal_resident",
    "sync_payload",
    "synced_columns",
]
