"""A member's approved hours across the district, asked of the district server."""

from __future__ import annotations

from dataclasses import dataclass

from stationdesk.domain.roles import Permission
from stationdesk.sync.client import ServerError, SyncError
from stationdesk.sync.protocol import MemberHours

from ..actor import Actor, require
from ..errors import NotFoundError, ServiceError
from ..residents.views import live_resident
from ..settings import station_info
from ..station import Station
from .hours import resident_member_ids
from .types import find_member


def district_hours(station: Station, actor: Actor, key: str) -> MemberHours:
    """A member's (record id or ID number) approved minutes at every station of the district,
    by kind and by station; the member must have reached the district (a sync)."""
    require(actor, Permission.HANDLE_MATTERS)
    with station.db.read_session() as s:
        member_id = find_member(s, key).id
    return _ask_district(station, member_id)


@dataclass(frozen=True, slots=True)
class ResidentDistrictHours:
    """What the district holds of a resident's service: the total, and this station's code so
    a screen can mark its own share."""

    hours: MemberHours
    own_station: str


def resident_district_hours(
    station: Station, actor: Actor, resident_id: str
) -> ResidentDistrictHours | None:
    """The district-wide approved hours of the member who is this resident (linked, or with the
    same ID number), or None when the resident is not on the 双报到 roster."""
    require(actor, Permission.HANDLE_MATTERS)
    with station.db.read_session() as s:
        resident = live_resident(s, resident_id)
        members = resident_member_ids(s, resident.id, resident.id_number)
    if not members:
        return None
    return ResidentDistrictHours(_ask_district(station, members[0]), station_info(station).code)


def _ask_district(station: Station, member_id: str) -> MemberHours:
    from ..sync.login import make_client

    try:
        with make_client(station) as client:
            return client.member_hours(member_id)
    except ServerError as exc:
        if exc.status == 404:
            raise NotFoundError(
                "the district does not hold this member yet; sync first",
                "区平台尚无该党员的记录，请先同步。",
            ) from None
        raise ServiceError(exc.message, exc.zh) from None
    except SyncError as exc:
        raise ServiceError(exc.message, exc.zh) from None
