"""Start-up migration: refuse a newer database, back the file up, then upgrade it to head."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from stationdesk import dbkit
from stationdesk.store.engine import StationDatabase

if TYPE_CHECKING:  # Alembic is imported only when the file is not at head already
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# the plain literals a version script names itself and its parent with
_REVISION = re.compile(r"""^revision(?:: str)? = ["']([^"']+)["']$""", re.MULTILINE)
_DOWN_REVISION = re.compile(
    r"""^down_revision(?:: [^=]+)? = (?:["']([^"']+)["']|None)$""", re.MULTILINE
)


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


def scripted_head() -> str | None:
    """The head revision read from the version scripts' text, without Alembic; None when a
    script does not name its revisions as plain literals or the scripts have no single head."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
        if script.name == "__init__.py":
            continue
        text = script.read_text(encoding="utf-8")
        revision, down = _REVISION.findall(text), _DOWN_REVISION.search(text)
        if len(revision) != 1 or down is None:
            return None
        revisions.add(revision[0])
        if down.group(1):
            parents.add(down.group(1))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _stamped_revisions(db: StationDatabase) -> list[str]:
    """The revisions in the file's version table, read with plain SQL (none for a new file)."""
    with db.engine.connect() as conn:
        if not conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).first():
            return []
        rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars()
        return [str(r) for r in rows]


def upgrade(db: StationDatabase, backups_dir: Path, *, target: str = "head") -> MigrationResult:
    """Bring the file to ``target``: refuse unknown revisions, back up a non-empty file first."""
    if target == "head":  # the usual start-up: a file at head needs no Alembic at all
        head = scripted_head()
        if head is not None and _stamped_revisions(db) == [head]:
            return MigrationResult(head, head, None)
    from alembic.script import ScriptDirectory

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
