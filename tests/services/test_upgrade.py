"""An upgrade over an older version: the station's file is backed up, migrated, and intact.

Two old stations: one taken back to the revision before head with an Alembic downgrade (so a
real migration step always runs), and a file stored from release 0.1.0 (schema 0002), which
every later schema must still open. Regenerate that file only for a new release:
``.venv/bin/python -m tests.services.test_upgrade tests/fixtures/station-v0.1.0``.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory

from stationdesk.domain.roles import Role
from stationdesk.secrets import keys
from stationdesk.services import audit, settings, workers
from stationdesk.services.auth import login
from stationdesk.services.station import DB_KEY, open_station
from stationdesk.store import migrate
from stationdesk.store.engine import StationDatabase
from tests.conftest import ADMIN_PASSWORD, WORKER_PASSWORD

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "station-v0.1.0"


def previous_revision() -> str:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    down = script.get_revision(migrate.head_revision()).down_revision
    assert down, "the schema has a single revision: nothing to upgrade from"
    return down if isinstance(down, str) else sorted(down)[0]


def downgrade(db: StationDatabase, target: str) -> None:
    cfg = migrate.alembic_config()
    with db.engine.execution_options(stationdesk_write=True).begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, target)


def facts(st) -> dict:
    """What must survive an upgrade: who the station is, its accounts, its settings."""
    admin = login(st, "admin", ADMIN_PASSWORD)
    return {
        "station": settings.station_info(st),
        "workers": [(w.username, w.role, w.active) for w in workers.list_workers(st, admin)],
        "idle": settings.get_setting(st, "idle_lock_minutes"),
    }


def test_a_station_at_the_previous_revision_is_backed_up_and_migrated(station):
    st = station.station
    workers.add_worker(st, station.admin, "zhaoli", Role.WORKER, "zhao-pass-1", "赵丽")
    settings.set_setting(st, station.admin, "idle_lock_minutes", 25)
    before = facts(st)
    data_dir, key = st.paths.root, keys.get_secret(st.uid, DB_KEY)
    st.close()
    old = previous_revision()
    db = StationDatabase(data_dir / "station.db", key)
    downgrade(db, old)
    assert migrate.current_revision(db) == old
    db.dispose()

    upgraded = open_station(data_dir, clock=station.clock)  # what the new version does at start
    try:
        assert upgraded.migration.from_revision == old
        assert upgraded.migration.to_revision == migrate.head_revision()
        assert migrate.current_revision(upgraded.db) == migrate.head_revision()
        assert facts(upgraded) == before
        assert login(upgraded, "wangfang", WORKER_PASSWORD).role is Role.WORKER
        pre = upgraded.migration.backup
        assert pre is not None and pre.exists() and pre.parent == upgraded.paths.backups
        assert pre.name.startswith(f"pre-upgrade-{old}-")
        copy = StationDatabase(pre, key)  # the old file, as it was, still encrypted
        try:
            assert migrate.current_revision(copy) == old
        finally:
            copy.dispose()
        assert pre.read_bytes()[:16] != b"SQLite format 3\x00"
    finally:
        upgraded.close()


def test_the_0_1_0_station_file_opens_intact_with_this_version(tmp_path: Path):
    data_dir = tmp_path / "station"
    shutil.copytree(FIXTURE, data_dir, ignore=shutil.ignore_patterns("key.txt", "README.md"))
    uid = json.loads((data_dir / "station.json").read_text(encoding="utf-8"))["station_uid"]
    keys.put_secret(uid, DB_KEY, (FIXTURE / "key.txt").read_text(encoding="utf-8").strip())
    st = open_station(data_dir)
    try:
        assert st.migration.from_revision == "0002"
        assert st.migration.to_revision == migrate.head_revision()
        if migrate.head_revision() != "0002":
            assert st.migration.backup is not None and st.migration.backup.exists()
        info = settings.station_info(st)
        assert (info.code, info.name) == ("SY0101", "星海社区党群服务站")
        admin = login(st, "admin", ADMIN_PASSWORD)
        assert [w.username for w in workers.list_workers(st, admin)] == ["admin", "wangfang"]
        assert login(st, "wangfang", WORKER_PASSWORD).display_name == "王芳"
        assert settings.get_setting(st, "idle_lock_minutes") == 15
        report = audit.verify_audit(st, admin)
        assert report.intact and report.records >= 5
    finally:
        st.close()


def make_fixture(dest: Path) -> None:  # pragma: no cover - run by hand for a release
    import keyring

    from stationdesk.secrets.plainfile import MemoryKeyring
    from stationdesk.services.setup import init_station

    keyring.set_keyring(MemoryKeyring())
    st = init_station(
        dest,
        code="SY0101",
        name="星海社区党群服务站",
        admin_username="admin",
        admin_password=ADMIN_PASSWORD,
        admin_display_name="系统管理员",
    )
    admin = login(st, "admin", ADMIN_PASSWORD)
    workers.add_worker(st, admin, "wangfang", Role.WORKER, WORKER_PASSWORD, "王芳")
    settings.set_setting(st, admin, "idle_lock_minutes", 15)
    key = keys.get_secret(st.uid, DB_KEY)
    raw = st.db.raw_connection()
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    st.close()
    for leftover in ("station.db-wal", "station.db-shm"):
        (dest / leftover).unlink(missing_ok=True)
    for folder in ("backups", "logs", "exports"):
        shutil.rmtree(dest / folder, ignore_errors=True)
    (dest / "key.txt").write_text(key + "\n", encoding="utf-8")
    (dest / "README.md").write_text(
        "A station made by stationdesk 0.1.0 (schema 0002) for tests/services/test_upgrade.py.\n"
        "key.txt is its database key: a throw-away test key, used nowhere else.\n",
        encoding="utf-8",
    )


if __name__ == "__main__":  # pragma: no cover
    make_fixture(Path(sys.argv[1]))
