from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from stationdesk.store import migrate
from stationdesk.store.engine import StationDatabase, WrongKeyError
from stationdesk.store.schema import metadata


@pytest.fixture
def db(tmp_path: Path):
    database = StationDatabase(tmp_path / "s.db", secrets.token_hex(32))
    yield database
    database.dispose()


def test_migrate_from_empty_reaches_head_and_matches_models(db: StationDatabase, tmp_path: Path):
    result = migrate.upgrade(db, tmp_path / "backups")
    assert result.from_revision is None
    assert result.to_revision == migrate.head_revision()
    assert result.backup is None  # nothing to back up in an empty file
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata())
    assert diff == [], f"models and migrations disagree: {diff}"


def test_a_backup_is_made_before_upgrading_an_older_file(db: StationDatabase, tmp_path: Path):
    first = "0001"
    migrate.upgrade(db, tmp_path / "backups", target=first)
    with db.write_session() as s:
        s.execute(text("INSERT INTO setting (key, value) VALUES ('marker', '{\"v\": 1}')"))
    result = migrate.upgrade(db, tmp_path / "backups")
    assert result.from_revision == first and result.to_revision == migrate.head_revision()
    assert result.backup is not None and result.backup.exists()
    # the backup is the old schema with the old data, still encrypted with the same key
    old = StationDatabase(result.backup, db._key_hex)
    try:
        assert migrate.current_revision(old) == first
        with old.read_session() as s:
            assert s.execute(text("SELECT key FROM setting")).scalar_one() == "marker"
            tables = {r[0] for r in s.execute(text("SELECT name FROM sqlite_master"))}
        assert "audit_record" not in tables
    finally:
        old.dispose()
    assert result.backup.read_bytes()[:16] != b"SQLite format 3\x00"


def test_a_database_from_a_newer_version_is_refused(db: StationDatabase, tmp_path: Path):
    migrate.upgrade(db, tmp_path / "backups")
    with db.write_session() as s:
        s.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(migrate.DatabaseTooNewError) as err:
        migrate.upgrade(db, tmp_path / "backups")
    assert "9999_future" in str(err.value)
    assert not (tmp_path / "backups").exists() or not any((tmp_path / "backups").iterdir())


def test_downgrade_to_base_and_back(db: StationDatabase, tmp_path: Path):
    from alembic import command

    migrate.upgrade(db, tmp_path / "b")
    cfg = migrate.alembic_config()
    with db.engine.execution_options(stationdesk_write=True).begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    assert migrate.current_revision(db) is None
    migrate.upgrade(db, tmp_path / "b")
    assert migrate.current_revision(db) == migrate.head_revision()


def test_wrong_key_is_refused(tmp_path: Path):
    path = tmp_path / "s.db"
    good = StationDatabase(path, secrets.token_hex(32))
    migrate.upgrade(good, tmp_path / "b")
    good.dispose()
    with pytest.raises(WrongKeyError):
        StationDatabase(path, secrets.token_hex(32))


def test_pragmas_are_set(db: StationDatabase):
    with db.read_session() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_grids_buildings_and_visits_held_before_0009_are_queued_for_the_district(
    db: StationDatabase, tmp_path: Path
):
    from stationdesk.services.sync_entities.places import BuildingHandler, GridHandler
    from stationdesk.services.sync_entities.visit import VisitHandler

    migrate.upgrade(db, tmp_path / "b", target="0008")
    at = "2026-03-02 01:30:05.123456"
    with db.write_session() as s:
        for sql in (
            "INSERT INTO worker (id, username, display_name, role, password_hash, active, "
            "failed_logins, created_at, updated_at, version) "
            f"VALUES ('w1', 'wang', '王芳', 'worker', 'x', 1, 0, '{at}', '{at}', 1)",
            "INSERT INTO resident (id, name, id_type, phones, tags, sensitive_tags, created_at, "
            f"updated_at, version) VALUES ('r1', '李强', 'resident_id', '[]', '[]', '[]', "
            f"'{at}', '{at}', 1)",
            "INSERT INTO grid (id, code, name) VALUES ('g1', 'G01', '东区网格')",
            "INSERT INTO building (id, name, grid_id) VALUES ('b2', '5栋', NULL)",
            "INSERT INTO building (id, name, grid_id) VALUES ('b1', '3栋', 'g1')",
            "INSERT INTO visit (id, resident_id, purpose, worker_id, at) "
            f"VALUES ('v1', 'r1', '咨询低保', 'w1', '{at}')",
        ):
            s.execute(text(sql))
    migrate.upgrade(db, tmp_path / "b")
    handlers = {"grid": GridHandler(), "building": BuildingHandler(), "visit": VisitHandler()}
    with db.read_session() as s:
        queued = s.execute(
            text("SELECT entity, entity_id, kind, payload, base_version FROM outbox ORDER BY seq")
        ).all()
        # each op's payload is the record the station's handler reads from the row
        held = {(e, i): handlers[e].load(s, i) for e, i, *_ in queued}
    assert [(e, i, k, b) for e, i, k, _p, b in queued] == [
        ("grid", "g1", "create", None),
        ("building", "b1", "create", None),
        ("building", "b2", "create", None),
        ("visit", "v1", "create", None),
    ]
    for entity, entity_id, _kind, payload, _base in queued:
        record = held[(entity, entity_id)]
        assert record is not None and record.version == 1
        assert json.loads(payload) == record.data
    assert json.loads(queued[3][3])["at"] == "2026-03-02T01:30:05.123456+00:00"
