"""Database shapes shared by the station store and the district server: UTC time, Alembic runs."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, DateTime, Engine, MetaData
from sqlalchemy.types import TypeDecorator

if TYPE_CHECKING:  # Alembic is imported where a migration runs, not on every start-up
    from alembic.config import Config


def utc_now() -> datetime:
    """The current time, UTC-aware."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime; naive values are refused.

    ``UTCDateTime()`` stores naive UTC (ISO text on SQLite, which has no timezone type);
    ``UTCDateTime(timezone=True)`` a ``timestamptz`` on PostgreSQL. Either reads back UTC-aware.
    """

    impl = DateTime
    cache_ok = True

    def __init__(self, timezone: bool = False) -> None:
        super().__init__(timezone=timezone)
        self.timezone = timezone

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use UTC-aware values")
        utc = value.astimezone(UTC)
        return utc if self.timezone else utc.replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# -- Alembic ---------------------------------------------------------------------------------


def alembic_config(migrations_dir: Path) -> Config:
    """An Alembic config pointing at a migrations folder (no ini file needed)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir))
    return cfg


def head_revision(migrations_dir: Path) -> str:
    """The newest schema revision of a migrations folder."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(migrations_dir)).get_current_head()
    assert head is not None
    return head


def known_revisions(migrations_dir: Path) -> set[str]:
    """Every schema revision of a migrations folder."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(migrations_dir))
    return {rev.revision for rev in script.walk_revisions()}


def current_revision(engine: Engine, *, version_table: str | None = None) -> str | None:
    """The revision stamped in the database, or None when it is empty."""
    from alembic.runtime.migration import MigrationContext

    opts = {"version_table": version_table} if version_table else {}
    with engine.connect() as conn:
        return MigrationContext.configure(conn, opts=opts).get_current_revision()


def upgrade_on(conn: Connection, migrations_dir: Path, target: str) -> None:
    """Run the migrations of a folder up to ``target`` on an open connection (its ``env.py``)."""
    from alembic import command

    cfg = alembic_config(migrations_dir)
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, target)


def run_migrations(
    target_metadata: MetaData, *, render_as_batch: bool, version_table: str | None = None
) -> None:
    """The body of a migrations ``env.py``: migrate the connection the caller passed in."""
    from alembic import context

    connection = context.config.attributes["connection"]
    options: dict[str, Any] = {"version_table": version_table} if version_table else {}
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=render_as_batch,
        compare_type=True,
        **options,
    )
    with context.begin_transaction():
        context.run_migrations()
