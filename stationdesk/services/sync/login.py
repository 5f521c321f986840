"""Sync login: the district server URL (a setting), the station token (the OS keyring), a client."""

from __future__ import annotations

from typing import Any

from stationdesk.domain.roles import Permission
from stationdesk.secrets import keys
from stationdesk.sync.client import SyncClient

from ..actor import Actor, require
from ..enrolment import DISTRICT_URL, SYNC_TOKEN
from ..errors import InputError, ServiceError
from ..settings import get_setting, put_setting, station_info
from ..station import Station
from ..uow import unit_of_work


class SyncNotConfiguredError(ServiceError):
    """No server URL or no token: run ``stationdesk sync login`` first."""

    exit_code = 2


def check_server_url(url: str) -> str:
    """Return a usable server URL or raise InputError."""
    url = url.strip().rstrip("/")
    if not (url.startswith("http://") or url.startswith("https://")) or len(url) < 10:
        raise InputError(
            "the server URL must start with http:// or https://",
            "服务器地址应以 http:// 或 https:// 开头。",
            field="server",
        )
    return url


def save_login(station: Station, actor: Actor, server_url: str, token: str) -> str:
    """Keep the server URL in the settings and the token in the OS keyring (admin only)."""
    require(actor, Permission.MANAGE_STATION)
    url = check_server_url(server_url)
    token = token.strip()
    if len(token) < 16 or any(ch.isspace() for ch in token):
        raise InputError("that does not look like a station token", "同步令牌格式不对。")
    keys.put_secret(station.uid, SYNC_TOKEN, token)
    with unit_of_work(station, actor) as uow:
        put_setting(uow, DISTRICT_URL, url)
    return url


def server_url(station: Station) -> str:
    """The configured district URL ('' when not set up)."""
    return str(get_setting(station, DISTRICT_URL) or "")


def station_token(station: Station) -> str | None:
    """The station's sync token from the OS keyring, or None when it has none."""
    try:
        return keys.get_secret(station.uid, SYNC_TOKEN)
    except keys.MissingKeyError:
        return None


def make_client(station: Station, url: str | None = None, **kw: Any) -> SyncClient:
    """A client for the configured (or given) server with the token from the keyring."""
    url = url or server_url(station)
    token = station_token(station)
    if not url or not token:
        raise SyncNotConfiguredError(
            "sync is not set up: run 'stationdesk sync login --server URL' first",
            "尚未设置同步：请在“设置 → 区平台”中填写服务器地址和接入令牌。",
        )
    return SyncClient(url, station_info(station).code, token, **kw)
