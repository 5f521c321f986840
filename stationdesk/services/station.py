"""Opening, creating and locating a station: data folder, key, database and migrations."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from stationdesk.domain.ids import new_id
from stationdesk.secrets import keys
from stationdesk.store import migrate
from stationdesk.store.engine import StationDatabase, WrongKeyError
from stationdesk.store.migrate import DatabaseTooNewError, MigrationResult

from .errors import StationError

log = logging.getLogger(__name__)

DB_KEY = "db-key"
CONFIG_NAME = "station.json"
ENV_DATA_DIR = "STATIONDESK_DATA_DIR"


ENV_LOCATOR_FILE = "STATIONDESK_LOCATOR_FILE"
LOCATOR_NAME = "data-folder.txt"


def platform_data_dir() -> Path:
    """The platform's data folder for the station (what the first-run wizard proposes)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("stationdesk", appauthor=False)) / "station"


def locator_file() -> Path:
    """The small file remembering a data folder chosen in the first-run wizard.

    One line, UTF-8, the folder's absolute path; in the user's config folder (on Windows
    ``%LOCALAPPDATA%\\stationdesk``, where the uninstaller reads it too).
    """
    env = os.environ.get(ENV_LOCATOR_FILE)
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir("stationdesk", appauthor=False)) / LOCATOR_NAME


def remembered_data_dir() -> Path | None:
    """The data folder chosen at first run, if one was remembered and is a usable path."""
    try:
        lines = locator_file().read_text(encoding="utf-8-sig").strip().splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    path = Path(lines[0].strip()) if lines else None
    return path if path is not None and path.is_absolute() else None


def remember_data_dir(data_dir: Path) -> None:
    """Remember the chosen data folder; the platform's own folder needs no note."""
    locator = locator_file()
    if data_dir == platform_data_dir():
        locator.unlink(missing_ok=True)
        return
    locator.parent.mkdir(parents=True, exist_ok=True)
    locator.write_text(f"{data_dir}\n", encoding="utf-8")


def default_data_dir() -> Path:
    """The data folder used when none is named: $STATIONDESK_DATA_DIR, else the folder chosen
    in the first-run wizard, else the platform's."""
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env)
    return remembered_data_dir() or platform_data_dir()


def demo_data_dir() -> Path:
    """The demo station's own folder, apart from any real station."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("stationdesk", appauthor=False)) / "demo-station"


def use_demo_keyring(demo_dir: Path) -> None:
    """Switch to the labelled, unprotected demo key file (for the demo station only)."""
    import keyring

    from stationdesk.secrets.plainfile import PlainFileKeyring

    keyring.set_keyring(PlainFileKeyring(demo_dir / "demo-keyring.json"))


@dataclass(frozen=True)
class StationPaths:
    """Where a station keeps its files."""

    root: Path

    @property
    def config(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def database(self) -> Path:
        return self.root / "station.db"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def exports(self) -> Path:
        return self.root / "exports"


def utc_now() -> datetime:
    """The current time, UTC-aware."""
    return datetime.now(UTC)


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


def station_exists(data_dir: Path) -> bool:
    """Whether a station has been created in this folder."""
    return StationPaths(data_dir).config.exists()


def open_station(data_dir: Path, *, clock: Callable[[], datetime] = utc_now) -> Station:
    """Open the station in ``data_dir``: fetch its key, back up and migrate its database."""
    paths = StationPaths(data_dir)
    config = _read_config(paths)
    uid = str(config["station_uid"])
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
    """Make the folder, a station uid and a new key in the keyring; return paths, uid, key."""
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
    for folder in (paths.root, paths.backups, paths.logs, paths.exports):
        folder.mkdir(parents=True, exist_ok=True)
    return paths, uid, key


def write_config(paths: StationPaths, uid: str, *, demo: bool) -> None:
    """Write the station's non-secret config file (its uid; never the key)."""
    paths.config.write_text(
        json.dumps({"station_uid": uid, "demo": demo, "format": 1}, indent=2), encoding="utf-8"
    )
