"""Create or upgrade the district database schema (its own Alembic tree)."""

from __future__ import annotations

from pathlib import Path

from stationdesk import dbkit

from .crypto import ensure_match_key
from .db import DistrictDatabase

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "district_alembic_version"


def head_revision() -> str:
    """The newest district schema revision this code knows."""
    return dbkit.head_revision(MIGRATIONS_DIR)


def current_revision(db: DistrictDatabase) -> str | None:
    """The revision stamped in the database, or None when it is empty."""
    return dbkit.current_revision(db.engine, version_table=VERSION_TABLE)


def upgrade(db: DistrictDatabase, target: str = "head") -> str:
    """Bring the database to ``target`` (creating every table on an empty one).

    At the head, the district's match key is made (or checked against the data key).
    """
    with db.engine.begin() as conn:
        dbkit.upgrade_on(conn, MIGRATIONS_DIR, target)
        if target == "head":
            ensure_match_key(db.vault, conn)
    revision = current_revision(db)
    assert revision is not None
    return revision
