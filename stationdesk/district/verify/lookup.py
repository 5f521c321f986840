"""Looking a certificate up for ``/verify``: its ledger record, its station and its key history."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.secrets.signing import KeyWindow

from ..db import DistrictDatabase
from ..models import DistrictStation, Record, UniqueKey
from ..station_keys import StationKeys, key_windows

NO_ROW = "-"
"""A key no row has: what an unknown number is looked up with, to do the same work."""


@dataclass(frozen=True)
class Found:
    """A certificate record with what the page needs from around it."""

    data: dict[str, Any]
    station_code: str
    station_name: str
    keys: tuple[KeyWindow, ...]
    """The station's accepted keys with their windows (empty: it has published none)."""
    type_names: dict[str, str]


# Certificate type names from each database's published catalog, re-read when its version moves.
_catalog_lock = threading.Lock()
_catalog_cache: dict[str, tuple[int, dict[str, str]]] = {}


def _type_names(s: Session, db_url: str) -> dict[str, str]:
    version = s.scalar(
        select(Record.version).where(Record.entity == "catalog", Record.entity_id == "certificates")
    )
    if version is None:
        return {}
    with _catalog_lock:
        cached = _catalog_cache.get(db_url)
    if cached is not None and cached[0] == version:
        return cached[1]
    record = s.get(Record, ("catalog", "certificates"))
    names: dict[str, str] = {}
    content = record.data.get("content") if record is not None else None
    items = content.get("items") if isinstance(content, dict) else None
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            code, name = item.get("code"), item.get("name_zh")
            if isinstance(code, str) and isinstance(name, str) and name.strip():
                names[code] = name.strip()
    with _catalog_lock:
        _catalog_cache[db_url] = (version, names)
    return names


def find_certificate(db: DistrictDatabase, canonical: str) -> Found | None:
    """The live certificate record with this canonical number, or None.

    An unknown number runs the same statements as a known one (with a key no row has), so the
    time the answer takes does not tell whether the number exists.
    """
    with db.session() as s:
        entity_id = s.scalar(
            select(UniqueKey.entity_id).where(
                UniqueKey.entity == "certificate",
                UniqueKey.key_name == "number",
                UniqueKey.value == canonical,
            )
        )
        record = s.get(Record, ("certificate", entity_id or NO_ROW))
        live = record is not None and not record.deleted and record.owner_station_id is not None
        owner = record.owner_station_id if record is not None and live else None
        station = s.get(DistrictStation, owner or NO_ROW)
        key = key_windows(s, station.code if station is not None else NO_ROW)
        type_names = _type_names(s, db.url)
        if record is None or not live or station is None:
            return None
        known = key.get(station.code)
        return Found(
            data=dict(record.data),
            station_code=station.code,
            station_name=station.name,
            keys=known.windows if known is not None else (),
            type_names=type_names,
        )


def all_keys(db: DistrictDatabase) -> dict[str, StationKeys]:
    """Every station's accepted keys: station code → its name and key history."""
    with db.session() as s:
        return key_windows(s)
