"""Opening, creating and locating a station: data folder, key, database and migrations."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from stationdesk.dbkit import utc_now
from stationdesk.domain.ids import new_id
from stationdesk.secrets import keys
from stationdesk.store import migrate
from stationdesk.store.engine import (
    PRIVATE_FILE_MODE,
    StationDatabase,
    WrongKeyError,
    make_private,
)
from stationdesk.store.migrate import DatabaseTooNewError, MigrationResult

from . import data_folder
from .errors import StationError
from .paths import (
    CONFIG_NAME,
    ENV_DATA_DIR,
    StationPaths,
    default_data_dir,
    demo_data_dir,
    platform_data_dir,
    remember_data_dir,
    remembered_data_dir,
    station_exists,
)

log = logging.getLogger(__name__)

DB_KEY = "db-key"

__all__ = [
    "CONFIG_NAME",
    "DB_KEY",
    "ENV_DATA_DIR",
    "Station",
    "StationPaths",
    "default_data_dir",
    "demo_data_dir",
    "open_station",
    "platform_data_dir",
    "remember_data_dir",
    "remembered_data_dir",
    "station_exists",
    "use_demo_keyring",
]


def use_demo_keyring(demo_dir: Path) -> None:
    """Switch to the labelled, unprotected demo key file (for the demo station only)."""
    import keyring

    from stationdesk.secrets.plainfile import PlainFileKeyring

    keyring.set_keyring(PlainFileKeyring(StationPaths(demo_dir).demo_keyring))


class Station:
    """An open station: its paths, its database and its clock. Thread-safe to share."""

    def __init__(
        self,
        paths: StationPaths,
        db: StationDatabase,
        uid: str,
        *,
        demo: bool,
        migration: MigrationResult,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.paths = paths
        self.db = db
        self.uid = uid
        self.demo = demo
        self.migration = migration
        self.clock = clock

    def now(self) -> datetime:
        """The station's current time (UTC-aware)."""
        return self.clock()

    def close(self) -> None:
        """Release the database connections."""
        self.db.dispose()


def _read_config(paths: StationPaths) -> dict[str, object]:
    try:
        data: dict[str, object] = json.loads(paths.config.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StationError(
            f"no station in {paths.root}; create one with 'stationdesk init'",
            "此文件夹中没有站点，请先运行首次设置向导或 stationdesk init。",
        ) from None
    except (OSError, ValueError) as exc:
        raise StationError(
            f"the station file {paths.config} is unreadable: {exc}", "站点配置文件损坏，无法读取。"
        ) from None
    return data


def open_station(data_dir: Path, *, clock: Callable[[], datetime] = utc_now) -> Station:
    """Open the station in ``data_dir``: make its files private, clear what interrupted writes
    left, fetch its key, back up and migrate its database."""
    paths = StationPaths(data_dir)
    config = _read_config(paths)
    data_folder.tighten(paths)
    data_folder.remove_leftovers(paths)
    uid = str(config["station_uid"])
    if config.get("demo"):
        use_demo_keyring(paths.root)  # a demo station keeps its key in its own labelled file
    try:
        key = keys.get_secret(uid, DB_KEY)
    except (keys.NoKeyringError, keys.MissingKeyError) as exc:
        raise StationError(str(exc), exc.zh) from None
    try:
        db = StationDatabase(paths.database, key)
    except WrongKeyError as exc:
        raise StationError(
            str(exc), "数据库文件无法用本站密钥打开（文件损坏或密钥不匹配）。"
        ) from None
    try:
        result = migrate.upgrade(db, paths.backups)
    except DatabaseTooNewError as exc:
        db.dispose()
        raise StationError(str(exc), exc.zh) from None
    if result.backup is not None:
        log.info(
            "database upgraded from %s to %s; backup at %s",
            result.from_revision,
            result.to_revision,
            result.backup,
        )
    return Station(paths, db, uid, demo=bool(config.get("demo")), migration=result, clock=clock)


def create_station_files(data_dir: Path, *, demo: bool) -> tuple[StationPaths, str, str]:
    """Make the private folders, a station uid and a new key in the keyring; return paths,
    uid, key."""
    paths = StationPaths(data_dir)
    if paths.config.exists():
        raise StationError(
            f"a station already exists in {data_dir}", "该文件夹中已有站点，不能重复创建。"
        )
    uid = new_id()
    try:
        key = keys.create_secret(uid, DB_KEY)
    except keys.NoKeyringError as exc:
        raise StationError(str(exc), exc.zh) from None
    data_folder.create_private_folders(paths)
    return paths, uid, key


def write_config(paths: StationPaths, uid: str, *, demo: bool) -> None:
    """Write the station's non-secret config file (its uid; never the key)."""
    paths.config.touch(mode=PRIVATE_FILE_MODE)
    make_private(paths.config)
    paths.config.write_text(
        json.dumps({"station_uid": uid, "demo": demo, "format": 1}, indent=2), encoding="utf-8"
    )
