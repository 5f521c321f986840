"""Daily rotating backups, restore and its sequence-floor flag, the district link, first run."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from stationdesk.secrets import keys
from stationdesk.services import backup, enrolment, firstrun, settings
from stationdesk.services.auth import login
from stationdesk.services.errors import InputError, PermissionDeniedError
from stationdesk.services.paths import (
    ENV_LOCATOR_FILE,
    default_data_dir,
    platform_data_dir,
    remembered_data_dir,
    station_exists,
)
from stationdesk.store.models import AuditRecord, Setting
from tests.conftest import ADMIN_PASSWORD

TOKEN = "enrol-0123456789abcdef"


def autos(station) -> list[str]:
    return sorted(p.name for p in station.paths.backups.glob("auto-*.db"))


# -- automatic backups ---------------------------------------------------------------------
def test_one_backup_a_day_and_only_the_newest_are_kept(station):
    st, clock = station.station, station.clock
    settings.set_setting(st, station.admin, "backup_keep", 3)
    first = backup.automatic_backup(st)
    assert first is not None and first.path.exists()
    assert backup.automatic_backup(st) is None, "a second start on the same day makes none"
    clock.advance(hours=23, minutes=59)
    assert backup.automatic_backup(st) is None
    made = [first.path.name]
    for _ in range(4):
        clock.advance(hours=24)
        info = backup.automatic_backup(st)
        assert info is not None
        made.append(info.path.name)
    assert autos(st) == made[-3:], "the three newest daily backups are kept"


def test_pruning_never_touches_upgrade_or_restore_copies(station):
    st, clock = station.station, station.clock
    settings.set_setting(st, station.admin, "backup_keep", 1)
    keep_me = [
        st.paths.backups / "pre-upgrade-0001-20200101T000000000000Z.db",
        st.paths.backups / "pre-restore-20200101T000000Z.db",
    ]
    for path in keep_me:
        path.write_bytes(b"old")
    backup.automatic_backup(st)
    clock.advance(days=1)
    backup.automatic_backup(st)
    assert len(autos(st)) == 1
    assert all(p.exists() for p in keep_me)
    kinds = [b.kind for b in backup.list_backups(st, station.admin)]
    assert sorted(kinds) == ["auto", "pre-restore", "pre-upgrade"]


def test_an_automatic_backup_is_a_real_encrypted_copy(station):
    st = station.station
    info = backup.automatic_backup(st)
    assert info is not None
    assert info.path.read_bytes()[:16] != b"SQLite format 3\x00"
    assert info.schema_revision is not None
    # it restores like any backup
    restored = backup.restore(st, station.admin, info.path)
    try:
        assert login(restored, "admin", ADMIN_PASSWORD).username == "admin"
    finally:
        restored.close()


def test_the_keep_setting_is_validated_and_admin_only(station):
    st = station.station
    for bad in (0, 366, "7", True):
        with pytest.raises(InputError):
            settings.set_setting(st, station.admin, "backup_keep", bad)
    with pytest.raises(PermissionDeniedError):
        settings.set_setting(st, station.worker, "backup_keep", 5)
    with pytest.raises(PermissionDeniedError):
        backup.list_backups(st, station.worker)


# -- restore and the certificate-sequence floor ------------------------------------------------
def test_a_restore_marks_the_station_as_needing_the_sequence_floor(station, tmp_path: Path):
    st = station.station
    assert settings.get_setting(st, "needs_sequence_floor") is False
    copy = tmp_path / "copy.db"
    backup.backup(st, station.admin, copy)
    restored = backup.restore(st, station.admin, copy)
    try:
        assert settings.get_setting(restored, "needs_sequence_floor") is True
        # an admin cannot clear it by hand: only sync may, after /hello
        with pytest.raises(InputError):
            settings.set_setting(restored, station.admin, "needs_sequence_floor", False)
        with restored.db.read_session() as s:
            actions = [r.action for r in s.scalars(select(AuditRecord).order_by(AuditRecord.seq))]
        assert actions[-2:] == ["station.restored", "setting.update"]
    finally:
        restored.close()


# -- the district link -------------------------------------------------------------------------
def test_the_district_token_goes_to_the_keyring_never_to_the_database(station):
    st = station.station
    link = enrolment.set_district_link(st, station.admin, " https://sync.example.com/ ", TOKEN)
    assert link == enrolment.DistrictLink("https://sync.example.com", True)
    assert settings.get_setting(st, "district_url") == "https://sync.example.com"
    assert keys.get_secret(st.uid, enrolment.SYNC_TOKEN) == TOKEN
    with st.db.read_session() as s:
        stored = json.dumps([r.value for r in s.scalars(select(Setting))])
        stored += json.dumps([r.details for r in s.scalars(select(AuditRecord))])
    assert TOKEN not in stored
    raw = st.paths.database.read_bytes()
    assert TOKEN.encode() not in raw


@pytest.mark.parametrize(
    ("url", "token", "field"),
    [
        ("https://sync.example.com", "", "district_token"),
        ("", TOKEN, "district_url"),
        ("ftp://sync.example.com", TOKEN, "district_url"),
        ("https://", TOKEN, "district_url"),
        ("https://sync.example.com?x=1", TOKEN, "district_url"),
        ("https://sync.example.com", "short", "district_token"),
        ("https://sync.example.com", "令牌令牌令牌令牌令牌", "district_token"),
    ],
)
def test_bad_district_links_are_refused(station, url, token, field):
    with pytest.raises(InputError) as err:
        enrolment.set_district_link(station.station, station.admin, url, token)
    assert err.value.field == field
    assert enrolment.district_link(station.station) == enrolment.DistrictLink("", False)


def test_only_an_admin_enrols_the_station(station):
    with pytest.raises(PermissionDeniedError):
        enrolment.set_district_link(
            station.station, station.head, "https://sync.example.com", TOKEN
        )


# -- the data folder -----------------------------------------------------------------------------
def test_the_data_folder_check(tmp_path: Path):
    assert firstrun.check_data_folder(tmp_path / "new" / "deeper") == tmp_path / "new" / "deeper"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert firstrun.check_data_folder(f"  {empty}  ") == empty
    leftovers = tmp_path / "leftovers"
    (leftovers / "logs").mkdir(parents=True)
    assert firstrun.check_data_folder(leftovers) == leftovers  # a failed first try left these
    (tmp_path / "file").write_text("x", encoding="utf-8")
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "private.xlsx").write_text("x", encoding="utf-8")
    for bad in ("", "relative/path", str(tmp_path / "file"), str(busy)):
        with pytest.raises(InputError) as err:
            firstrun.check_data_folder(bad)
        assert err.value.field == "data_dir"


def test_a_folder_that_cannot_be_written_is_refused(tmp_path: Path, monkeypatch):
    # (a read-only folder cannot be made here: the tests run as root)
    monkeypatch.setattr(firstrun, "_writable", lambda folder: False)
    with pytest.raises(InputError) as err:
        firstrun.check_data_folder(tmp_path / "station")
    assert "无法" in err.value.zh


def test_a_folder_holding_a_station_is_refused(station):
    with pytest.raises(InputError) as err:
        firstrun.check_data_folder(station.station.paths.root)
    assert err.value.zh == "该文件夹中已有站点。"


# -- first run ---------------------------------------------------------------------------------
def choices(data_dir: Path, **kw) -> firstrun.FirstRunChoices:
    values = {
        "code": "sy0404",
        "name": "海滨社区党群服务站",
        "admin_username": "chief",
        "admin_password": "chief-pass-1",
        "data_dir": data_dir,
    }
    values.update(kw)
    return firstrun.FirstRunChoices(**values)


def test_first_run_creates_the_station_with_its_link_and_remembers_the_folder(
    tmp_path: Path, monkeypatch
):
    locator = tmp_path / "config" / "data-folder.txt"
    monkeypatch.setenv(ENV_LOCATOR_FILE, str(locator))
    monkeypatch.delenv("STATIONDESK_DATA_DIR", raising=False)
    folder = tmp_path / "站点数据"
    st = firstrun.create_first_station(
        choices(folder, district_url="https://sync.example.com", district_token=TOKEN),
        remember_location=True,
    )
    try:
        assert station_exists(folder)
        assert enrolment.district_link(st) == enrolment.DistrictLink(
            "https://sync.example.com", True
        )
        assert locator.read_text(encoding="utf-8") == f"{folder}\n"
        assert remembered_data_dir() == folder and default_data_dir() == folder
        # the named environment variable still wins
        monkeypatch.setenv("STATIONDESK_DATA_DIR", str(tmp_path / "other"))
        assert default_data_dir() == tmp_path / "other"
    finally:
        st.close()


def test_first_run_in_the_platform_folder_needs_no_note(tmp_path: Path, monkeypatch):
    locator = tmp_path / "data-folder.txt"
    locator.write_text("/somewhere/old\n", encoding="utf-8")
    monkeypatch.setenv(ENV_LOCATOR_FILE, str(locator))
    import stationdesk.services.paths as station_module

    monkeypatch.setattr(station_module, "platform_data_dir", lambda: tmp_path / "platform")
    st = firstrun.create_first_station(choices(tmp_path / "platform"), remember_location=True)
    st.close()
    assert not locator.exists()


def test_nothing_is_created_when_a_choice_is_wrong(tmp_path: Path, monkeypatch):
    monkeypatch.setenv(ENV_LOCATOR_FILE, str(tmp_path / "data-folder.txt"))
    for bad in (
        {"district_url": "https://sync.example.com"},  # token missing
        {"code": "S!"},
        {"data_dir": Path("relative")},
    ):
        with pytest.raises(InputError):
            folder = bad.pop("data_dir", tmp_path / "st")
            firstrun.create_first_station(choices(folder, **bad), remember_location=True)
    assert not (tmp_path / "st").exists()
    assert not (tmp_path / "data-folder.txt").exists()


def test_a_broken_locator_falls_back_to_the_platform_folder(tmp_path: Path, monkeypatch):
    locator = tmp_path / "data-folder.txt"
    monkeypatch.setenv(ENV_LOCATOR_FILE, str(locator))
    monkeypatch.delenv("STATIONDESK_DATA_DIR", raising=False)
    for content in (b"", b"relative/path\n", b"\xff\xfe\x00garbage"):
        locator.write_bytes(content)
        assert default_data_dir() == platform_data_dir()
    locator.write_bytes("\ufeff/srv/站点\n".encode())
    assert remembered_data_dir() == Path("/srv/站点"), "a BOM (a Windows editor) is accepted"


def test_a_clock_set_back_still_gets_its_backup_and_keeps_it(station):
    """A clock set back (a dead CMOS battery): a backup 'from the future' does not block."""
    st, clock = station.station, station.clock
    settings.set_setting(st, station.admin, "backup_keep", 1)
    assert backup.automatic_backup(st) is not None
    clock.now -= timedelta(days=400)
    info = backup.automatic_backup(st)
    assert info is not None and info.path.exists(), "the backup just made is never pruned"
    assert autos(st) == [info.path.name]
