"""Tests for the signed QR payload, holder digest and short verification code."""

from __future__ import annotations

import base64
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stationdesk.secrets.signing import (
    PAYLOAD_PREFIX,
    ForgedPayload,
    KeyPair,
    KeyWindow,
    PayloadError,
    PayloadFields,
    UnknownStation,
    decode_and_verify,
    encode_payload,
    format_effective_time,
    generate_keypair,
    holder_digest,
    load_private_key,
    load_public_key,
    normalise_short_code,
    parse_effective_time,
    private_key_bytes,
    public_key_bytes,
    rotation_statement,
    short_code,
    sign_rotation,
    verify_rotation,
)

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def make_id_number(first17: str) -> str:
    """Append the GB 11643 check character to 17 digits (generated, not a real person's)."""
    return (
        first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]
    )


HOLDER_NAME = "林测试"
HOLDER_ID = make_id_number("11010119900307123")
KEYS = generate_keypair()
OTHER_KEYS = generate_keypair()
FIELDS = PayloadFields.for_holder(
    "SY0101-000123", "STUDENT_HARDSHIP", date(2026, 3, 5), HOLDER_NAME, HOLDER_ID
)
PAYLOAD = encode_payload(FIELDS, KEYS.private_key)
STATION_KEYS = {"SY0101": KEYS.public_key}
QR_ALPHANUMERIC = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")


class AnyStation(Mapping[str, bytes]):
    """A key map that answers every station with the same key, so a corrupted station code
    cannot turn a forgery into UnknownStation: only the signature decides."""

    def __init__(self, key: bytes) -> None:
        self.key = key

    def __getitem__(self, station: str) -> bytes:
        return self.key

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def _raw(payload: str) -> bytes:
    body = payload[len(PAYLOAD_PREFIX) :]
    return base64.b32decode(body + "=" * (-len(body) % 8))


def _text(raw: bytes) -> str:
    return PAYLOAD_PREFIX + base64.b32encode(raw).decode("ascii").rstrip("=")


def test_round_trip() -> None:
    verified = decode_and_verify(PAYLOAD, STATION_KEYS)
    assert verified.number == "SY0101-000123"
    assert verified.type_code == "STUDENT_HARDSHIP"
    assert verified.issue_date == date(2026, 3, 5)
    assert verified.station_code == "SY0101"
    assert verified.holder_digest == FIELDS.holder_digest
    assert verified.short_code == short_code(PAYLOAD)
    assert verified.holder_matches(HOLDER_NAME, HOLDER_ID)
    assert verified.holder_matches(" 林 测试 ", HOLDER_ID.lower())  # spacing and x/X folded
    assert not verified.holder_matches("林测验", HOLDER_ID)
    assert not verified.holder_matches(HOLDER_NAME, make_id_number("11010119900307125"))


def test_payload_is_short_and_qr_alphanumeric() -> None:
    assert PAYLOAD.startswith("SD1:")
    assert len(PAYLOAD) <= 160
    assert set(PAYLOAD) <= QR_ALPHANUMERIC


def test_signing_is_deterministic_and_keys_differ() -> None:
    assert encode_payload(FIELDS, load_private_key(KEYS.private_key)) == PAYLOAD
    assert encode_payload(FIELDS, OTHER_KEYS.private_key) != PAYLOAD


@settings(max_examples=300)
@given(st.data())
def test_flipping_any_byte_gives_forged_payload(data: st.DataObject) -> None:
    raw = bytearray(_raw(PAYLOAD))
    position = data.draw(st.integers(min_value=0, max_value=len(raw) - 1), label="position")
    mask = data.draw(st.integers(min_value=1, max_value=255), label="xor mask")
    raw[position] ^= mask
    with pytest.raises(ForgedPayload):
        decode_and_verify(_text(bytes(raw)), AnyStation(KEYS.public_key))
    # With the real key map a corrupted station code may instead be unknown; never accepted.
    with pytest.raises(PayloadError):
        decode_and_verify(_text(bytes(raw)), STATION_KEYS)


@settings(max_examples=300)
@given(st.data())
def test_editing_any_character_gives_forged_payload(data: st.DataObject) -> None:
    position = data.draw(st.integers(min_value=0, max_value=len(PAYLOAD) - 1), label="position")
    replacement = data.draw(
        st.characters(codec="utf-8").filter(lambda ch: ch != PAYLOAD[position]), label="char"
    )
    edited = PAYLOAD[:position] + replacement + PAYLOAD[position + 1 :]
    with pytest.raises(ForgedPayload):
        decode_and_verify(edited, AnyStation(KEYS.public_key))


def test_every_single_character_substitution_is_forged() -> None:
    # Exhaustive over the base32 alphabet: this also covers the unused low bits of the last
    # character, which a lenient base32 decoder would silently ignore.
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    keys = AnyStation(KEYS.public_key)
    for position in range(len(PAYLOAD_PREFIX), len(PAYLOAD)):
        for replacement in alphabet.replace(PAYLOAD[position], ""):
            edited = PAYLOAD[:position] + replacement + PAYLOAD[position + 1 :]
            with pytest.raises(ForgedPayload):
                decode_and_verify(edited, keys)


@given(st.binary(max_size=200))
def test_random_bytes_are_forged(raw: bytes) -> None:
    with pytest.raises(ForgedPayload):
        decode_and_verify(_text(raw), AnyStation(KEYS.public_key))


def test_truncated_or_extended_payloads_are_forged() -> None:
    for text in (PAYLOAD[:-1], PAYLOAD[:-8], PAYLOAD + "A", PAYLOAD + "AAAAAAAA"):
        with pytest.raises(ForgedPayload):
            decode_and_verify(text, STATION_KEYS)


def test_wrong_key_gives_forged_payload() -> None:
    with pytest.raises(ForgedPayload, match="signature"):
        decode_and_verify(PAYLOAD, {"SY0101": OTHER_KEYS.public_key})


def test_missing_station_key_gives_unknown_station() -> None:
    with pytest.raises(UnknownStation) as excinfo:
        decode_and_verify(PAYLOAD, {"SY0202": KEYS.public_key})
    assert excinfo.value.station_code == "SY0101"
    assert not isinstance(excinfo.value, ForgedPayload)


@pytest.mark.parametrize(
    "text",
    ["", "SD1:", "hello", "SD2:" + PAYLOAD[4:], PAYLOAD.lower(), PAYLOAD + "====", "SD1:0189"],
)
def test_garbled_text_gives_forged_payload(text: str) -> None:
    with pytest.raises(ForgedPayload):
        decode_and_verify(text, STATION_KEYS)


def test_surrounding_whitespace_from_a_scanner_is_tolerated() -> None:
    assert decode_and_verify(f"  {PAYLOAD}\r\n", STATION_KEYS).number == "SY0101-000123"


@pytest.mark.parametrize(
    "fields",
    [
        PayloadFields("SY0101-2026-000123", "RESIDENCE", date(2026, 3, 5), b"\0" * 8),
        PayloadFields("SY0101-R-000045", "RESIDENCE", date(2026, 3, 5), b"\0" * 8),
        PayloadFields("SY0101-000123", "residence", date(2026, 3, 5), b"\0" * 8),
        PayloadFields("SY0101-000123", "RESIDENCE", date(1999, 12, 31), b"\0" * 8),
        PayloadFields("SY0101-000123", "RESIDENCE", date(2026, 3, 5), b"\0" * 7),
    ],
)
def test_encode_rejects_bad_fields(fields: PayloadFields) -> None:
    with pytest.raises(ValueError):
        encode_payload(fields, KEYS.private_key)


def test_holder_digest_is_salted_by_number() -> None:
    a = holder_digest(HOLDER_NAME, HOLDER_ID, "SY0101-000123")
    b = holder_digest(HOLDER_NAME, HOLDER_ID, "SY0101-000124")
    assert len(a) == 8 and a != b
    assert holder_digest(HOLDER_NAME, HOLDER_ID, "SY0101-2026-000123") == a  # display form
    with pytest.raises(ValueError):
        holder_digest("", HOLDER_ID, "SY0101-000123")


def test_key_serialisation_round_trip() -> None:
    private = load_private_key(KEYS.private_key)
    assert private_key_bytes(private) == KEYS.private_key
    assert public_key_bytes(private) == KEYS.public_key
    assert public_key_bytes(load_public_key(KEYS.public_key)) == KEYS.public_key
    assert len(KEYS.private_key) == 32 and len(KEYS.public_key) == 32
    with pytest.raises(ValueError):
        load_private_key(b"short")
    with pytest.raises(ValueError):
        load_public_key(b"\0" * 31)


def test_private_key_is_not_in_repr() -> None:
    pair = KeyPair(private_key=b"\x01" * 32, public_key=b"\x02" * 32)
    assert "private_key" not in repr(pair)
    assert repr(b"\x01" * 32) not in repr(pair)


def test_short_code() -> None:
    code = short_code(PAYLOAD)
    assert len(code) == 10
    assert set(code) <= set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    assert short_code(encode_payload(FIELDS, OTHER_KEYS.private_key)) != code
    grouped = f"{code[:5]}-{code[5:]}".lower()
    assert normalise_short_code(grouped) == code
    assert normalise_short_code("ol1I0-ABCDE") == "01110ABCDE"
    with pytest.raises(ValueError):
        normalise_short_code("ABC")
    with pytest.raises(ForgedPayload):
        short_code("not a payload")


def test_a_key_history_verifies_each_payload_with_the_key_of_its_issue_date() -> None:
    changed = datetime(2026, 3, 5, 2, 0, tzinfo=UTC)  # 10:00 on 5 March, China time
    history = [KeyWindow(KEYS.public_key, None, changed), KeyWindow(OTHER_KEYS.public_key, changed)]
    assert decode_and_verify(PAYLOAD, {"SY0101": history}).number == "SY0101-000123"
    by_new_key = encode_payload(FIELDS, OTHER_KEYS.private_key)  # same day: both were in force
    assert decode_and_verify(by_new_key, {"SY0101": history}).number == "SY0101-000123"
    late = PayloadFields.for_holder(
        "SY0101-000124", "STUDENT_HARDSHIP", date(2026, 3, 6), HOLDER_NAME, HOLDER_ID
    )
    with pytest.raises(ForgedPayload):  # the old key, a day after it was replaced
        decode_and_verify(encode_payload(late, KEYS.private_key), {"SY0101": history})
    early = PayloadFields.for_holder(
        "SY0101-000122", "STUDENT_HARDSHIP", date(2026, 3, 4), HOLDER_NAME, HOLDER_ID
    )
    with pytest.raises(ForgedPayload):  # the new key, a day before it came in
        decode_and_verify(encode_payload(early, OTHER_KEYS.private_key), {"SY0101": history})
    with pytest.raises(UnknownStation):
        decode_and_verify(PAYLOAD, {"SY0101": []})


def test_a_rotation_statement_binds_the_station_the_new_key_and_the_time() -> None:
    when = datetime(2026, 3, 5, 2, 0, 7, 999, tzinfo=UTC)
    new = OTHER_KEYS.public_key
    assert (
        rotation_statement("SY0101", new, when)
        == (
            "stationdesk key rotation v1\nstation SY0101\n"
            f"new-key {new.hex()}\neffective 2026-03-05T02:00:07Z\n"
        ).encode()
    )
    signature = sign_rotation(KEYS.private_key, "SY0101", new, when)
    assert verify_rotation(KEYS.public_key, "SY0101", new, when, signature)
    assert not verify_rotation(KEYS.public_key, "SY0102", new, when, signature)
    assert not verify_rotation(KEYS.public_key, "SY0101", KEYS.public_key, when, signature)
    assert not verify_rotation(
        KEYS.public_key, "SY0101", new, when + timedelta(seconds=1), signature
    )
    assert not verify_rotation(OTHER_KEYS.public_key, "SY0101", new, when, signature)
    assert not verify_rotation(KEYS.public_key, "SY0101", new, when, b"\0" * 3)
    text = format_effective_time(when)
    assert parse_effective_time(text) == when.replace(microsecond=0)
    for bad in ("2026-03-05 02:00:07Z", "2026-03-05T02:00:07+00:00", "2026-03-05T02:00:07", 5):
        with pytest.raises(ValueError):
            parse_effective_time(bad)
    with pytest.raises(ValueError):
        format_effective_time(datetime(2026, 3, 5))
