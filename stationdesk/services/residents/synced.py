"""The fields synced with the district: a resident's (from its table, both ways), a grid's, a
building's and a visit's."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import JSON, Date

from stationdesk.domain.identity import DocumentType
from stationdesk.store.models_residents import Building, Grid, Resident, Visit
from stationdesk.store.residents_repo import RESIDENT_COLUMNS, RESIDENT_TABLE

LOCAL_COLUMNS = frozenset(
    {"seq", "id", "household_id", "grid_id", "created_at", "updated_at", "version", "deleted_at"}
)
"""Resident columns that stay at the station (its keys, households, grids and bookkeeping)."""

SYNCED_FIELDS: tuple[str, ...] = tuple(
    "building" if c == "building_id" else c for c in RESIDENT_COLUMNS if c not in LOCAL_COLUMNS
)
"""What a resident's sync record holds, in table order; the building goes by its name."""

SYNCED_COLUMNS: tuple[str, ...] = tuple(f for f in SYNCED_FIELDS if f != "building")
"""The synced fields stored in a resident column of the same name."""

LIST_COLUMNS = frozenset(c.name for c in RESIDENT_TABLE.columns if isinstance(c.type, JSON))
"""Resident columns holding a JSON list."""
DATE_COLUMNS = frozenset(c.name for c in RESIDENT_TABLE.columns if isinstance(c.type, Date))
"""Resident columns holding a date."""
_REQUIRED = frozenset(c.name for c in RESIDENT_TABLE.columns if not c.nullable)
_TEXT_DEFAULTS = {"id_type": DocumentType.RESIDENT_ID.value}  # others: ""


def sync_payload(r: Resident, buildings: Mapping[str, str]) -> dict[str, Any]:
    """The fields a resident syncs with the district (grids and households stay local)."""
    data: dict[str, Any] = {}
    for name in SYNCED_FIELDS:
        if name == "building":
            data[name] = buildings.get(r.building_id) if r.building_id else None
            continue
        value = getattr(r, name)
        if name in LIST_COLUMNS:
            value = list(value)
        elif name in DATE_COLUMNS:
            value = value.isoformat() if value else None
        data[name] = value
    return data


def synced_columns(data: Mapping[str, Any]) -> dict[str, Any]:
    """The resident columns a synced record sets (building and household are resolved apart)."""
    columns: dict[str, Any] = {}
    for name in SYNCED_COLUMNS:
        value = data.get(name)
        if name in LIST_COLUMNS:
            columns[name] = list(value or [])
        elif name in DATE_COLUMNS:
            columns[name] = date.fromisoformat(value) if value else None
        elif name in _REQUIRED:
            columns[name] = str(value or _TEXT_DEFAULTS.get(name, ""))
        else:
            columns[name] = value or None
    return columns


def grid_payload(g: Grid) -> dict[str, Any]:
    """A grid's synced fields (the create op's payload and the record the district keeps)."""
    return {"code": g.code, "name": g.name}


def building_payload(b: Building) -> dict[str, Any]:
    """A building's synced fields; its grid goes by id (grids are synced too)."""
    return {"name": b.name, "grid_id": b.grid_id}


def visit_payload(v: Visit) -> dict[str, Any]:
    """A visit's synced fields (visits are append-only records)."""
    return {
        "resident_id": v.resident_id,
        "purpose": v.purpose,
        "worker_id": v.worker_id,
        "at": v.at.isoformat(),
    }
