"""Personal data sealed at rest on the district: keys, envelopes, matching by HMAC, rotation."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from stationdesk.district import migrate, service
from stationdesk.district.crypto import (
    DataKeyError,
    KeyRing,
    SealError,
    Vault,
    key_id,
    keys_from_settings,
    read_key_file,
    records_by_id_number,
    rotate_data_key,
    write_key_file,
)
from stationdesk.district.db import DistrictDatabase
from stationdesk.district.models import Conflict, DistrictStation, Record
from stationdesk.district.service import attachments
from stationdesk.district.settings import DistrictSettings
from stationdesk.sync.protocol import Op

from .harness import DATA_KEY_ENV, DATA_KEY_FILE_ENV, TEST_DATA_KEY, free_port, pg_dump

pytestmark = pytest.mark.postgres

KEY_A = base64.b64decode(TEST_DATA_KEY)  # the tests' key: every fresh database is made with it
KEY_B = bytes(range(32))
NAME, ID_NUMBER, PHONE = "慕容雪飏", "11010119900307109X", "13987654321"
OTHER_PHONE, THIRD_PHONE = "13511112222", "13633334444"
REPORTER, REPORTER_PHONE = "东方既白", "13722223333"


def _op(seq: int, entity: str, entity_id: str, kind: str, payload: dict[str, Any], **kw: Any) -> Op:
    base = {
        "seq": seq,
        "op_id": f"op-{seq}",
        "entity": entity,
        "entity_id": entity_id,
        "kind": kind,
        "payload": payload,
        "station_time": "2026-03-02T00:00:00Z",
        **kw,
    }
    return Op.model_validate(base)


def _conflicting_edit(seq: int) -> Op:
    edit = {"phones": {"old": [PHONE], "new": [THIRD_PHONE]}}
    return _op(seq, "resident", "r1", "update", edit, base_version=1)


def _seed(db: DistrictDatabase) -> DistrictStation:
    """A station's push of residents (one edited twice from one base: a conflict), a
    certificate and a referred case, all carrying personal fields."""
    token = service.add_station(db, "SY0101", "甲站").token
    station = service.station_for_token(db, token, "SY0101")
    person = {"name": NAME, "id_type": "RESIDENT_ID", "id_number": ID_NUMBER, "phones": [PHONE]}
    ops = [
        _op(1, "resident", "r1", "create", {**person, "building": "3栋", "note": "独居"}),
        _op(2, "resident", "r2", "create", {**person, "id_number": " 11010119900307109x "}),
        _op(3, "resident", "r3", "create", {"name": "张三", "id_number": "110101199001011237"}),
        _op(
            4,
            "resident",
            "r1",
            "update",
            {"phones": {"old": [PHONE], "new": [OTHER_PHONE]}},
            base_version=1,
        ),
        _conflicting_edit(5),
        _op(
            6,
            "certificate",
            "c1",
            "issue",
            {
                "number": "SY0101-000001",
                "sequence": 1,
                "type_code": "RESIDENCE",
                "holder_name": NAME,
                "holder_id_number": ID_NUMBER,
                "fields": {"since_date": "2020-01-01"},
            },
        ),
        _op(
            7,
            "case",
            "k1",
            "create",
            {
                "number": "SY0101-C-000001",
                "summary": "楼道灯不亮",
                "reporter_name": REPORTER,
                "reporter_phone": REPORTER_PHONE,
                "address": "3栋2单元",
                "state": "REGISTERED",
            },
        ),
        _op(
            8,
            "case",
            "k1",
            "act",
            {
                "action": "refer",
                "department": "STREET_CIVIL_AFFAIRS",
                "note": f"请联系{REPORTER} {REPORTER_PHONE}",
                "event_id": "e1",
                "to": "REFERRED",
            },
        ),
    ]
    resp = service.push(db, station, ops)
    assert [r.status for r in resp.results] == ["applied"] * 4 + ["conflict"] + ["applied"] * 3
    return station


def _served(db: DistrictDatabase, station: DistrictStation) -> dict[str, Any]:
    """What the district serves and shows of its data (through the vault)."""
    pulled = service.pull(db, station, None, 1000)
    snap = service.snapshot(db, station, None, None, 1000)
    with db.session() as s:
        conflicts = [
            (c.field, c.local_value, c.server_value, c.applied_value)
            for c in s.scalars(select(Conflict).order_by(Conflict.id))
        ]
        hmacs = dict(s.execute(select(Record.entity_id, Record.id_hmac)).all())
    return {
        "pull": [(c.entity_id, c.version, c.data) for c in pulled.changes],
        "snapshot": [(c.entity_id, c.version, c.data) for c in snap.records],
        "scope": service.scope_hash(db, station).model_dump(),
        "conflicts": conflicts,
        "hmacs": hmacs,
    }


# -- keys and envelopes ----------------------------------------------------------------------


def test_an_envelope_opens_only_under_a_known_key_and_in_the_place_it_was_sealed_for():
    vault = Vault(KeyRing([KEY_A]))
    sealed = vault.seal({"name": NAME}, "data", "resident", "r1")
    assert sealed.startswith(f"enc:v1:{key_id(KEY_A)}:") and NAME not in sealed
    assert vault.open(sealed, "data", "resident", "r1") == {"name": NAME}
    assert vault.seal({"name": NAME}, "data", "resident", "r1") != sealed  # a fresh nonce
    with pytest.raises(SealError):
        vault.open(sealed, "data", "resident", "r2")  # copied to another record
    with pytest.raises(SealError):
        vault.open(sealed, "data", "case", "r1")
    flipped = sealed[:-3] + ("A" if sealed[-3] != "A" else "B") + sealed[-2:]
    with pytest.raises(SealError):
        vault.open(flipped, "data", "resident", "r1")
    with pytest.raises(SealError):
        Vault(KeyRing([KEY_B])).open(sealed, "data", "resident", "r1")
    assert Vault(KeyRing([KEY_B, KEY_A])).open(sealed, "data", "resident", "r1") == {"name": NAME}


def test_the_data_key_comes_from_exactly_one_place_and_is_32_bytes(tmp_path: Path, monkeypatch):
    monkeypatch.delenv(DATA_KEY_ENV, raising=False)
    monkeypatch.delenv(DATA_KEY_FILE_ENV, raising=False)
    with pytest.raises(DataKeyError, match=DATA_KEY_FILE_ENV):
        keys_from_settings(DistrictSettings())
    for bad in ("c2hvcnQ=", "not base64 at all!", f"{TEST_DATA_KEY},c2hvcnQ="):
        monkeypatch.setenv(DATA_KEY_ENV, bad)
        with pytest.raises(DataKeyError, match="not base64 of 32 bytes"):
            keys_from_settings(DistrictSettings())
    b64 = base64.b64encode
    monkeypatch.setenv(DATA_KEY_ENV, f"{b64(KEY_B).decode()}, {TEST_DATA_KEY}")
    ring = keys_from_settings(DistrictSettings())
    assert ring.current() == (key_id(KEY_B), KEY_B) and ring.get(key_id(KEY_A)) == KEY_A
    with pytest.raises(DataKeyError):
        ring.get(key_id(b"\x01" * 32))

    path = tmp_path / "district.key"
    write_key_file(path, [KEY_B, KEY_A])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    monkeypatch.setenv(DATA_KEY_FILE_ENV, str(path))
    with pytest.raises(DataKeyError, match="not both"):
        keys_from_settings(DistrictSettings())
    monkeypatch.delenv(DATA_KEY_ENV)
    assert keys_from_settings(DistrictSettings()).keys == (KEY_B, KEY_A)
    path.chmod(0o644)
    with pytest.raises(DataKeyError, match="chmod 600"):
        keys_from_settings(DistrictSettings())
    with pytest.raises(DataKeyError):
        DistrictDatabase("sqlite:///" + str(tmp_path / "never.db"))


def _cli(*args: str, tmp: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in (DATA_KEY_ENV, DATA_KEY_FILE_ENV)}
    return subprocess.run(
        [sys.executable, "-m", "stationdesk", *args],
        capture_output=True,
        text=True,
        env={**base, "STATIONDESK_DATA_DIR": str(tmp / "home"), **env},
        timeout=120,
    )


def test_the_district_refuses_to_start_without_the_key_that_opens_its_data(pg, tmp_path: Path):
    url = pg.create()  # made with the tests' key
    port = str(free_port())
    for args in (("init-db",), ("serve", "--port", port)):
        done = _cli("district", *args, "--db", url, tmp=tmp_path)
        assert done.returncode == 2, (args, done.stderr)
        assert DATA_KEY_FILE_ENV in done.stderr and "Traceback" not in done.stderr
    wrong = base64.b64encode(KEY_B).decode()
    done = _cli(
        "district", "serve", "--db", url, "--port", port, tmp=tmp_path, **{DATA_KEY_ENV: wrong}
    )
    assert done.returncode == 2 and "does not open this district's data" in done.stderr


# -- sealed at rest, plaintext when served ---------------------------------------------------


def test_personal_fields_are_sealed_in_every_table_and_served_as_pushed(district_url, district_db):
    station = _seed(district_db)
    dump = pg_dump(district_url).decode("utf-8")
    for secret in (NAME, ID_NUMBER, PHONE, OTHER_PHONE, THIRD_PHONE, REPORTER, REPORTER_PHONE):
        assert secret not in dump, secret
    assert "STREET_CIVIL_AFFAIRS" in dump and "SY0101-000001" in dump  # the rest stays readable

    served = _served(district_db, station)
    r1 = next(data for eid, _v, data in served["snapshot"] if eid == "r1")
    assert r1 == {
        "name": NAME,
        "id_type": "RESIDENT_ID",
        "id_number": ID_NUMBER,
        "phones": [THIRD_PHONE],
        "building": "3栋",
        "note": "独居",
    }
    case = next(data for eid, _v, data in served["snapshot"] if eid == "k1")
    assert case["reporter_phone"] == REPORTER_PHONE
    assert case["referral"]["note"] == f"请联系{REPORTER} {REPORTER_PHONE}"
    assert served["conflicts"] == [("phones", [THIRD_PHONE], [OTHER_PHONE], [THIRD_PHONE])]
    again = service.push(district_db, station, [_conflicting_edit(5)])
    assert again.results[0].status == "duplicate"  # type: ignore[union-attr]
    assert again.results[0].conflicts[0].server_value == [OTHER_PHONE]  # type: ignore[union-attr]

    # people are found by the keyed HMAC of their ID number, however it was typed
    with district_db.session() as s:
        found = records_by_id_number(s, district_db.vault, "110101 19900307109x")
        assert [r.entity_id for r in found] == ["r1", "r2"] and found[0].data["name"] == NAME
        certs = records_by_id_number(s, district_db.vault, ID_NUMBER, entity="certificate")
        assert [r.entity_id for r in certs] == ["c1"]
        assert records_by_id_number(s, district_db.vault, "110101199001011235") == []
    digest = served["hmacs"]["r1"]
    assert len(digest) == 64 and digest == served["hmacs"]["r2"] != served["hmacs"]["r3"]
    assert served["hmacs"]["k1"] is None and digest not in (ID_NUMBER, ID_NUMBER.lower())


def test_an_envelope_moved_to_another_record_does_not_open(district_db):
    station = _seed(district_db)
    with district_db.session() as s:
        s.execute(
            text(
                "UPDATE record SET data = (SELECT data FROM record WHERE entity_id = 'r1') "
                "WHERE entity_id = 'r3'"
            )
        )
    with pytest.raises(SealError):
        service.get_record(district_db, station, "resident", "r3")
    assert service.get_record(district_db, station, "resident", "r1").data["name"] == NAME


# -- rotation --------------------------------------------------------------------------------


def test_a_rotation_reseals_everything_batch_by_batch_and_keeps_the_hmac(district_url, district_db):
    station = _seed(district_db)
    scan = f"{NAME} {ID_NUMBER}".encode() * 100
    sha = hashlib.sha256(scan).hexdigest()
    attachments.put_chunk(district_db, station, sha, 0, len(scan), scan)
    before = _served(district_db, station)
    both = DistrictDatabase(district_url, keys=KeyRing([KEY_B, KEY_A]))
    midway: list[dict[str, Any]] = []
    report = rotate_data_key(
        both, batch_size=2, progress=lambda _table, _n: midway.append(_served(both, station))
    )
    assert report.done and report.key_id == key_id(KEY_B)
    assert report.resealed == {
        "district_meta": 1,
        "record": 5,
        "change_log": 8,
        "conflict": 1,
        "applied_op": 1,
        "attachment_chunk": 1,
    }
    assert len(midway) > 5 and all(seen == before for seen in midway)  # old and new keys read
    dump = pg_dump(district_url).decode("utf-8")
    assert key_id(KEY_A) not in dump and f"enc:v1:{key_id(KEY_B)}:" in dump
    assert NAME not in dump and ID_NUMBER not in dump and PHONE not in dump
    assert rotate_data_key(both).resealed == dict.fromkeys(report.resealed, 0)

    only_new = DistrictDatabase(district_url, keys=KeyRing([KEY_B]))
    only_new.check_data_key()
    assert _served(only_new, station) == before  # the HMACs too: the match key outlives keys
    assert attachments.get_chunk(only_new, station, sha, 0).data == scan
    with only_new.session() as s:
        assert [r.entity_id for r in records_by_id_number(s, only_new.vault, ID_NUMBER)] == [
            "r1",
            "r2",
        ]
    only_old = DistrictDatabase(district_url, keys=KeyRing([KEY_A]))
    with pytest.raises(DataKeyError, match="does not open"):
        only_old.check_data_key()
    with pytest.raises(SealError):
        service.pull(only_old, station, None, 10)
    for db in (both, only_new, only_old):
        db.dispose()


def test_plaintext_left_by_an_older_version_is_sealed_by_a_rotation(district_url, district_db):
    station = _seed(district_db)
    before = _served(district_db, station)
    plain = {"name": "李四", "id_number": "110101199001014323"}
    with district_db.session() as s:  # as an older server stored it, around the vault
        s.execute(
            text(
                "UPDATE record SET data = CAST(:d AS JSONB), id_hmac = NULL WHERE entity_id = 'r3'"
            ),
            {"d": json.dumps(plain, ensure_ascii=False)},
        )
    assert service.get_record(district_db, station, "resident", "r3").data == plain
    report = rotate_data_key(district_db)
    assert report.done and report.resealed["record"] == 1
    assert "李四" not in pg_dump(district_url).decode("utf-8")
    with district_db.session() as s:
        found = records_by_id_number(s, district_db.vault, "110101199001014323")
        assert [r.entity_id for r in found] == ["r3"] and found[0].data == plain
    assert _served(district_db, station)["pull"] == before["pull"]


def test_rotating_the_data_key_from_the_command_line(pg, tmp_path: Path):
    url = pg.create_empty()
    key_file = tmp_path / "district.key"
    done = _cli("district", "new-data-key", str(key_file), "--json", tmp=tmp_path)
    assert done.returncode == 0, done.stderr
    first = json.loads(done.stdout)["key_id"]
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert _cli("district", "new-data-key", str(key_file), tmp=tmp_path).returncode == 2
    with_file = {DATA_KEY_FILE_ENV: str(key_file)}
    assert _cli("district", "init-db", "--db", url, tmp=tmp_path, **with_file).returncode == 0
    db = DistrictDatabase(url, keys=read_key_file(key_file))
    station = _seed(db)
    before = _served(db, station)
    db.dispose()

    # online: the new key goes first in the key file, the servers restart, then the rotation
    done = _cli("district", "new-data-key", str(key_file), "--keep-old", "--json", tmp=tmp_path)
    assert done.returncode == 0, done.stderr
    second = json.loads(done.stdout)
    assert second["old_keys"] == [first] and read_key_file(key_file).key_ids()[1] == first
    done = _cli("district", "rotate-data-key", "--db", url, "--json", tmp=tmp_path, **with_file)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["done"] and report["key_id"] == second["key_id"]
    assert report["resealed"]["record"] == 5
    dump = pg_dump(url).decode("utf-8")
    assert first not in dump and second["key_id"] in dump

    # offline: the key in a new file; the configured ones are only read
    next_file = tmp_path / "next.key"
    done = _cli("district", "new-data-key", str(next_file), "--json", tmp=tmp_path)
    third = json.loads(done.stdout)["key_id"]
    done = _cli(
        "district",
        "rotate-data-key",
        "--new-key-file",
        str(next_file),
        "--batch-size",
        "3",
        "--db",
        url,
        "--json",
        tmp=tmp_path,
        **with_file,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["key_id"] == third
    db = DistrictDatabase(url, keys=read_key_file(next_file))
    db.check_data_key()
    assert _served(db, station) == before
    assert migrate.current_revision(db) == migrate.head_revision()
    db.dispose()
