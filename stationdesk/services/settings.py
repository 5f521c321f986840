"""Station facts and station-wide settings such as the idle lock."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from stationdesk.domain.roles import Permission
from stationdesk.store.models import Setting
from stationdesk.store.models import Station as StationRow

from .actor import Actor, require
from .errors import InputError
from .station import Station
from .uow import unit_of_work

DEFAULTS: dict[str, Any] = {"idle_lock_minutes": 10, "district_url": ""}


@dataclass(frozen=True)
class StationInfo:
    """Who this station is."""

    code: str
    name: str
    demo: bool


def station_info(station: Station) -> StationInfo:
    """The station's code and name (readable before login, for the login screen)."""
    with station.db.read_session() as s:
        row = s.scalars(select(StationRow)).one()
        return StationInfo(row.code, row.name, station.demo)


def get_setting(station: Station, key: str) -> Any:
    """A setting's value, or its default."""
    with station.db.read_session() as s:
        row = s.get(Setting, key)
        return row.value["v"] if row else DEFAULTS[key]


def set_setting(station: Station, actor: Actor, key: str, value: Any) -> None:
    """Change a setting (admin only), validating it first."""
    require(actor, Permission.MANAGE_STATION)
    if key not in DEFAULTS:
        raise InputError(f"unknown setting {key!r}", "未知的设置项。")
    if key == "idle_lock_minutes" and not (isinstance(value, int) and 1 <= value <= 240):
        raise InputError("the idle lock is 1-240 minutes", "自动锁定时间应为1-240分钟。")
    if (
        key == "district_url"
        and value
        and not (isinstance(value, str) and value.startswith(("http://", "https://")))
    ):
        raise InputError(
            "the district URL starts with http:// or https://",
            "区服务器地址应以 http:// 或 https:// 开头。",
        )
    with unit_of_work(station, actor) as uow:
        row = uow.session.get(Setting, key)
        old = row.value["v"] if row else DEFAULTS[key]
        if row:
            row.value = {"v": value}
        else:
            uow.session.add(Setting(key=key, value={"v": value}))
        uow.audit("setting.update", "setting", key, {"old": old, "new": value})
