"""A member's approved hours across the district, asked of the district server."""

from __future__ import annotations

from stationdesk.domain.roles import Permission
from stationdesk.sync.client import ServerError, SyncError
from stationdesk.sync.protocol import MemberHours

from ..actor import Actor, require
from ..errors import NotFoundError, ServiceError
from ..station import Station
from .types import find_member


def district_hours(station: Station, actor: Actor, key: str) -> MemberHours:
    """A member's (record id or ID number) approved minutes at every station of the district,
    by kind and by station; the member must have reached the district (a sync)."""
    require(actor, Permission.HANDLE_MATTERS)
    with station.db.read_session() as s:
        member_id = find_member(s, key).id
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
