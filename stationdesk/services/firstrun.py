"""First run: checking the data folder a station will live in, and creating the station with
the district link chosen in the wizard."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .enrolment import check_enrolment, store_district_link
from .errors import InputError
from .paths import rebuild_pending
from .setup import check_station_code, check_station_name, init_station
from .station import Station, StationPaths, remember_data_dir
from .uow import unit_of_work

# What stationdesk itself may have left in a folder (a creation that failed half-way).
OWN_ENTRIES = frozenset({"backups", "logs", "exports"})


def check_data_folder(folder: str | Path, *, rebuild: bool = False) -> Path:
    """Return the folder as an absolute path if a new station can live there, else raise.

    It must be absolute, be (or become) a folder this user can write to, and hold no station
    and no other files (so that nothing of the user's gets mixed with station data). With
    ``rebuild``, a station whose rebuild from the district stopped half-way is accepted too
    (the rebuild resumes there).
    """
    text = str(folder).strip()
    path = Path(text).expanduser() if text else None
    if path is None or not path.is_absolute():
        raise InputError(
            "give the full path of a folder", "请填写完整的文件夹路径。", field="data_dir"
        )
    if path.exists() and not path.is_dir():
        raise InputError(f"{path} is a file", "该路径是一个文件，不是文件夹。", field="data_dir")
    if rebuild and rebuild_pending(path):
        return path
    if StationPaths(path).config.exists():
        raise InputError(
            f"a station already exists in {path}", "该文件夹中已有站点。", field="data_dir"
        )
    if path.is_dir():
        try:
            others = [p.name for p in path.iterdir() if p.name not in OWN_ENTRIES]
        except OSError:
            others = ["?"]
        if others:
            raise InputError(
                f"{path} is not empty; choose an empty or new folder",
                "该文件夹不是空的，请选择一个空文件夹或新文件夹。",
                field="data_dir",
            )
    existing = path
    while not existing.exists() and existing.parent != existing:
        existing = existing.parent
    if not _writable(existing):
        raise InputError(
            f"cannot write in {existing}", "无法在该位置写入，请选择其他文件夹。", field="data_dir"
        )
    return path


def _writable(folder: Path) -> bool:
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        return False
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


@dataclass(frozen=True)
class FirstRunChoices:
    """Everything the first-run wizard collected."""

    code: str
    name: str
    admin_username: str
    admin_password: str
    data_dir: Path
    admin_display_name: str = ""
    district_url: str = ""
    district_token: str = ""
    rebuild: str = ""  # non-empty: rebuild the station from the district instead of creating it


@dataclass(frozen=True)
class FirstRun:
    """The station the wizard made, and the public key (hex) of a new signing key a rebuild
    made because the old private key was lost with the old PC (None when it made none)."""

    station: Station
    new_signing_key: str | None = None


def start_first_station(choices: FirstRunChoices, *, remember_location: bool) -> FirstRun:
    """``create_first_station``, saying also whether a rebuild made a new signing key."""
    if choices.rebuild:
        return _rebuild(choices, remember_location=remember_location)
    return FirstRun(create_first_station(choices, remember_location=remember_location))


def create_first_station(choices: FirstRunChoices, *, remember_location: bool) -> Station:
    """Check every choice, create the station, store its district link, remember its folder.

    Nothing is created when any choice is wrong. With ``remember_location`` the folder is
    noted for the next start (and the command line) unless it is the platform's own.
    """
    if choices.rebuild:
        return _rebuild(choices, remember_location=remember_location).station
    check_station_code(choices.code)
    check_station_name(choices.name)
    data_dir = check_data_folder(choices.data_dir)
    url, token = check_enrolment(choices.district_url, choices.district_token)
    station = init_station(
        data_dir,
        code=choices.code,
        name=choices.name,
        admin_username=choices.admin_username,
        admin_password=choices.admin_password,
        admin_display_name=choices.admin_display_name,
    )
    if url:
        with unit_of_work(station, None) as uow:
            store_district_link(uow, station, url, token)
    if remember_location:
        remember_data_dir(data_dir)
    return station


def _rebuild(choices: FirstRunChoices, *, remember_location: bool) -> FirstRun:
    """The wizard's 从区平台恢复本站: rebuild the station from the district (services.rebuild)."""
    from .rebuild import rebuild_from_district

    data_dir = check_data_folder(choices.data_dir, rebuild=True)
    result = rebuild_from_district(
        data_dir,
        url=choices.district_url,
        token=choices.district_token,
        station_code=choices.code,
        admin_username=choices.admin_username,
        admin_password=choices.admin_password,
    )
    if remember_location:
        remember_data_dir(data_dir)
    return FirstRun(result.station, result.new_signing_key)
