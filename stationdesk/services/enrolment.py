"""The station's link to the district server: its URL (a setting) and token (the OS keyring).

The sync engine reads both the same way: ``get_setting(station, DISTRICT_URL)`` and
``keys.get_secret(station.uid, SYNC_TOKEN)``.
"""

from __future__ import annotations

from dataclasses import dataclass

from stationdesk.domain.roles import Permission
from stationdesk.secrets import keys

from .actor import Actor, require
from .errors import InputError, StationError
from .settings import check_district_url, get_setting, put_setting
from .station import Station
from .uow import UnitOfWork, unit_of_work

SYNC_TOKEN = "sync-token"
DISTRICT_URL = "district_url"


@dataclass(frozen=True)
class DistrictLink:
    """Where the station syncs to, and whether it holds an enrolment token (never the token)."""

    url: str
    has_token: bool


def check_enrolment(url: str, token: str) -> tuple[str, str]:
    """Validate a server address and enrolment token typed together; both or neither."""
    url = check_district_url(url)
    token = token.strip()
    if token and (len(token) < 8 or len(token) > 512 or not token.isascii() or " " in token):
        raise InputError(
            "the enrolment token is the 8-512 character code the district gave you",
            "接入令牌应为区平台提供的8-512位字符（不含空格和中文）。",
            field="district_token",
        )
    if bool(url) != bool(token):
        raise InputError(
            "give both the district server address and the enrolment token, or neither",
            "请同时填写区平台服务器地址和接入令牌，或都留空以后再设。",
            field="district_token" if url else "district_url",
        )
    return url, token


def store_district_link(uow: UnitOfWork, station: Station, url: str, token: str) -> None:
    """Keep the token in the keyring and the URL as a setting, inside the caller's transaction.

    The token goes first: when the keyring refuses, nothing is recorded.
    """
    if token:
        try:
            keys.put_secret(station.uid, SYNC_TOKEN, token)
        except keys.NoKeyringError as exc:
            raise StationError(str(exc), exc.zh) from None
    put_setting(uow, DISTRICT_URL, url)


def set_district_link(station: Station, actor: Actor, url: str, token: str) -> DistrictLink:
    """Enrol the station with the district: server address and token (admin only)."""
    require(actor, Permission.MANAGE_STATION)
    url, token = check_enrolment(url, token)
    with unit_of_work(station, actor) as uow:
        store_district_link(uow, station, url, token)
    return district_link(station)


def district_link(station: Station) -> DistrictLink:
    """The station's district server address and whether its token is in the keyring."""
    url = str(get_setting(station, DISTRICT_URL))
    try:
        keys.get_secret(station.uid, SYNC_TOKEN)
        has_token = True
    except (keys.MissingKeyError, keys.NoKeyringError):
        has_token = False
    return DistrictLink(url, has_token)
