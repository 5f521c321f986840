"""Ed25519 signing of the compact payload printed as a certificate's QR code, and its checking.

Payload format ``SD1``
----------------------
The QR text is ``SD1:`` followed by unpadded RFC 4648 base32 (uppercase ``A-Z2-7``), so the
whole string fits QR alphanumeric mode. The base32 decodes to ``message || signature``:

``message`` (variable length, even)
    ``"<number> <type_code>"`` packed three characters per two bytes (radix 40 over
    ``0-9 A-Z - _ space``, padded with symbol 0), then the issue date as 2 bytes big-endian
    (days since 2000-01-01), then the 8-byte holder digest.
``signature`` (64 bytes)
    Ed25519 over ``b"SD1:" + message`` (the prefix binds the format version).

The station code is the number's prefix, so it is carried without extra bytes. A typical payload
is about 150 characters. Decoding is strict: the text must be exactly what ``encode_payload``
would produce for the same bytes, so any edit of a character is rejected.

The holder digest is the first 8 bytes of SHA-256 over a domain tag, the certificate number
(the salt) and the normalised name and ID number. It lets a verifier compare the paper against
the ledger without the QR code spelling out the ID number.

Key history
-----------
A station may replace its key. Each key then has a validity window (``KeyWindow``), and a
payload verifies only with a key whose window covers its issue date (China calendar days, both
ends inclusive; a station's first key covers every day up to its replacement). A replacement is
announced by a rotation statement (``rotation_statement``: the station code, the new key and
the effective time) signed with the key it replaces.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from stationdesk.domain.numbering import NumberKind, parse_number
from stationdesk.domain.open311 import CHINA_TZ

__all__ = [
    "DIGEST_BYTES",
    "PAYLOAD_PREFIX",
    "ForgedPayload",
    "KeyPair",
    "KeyWindow",
    "PayloadError",
    "PayloadFields",
    "UnknownStation",
    "VerifiedPayload",
    "decode_and_verify",
    "encode_payload",
    "format_effective_time",
    "generate_keypair",
    "holder_digest",
    "holder_matches",
    "load_private_key",
    "load_public_key",
    "normalise_short_code",
    "parse_effective_time",
    "private_key_bytes",
    "public_key_bytes",
    "rotation_statement",
    "short_code",
    "short_code_for_signature",
    "sign_rotation",
    "verify_rotation",
]

PAYLOAD_PREFIX = "SD1:"
DIGEST_BYTES = 8
SIGNATURE_BYTES = 64
KEY_BYTES = 32
SHORT_CODE_LENGTH = 10

_EPOCH = date(2000, 1, 1)
_DATE_BYTES = 2
_FIXED_TAIL = _DATE_BYTES + DIGEST_BYTES + SIGNATURE_BYTES
# Symbol 0 pads the packed text; the rest are the characters a number and a type code may use.
_PACK_ALPHABET = "\0" + "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_ "
_PACK_INDEX = {ch: i for i, ch in enumerate(_PACK_ALPHABET)}
_RADIX = len(_PACK_ALPHABET)  # 40; 40**3 = 64000 fits two bytes
_B32_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CROCKFORD_FOLD = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})
_TYPE_CODE_RE = re.compile(r"[A-Z][A-Z0-9_]{1,31}")
_HOLDER_TAG = b"stationdesk/holder-digest/v1\0"
_ROTATION_TAG = "stationdesk key rotation v1"
_EFFECTIVE_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
_EFFECTIVE_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
_SHORT_CODE_TAG = b"stationdesk/short-code/v1\0"


class PayloadError(ValueError):
    """A QR payload cannot be accepted as genuine."""


class ForgedPayload(PayloadError):
    """The payload is garbled, malformed or its signature does not verify."""


class UnknownStation(PayloadError):
    """The payload names a station whose public key the verifier does not have."""

    def __init__(self, station_code: str) -> None:
        super().__init__(f"no public key for station {station_code!r}")
        self.station_code = station_code


# ---------------------------------------------------------------------------------------------
# Keys
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KeyPair:
    """A station's signing key pair as raw 32-byte values (the private half never in repr)."""

    private_key: bytes = field(repr=False)
    public_key: bytes


def generate_keypair() -> KeyPair:
    """Return a fresh Ed25519 key pair as raw bytes."""
    key = Ed25519PrivateKey.generate()
    return KeyPair(private_key=private_key_bytes(key), public_key=public_key_bytes(key))


def private_key_bytes(key: Ed25519PrivateKey) -> bytes:
    """Return the raw 32-byte private key, for the OS keyring."""
    return key.private_bytes(
        encoding=serialization.Encoding.Raw,
        format=serialization.PrivateFormat.Raw,
        encryption_algorithm=serialization.NoEncryption(),
    )


def public_key_bytes(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    """Return the raw 32-byte public key of a private or public key."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(
        encoding=serialization.Encoding.Raw, format=serialization.PublicFormat.Raw
    )


def load_private_key(raw: bytes) -> Ed25519PrivateKey:
    """Load a raw 32-byte private key, or raise ValueError."""
    if len(raw) != KEY_BYTES:
        raise ValueError(f"an Ed25519 private key is {KEY_BYTES} bytes, got {len(raw)}")
    return Ed25519PrivateKey.from_private_bytes(raw)


def load_public_key(raw: bytes) -> Ed25519PublicKey:
    """Load a raw 32-byte public key, or raise ValueError."""
    if len(raw) != KEY_BYTES:
        raise ValueError(f"an Ed25519 public key is {KEY_BYTES} bytes, got {len(raw)}")
    return Ed25519PublicKey.from_public_bytes(raw)


@dataclass(frozen=True, slots=True)
class KeyWindow:
    """One public key of a station and when it was in force.

    ``valid_from`` None: from the start (a station's first key, which no older key precedes);
    ``valid_to`` None: it still is.
    """

    public_key: bytes
    valid_from: datetime | None
    valid_to: datetime | None = None

    def covers(self, day: date) -> bool:
        """Whether the key was in force at some moment of this China calendar day."""
        if self.valid_from is not None and day < self.valid_from.astimezone(CHINA_TZ).date():
            return False
        return self.valid_to is None or day <= self.valid_to.astimezone(CHINA_TZ).date()


# ---------------------------------------------------------------------------------------------
# Key rotation statements
# ---------------------------------------------------------------------------------------------


def format_effective_time(moment: datetime) -> str:
    """A rotation's effective time as signed: UTC to the second, e.g. ``2026-03-05T01:02:03Z``."""
    if moment.tzinfo is None:
        raise ValueError("an effective time must be timezone-aware")
    return moment.astimezone(UTC).strftime(_EFFECTIVE_FORMAT)


def parse_effective_time(text: object) -> datetime:
    """Read an effective time written by ``format_effective_time``, or raise ValueError."""
    if not isinstance(text, str) or not _EFFECTIVE_RE.fullmatch(text):
        raise ValueError("an effective time is written YYYY-MM-DDTHH:MM:SSZ (UTC)")
    return datetime.strptime(text, _EFFECTIVE_FORMAT).replace(tzinfo=UTC)


def rotation_statement(station_code: str, new_public_key: bytes, effective_at: datetime) -> bytes:
    """The canonical text a station signs with its old key to announce its new one."""
    if not station_code.isascii() or not station_code.isalnum():
        raise ValueError(f"not a station code: {station_code!r}")
    if len(new_public_key) != KEY_BYTES:
        raise ValueError(f"an Ed25519 public key is {KEY_BYTES} bytes")
    lines = (
        _ROTATION_TAG,
        f"station {station_code}",
        f"new-key {new_public_key.hex()}",
        f"effective {format_effective_time(effective_at)}",
    )
    return ("\n".join(lines) + "\n").encode("ascii")


def sign_rotation(
    old_private_key: Ed25519PrivateKey | bytes,
    station_code: str,
    new_public_key: bytes,
    effective_at: datetime,
) -> bytes:
    """The old key's 64-byte signature over the rotation statement."""
    key = (
        load_private_key(old_private_key) if isinstance(old_private_key, bytes) else old_private_key
    )
    return key.sign(rotation_statement(station_code, new_public_key, effective_at))


def verify_rotation(
    old_public_key: bytes,
    station_code: str,
    new_public_key: bytes,
    effective_at: datetime,
    signature: bytes,
) -> bool:
    """Whether ``signature`` is the old key's signature over this rotation statement."""
    try:
        statement = rotation_statement(station_code, new_public_key, effective_at)
        load_public_key(old_public_key).verify(signature, statement)
    except (InvalidSignature, ValueError):
        return False
    return True


# ---------------------------------------------------------------------------------------------
# Holder digest and short code
# ---------------------------------------------------------------------------------------------


def _normalise_name(name: str) -> str:
    """Fold width and case and collapse whitespace, so 张 三 and 张三 give the same digest."""
    folded = unicodedata.normalize("NFKC", name).upper()
    return "".join(folded.split())


def holder_digest(name: str, id_number: str, number: str) -> bytes:
    """Return the 8-byte digest of the holder's name and ID number, salted with the number."""
    if not name.strip() or not id_number.strip():
        raise ValueError("holder name and ID number are both required for the digest")
    canonical = parse_number(number).canonical
    id_clean = "".join(unicodedata.normalize("NFKC", id_number).upper().split())
    material = "\0".join((canonical, _normalise_name(name), id_clean)).encode("utf-8")
    return hashlib.sha256(_HOLDER_TAG + material).digest()[:DIGEST_BYTES]


def holder_matches(payload_digest: bytes, name: str, id_number: str, number: str) -> bool:
    """Return whether a payload's holder digest matches a name and ID number (constant time)."""
    return hmac.compare_digest(payload_digest, holder_digest(name, id_number, number))


def _crockford(data: bytes, length: int) -> str:
    """Return the first ``length`` Crockford base32 characters of ``data``."""
    value = int.from_bytes(data, "big")
    total_bits = len(data) * 8
    chars = []
    for i in range(length):
        shift = total_bits - 5 * (i + 1)
        chars.append(_CROCKFORD[(value >> shift) & 0x1F])
    return "".join(chars)


def short_code_for_signature(signature: bytes) -> str:
    """Return the 10-character verification code (Crockford base32, 50 bits) of a signature.

    Ed25519 signatures are deterministic, so a ledger that keeps the payload text or the
    signature can recompute the code; a forger without the station key cannot.
    """
    if len(signature) != SIGNATURE_BYTES:
        raise ValueError(f"an Ed25519 signature is {SIGNATURE_BYTES} bytes, got {len(signature)}")
    return _crockford(hashlib.sha256(_SHORT_CODE_TAG + signature).digest(), SHORT_CODE_LENGTH)


def short_code(payload_text: str) -> str:
    """Return the verification code printed beside the QR, e.g. ``7KQ2M9X4TB``.

    Print it grouped as ``7KQ2M-9X4TB`` if you like; ``normalise_short_code`` undoes that.
    Raises ForgedPayload if the text is not a well-formed payload (the signature is not checked).
    """
    return short_code_for_signature(_split(payload_text)[1])


def normalise_short_code(text: str) -> str:
    """Return a typed verification code in canonical form, or raise ValueError.

    Hyphens and spaces are dropped, case is folded, and Crockford's look-alikes are mapped
    (I and L → 1, O → 0, U → V).
    """
    cleaned = unicodedata.normalize("NFKC", text).upper().replace("-", "")
    cleaned = "".join(cleaned.split()).translate(_CROCKFORD_FOLD)
    if len(cleaned) != SHORT_CODE_LENGTH or any(ch not in _CROCKFORD for ch in cleaned):
        raise ValueError(f"a verification code is {SHORT_CODE_LENGTH} characters of 0-9 A-Z")
    return cleaned


# ---------------------------------------------------------------------------------------------
# Payload encoding
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PayloadFields:
    """What a certificate's QR code asserts; the station code is the number's prefix."""

    number: str
    type_code: str
    issue_date: date
    holder_digest: bytes

    @property
    def station_code(self) -> str:
        """Return the issuing station's code, taken from the number."""
        return parse_number(self.number).station_code

    @classmethod
    def for_holder(
        cls, number: str, type_code: str, issue_date: date, holder_name: str, id_number: str
    ) -> PayloadFields:
        """Build the fields, computing the holder digest from the name and ID number."""
        return cls(number, type_code, issue_date, holder_digest(holder_name, id_number, number))


@dataclass(frozen=True, slots=True)
class VerifiedPayload:
    """A payload whose signature verified against the station's public key."""

    number: str
    type_code: str
    issue_date: date
    station_code: str
    holder_digest: bytes
    short_code: str

    def holder_matches(self, name: str, id_number: str) -> bool:
        """Return whether the certificate was issued to this name and ID number."""
        return holder_matches(self.holder_digest, name, id_number, self.number)


def _pack_text(text: str) -> bytes:
    """Pack characters of the radix-40 alphabet three to two bytes."""
    if any(ch not in _PACK_INDEX or ch == "\0" for ch in text):
        raise ValueError(f"cannot pack {text!r}: only 0-9, A-Z, '-', '_' and space")
    padded = text + "\0" * (-len(text) % 3)
    out = bytearray()
    for i in range(0, len(padded), 3):
        a, b, c = (_PACK_INDEX[ch] for ch in padded[i : i + 3])
        out += ((a * _RADIX + b) * _RADIX + c).to_bytes(2, "big")
    return bytes(out)


def _unpack_text(data: bytes) -> str:
    """Undo _pack_text, or raise ForgedPayload on values that _pack_text never produces."""
    chars: list[str] = []
    for i in range(0, len(data), 2):
        value = int.from_bytes(data[i : i + 2], "big")
        if value >= _RADIX**3:
            raise ForgedPayload("garbled payload text")
        chars += [
            _PACK_ALPHABET[value // (_RADIX * _RADIX)],
            _PACK_ALPHABET[(value // _RADIX) % _RADIX],
            _PACK_ALPHABET[value % _RADIX],
        ]
    text = "".join(chars)
    stripped = text.rstrip("\0")
    if "\0" in stripped or len(text) - len(stripped) > 2:
        raise ForgedPayload("garbled payload text")
    return stripped


def _message(fields: PayloadFields) -> bytes:
    """Return the signed message bytes for the fields, or raise ValueError."""
    number = parse_number(fields.number)
    if number.year is not None or number.canonical != fields.number:
        raise ValueError(f"sign the canonical number, not {fields.number!r}")
    if number.kind is not NumberKind.CERTIFICATE:
        raise ValueError(f"only certificate numbers are signed, got {fields.number!r}")
    code = fields.type_code
    if not _TYPE_CODE_RE.fullmatch(code):
        raise ValueError(f"type code must be UPPER_SNAKE_CASE, got {code!r}")
    days = (fields.issue_date - _EPOCH).days
    if not 0 <= days < 1 << (8 * _DATE_BYTES):
        raise ValueError(f"issue date out of range: {fields.issue_date}")
    if len(fields.holder_digest) != DIGEST_BYTES:
        raise ValueError(f"holder digest must be {DIGEST_BYTES} bytes")
    packed = _pack_text(f"{fields.number} {code}")
    return packed + days.to_bytes(_DATE_BYTES, "big") + fields.holder_digest


def _b32encode(data: bytes) -> str:
    """Return unpadded base32."""
    return base64.b32encode(data).decode("ascii").rstrip("=")


def encode_payload(fields: PayloadFields, private_key: Ed25519PrivateKey | bytes) -> str:
    """Sign the fields and return the QR text, e.g. ``SD1:…`` (uppercase, about 150 chars)."""
    key = load_private_key(private_key) if isinstance(private_key, bytes) else private_key
    message = _message(fields)
    signature = key.sign(PAYLOAD_PREFIX.encode("ascii") + message)
    return PAYLOAD_PREFIX + _b32encode(message + signature)


def _split(text: str) -> tuple[bytes, bytes]:
    """Return (message, signature) from payload text, or raise ForgedPayload."""
    if not isinstance(text, str):
        raise ForgedPayload("payload is not text")
    body = text.strip()
    if not body.startswith(PAYLOAD_PREFIX):
        raise ForgedPayload(f"not a stationdesk payload (expected the {PAYLOAD_PREFIX} prefix)")
    encoded = body[len(PAYLOAD_PREFIX) :]
    if not encoded or any(ch not in _B32_ALPHABET for ch in encoded):
        raise ForgedPayload("garbled payload: not base32")
    try:
        raw = base64.b32decode(encoded + "=" * (-len(encoded) % 8))
    except ValueError:
        raise ForgedPayload("garbled payload: not base32") from None
    if _b32encode(raw) != encoded:
        raise ForgedPayload("garbled payload: non-canonical base32")
    text_length = len(raw) - _FIXED_TAIL
    if text_length < 2 or text_length % 2:
        raise ForgedPayload("garbled payload: wrong length")
    message_length = len(raw) - SIGNATURE_BYTES
    return raw[:message_length], raw[message_length:]


def decode_and_verify(
    text: str, public_keys: Mapping[str, bytes | Sequence[KeyWindow]]
) -> VerifiedPayload:
    """Check a scanned payload against the stations' public keys and return what it asserts.

    ``public_keys`` maps a station code to its one key, or to its key history: then only the
    keys whose window covers the payload's issue date are tried.

    Raises ForgedPayload when the text is garbled or the signature does not verify, and
    UnknownStation when ``public_keys`` has no key for the station named in the payload.
    """
    message, signature = _split(text)
    text_part = message[: -(DIGEST_BYTES + _DATE_BYTES)]
    days = int.from_bytes(message[len(text_part) : len(text_part) + _DATE_BYTES], "big")
    digest = message[-DIGEST_BYTES:]
    number_text, sep, type_code = _unpack_text(text_part).partition(" ")
    if not sep or not type_code or " " in type_code:
        raise ForgedPayload("garbled payload: no type code")
    try:
        number = parse_number(number_text)
    except ValueError:
        raise ForgedPayload("garbled payload: bad number") from None
    if number.canonical != number_text or number.kind is not NumberKind.CERTIFICATE:
        raise ForgedPayload("garbled payload: bad number")

    known = public_keys.get(number.station_code)
    if known is None or not known:
        raise UnknownStation(number.station_code)
    issue_date = _EPOCH + timedelta(days=days)
    if isinstance(known, bytes):
        candidates = [known]
    else:
        candidates = [w.public_key for w in known if w.covers(issue_date)]
    signed = PAYLOAD_PREFIX.encode("ascii") + message
    for raw_key in candidates:
        public_key = load_public_key(raw_key)  # a bad stored key is a ValueError, not a forgery
        try:
            public_key.verify(signature, signed)
        except InvalidSignature:
            continue
        break
    else:
        raise ForgedPayload("signature does not verify with a key in force on its issue date")
    return VerifiedPayload(
        number=number_text,
        type_code=type_code,
        issue_date=issue_date,
        station_code=number.station_code,
        holder_digest=digest,
        short_code=short_code_for_signature(signature),
    )
