"""Start-up migration: refuse a newer database, back the file up, then upgrade it to head."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory

from stationdesk import dbkit
from stationdesk.store.engine import StationDatabase

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class DatabaseTooNewError(RuntimeError):
    """The file was written by a newer stationdesk; opening it could damage it."""

    def __init__(self, revision: str) -> None:
        super().__init__(
            f"this station's database is at schema revision {revision}, which this version of "
            "stationdesk does not know; install the newer version that created it"
        )
        self.revision = revision
        self.zh = (
            "本站数据库由更新版本的 stationdesk 创建，当前版本无法打开。请安装更新版本后再试。"
        )


@dataclass(frozen=True)
class MigrationResult:
    """What start-up did to the schema."""

    from_revision: str | None
    to_revision: str
    backup: Path | None


def alembic_config() -> Config:
    """An Alembic config pointing at the station migrations (no ini file needed)."""
    return dbkit.alembic_config(MIGRATIONS_DIR)


def head_revision() -> str:
    """The newest schema revision this code knows."""
    return dbkit.head_revision(MIGRATIONS_DIR)


def known_revisions() -> set[str]:
    """Every schema revision this code knows."""
    return dbkit.known_revisions(MIGRATIONS_DIR)


def current_revision(db: StationDatabase) -> str | None:
    """The schema revision stamped in the file, or None for an empty file."""
    return dbkit.current_revision(db.engine)


def upgrade(db: StationDatabase, backups_dir: Path, *, target: str = "head") -> MigrationResult:
    """Bring the file to ``target``: refuse unknown revisions, back up a non-empty file first."""
    script = ScriptDirectory.from_config(alembic_config())
    current = current_revision(db)
    if current is not None and current not in known_revisions():
        raise DatabaseTooNewError(current)
    wanted = script.get_revision(target).revision if target != "head" else head_revision()
    if current == wanted:
        return MigrationResult(current, wanted, None)
    backup: Path | None = None
    if current is not None:
        stamp = dbkit.utc_now().strftime("%Y%m%dT%H%M%S%fZ")
        backup = backups_dir / f"pre-upgrade-{current}-{stamp}.db"
        db.backup_to(backup)
    with db.engine.execution_options(stationdesk_write=True).begin() as conn:
        dbkit.upgrade_on(conn, MIGRATIONS_DIR, wanted)
    return MigrationResult(current, wanted, backup)
