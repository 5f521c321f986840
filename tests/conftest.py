"""Shared fixtures: an in-memory keyring, fresh file-based stations, workers of each role."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from stationdesk.domain.roles import Role
from stationdesk.secrets.plainfile import MemoryKeyring
from stationdesk.services import auth, setup, workers
from stationdesk.services.actor import Actor
from stationdesk.services.station import Station

# Before any test module imports a helper, so their asserts report like a test's own.
pytest.register_assert_rewrite("tests.helpers")

ADMIN_PASSWORD = "admin-pass-1"
HEAD_PASSWORD = "head-pass-1"
WORKER_PASSWORD = "worker-pass-1"


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Every test gets its own in-memory keyring; no OS keychain is ever touched."""
    previous = keyring.get_keyring()
    kr = MemoryKeyring()
    keyring.set_keyring(kr)
    yield kr
    keyring.set_keyring(previous)


class FakeClock:
    """A settable UTC clock for lockout and deadline tests."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


@dataclass
class StationFixture:
    station: Station
    admin: Actor
    head: Actor
    worker: Actor
    clock: FakeClock


@dataclass(frozen=True)
class _Template:
    root: Path
    key_uid: str
    key: str
    admin: Actor
    head: Actor
    worker: Actor


@pytest.fixture(scope="session")
def _station_template(tmp_path_factory: pytest.TempPathFactory) -> _Template:
    """One station built once per run (argon2 is deliberately slow); tests get copies."""
    from stationdesk.secrets import keys
    from stationdesk.services.station import DB_KEY

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        root = tmp_path_factory.mktemp("template") / "station"
        st = setup.init_station(
            root,
            code="SY0101",
            name="星海社区党群服务站",
            admin_username="admin",
            admin_password=ADMIN_PASSWORD,
            admin_display_name="系统管理员",
        )
        admin = auth.login(st, "admin", ADMIN_PASSWORD)
        workers.add_worker(st, admin, "lihead", Role.HEAD, HEAD_PASSWORD, "李站长")
        workers.add_worker(st, admin, "wangfang", Role.WORKER, WORKER_PASSWORD, "王芳")
        head = auth.login(st, "lihead", HEAD_PASSWORD)
        worker = auth.login(st, "wangfang", WORKER_PASSWORD)
        key = keys.get_secret(st.uid, DB_KEY)
        uid = st.uid
        st.db.engine.dispose()
        raw = st.db.raw_connection()
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        raw.close()
        st.close()
    finally:
        keyring.set_keyring(previous)
    return _Template(root, uid, key, admin, head, worker)


@pytest.fixture
def station_dir(tmp_path: Path) -> Path:
    return tmp_path / "station"


@pytest.fixture
def station(
    station_dir: Path, _station_template: _Template, memory_keyring: MemoryKeyring
) -> Iterator[StationFixture]:
    """A new station on a real encrypted file, with an admin, a head and a worker."""
    import shutil

    from stationdesk.secrets import keys
    from stationdesk.services.station import DB_KEY, open_station

    t = _station_template
    shutil.copytree(t.root, station_dir)
    keys.put_secret(t.key_uid, DB_KEY, t.key)
    clock = FakeClock()
    st = open_station(station_dir, clock=clock)
    yield StationFixture(st, t.admin, t.head, t.worker, clock)
    st.close()
