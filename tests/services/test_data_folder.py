"""The data folder is private to its user (0700/0600, icacls on Windows) and free of leftovers."""

from __future__ import annotations

import os
import stat
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2

from stationdesk.secrets import keys
from stationdesk.services import backup, data_folder, firstrun
from stationdesk.services.auth import login
from stationdesk.services.station import DB_KEY, StationPaths, open_station
from stationdesk.store.engine import backup_file, connect_raw

posix = pytest.mark.skipif(data_folder.WINDOWS, reason="POSIX modes")

OLD = time.time() - 3600  # an hour ago: long enough for any write to have ended


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The common 022 umask, under which files are 0644 unless the code says otherwise."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def modes(paths: list[Path]) -> dict[str, str]:
    return {p.name: oct(mode(p)) for p in paths}


@posix
def test_a_new_station_is_private_to_its_user(tmp_path: Path):
    chosen = tmp_path / "chosen"
    chosen.mkdir(mode=0o755)  # the user picked an existing, empty folder in the wizard
    st = firstrun.create_first_station(
        firstrun.FirstRunChoices(
            code="SY0505",
            name="海滨社区党群服务站",
            admin_username="chief",
            admin_password="chief-pass-1",
            data_dir=chosen,
        ),
        remember_location=False,
    )
    try:
        paths = st.paths
        auto = backup.automatic_backup(st)
        assert auto is not None
        copy = tmp_path / "copy.db"
        backup.backup(st, login(st, "chief", "chief-pass-1"), copy)
        wal, shm = Path(f"{paths.database}-wal"), Path(f"{paths.database}-shm")
        assert wal.exists() and shm.exists(), "the station is open in WAL mode"
        folders = [paths.root, *paths.folders]
        assert modes(folders) == dict.fromkeys([p.name for p in folders], "0o700")
        files = [paths.config, paths.database, wal, shm, auto.path, copy]
        assert modes(files) == dict.fromkeys([p.name for p in files], "0o600")
    finally:
        st.close()


@posix
def test_an_older_station_is_made_private_when_it_opens(station, tmp_path: Path):
    st = station.station
    paths = st.paths
    backup.automatic_backup(st)
    st.close()
    (paths.logs / "stationdesk.log").write_text("started\n", encoding="utf-8")
    (paths.exports / "2026").mkdir()
    (paths.exports / "2026" / "case-report.pdf").write_bytes(b"%PDF")
    outside = tmp_path / "outside.txt"
    outside.write_text("not the station's", encoding="utf-8")
    (paths.exports / "link.txt").symlink_to(outside)
    notes = paths.root / "notes.txt"  # the user's own file beside the station's
    notes.write_text("x", encoding="utf-8")
    for dirpath, _dirs, files in os.walk(paths.root):  # as an older version left it
        os.chmod(dirpath, 0o755)
        for name in files:
            os.chmod(Path(dirpath, name), 0o644)  # through the link: outside.txt too

    reopened = open_station(paths.root, clock=station.clock)
    try:
        wal, shm = Path(f"{paths.database}-wal"), Path(f"{paths.database}-shm")
        assert wal.exists() and shm.exists(), "made anew by the open station"
        folders = [paths.root, *paths.folders, paths.exports / "2026"]
        assert modes(folders) == dict.fromkeys([p.name for p in folders], "0o700")
        files = [
            paths.config,
            paths.database,
            wal,
            shm,
            *paths.backups.glob("auto-*.db"),
            paths.logs / "stationdesk.log",
            paths.exports / "2026" / "case-report.pdf",
        ]
        assert len(files) == 7
        assert modes(files) == dict.fromkeys([p.name for p in files], "0o600")
        assert mode(notes) == 0o644, "a file that is not the station's is left alone"
        assert mode(outside) == 0o644, "a symbolic link is not followed"
    finally:
        reopened.close()


@posix
def test_leftovers_of_interrupted_writes_are_removed_at_start(station):
    st = station.station
    paths = st.paths
    complete = [
        backup.automatic_backup(st).path,  # type: ignore[union-attr]
        paths.backups / "pre-restore-20260101T000000Z.db",
        paths.backups / "pre-upgrade-0002-20260101T000000000000Z.db",
    ]
    st.db.backup_to(complete[1])
    st.db.backup_to(complete[2])
    # a pre-restore copy interrupted half-way, by the code that writes them
    key = keys.get_secret(st.uid, DB_KEY)
    broken = connect_raw(paths.database, key)
    broken.close()
    with pytest.raises(dbapi2.Error):  # the copy fails half-way
        backup_file(broken, paths.backups / "pre-restore-20260102T000000Z.db", key)
    leftovers = [
        paths.backups / "pre-restore-20260102T000000Z.db.partial",
        paths.backups / "auto-20260102T000000Z.db.partial",
        paths.backups / "pre-upgrade-0003-20260102T000000000000Z.db.partial",
        paths.exports / "case-report-SY0101-20260101-20260131.pdf.partial",
        paths.restoring,
    ]
    for path in leftovers[1:]:
        path.write_bytes(b"half")
    being_written = paths.backups / "auto-20260303T000000Z.db.partial"
    being_written.write_bytes(b"in progress")
    for path in [*complete, *leftovers]:
        os.utime(path, (OLD, OLD))
    st.close()

    reopened = open_station(paths.root, clock=station.clock)
    try:
        assert [p.name for p in leftovers if p.exists()] == []
        assert all(p.exists() for p in complete), "a complete backup is never removed"
        assert being_written.exists(), "a copy still being written is left to its writer"
        kinds = sorted(b.kind for b in backup.list_backups(reopened, station.admin))
        assert kinds == ["auto", "pre-restore", "pre-upgrade"]
    finally:
        reopened.close()


@posix
def test_a_restore_leaves_a_private_database(station, tmp_path: Path):
    st = station.station
    source = tmp_path / "copy.db"
    backup.backup(st, station.admin, source)
    os.chmod(source, 0o644)  # e.g. copied back from a USB stick
    restored = backup.restore(st, station.admin, source)
    try:
        assert mode(restored.paths.database) == 0o600
        assert mode(next(restored.paths.backups.glob("pre-restore-*.db"))) == 0o600
    finally:
        restored.close()


# -- Windows: the command is built and run once at creation (it cannot run here) -------------
def test_the_windows_command_leaves_the_user_alone_in_the_folder():
    command = data_folder.restrict_command(Path(r"C:\Users\li\station"), r"DESK\li")
    assert command == [
        "icacls",
        r"C:\Users\li\station",
        "/inheritance:r",
        "/grant:r",
        r"DESK\li:(OI)(CI)F",
        "/Q",
    ]


def test_on_windows_the_folder_is_restricted_once_before_anything_is_made_in_it(
    tmp_path: Path, monkeypatch
):
    calls = []

    def fake_run(command, **kw):
        calls.append((command, sorted(p.name for p in paths.root.iterdir())))
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(data_folder, "WINDOWS", True)
    monkeypatch.setattr(data_folder, "_run", fake_run)
    monkeypatch.setenv("USERDOMAIN", "DESK")
    monkeypatch.setenv("USERNAME", "li")
    paths = StationPaths(tmp_path / "station")
    data_folder.create_private_folders(paths)
    assert calls == [(data_folder.restrict_command(paths.root, r"DESK\li"), [])]
    assert all(folder.is_dir() for folder in paths.folders)
    data_folder.tighten(paths)  # POSIX modes mean nothing there; the access list does it
    assert len(calls) == 1


def test_a_failing_icacls_is_logged_and_the_station_still_made(tmp_path: Path, monkeypatch, caplog):
    def failing(command, **kw):
        raise FileNotFoundError("icacls")

    monkeypatch.setattr(data_folder, "WINDOWS", True)
    monkeypatch.setattr(data_folder, "_run", failing)
    paths = StationPaths(tmp_path / "station")
    data_folder.create_private_folders(paths)
    assert all(folder.is_dir() for folder in paths.folders)
    assert "could not restrict" in caplog.text


def test_log_files_are_private_from_the_start(tmp_path: Path) -> None:
    """The log and every rotated log are 0600 when created, not only at the next open."""
    import logging
    import logging.handlers

    from stationdesk.entry import configure_logging

    logs = tmp_path / "logs"
    logs.mkdir()
    old = os.umask(0o022)
    root = logging.getLogger()
    before = list(root.handlers)
    # pytest keeps a FileHandler of its own on the root logger, which configure_logging
    # takes for an already configured log: set it aside for this test
    pytest_files = [h for h in before if isinstance(h, logging.FileHandler)]
    for h in pytest_files:
        root.removeHandler(h)
    try:
        configure_logging(tmp_path)
        added = [h for h in root.handlers if h not in before]
        assert added, "no log handler was installed"
        handler = added[0]
        assert isinstance(handler, logging.handlers.RotatingFileHandler)
        handler.emit(logging.makeLogRecord({"msg": "hello"}))
        handler.doRollover()
        handler.emit(logging.makeLogRecord({"msg": "again"}))
    finally:
        os.umask(old)
        for h in root.handlers[:]:
            if h not in before:
                root.removeHandler(h)
                h.close()
        for h in pytest_files:
            root.addHandler(h)
    files = sorted(logs.iterdir())
    assert len(files) == 2
    for f in files:
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f.name
