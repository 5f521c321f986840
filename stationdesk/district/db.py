"""The district database: engine for PostgreSQL (or SQLite for a trial), sessions, positions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from .crypto import VAULT_INFO, DataKeyProvider, Vault, ensure_match_key, keys_from_settings

SQLITE_MAX_TXID = 2**62

# The lowest in-progress transaction id of the current snapshot that is not known to belong to
# another database (its owner holds the ExclusiveLock on its own id), else the snapshot's xmax.
# A transaction that cannot be placed counts as ours, so the bound only errs on the safe side.
_SAFE_BOUND_SQL = """
WITH snap AS (SELECT pg_current_snapshot() AS s),
elsewhere AS (
    SELECT l.transactionid AS x
    FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
    WHERE l.locktype = 'transactionid' AND l.mode = 'ExclusiveLock' AND l.granted
      AND a.datid <> (SELECT oid FROM pg_database WHERE datname = current_database())
)
SELECT coalesce(
    (SELECT min(x::text::bigint) FROM snap, pg_snapshot_xip(snap.s) AS x
     WHERE x::xid NOT IN (SELECT e.x FROM elsewhere e)),
    (SELECT pg_snapshot_xmax(snap.s)::text::bigint FROM snap)
)
"""


def normalize_url(url: str) -> str:
    """Accept ``postgresql://`` and ``postgres://`` URLs and use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def is_sqlite(url: str) -> bool:
    """Whether the URL names an SQLite file (the one-machine trial)."""
    return url.startswith("sqlite")


class DistrictDatabase:
    """An open district database with a session factory, and the vault its sessions seal with.

    ``keys``: the data keys (by default those the settings name; without any, DataKeyError).
    """

    def __init__(
        self, url: str, *, pool_size: int = 10, keys: DataKeyProvider | None = None
    ) -> None:
        self.vault = Vault(keys if keys is not None else keys_from_settings())
        self.url = normalize_url(url)
        self.sqlite = is_sqlite(self.url)
        if self.sqlite:
            self.engine = sa.create_engine(
                self.url,
                connect_args={"check_same_thread": False, "timeout": 30},
                hide_parameters=True,
            )
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", _sqlite_begin)
        else:
            self.engine = sa.create_engine(
                self.url,
                pool_size=pool_size,
                max_overflow=pool_size,
                pool_pre_ping=True,
                hide_parameters=True,
            )
        self._sessions = sessionmaker(
            bind=self.engine, expire_on_commit=False, info={VAULT_INFO: self.vault}
        )

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: commits when the block ends, rolls back on error."""
        with self._sessions() as s, s.begin():
            yield s

    def check_data_key(self) -> None:
        """Make sure the data key opens this database's data (DataKeyError otherwise).

        On a database without a match key yet (``init-db`` before this version), one is made.
        """
        with self.engine.begin() as conn:
            ensure_match_key(self.vault, conn)

    def txid(self, session: Session) -> int:
        """The current transaction's id (assigning one); 0 on SQLite (writes are serial)."""
        if self.sqlite:
            return 0
        return int(
            session.execute(sa.text("SELECT pg_current_xact_id()::text::bigint")).scalar_one()
        )

    def safe_txid_bound(self, session: Session) -> int:
        """Every change-log row with a smaller txid is committed or gone for good.

        The oldest transaction still running in this database bounds what may be served; one
        running in another database of the same cluster cannot write here, so it is left out
        (else any long transaction elsewhere on the cluster would hold every pull back).
        """
        if self.sqlite:
            return SQLITE_MAX_TXID
        value = session.execute(sa.text(_SAFE_BOUND_SQL)).scalar_one()
        return int(value)

    def dispose(self) -> None:
        """Close pooled connections."""
        self.engine.dispose()


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _sqlite_begin(conn: sa.Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")
