"""Encrypted backups of the station database: on demand, daily and rotating, and restore.

Every backup is an online SQLite copy still encrypted with the station's key, so it opens only
on a computer whose keyring holds that key. The daily automatic backups are called
``auto-<UTC time>.db`` in the station's ``backups`` folder; the newest ``backup_keep`` (a
setting, 14 by default) are kept. Copies made before an upgrade (``pre-upgrade-*``) or a
restore (``pre-restore-*``) are never pruned.
"""

from __future__ import annotations

import logging
import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from stationdesk.domain.roles import Permission
from stationdesk.store import migrate
from stationdesk.store.engine import StationDatabase, WrongKeyError, make_private

from .actor import Actor, require
from .errors import InputError, StationError
from .settings import get_setting, put_setting
from .station import DB_KEY, Station, open_station
from .uow import unit_of_work

log = logging.getLogger(__name__)

AUTO_PREFIX = "auto-"
AUTO_INTERVAL = timedelta(hours=24)
_STAMP = re.compile(r"(\d{8}T\d{6})(\d*)Z")


@dataclass(frozen=True)
class BackupInfo:
    """A backup file that was written."""

    path: Path
    size_bytes: int
    schema_revision: str | None


@dataclass(frozen=True)
class BackupFile:
    """A backup found in the station's backups folder."""

    path: Path
    kind: str  # "auto", "pre-upgrade", "pre-restore" or "other"
    created_at: datetime
    size_bytes: int


def _stamp(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _created_at(path: Path) -> datetime:
    m = _STAMP.search(path.name)
    if m:
        return datetime.strptime(m.group(1), "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def _kind(path: Path) -> str:
    for kind in ("auto", "pre-upgrade", "pre-restore"):
        if path.name.startswith(kind + "-"):
            return kind
    return "other"


def _backup_files(station: Station) -> list[BackupFile]:
    folder = station.paths.backups
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.db"):
        try:
            found.append(BackupFile(path, _kind(path), _created_at(path), path.stat().st_size))
        except OSError:  # removed meanwhile
            continue
    return sorted(found, key=lambda b: (b.created_at, b.path.name), reverse=True)


def list_backups(station: Station, actor: Actor) -> list[BackupFile]:
    """The backups in the station's backups folder, newest first (admin only)."""
    require(actor, Permission.MANAGE_STATION)
    return _backup_files(station)


def automatic_backup(station: Station) -> BackupInfo | None:
    """Make the daily backup when the last one is 24 hours old or more, then prune old ones.

    Runs without a logged-in worker (at start and every hour, off the GUI thread); it only
    reads the database, so it may run beside the writer. Returns the new backup, or None when
    none was due.
    """
    now = station.now()
    autos = [b for b in _backup_files(station) if b.kind == "auto"]
    made: BackupInfo | None = None
    if not autos or now - autos[0].created_at >= AUTO_INTERVAL or autos[0].created_at > now:
        out = station.paths.backups / f"{AUTO_PREFIX}{_stamp(now)}.db"
        station.db.backup_to(out)
        made = BackupInfo(out, out.stat().st_size, migrate.current_revision(station.db))
        log.info("automatic backup written: %s (%d bytes)", out.name, made.size_bytes)
        autos = [b for b in _backup_files(station) if b.kind == "auto"]
    keep = int(get_setting(station, "backup_keep"))
    if made is not None:  # newest by the station's clock, even when a file's name says later
        autos = [made_file for made_file in autos if made_file.path == made.path] + [
            b for b in autos if b.path != made.path
        ]
    for old in autos[keep:]:
        old.path.unlink(missing_ok=True)
        log.info("old automatic backup removed: %s", old.path.name)
    return made


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
    reopened station; the passed-in one is closed. The restored station is marked
    ``needs_sequence_floor``: it may be older than certificates already issued, so no
    certificate is numbered until sync has asked the district for the sequence floor.
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
    stamp = _stamp(station.now())
    safety = station.paths.backups / f"pre-restore-{stamp}.db"
    station.db.backup_to(safety)
    with unit_of_work(station, actor) as uow:
        uow.audit("station.restore", "station", station.uid, {"file": source.name})
    data_dir = station.paths.root
    station.close()
    staging = station.paths.restoring
    shutil.copyfile(source, staging)
    make_private(staging)
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
        put_setting(uow, "needs_sequence_floor", True)
    return reopened
