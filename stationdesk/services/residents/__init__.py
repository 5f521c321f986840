"""Resident use cases: register, find, show (masked), reveal (audited), edit, visits, buildings.

The package's modules: ``model`` (what the use cases take and return), ``validation``,
``synced`` (the fields a resident syncs, derived from the table), ``views`` (search, card,
reveal), ``commands`` (register, edit, visits), ``households`` (move, head, split) and
``places`` (buildings and grids).
"""

from __future__ import annotations

from stationdesk.domain.identity import PASSPORT_RE

from .commands import (
    add_visit,
    edit_resident,
    edit_resident_in,
    register_resident,
    register_resident_in,
)
from .households import move_member, set_household_head, split_household
from .model import (
    EDITABLE_FIELDS,
    IDENTITY_FIELDS,
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
from .validation import check_document
from .views import (
    find_residents,
    format_address,
    get_resident,
    recent_visitors,
    resident_with_id_number,
    reveal_resident,
)

__all__ = [
    "EDITABLE_FIELDS",
    "IDENTITY_FIELDS",
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
    "move_member",
    "recent_visitors",
    "register_resident",
    "register_resident_in",
    "resident_with_id_number",
    "reveal_resident",
    "set_household_head",
    "split_household",
    "sync_payload",
    "synced_columns",
]
