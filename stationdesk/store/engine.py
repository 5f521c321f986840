"""The SQLCipher-encrypted SQLite engine: keying, WAL, foreign keys, busy timeout, sessions."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker
from sqlcipher3 import dbapi2

BUSY_TIMEOUT_MS = 10_000
_HEX_KEY = re.compile(r"^[0-9a-f]{64}$")
PRIVATE_FILE_MODE = 0o600
PRIVATE_FOLDER_MODE = 0o700


class WrongKeyError(RuntimeError):
    """The database file cannot be read with the key we hold (or is not a database)."""


def connect_raw(path: Path, key_hex: str) -> dbapi2.Connection:
    """Open one keyed DB-API connection to an encrypted station file, with our pragmas set."""
    if not _HEX_KEY.match(key_hex):
        raise ValueError("the database key must be 64 lowercase hex characters")
    conn = dbapi2.connect(str(path), check_same_thread=False, isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")  # our own errors say it once, in words
    conn.execute(f"PRAGMA key = \"x'{key_hex}'\"")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi2.DatabaseError as exc:
        conn.close()
        raise WrongKeyError("the database file cannot be opened with this station's key") from exc
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return conn


def make_private(path: Path, mode: int = PRIVATE_FILE_MODE) -> None:
    """Give ``path`` a mode that lets its owner alone in (POSIX; on Windows the station
    folder's access list, inherited by everything in it, does this)."""
    if sys.platform != "win32":
        os.chmod(path, mode)


def create_private_file(path: Path) -> None:
    """Create ``path`` empty and private before anything is written to it.

    SQLite gives a database's -wal, -shm and journal files the mode of the database file, so
    those stay private too.
    """
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
    make_private(path)


class StationDatabase:
    """An open station database: one engine, a reader and a writer session factory."""

    def __init__(self, path: Path, key_hex: str) -> None:
        self.path = path
        self._key_hex = key_hex
        if not path.exists():
            with suppress(FileExistsError):  # a new file is private before SQLite writes to it
                create_private_file(path)
        connect_raw(path, key_hex).close()  # fail early on a wrong key
        self.engine = sa.create_engine(
            f"sqlite:///{path}",
            creator=lambda: connect_raw(path, key_hex),
            module=dbapi2,
            pool_size=5,
            max_overflow=10,
            hide_parameters=True,  # never echo personal data into errors or logs
        )
        event.listen(self.engine, "begin", _begin)
        self._writer = sessionmaker(
            bind=self.engine.execution_options(stationdesk_write=True), expire_on_commit=False
        )
        self._reader = sessionmaker(bind=self.engine, expire_on_commit=False)

    @contextmanager
    def write_session(self) -> Iterator[Session]:
        """A session whose transaction takes the write lock at BEGIN and commits on success."""
        with self._writer() as session, session.begin():
            yield session

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A session for reads; its snapshot lasts until the block ends; nothing is committed."""
        with self._reader() as session:
            yield session

    def raw_connection(self) -> dbapi2.Connection:
        """A new keyed DB-API connection (for backups and integrity checks); caller closes it."""
        return connect_raw(self.path, self._key_hex)

    def backup_to(self, target: Path) -> None:
        """Write an online, still-encrypted copy of the database to ``target``."""
        raw = self.raw_connection()
        try:
            backup_file(raw, target, self._key_hex)
        finally:
            raw.close()

    def dispose(self) -> None:
        """Close every pooled connection (before the file is replaced or removed)."""
        self.engine.dispose()


def _begin(conn: sa.Connection) -> None:
    options: dict[str, Any] = dict(conn.get_execution_options())
    conn.exec_driver_sql("BEGIN IMMEDIATE" if options.get("stationdesk_write") else "BEGIN")


def backup_file(source: dbapi2.Connection, target: Path, key_hex: str) -> None:
    """Copy an open keyed database to ``target`` with SQLite's online backup (stays encrypted)."""
    target.parent.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    create_private_file(partial)
    dest = dbapi2.connect(str(partial))
    try:
        dest.execute(f"PRAGMA key = \"x'{key_hex}'\"")
        source.backup(dest)
    finally:
        dest.close()
    partial.replace(target)
