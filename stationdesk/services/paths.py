"""Where stations keep their files; light enough to import before the first window shows."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

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

    @property
    def folders(self) -> tuple[Path, ...]:
        """The station's own folders inside its data folder."""
        return (self.backups, self.logs, self.exports)

    @property
    def rebuild_marker(self) -> Path:
        """Present while a rebuild from the district is unfinished (services.rebuild)."""
        return self.root / "district-rebuild.pending"

    @property
    def restoring(self) -> Path:
        """Where a restore stages the backup before it replaces the database."""
        return self.database.with_suffix(".restoring")

    @property
    def demo_keyring(self) -> Path:
        """The demo station's labelled, unprotected key file."""
        return self.root / "demo-keyring.json"

    @property
    def files(self) -> tuple[Path, ...]:
        """Every file the station may keep directly in its data folder."""
        db = str(self.database)
        companions = tuple(Path(db + suffix) for suffix in ("-wal", "-shm", "-journal"))
        return (
            self.config,
            self.database,
            *companions,
            self.restoring,
            self.demo_keyring,
            self.rebuild_marker,
        )


def station_exists(data_dir: Path) -> bool:
    """Whether a station has been created in this folder."""
    return StationPaths(data_dir).config.exists()


def rebuild_pending(data_dir: Path) -> bool:
    """Whether the station in this folder is a rebuild from the district not yet finished."""
    return station_exists(data_dir) and StationPaths(data_dir).rebuild_marker.exists()


_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\s]+')


def unique_file_name(prefix: str, label: str, taken: set[str], suffix: str = ".pdf") -> str:
    """``prefix-label.pdf`` safe on every file system (``-2``, ``-3`` … once taken); the name is
    added to ``taken``."""
    base = f"{prefix}-{_UNSAFE_IN_NAME.sub('_', label).strip('_.') or 'x'}"
    name, n = f"{base}{suffix}", 1
    while name in taken:
        n += 1
        name = f"{base}-{n}{suffix}"
    taken.add(name)
    return name
