"""The district's key history (real PostgreSQL): windows by issue date, refused replacements."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select, text

from stationdesk.district import migrate, service
from stationdesk.district.db import DistrictDatabase
from stationdesk.district.models import StationKeyVersion
from stationdesk.district.station_keys import approve_key
from stationdesk.district.verify import check_number, keys_document
from stationdesk.domain.numbering import parse_number
from stationdesk.secrets.signing import (
    KeyPair,
    PayloadFields,
    encode_payload,
    format_effective_time,
    generate_keypair,
    short_code,
    sign_rotation,
)
from stationdesk.sync.protocol import Op, OpResult

pytestmark = pytest.mark.postgres

CODE = "SB0202"
MADE = datetime(2026, 1, 2, 3, 0, tzinfo=UTC)
ROTATED = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)  # 10:00 on 10 March, China time


class Station:
    """One enrolled station pushing hand-made ops in order."""

    def __init__(self, db: DistrictDatabase) -> None:
        self.db = db
        self.token = service.add_station(db, CODE, "乙站").token
        self.seq = 0
        self.numbers = 0

    def push(self, entity: str, entity_id: str, kind: str, payload: dict[str, Any]) -> OpResult:
        self.seq += 1
        op = Op(
            seq=self.seq,
            op_id=str(uuid.uuid4()),
            entity=entity,
            entity_id=entity_id,
            kind=kind,
            payload=payload,
            station_time=datetime.now(UTC),
        )
        resp = service.push(self.db, service.station_for_token(self.db, self.token, CODE), [op])
        (result,) = resp.results
        return result

    def publish(self, pair: KeyPair) -> OpResult:
        payload = {
            "station_code": CODE,
            "public_key": pair.public_key.hex(),
            "algorithm": "Ed25519",
            "valid_from": format_effective_time(MADE),
        }
        return self.push("station_key", CODE, "create", payload)

    def rotate(
        self, new: KeyPair, signer: KeyPair | None, when: datetime = ROTATED, **extra: Any
    ) -> OpResult:
        payload: dict[str, Any] = {
            "station_code": CODE,
            "public_key": new.public_key.hex(),
            "algorithm": "Ed25519",
            "effective_at": format_effective_time(when),
            **extra,
        }
        if signer is not None:
            payload["signature"] = sign_rotation(
                signer.private_key, CODE, new.public_key, when
            ).hex()
        return self.push("station_key", CODE, "rotate", payload)

    def issue(self, pair: KeyPair, day: date) -> tuple[str, str]:
        """Push a certificate signed with ``pair`` and dated ``day``; (number, code)."""
        self.numbers += 1
        number = f"{CODE}-{self.numbers:06d}"
        payload = encode_payload(
            PayloadFields.for_holder(number, "RESIDENCE", day, "李四", "110101199003071234"),
            pair.private_key,
        )
        data = {
            "number": number,
            "sequence": parse_number(number).sequence,
            "station_code": CODE,
            "type_code": "RESIDENCE",
            "holder_name": "李四",
            "issue_date": day.isoformat(),
            "payload": payload,
            "short_code": short_code(payload),
        }
        assert self.push("certificate", str(uuid.uuid4()), "issue", data).status == "applied"
        return number, short_code(payload)

    def verdict(self, certificate: tuple[str, str]) -> str:
        return check_number(self.db, *certificate).verdict


def test_each_certificate_verifies_only_with_the_key_in_force_on_its_issue_date(district_db):
    st = Station(district_db)
    old, new = generate_keypair(), generate_keypair()
    assert st.publish(old).status == "applied"
    before = st.issue(old, date(2025, 12, 1))  # the first key covers the days before it too
    assert st.rotate(new, signer=old).status == "applied"

    assert st.verdict(before) == "genuine"
    assert st.verdict(st.issue(old, date(2026, 3, 9))) == "genuine"
    assert st.verdict(st.issue(old, date(2026, 3, 10))) == "genuine"  # the day of the change
    assert st.verdict(st.issue(new, date(2026, 3, 10))) == "genuine"
    assert st.verdict(st.issue(new, date(2026, 4, 1))) == "genuine"
    # a replaced key signs nothing dated after its replacement; a new key nothing before it
    assert st.verdict(st.issue(old, date(2026, 3, 11))) == "unknown"
    assert st.verdict(st.issue(new, date(2026, 3, 9))) == "unknown"

    entry = keys_document(district_db)["stations"][CODE]
    assert entry["public_key_hex"] == new.public_key.hex()
    assert entry["keys"] == [
        {
            "public_key_hex": old.public_key.hex(),
            "public_key_base64": entry["keys"][0]["public_key_base64"],
            "valid_from": "2026-01-02T03:00:00Z",
            "valid_to": "2026-03-10T02:00:00Z",
            "first": True,
        },
        {
            "public_key_hex": new.public_key.hex(),
            "public_key_base64": entry["keys"][1]["public_key_base64"],
            "valid_from": "2026-03-10T02:00:00Z",
            "valid_to": None,
            "first": False,
        },
    ]


def test_replacements_not_signed_by_the_key_in_force_are_refused(district_db):
    st = Station(district_db)
    old, new, other = generate_keypair(), generate_keypair(), generate_keypair()
    assert st.publish(old).status == "applied"
    certificate = st.issue(old, date(2026, 3, 1))

    refusals = [
        (st.publish(new), 409, "already has a signing key"),
        (st.rotate(new, signer=None), 403, "unsigned key replacement is refused"),
        (st.rotate(new, signer=other), 403, "not signed by the station's key in force"),
        (st.rotate(new, signer=new), 403, "not signed by the station's key in force"),
        (st.rotate(new, signer=old, lost_old_key=True, station_code="X"), None, None),
        (st.rotate(other, signer=new, when=datetime(2025, 1, 1, tzinfo=UTC)), 422, "before"),
        (st.rotate(old, signer=old), 409, "already published"),
        (st.push("station_key", CODE, "rotate", {"public_key": "zz"}), 422, "64 hex"),
        (st.push("station_key", "SB9999", "rotate", {}), 403, "only its own"),
        (st.push("station_key", CODE, "delete", {}), 422, "not 'delete'"),
    ]
    for result, status, reason in refusals:
        if status is None:  # well signed: a lost-key flag or another code inside changes nothing
            assert result.status == "applied" and result.message is None, result
            continue
        assert result.status == "rejected" and result.http_status == status, result
        assert reason in (result.message or ""), result
    # the one well-signed rotation among them went through: the pushing station's code is what
    # the statement must name, whatever the payload says
    with district_db.session() as s:
        keys = [
            (r.public_key, r.status, r.basis)
            for r in s.scalars(select(StationKeyVersion).order_by(StationKeyVersion.created_at))
        ]
    assert keys == [
        (old.public_key.hex(), "accepted", "first"),
        (new.public_key.hex(), "accepted", "signed"),
    ]
    assert st.verdict(certificate) == "genuine"


def test_a_lost_key_replacement_waits_for_approval_with_what_it_signed_meanwhile(district_db):
    st = Station(district_db)
    old, lost1, lost2, later = (generate_keypair() for _ in range(4))
    assert st.publish(old).status == "applied"
    first = st.rotate(lost1, signer=None, lost_old_key=True)
    assert first.status == "applied" and "approve-key SB0202" in (first.message or "")
    # a second lost-key replacement supersedes the first
    second = st.rotate(lost2, signer=None, lost_old_key=True, when=ROTATED.replace(hour=5))
    assert second.status == "applied" and second.message
    # a rotation signed with the waiting key waits with it; one signed with the superseded fails
    later_at = datetime(2026, 3, 20, 2, 0, tzinfo=UTC)
    chained = st.rotate(later, signer=lost2, when=later_at)
    assert chained.status == "applied" and "approve-key" in (chained.message or "")
    refused = st.rotate(generate_keypair(), signer=lost1, when=later_at)
    assert refused.status == "rejected" and refused.http_status == 403

    old_cert = st.issue(old, date(2026, 3, 10))
    lost2_cert = st.issue(lost2, date(2026, 3, 11))
    later_cert = st.issue(later, date(2026, 3, 21))
    stale_cert = st.issue(lost2, date(2026, 3, 22))  # after lost2 was replaced
    assert [st.verdict(c) for c in (old_cert, lost2_cert, later_cert)] == [
        "genuine",
        "unknown",
        "unknown",
    ]
    with pytest.raises(service.DistrictError, match="not 01234567"):
        approve_key(district_db, CODE, key_prefix="01234567")
    assert st.verdict(lost2_cert) == "unknown"

    approved = approve_key(district_db, CODE.lower(), key_prefix=lost2.public_key.hex()[:8])
    assert approved.public_key == later.public_key.hex()
    assert approved.previous_key == old.public_key.hex()
    assert approved.effective_at == ROTATED.replace(hour=5)
    assert approved.approved == (lost2.public_key.hex(), later.public_key.hex())
    assert [st.verdict(c) for c in (old_cert, lost2_cert, later_cert, stale_cert)] == [
        "genuine",
        "genuine",
        "genuine",
        "unknown",
    ]
    with district_db.session() as s:
        rows = s.execute(select(StationKeyVersion.public_key, StationKeyVersion.status))
        states = {key: status for key, status in rows}
    assert states[lost1.public_key.hex()] == "withdrawn"
    with pytest.raises(service.DistrictError, match="no replacement key awaiting approval"):
        approve_key(district_db, CODE)
    with pytest.raises(service.DistrictError, match="no station"):
        approve_key(district_db, "ZZ9999")


def test_the_upgrade_keeps_each_station_s_published_key_from_when_it_was_made(pg):
    db = DistrictDatabase(pg.create_empty())
    try:
        migrate.upgrade(db, "d0002")
        key = generate_keypair().public_key.hex()
        made = datetime(2025, 6, 1, 8, 0, tzinfo=UTC)
        with db.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO district_station (id, code, name, token_hash, active, "
                    "last_acked_seq, created_at) VALUES ('s1', :c, '丙站', 'h', true, 1, now())"
                ),
                {"c": CODE},
            )
            conn.execute(
                text(
                    "INSERT INTO record (entity, entity_id, version, data, field_versions, "
                    "deleted, flagged, owner_station_id, scope_station_id, updated_at) VALUES "
                    "('station_key', :c, 1, CAST(:d AS jsonb), '{}', false, false, 's1', 's1', "
                    "now())"
                ),
                {"c": CODE, "d": f'{{"public_key": "{key}", "station_code": "{CODE}"}}'},
            )
            conn.execute(
                text(
                    "INSERT INTO applied_op (op_id, station_id, seq, content_hash, entity, "
                    "entity_id, kind, station_time, received_at, result) VALUES ('o1', 's1', 1, "
                    "'x', 'station_key', :c, 'create', :t, now(), '{}')"
                ),
                {"c": CODE, "t": made},
            )
        migrate.upgrade(db)
        with db.session() as s:
            (row,) = s.scalars(select(StationKeyVersion))
        assert (row.station_id, row.public_key, row.status, row.basis) == (
            "s1",
            key,
            "accepted",
            "first",
        )
        assert row.valid_from == made and row.valid_to is None
        assert keys_document(db)["stations"][CODE]["public_key_hex"] == key
    finally:
        db.dispose()
