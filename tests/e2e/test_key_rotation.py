"""Signing-key rotation on a real server: old certificates verify, replacements are vetted."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from stationdesk.cli.main import main as cli_main
from stationdesk.district.models import DistrictStation, Record, StationKeyVersion
from stationdesk.domain.numbering import parse_number
from stationdesk.secrets import keys
from stationdesk.secrets.signing import (
    ForgedPayload,
    KeyWindow,
    PayloadFields,
    decode_and_verify,
    encode_payload,
    format_effective_time,
    generate_keypair,
    parse_effective_time,
    short_code,
)
from stationdesk.services import certificates, sync
from stationdesk.services.uow import unit_of_work
from tests.district.harness import ServerProcess
from tests.helpers.verify_page import JSON, get, issue

from .stations import SyncedStation, assert_converged

pytestmark = pytest.mark.postgres

CODE = "SA0101"


def verdict(server: ServerProcess, issued: Any) -> str:
    """What the district's /verify says of a certificate, by number and code."""
    body = get(server, f"/verify/{issued.number}", params={"c": issued.short_code}, headers=JSON)
    assert body.status_code == 200
    return str(body.json()["result"])


def qr_verdict(server: ServerProcess, payload: str) -> dict[str, Any]:
    body: dict[str, Any] = get(server, "/verify", params={"qr": payload}, headers=JSON).json()
    return body


def published(server: ServerProcess) -> dict[str, Any]:
    entry: dict[str, Any] = get(server, "/verify/keys").json()["stations"][CODE]
    return entry


def history_rows(district_db: Any) -> list[tuple[str, str]]:
    with district_db.session() as s:
        station_id = s.scalar(select(DistrictStation.id).where(DistrictStation.code == CODE))
        rows = s.execute(
            select(StationKeyVersion.public_key, StationKeyVersion.status)
            .where(StationKeyVersion.station_id == station_id)
            .order_by(StationKeyVersion.created_at)
        )
        return [(k, status) for k, status in rows]


def key_record_version(district_db: Any) -> int:
    with district_db.session() as s:
        record = s.get(Record, ("station_key", CODE))
        assert record is not None
        return int(record.version)


def test_old_certificates_verify_after_a_rotation_and_new_ones_with_the_new_key(
    make_station, district_db, server
):
    a: SyncedStation = make_station(CODE, district_db)
    old_issued, old_payload = issue(a, seq=41)
    assert a.sync(server.url).outcome == "ok"
    old_key = certificates.public_key_hex(a.station)
    assert old_key is not None and verdict(server, old_issued) == "genuine"

    rotation = certificates.rotate_signing_key(a.station, a.head)
    assert rotation.signed and rotation.old_public_key == old_key
    assert certificates.public_key_hex(a.station) == rotation.new_public_key != old_key
    with pytest.raises(keys.MissingKeyError):  # the replaced private key is gone
        keys.get_secret(a.station.uid, certificates.SIGNING_KEY)

    new_issued, new_payload = issue(a, name="王小明", seq=42)
    result = a.sync(server.url)
    assert result.outcome == "ok" and result.rejected == 0, result

    # both verify on the district: by number and code, and by the scanned QR text
    assert verdict(server, old_issued) == "genuine"
    assert verdict(server, new_issued) == "genuine"
    for payload in (old_payload, new_payload):
        online = qr_verdict(server, payload)
        assert online["result"] == "genuine" and online["signature_valid"] is True

    # /verify/keys: the key in force, and the history with the windows
    entry = published(server)
    assert entry["public_key_hex"] == rotation.new_public_key
    history = entry["keys"]
    assert [k["public_key_hex"] for k in history] == [old_key, rotation.new_public_key]
    effective = format_effective_time(rotation.effective_at)
    assert history[0]["valid_to"] == effective == history[1]["valid_from"]
    assert history[1]["valid_to"] is None

    # offline, from the published history alone: each payload with the key of its date
    windows = [
        KeyWindow(
            bytes.fromhex(k["public_key_hex"]),
            None if k["first"] else parse_effective_time(k["valid_from"]),
            parse_effective_time(k["valid_to"]) if k["valid_to"] else None,
        )
        for k in history
    ]
    assert decode_and_verify(old_payload, {CODE: windows}).number == old_issued.number
    assert decode_and_verify(new_payload, {CODE: windows}).number == new_issued.number
    with pytest.raises(ForgedPayload):  # the new certificate is signed with the new key
        decode_and_verify(new_payload, {CODE: bytes.fromhex(old_key)})

    # the station's own check agrees, by number and by QR text
    for issued, payload in ((old_issued, old_payload), (new_issued, new_payload)):
        for subject in (issued.number, payload):
            checked = certificates.verify(a.station, a.head, subject)
            assert checked.verdict == certificates.Verdict.VALID, (subject, checked)

    assert_converged(district_db, a)


def test_an_unsigned_replacement_key_is_refused_and_changes_nothing(
    make_station, district_db, server
):
    a: SyncedStation = make_station(CODE, district_db)
    issued, payload = issue(a, seq=43)
    assert a.sync(server.url).outcome == "ok"
    old_key = certificates.public_key_hex(a.station)
    assert verdict(server, issued) == "genuine"
    version = key_record_version(district_db)

    # a station (tampered with, or older code) pushes another key without the old key's
    # signature, and a certificate signed with it
    intruder = generate_keypair()
    now = a.station.now()
    number = f"{CODE}-000099"
    forged = encode_payload(
        PayloadFields.for_holder(number, "RESIDENCE", now.date(), "张三", "110101199003071234"),
        intruder.private_key,
    )
    with unit_of_work(a.station, a.head) as uow:
        new_key = {"station_code": CODE, "public_key": intruder.public_key.hex()}
        uow.change("station_key", CODE, "create", {**new_key, "algorithm": "Ed25519"})
        uow.change(
            "station_key",
            CODE,
            "rotate",
            {**new_key, "algorithm": "Ed25519", "effective_at": format_effective_time(now)},
        )
        uow.change(
            "station_key",
            CODE,
            "rotate",
            {
                **new_key,
                "effective_at": format_effective_time(now),
                "signature": "ab" * 64,  # not the old key's signature
            },
        )
        uow.change(
            "certificate",
            "forged-certificate-1",
            "issue",
            {
                "number": number,
                "sequence": parse_number(number).sequence,
                "station_code": CODE,
                "type_code": "RESIDENCE",
                "holder_name": "张三",
                "payload": forged,
                "short_code": short_code(forged),
            },
        )
    result = a.sync(server.url)
    assert result.rejected == 3, result

    reasons = [
        c.message or ""
        for c in sync.list_conflicts(a.station, a.head)
        if c.kind == "rejected" and c.entity == "station_key"
    ]
    assert len(reasons) == 3
    assert any("already has a signing key" in r for r in reasons), reasons
    assert any("unsigned key replacement is refused" in r for r in reasons), reasons
    assert any("not signed by the station's key in force" in r for r in reasons), reasons
    assert all("approve-key" in r for r in reasons), reasons

    # nothing changed: the old key stays in force and alone; the intruder's certificate fails
    assert history_rows(district_db) == [(old_key, "accepted")]
    assert key_record_version(district_db) == version
    entry = published(server)
    assert entry["public_key_hex"] == old_key and len(entry["keys"]) == 1
    assert verdict(server, issued) == "genuine"
    assert qr_verdict(server, payload)["result"] == "genuine"
    forged_page = get(server, f"/verify/{number}", params={"c": short_code(forged)}, headers=JSON)
    assert forged_page.json()["result"] == "unknown"
    forged_qr = qr_verdict(server, forged)
    assert forged_qr["result"] == "unknown" and forged_qr["signature_valid"] is False


def test_a_lost_key_replacement_verifies_only_after_the_district_approves_it(
    make_station, district_db, district_url, server, capsys
):
    a: SyncedStation = make_station(CODE, district_db)
    old_issued, old_payload = issue(a, seq=44)
    assert a.sync(server.url).outcome == "ok"
    old_key = certificates.public_key_hex(a.station)

    # the keyring lost the private key: the new key goes to the district unsigned
    keys.delete_secret(a.station.uid, certificates.SIGNING_KEY)
    rotation = certificates.rotate_signing_key(a.station, a.head, lost_old_key=True)
    assert not rotation.signed and rotation.old_public_key == old_key
    new_issued, new_payload = issue(a, name="王小明", seq=45)
    result = a.sync(server.url)
    assert result.outcome == "ok" and result.rejected == 0, result

    # pending: the old key still verifies old certificates; the new one verifies nothing yet
    assert history_rows(district_db) == [
        (old_key, "accepted"),
        (rotation.new_public_key, "pending"),
    ]
    assert verdict(server, old_issued) == "genuine"
    assert verdict(server, new_issued) == "unknown"
    assert qr_verdict(server, new_payload)["signature_valid"] is False
    entry = published(server)
    assert entry["public_key_hex"] == old_key and len(entry["keys"]) == 1

    db_args = ["district", "approve-key", CODE, "--db", district_url]
    assert cli_main([*db_args, "--key", "00000000"]) == 2  # not the key the station read out
    assert "not 00000000" in capsys.readouterr().err
    assert verdict(server, new_issued) == "unknown"

    assert cli_main([*db_args, "--key", rotation.new_public_key[:16], "--json"]) == 0
    approved = capsys.readouterr().out
    assert rotation.new_public_key in approved and old_key in approved

    assert verdict(server, new_issued) == "genuine"
    assert verdict(server, old_issued) == "genuine"
    assert qr_verdict(server, old_payload)["result"] == "genuine"
    assert qr_verdict(server, new_payload)["result"] == "genuine"
    entry = published(server)
    assert entry["public_key_hex"] == rotation.new_public_key
    assert [k["public_key_hex"] for k in entry["keys"]] == [old_key, rotation.new_public_key]
    assert entry["keys"][0]["valid_to"] == format_effective_time(rotation.effective_at)

    assert cli_main(db_args) == 2  # nothing is waiting any more
    assert "no replacement key awaiting approval" in capsys.readouterr().err
    assert_converged(district_db, a)
