"""A member's approved volunteer hours across every station of the district."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.sync.protocol import MemberHours

from ..db import DistrictDatabase
from ..entities.volunteer import ACTIVITY, MEMBER
from ..errors import DistrictError
from ..models import DistrictStation, Record

_MERGED = Record.data["merged_into"].as_string()


def _survivor_and_aliases(s: Session, member_id: str) -> tuple[str, set[str]]:
    """The member a (possibly merged) id stands for, and every id merged into it."""
    current, seen = member_id, set()
    while current not in seen:
        seen.add(current)
        into = s.scalar(select(_MERGED).where(Record.entity == MEMBER, Record.entity_id == current))
        if not into:
            break
        current = into
    ids, frontier = {current}, [current]
    while frontier:
        found = set(
            s.scalars(
                select(Record.entity_id).where(Record.entity == MEMBER, _MERGED.in_(frontier))
            )
        )
        frontier = sorted(found - ids)
        ids |= found
    return current, ids


def _credited(data: dict[str, Any], ids: set[str]) -> int:
    """The member's minutes in one activity record: the latest correction stands."""
    minutes: int | None = None
    for row in data.get("signins") or []:
        if row.get("member_id") in ids:
            minutes = int(row.get("minutes") or 0)
    for row in data.get("corrections") or []:
        if row.get("member_id") in ids:
            minutes = int(row.get("minutes") or 0)
    return minutes or 0


def member_hours(db: DistrictDatabase, station: DistrictStation, member_id: str) -> MemberHours:
    """The approved minutes of a member (its merged ids too) at every station."""
    with db.session() as s:
        if s.get(Record, (MEMBER, member_id)) is None:
            raise DistrictError(404, "not_found", "no such member", "区里没有该在职党员。")
        survivor, ids = _survivor_and_aliases(s, member_id)
        codes = dict(s.execute(select(DistrictStation.id, DistrictStation.code)).tuples().all())
        approved = select(Record.data, Record.owner_station_id).where(
            Record.entity == ACTIVITY,
            Record.deleted.is_(False),
            Record.data["approved_at"].as_string().is_not(None),
        )
        by_kind: dict[str, int] = defaultdict(int)
        by_station: dict[str, int] = defaultdict(int)
        count = 0
        for data, owner in s.execute(approved):
            named = {r.get("member_id") for r in data.get("signins") or []}
            named |= {r.get("member_id") for r in data.get("corrections") or []}
            if not named & ids:
                continue
            minutes = _credited(data, ids)
            count += 1
            by_kind[str(data.get("kind") or "other")] += minutes
            by_station[codes.get(owner, "?")] += minutes
        return MemberHours(
            member_id=survivor,
            minutes=sum(by_kind.values()),
            by_kind=dict(sorted(by_kind.items())),
            by_station=dict(sorted(by_station.items())),
            activities=count,
        )
