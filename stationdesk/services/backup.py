"""Encrypted backups of the station database and restoring from one."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from stationdesk.domain.roles import Permission
from stationdesk.store import migrate
from stationdesk.store.engine import StationDatabase, WrongKeyError

from .actor import Actor, require
from .errors import InputError, StationError
from .station import DB_KEY, Station, open_station
from .uow import unit_of_work


@dataclass(frozen=True)
class BackupInfo:
    """A backup file that was written."""

    path: Path
    size_bytes: int
    schema_revision: str | None


def backup(station: Station, actor: Actor, out: Path) -> BackupInfo:
    """Write an encrypted online copy of the station database to ``out`` (admin only)."""
    require(actor, Permission.MANAGE_STATION)
    if out.exists() and out.is_dir():
        raise InputError(f"{out} is a folder; name a file", "备份目标是文件夹，请指定文件名。")
    if not out.parent.exists():
        raise InputError(f"the folder {out.parent} does not exist", "备份目标文件夹不存在。")
    with unit_of_work(station, actor) as uow:
        uow.audit("station.backup", "station", station.uid, {"file": out.name})
    station.db.backup_to(out)
    return BackupInfo(out, out.stat().st_size, migrate.current_revision(station.db))


def restore(station: Station, actor: Actor, source: Path) -> Station:
    """Replace the station database with a backup, keeping a copy of the current one first.

    The backup must open with this station's key and be no newer than this code. Returns the
    reopened station; the passed-in one is closed.
    """
    require(actor, Permission.MANAGE_STATION)
    if not source.is_file():
        raise InputError(f"no backup file at {source}", "找不到备份文件。")
    from stationdesk.secrets import keys

    key = keys.get_secret(station.uid, DB_KEY)
    try:
        candidate = StationDatabase(source, key)
    except WrongKeyError:
        raise InputError(
            "the file is not a backup of this station (it does not open with this station's key)",
            "该文件不是本站的备份（无法用本站密钥打开）。",
        ) from None
    try:
        revision = migrate.current_revision(candidate)
        if revision is None:
            raise InputError("the file holds no station data", "备份文件中没有站点数据。")
        if revision not in migrate.known_revisions():
            raise InputError(
                f"the backup is from a newer version (schema {revision})",
                "该备份来自更新版本的 stationdesk，请先升级。",
            )
    finally:
        candidate.dispose()
    stamp = station.now().strftime("%Y%m%dT%H%M%SZ")
    safety = station.paths.backups / f"pre-restore-{stamp}.db"
    station.db.backup_to(safety)
    with unit_of_work(station, actor) as uow:
        uow.audit("station.restore", "station", station.uid, {"file": source.name})
    data_dir = station.paths.root
    station.close()
    staging = station.paths.database.with_suffix(".restoring")
    shutil.copyfile(source, staging)
    for suffix in ("-wal", "-shm"):
        Path(str(station.paths.database) + suffix).unlink(missing_ok=True)
    staging.replace(station.paths.database)
    try:
        reopened = open_station(data_dir, clock=station.clock)
    except StationError:
        shutil.copyfile(safety, station.paths.database)
        raise
    with unit_of_work(reopened, actor) as uow:
        uow.audit("station.restored", "station", reopened.uid, {"file": source.name})
    return reopened
