"""Where stations keep their files; light enough to import before the first window shows."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

CONFIG_NAME = "station.json"
ENV_DATA_DIR = "STATIONDESK_DATA_DIR"


def default_data_dir() -> Path:
    """The data folder used when none is named: $STATIONDESK_DATA_DIR or the platform's."""
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("stationdesk", appauthor=False)) / "station"


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


def station_exists(data_dir: Path) -> bool:
    """Whether a station has been created in this folder."""
    return StationPaths(data_dir).config.exists()
