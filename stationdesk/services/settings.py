"""Station facts and station-wide settings such as the idle lock.

Settings an admin changes go through ``set_setting`` (validated, audited). A few are kept by
the station itself and cannot be set that way (``SYSTEM_KEYS``); services change them with
``put_setting`` inside their own unit of work:

- ``needs_sequence_floor``: set by a restore (``services.backup.restore``). The restored file
  may be older than certificates this station already issued, so certificate numbering must
  not continue from it: sync clears the flag once the district's ``/hello`` has given the
  highest certificate sequence it holds for this station (and raises the local sequence to at
  least that floor); certificate issuing refuses while the flag is set.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.cardreader import ReaderConfig, ReaderKind
from stationdesk.domain.roles import Permission
from stationdesk.store.models import Setting, StationRow

from .actor import Actor, require
from .errors import InputError
from .station import Station
from .uow import UnitOfWork, unit_of_work

DEFAULTS: dict[str, Any] = {
    "idle_lock_minutes": 10,
    # printed before the building address on certificates, e.g. 大连市西岗区人民广场街道XX社区
    "station_address_prefix": "",
    # the district server's base URL ("" until the station is enrolled); its token is in the
    # OS keyring (services.enrolment), never here
    "district_url": "",
    # how many daily automatic backups to keep (services.backup)
    "backup_keep": 14,
    "needs_sequence_floor": False,
    # the ID-card reader at this desk (stationdesk.cardreader): its kind ("none", "serial",
    # "sdk"), the serial port (COM3, /dev/ttyUSB0) or SDK port number, the SDK library's path
    "card_reader_kind": "none",
    "card_reader_port": "",
    "card_reader_library": "",
}
SYSTEM_KEYS = frozenset({"needs_sequence_floor"})


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
        return setting_in(s, key)


def setting_in(session: Session, key: str) -> Any:
    """A setting's value, or its default, read in the caller's session (for services)."""
    row = session.get(Setting, key)
    return row.value["v"] if row else DEFAULTS[key]


def check_district_url(url: str) -> str:
    """Return the district server URL normalised ('' stays ''), or raise InputError."""
    url = url.strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or any(c.isspace() for c in url)
        or parts.query
        or parts.fragment
    ):
        raise InputError(
            "the district server address is a web address such as https://sync.example.com",
            "区平台服务器地址应为网址，如 https://sync.example.com",
            field="district_url",
        )
    return url.rstrip("/")


def _check_minutes(value: Any) -> Any:
    if not (isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 240):
        raise InputError("the idle lock is 1-240 minutes", "自动锁定时间应为1-240分钟。")
    return value


ADDRESS_PREFIX_MAX = 60


def check_address_prefix(value: Any) -> str:
    """The station address prefix trimmed (one line, at most 60 characters), or InputError."""
    text = value.strip() if isinstance(value, str) else None
    if text is None or len(text) > ADDRESS_PREFIX_MAX or any(ord(c) < 32 for c in text):
        raise InputError(
            f"the station address prefix is one line of at most {ADDRESS_PREFIX_MAX} characters",
            f"站点地址前缀应为一行文字，不超过{ADDRESS_PREFIX_MAX}个字。",
            field="station_address_prefix",
        )
    return text


def _check_keep(value: Any) -> Any:
    if not (isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 365):
        raise InputError(
            "keep 1-365 automatic backups", "自动备份保留份数应为1-365。", field="backup_keep"
        )
    return value


def _check_url(value: Any) -> Any:
    if not isinstance(value, str):
        raise InputError("the district server address is text", "区平台服务器地址格式不正确。")
    return check_district_url(value)


def _check_reader_kind(value: Any) -> Any:
    if value not in {k.value for k in ReaderKind}:
        raise InputError(
            "the card reader is none, serial or sdk", "读卡器类型无效。", field="card_reader_kind"
        )
    return value


def _check_short_text(key: str) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if not isinstance(value, str) or len(value.strip()) > 260 or "\n" in value:
            raise InputError(f"{key} is one line of text", "读卡器设置格式不正确。", field=key)
        return value.strip()

    return check


VALIDATORS: dict[str, Callable[[Any], Any]] = {
    "idle_lock_minutes": _check_minutes,
    "station_address_prefix": check_address_prefix,
    "backup_keep": _check_keep,
    "district_url": _check_url,
    "card_reader_kind": _check_reader_kind,
    "card_reader_port": _check_short_text("card_reader_port"),
    "card_reader_library": _check_short_text("card_reader_library"),
}


def set_card_reader(station: Station, actor: Actor, kind: str, port: str, library: str) -> None:
    """Choose the desk's ID-card reader (admin only): the three settings in one change."""
    require(actor, Permission.MANAGE_STATION)
    values = {
        key: VALIDATORS[key](value)
        for key, value in (
            ("card_reader_kind", kind),
            ("card_reader_port", port),
            ("card_reader_library", library),
        )
    }
    with unit_of_work(station, actor) as uow:
        for key, value in values.items():
            put_setting(uow, key, value)


def card_reader_config(station: Station) -> ReaderConfig:
    """The ID-card reader chosen for this desk (``ReaderKind.NONE`` until one is set)."""
    values = {
        key: get_setting(station, key)
        for key in ("card_reader_kind", "card_reader_port", "card_reader_library")
    }
    return ReaderConfig(
        ReaderKind(values["card_reader_kind"]),
        values["card_reader_port"],
        values["card_reader_library"],
    )


def put_setting(uow: UnitOfWork, key: str, value: Any) -> None:
    """Store a setting inside the caller's unit of work and audit the change (for services)."""
    if key not in DEFAULTS:
        raise InputError(f"unknown setting {key!r}", "未知的设置项。")
    row = uow.session.get(Setting, key)
    old = row.value["v"] if row else DEFAULTS[key]
    if row:
        row.value = {"v": value}
    else:
        uow.session.add(Setting(key=key, value={"v": value}))
    uow.audit("setting.update", "setting", key, {"old": old, "new": value})


def set_setting(station: Station, actor: Actor, key: str, value: Any) -> None:
    """Change a setting (admin only), validating it first."""
    require(actor, Permission.MANAGE_STATION)
    if key not in DEFAULTS:
        raise InputError(f"unknown setting {key!r}", "未知的设置项。")
    if key in SYSTEM_KEYS:
        raise InputError(
            f"the setting {key!r} is kept by the station itself", "该设置项由系统自动维护。"
        )
    value = VALIDATORS.get(key, lambda v: v)(value)
    with unit_of_work(station, actor) as uow:
        put_setting(uow, key, value)
