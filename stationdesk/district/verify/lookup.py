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
    """The live certificate record with this canonical number, or None."""
    with db.session() as s:
        entity_id = s.scalar(
            select(UniqueKey.entity_id).where(
                UniqueKey.entity == "certificate",
                UniqueKey.key_name == "number",
                UniqueKey.value == canonical,
            )
        )
        if entity_id is None:
            return None
        record = s.get(Record, ("certificate", entity_id))
        if record is None or record.deleted or record.owner_station_id is None:
            return None
        station = s.get(DistrictStation, record.owner_station_id)
        if station is None:
            return None
        known = key_windows(s, station.code).get(station.code)
        return Found(
            data=dict(record.data),
            station_code=station.code,
            station_name=station.name,
            keys=known.windows if known is not None else (),
            type_names=_type_names(s, db.url),
        )


def all_keys(db: DistrictDatabase) -> dict[str, StationKeys]:
    """Every station's accepted keys: station code → its name and key history."""
    with db.session() as s:
        return key_windows(s)
