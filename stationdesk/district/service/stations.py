"""Stations on the district server: enrolment, bearer-token authentication, the protocol check."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.dbkit import utc_now
from stationdesk.domain.ids import new_id
from stationdesk.domain.numbering import is_valid_station_code
from stationdesk.sync.protocol import MIN_PROTOCOL_VERSION, PROTOCOL_HEADER, PROTOCOL_VERSION

from ..db import DistrictDatabase
from ..errors import DistrictError
from ..models import DistrictStation

TOKEN_PREFIX = "sdt_"


def hash_token(token: str) -> str:
    """The stored form of a station token (tokens are long and random, so SHA-256 suffices)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_name(name: str, what: str) -> str:
    """A station's or department's name, trimmed (422 unless it has 2-100 characters)."""
    name = name.strip()
    if not 2 <= len(name) <= 100:
        raise DistrictError(422, "bad_name", f"{what} names have 2-100 characters")
    return name


@dataclass(frozen=True)
class Enrolment:
    """A newly enrolled station and its token (shown once, never stored)."""

    station_id: str
    code: str
    name: str
    token: str


def add_station(db: DistrictDatabase, code: str, name: str) -> Enrolment:
    """Enrol a station; its token is returned once and only its hash is kept."""
    code = code.strip().upper()
    if not is_valid_station_code(code):
        raise DistrictError(422, "bad_code", "station codes are 4-12 letters or digits")
    name = check_name(name, "station")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with db.session() as s:
        if s.scalar(select(DistrictStation).where(DistrictStation.code == code)) is not None:
            raise DistrictError(409, "exists", f"station {code} is already enrolled")
        row = DistrictStation(
            id=new_id(),
            code=code,
            name=name,
            token_hash=hash_token(token),
            active=True,
            last_acked_seq=0,
            created_at=utc_now(),
        )
        s.add(row)
    return Enrolment(row.id, code, name, token)


def authenticate(session: Session, token: str | None, code: str) -> DistrictStation:
    """The station a bearer token belongs to; 401 for no/unknown token, 403 for another code."""
    if not token:
        raise DistrictError(401, "unauthenticated", "a station token is required")
    row = session.scalar(
        select(DistrictStation).where(DistrictStation.token_hash == hash_token(token))
    )
    if row is None or not row.active:
        raise DistrictError(401, "unauthenticated", "unknown or disabled station token")
    if row.code != code:
        raise DistrictError(
            403, "forbidden", "this token belongs to another station", "该令牌不属于此站点。"
        )
    return row


def station_for_token(db: DistrictDatabase, token: str | None, code: str) -> DistrictStation:
    """The station row a request's token authenticates as ``code`` (see :func:`authenticate`).

    The row is detached; a use case that changes it loads it again in its own transaction.
    """
    with db.session() as s:
        return authenticate(s, token, code)


def check_protocol(version: int | None) -> None:
    """426 when a request has no protocol header or a protocol this server does not accept."""
    if version is None:
        raise DistrictError(
            426,
            "upgrade_required",
            f"the request lacks the {PROTOCOL_HEADER} header; this server accepts "
            f"protocols {MIN_PROTOCOL_VERSION}-{PROTOCOL_VERSION}",
            f"请求缺少协议版本头 {PROTOCOL_HEADER}，无法同步。",
        )
    if not MIN_PROTOCOL_VERSION <= version <= PROTOCOL_VERSION:
        older = version < MIN_PROTOCOL_VERSION
        raise DistrictError(
            426,
            "upgrade_required",
            f"protocol {version} is not accepted; this server accepts "
            f"{MIN_PROTOCOL_VERSION}-{PROTOCOL_VERSION}",
            "本站软件版本过旧，请升级 stationdesk 后再同步。"
            if older
            else "区服务器版本较旧，请联系区里升级服务器后再同步。",
        )


def load_station(
    session: Session, station: DistrictStation, *, for_update: bool = False
) -> DistrictStation:
    """The authenticated station's row in this transaction (locked when ``for_update``).

    401 if it was disabled since the request was authenticated.
    """
    row = session.get(DistrictStation, station.id, with_for_update=for_update)
    if row is None or not row.active:
        raise DistrictError(401, "unauthenticated", "unknown or disabled station token")
    return row
