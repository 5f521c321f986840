"""Personal data never lands on disk in the clear: database, WAL, backups, logs."""

from __future__ import annotations

import logging
from pathlib import Path

from stationdesk.services import backup
from stationdesk.store.models import Setting
from tests.conftest import StationFixture

ID_NUMBER = "11010519491231002X"
PHONE = "13912345678"


def encodings(value: str) -> list[bytes]:
    return [value.encode("utf-8"), value.encode("utf-16-le"), value.encode("utf-16-be")]


def files_under(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def test_known_values_are_not_in_any_station_file(station: StationFixture, tmp_path: Path):
    st = station.station
    with st.db.write_session() as s:
        s.add(Setting(key="probe", value={"id": ID_NUMBER, "phone": PHONE}))
    # the WAL still holds the write (no checkpoint yet); take a backup and write a log line too
    wal = Path(str(st.paths.database) + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    out = tmp_path / "b.db"
    backup.backup(st, station.admin, out)
    logging.getLogger("stationdesk.test").error("a failure while saving a resident")
    # the value is really there when read through the key
    with st.db.read_session() as s:
        assert s.get(Setting, "probe").value["id"] == ID_NUMBER  # type: ignore[union-attr]
    candidates = [*files_under(st.paths.root), out]
    assert st.paths.database in candidates and wal in candidates
    for path in candidates:
        data = path.read_bytes()
        for needle in (*encodings(ID_NUMBER), *encodings(PHONE)):
            assert needle not in data, f"{needle!r} found in plaintext in {path}"
    assert not st.paths.database.read_bytes().startswith(b"SQLite format 3")


def test_the_scan_would_see_plaintext(tmp_path: Path):
    # guard against a scan that can never fail: an unencrypted SQLite file does show the value
    import sqlite3

    plain = tmp_path / "plain.db"
    conn = sqlite3.connect(plain)
    conn.execute("CREATE TABLE t (v TEXT)")
    conn.execute("INSERT INTO t VALUES (?)", (ID_NUMBER,))
    conn.commit()
    conn.close()
    assert ID_NUMBER.encode() in plain.read_bytes()


def test_resident_intake_leaves_no_plaintext(station: StationFixture, tmp_path: Path):
    from stationdesk.services import residents

    st = station.station
    residents.add_building(st, station.worker, "3栋")
    card = residents.register_resident(
        st,
        station.worker,
        residents.ResidentInput(
            name="王芳", id_number=ID_NUMBER, phones=(PHONE,), building="3栋", room="502"
        ),
    )
    residents.reveal_resident(st, station.worker, card.row.id, "核对")
    residents.edit_resident(st, station.worker, card.row.id, {"phones": [PHONE, "13900000000"]})
    out = tmp_path / "after-intake.db"
    backup.backup(st, station.admin, out)
    for path in [*files_under(st.paths.root), out]:
        data = path.read_bytes()
        for needle in (*encodings(ID_NUMBER), *encodings(PHONE), *encodings(ID_NUMBER[-6:])):
            assert needle not in data, f"{needle!r} in plaintext in {path}"
