"""Health report of a station: integrity checks, versions and paths."""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass, field

import sqlalchemy

import stationdesk
from stationdesk.domain.roles import Permission
from stationdesk.secrets import keys
from stationdesk.store import migrate

from .actor import Actor
from .audit import verify_audit
from .station import Station


@dataclass(frozen=True)
class DoctorReport:
    """What ``stationdesk doctor`` found."""

    ok: bool
    checks: dict[str, str]
    versions: dict[str, str]
    paths: dict[str, str]
    problems: list[str] = field(default_factory=list)


def doctor(station: Station, actor: Actor) -> DoctorReport:
    """Run the database integrity check and the audit chain check; gather versions and paths."""
    problems: list[str] = []
    raw = station.db.raw_connection()
    try:
        integrity = ", ".join(r[0] for r in raw.execute("PRAGMA integrity_check").fetchall())
        cipher = [r[0] for r in raw.execute("PRAGMA cipher_integrity_check").fetchall()]
        sqlite_version = raw.execute("SELECT sqlite_version()").fetchone()[0]
        cipher_version = raw.execute("PRAGMA cipher_version").fetchone()[0]
    finally:
        raw.close()
    if integrity != "ok":
        problems.append(f"database integrity: {integrity}")
    if cipher:
        problems.append(f"encrypted page check: {'; '.join(cipher)}")
    audit = verify_audit(station, actor) if actor.can(Permission.VERIFY_AUDIT) else None
    checks = {
        "database": integrity,
        "encryption": "ok" if not cipher else "failed",
        "schema": f"{migrate.current_revision(station.db)} (code head {migrate.head_revision()})",
        "keyring": keys.backend_name(),
    }
    if audit is not None:
        checks["audit_chain"] = (
            f"intact ({audit.records} records)" if audit.intact else f"broken at {audit.broken_at}"
        )
        if not audit.intact:
            problems.append(f"audit chain broken at record {audit.broken_at}: {audit.reason}")
    versions = {
        "stationdesk": stationdesk.__version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "sqlite": str(sqlite_version),
        "sqlcipher": str(cipher_version),
        "sqlalchemy": sqlalchemy.__version__,
    }
    paths = {
        "data": str(station.paths.root),
        "database": str(station.paths.database),
        "backups": str(station.paths.backups),
        "logs": str(station.paths.logs),
    }
    return DoctorReport(not problems, checks, versions, paths, problems)
