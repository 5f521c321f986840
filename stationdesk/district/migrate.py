"""Create or upgrade the district database schema (its own Alembic tree)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from .db import DistrictDatabase

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "district_alembic_version"


def alembic_config() -> Config:
    """An Alembic config pointing at the district migrations (no ini file needed)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    """The newest district schema revision this code knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: DistrictDatabase) -> str | None:
    """The revision stamped in the database, or None when it is empty."""
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
        return ctx.get_current_revision()


def upgrade(db: DistrictDatabase, target: str = "head") -> str:
    """Bring the database to ``target`` (creating every table on an empty one)."""
    cfg = alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
    revision = current_revision(db)
    assert revision is not None
    return revision
