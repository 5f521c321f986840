"""Judging a certificate for ``/verify``: a typed number and code, or scanned QR text."""

from __future__ import annotations

import base64
import dataclasses
import functools
import hmac
import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from stationdesk.domain.numbering import NumberKind, display_number, parse_number
from stationdesk.domain.open311 import CHINA_TZ
from stationdesk.secrets.signing import (
    PAYLOAD_PREFIX,
    PayloadError,
    PayloadFields,
    decode_and_verify,
    encode_payload,
    generate_keypair,
    normalise_short_code,
)

from ..db import DistrictDatabase
from .lookup import Found, all_keys, find_certificate

log = logging.getLogger(__name__)

MAX_NUMBER_CHARS = 64
MAX_CODE_CHARS = 64
MAX_QR_CHARS = 1024
PAYLOAD_FORMAT = PAYLOAD_PREFIX.rstrip(":")

Verdict = Literal["genuine", "void", "unknown"]
VERDICT_ZH: dict[str, str] = {"genuine": "真实有效", "void": "已作废", "unknown": "未查到"}

# Common two-character surnames (复姓): the masked name keeps them whole, e.g. 欧阳**.
_COMPOUND_TEXT = (
    "欧阳司马上官诸葛东方皇甫尉迟公孙慕容令狐长孙宇文司徒夏侯轩辕端木"
    "独孤南宫西门百里呼延万俟闻人赫连澹台公冶太史申屠钟离宗政濮阳淳于"
    "单于仲孙司空拓跋第五东郭公羊左丘梁丘羊舌微生乐正漆雕壤驷谷梁"
)
COMPOUND_SURNAMES = frozenset(_COMPOUND_TEXT[i : i + 2] for i in range(0, len(_COMPOUND_TEXT), 2))


def mask_holder_name(name: str) -> str:
    """Return the holder's name as the public page shows it: the surname and one * per character.

    Whitespace is dropped. The first character is kept, or the first two when they are a common
    compound surname (欧阳, 司马, …) and the name is longer than that; every other character
    becomes ``*``: 张三 → 张*, 王小明 → 王**, 欧阳娜娜 → 欧阳**. A one-character name shows as a
    single ``*`` (its first character would be the whole name); an empty name as ``""``.
    """
    chars = "".join(name.split())
    if len(chars) <= 1:
        return "*" if chars else ""
    keep = 2 if chars[:2] in COMPOUND_SURNAMES and len(chars) > 2 else 1
    return chars[:keep] + "*" * (len(chars) - keep)


@dataclass(frozen=True)
class VerifyOutcome:
    """What the page says about one certificate (nothing personal beyond the masked name)."""

    verdict: Verdict
    number: str = ""
    display_number: str = ""
    type_name: str = ""
    issue_date: date | None = None
    station_name: str = ""
    holder_masked: str = ""
    void_date: date | None = None
    note_zh: str = ""
    signature_valid: bool | None = None

    def as_json(self) -> dict[str, Any]:
        """The JSON body of the result."""
        body: dict[str, Any] = {"result": self.verdict, "result_zh": VERDICT_ZH[self.verdict]}
        if self.verdict != "unknown":
            body.update(
                number=self.number,
                display_number=self.display_number,
                certificate_type=self.type_name,
                issue_date=self.issue_date.isoformat() if self.issue_date else None,
                station_name=self.station_name,
                holder_name_masked=self.holder_masked,
            )
            if self.verdict == "void":
                body["void_date"] = self.void_date.isoformat() if self.void_date else None
        if self.note_zh:
            body["message_zh"] = self.note_zh
        if self.signature_valid is not None:
            body["signature_valid"] = self.signature_valid
        return body


UNKNOWN_NOTE = (
    "未查到与该编号和核验码相符的证明。请核对证明上的编号和核验码后重试，或联系出具证明的单位。"
)
UNKNOWN = VerifyOutcome("unknown", note_zh=UNKNOWN_NOTE)


def _void_date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(CHINA_TZ).date()


@functools.cache
def _stand_in() -> tuple[str, dict[str, bytes]]:
    """A signed payload and its key, checked in place of a certificate that is not there."""
    pair = generate_keypair()
    fields = PayloadFields.for_holder("ZZ0000-000001", "STAND_IN", date(2000, 1, 1), "-", "-")
    return encode_payload(fields, pair.private_key), {"ZZ0000": pair.public_key}


def _unknown(code: str) -> VerifyOutcome:
    """UNKNOWN after a signature check and a code comparison of the same cost as a real one."""
    payload, keys = _stand_in()
    hmac.compare_digest(decode_and_verify(payload, keys).short_code, code)
    return UNKNOWN


def _judge(found: Found | None, canonical: str, code: str, year: int | None) -> VerifyOutcome:
    """Genuine or void only when the ledger's own signed payload carries this number and code.

    A number with no certificate (or no published key) costs the same signature check and code
    comparison, so the time of the answer does not tell an existing number from an unknown one.
    """
    if found is None or not found.keys:
        return _unknown(code)
    payload = found.data.get("payload")
    if not isinstance(payload, str) or found.data.get("number") != canonical:
        return UNKNOWN
    try:
        signed = decode_and_verify(payload, {found.station_code: found.keys})
    except (PayloadError, ValueError):
        log.warning("certificate %s: the stored payload does not verify", canonical)
        return UNKNOWN
    if signed.number != canonical or not hmac.compare_digest(signed.short_code, code):
        return UNKNOWN
    if year is not None and year != signed.issue_date.year:
        return UNKNOWN  # the printed year is always the issue year
    events = found.data.get("events")
    voided = isinstance(events, list) and "void" in events
    holder = found.data.get("holder_name")
    return VerifyOutcome(
        verdict="void" if voided else "genuine",
        number=canonical,
        display_number=display_number(canonical, signed.issue_date.year),
        type_name=found.type_names.get(signed.type_code)
        or str(found.data.get("type_name") or signed.type_code),
        issue_date=signed.issue_date,
        station_name=found.station_name,
        holder_masked=mask_holder_name(holder if isinstance(holder, str) else ""),
        void_date=_void_date(found.data.get("voided_at")) if voided else None,
    )


class BadInput(ValueError):
    """A malformed number, code or QR text: answered 400 with the reason."""

    def __init__(self, message: str, zh: str) -> None:
        super().__init__(message)
        self.message = message
        self.zh = zh


def _parse_number(text: str) -> tuple[str, int | None, NumberKind]:
    if not text.strip():
        raise BadInput("give the certificate number", "请填写证明编号。")
    if len(text) > MAX_NUMBER_CHARS:
        raise BadInput("the number is too long", "证明编号过长。")
    try:
        parsed = parse_number(text.upper())
    except ValueError:
        raise BadInput(
            "not a certificate number (e.g. SY0101-2026-000123)",
            "证明编号格式不对，应形如 SY0101-2026-000123。",
        ) from None
    return parsed.canonical, parsed.year, parsed.kind


def _parse_code(text: str) -> str:
    if not text.strip():
        raise BadInput("give the verification code", "请填写核验码（证明二维码旁的10位字符）。")
    if len(text) > MAX_CODE_CHARS:
        raise BadInput("the verification code is too long", "核验码过长。")
    try:
        return normalise_short_code(text)
    except ValueError:
        raise BadInput(
            "a verification code is 10 characters of 0-9 and A-Z",
            "核验码格式不对，应为10位数字或字母（可含连字符）。",
        ) from None


def check_number(db: DistrictDatabase, number: str, code: str) -> VerifyOutcome:
    """Judge a typed number and verification code (raises BadInput on malformed input)."""
    canonical, year, kind = _parse_number(number)
    normalised = _parse_code(code)
    if kind is not NumberKind.CERTIFICATE:
        return UNKNOWN  # refusal notices carry no code
    return _judge(find_certificate(db, canonical), canonical, normalised, year)


def check_qr(db: DistrictDatabase, text: str) -> VerifyOutcome:
    """Judge scanned QR text: its signature against the published keys, then the ledger."""
    cleaned = text.strip()
    if len(cleaned) > MAX_QR_CHARS:
        raise BadInput("the QR text is too long", "二维码内容过长。")
    if not cleaned.startswith(PAYLOAD_PREFIX):
        raise BadInput(
            f"not a certificate QR code (expected {PAYLOAD_PREFIX}…)",
            f"这不是本系统证明上的二维码内容（应以 {PAYLOAD_PREFIX} 开头）。",
        )
    keys = {code: station.windows for code, station in all_keys(db).items()}
    try:
        signed = decode_and_verify(cleaned, keys)
    except (PayloadError, ValueError):
        return VerifyOutcome(
            "unknown",
            note_zh="二维码内容无法通过签名核验：可能被改动、伪造，或出具单位的公钥尚未上报到区里。",
            signature_valid=False,
        )
    found = find_certificate(db, signed.number)
    stored = found.data.get("payload") if found is not None else None
    if not isinstance(stored, str) or not hmac.compare_digest(
        stored.strip().encode(), cleaned.encode()
    ):
        return VerifyOutcome(
            "unknown",
            note_zh="二维码签名有效，但区里尚无与之相符的证明记录（出具单位可能尚未同步）。"
            "请稍后再查，或联系出具证明的单位。",
            signature_valid=True,
        )
    result = _judge(found, signed.number, signed.short_code, None)
    return dataclasses.replace(result, signature_valid=True)


def keys_document(db: DistrictDatabase) -> dict[str, Any]:
    """The stations' keys with their validity windows and the payload format, for offline checks.

    Each station gives its key in force (``public_key_*``) and its whole history (``keys``,
    oldest first, ``valid_to`` null for the key in force): a QR payload verifies with a key whose
    window covers its issue date.
    """
    stations: dict[str, Any] = {}
    for code, station in all_keys(db).items():
        entry: dict[str, Any] = {"name": station.name}
        current = station.current
        if current is not None:
            entry["public_key_base64"] = base64.b64encode(current.public_key).decode("ascii")
            entry["public_key_hex"] = current.public_key.hex()
        entry["keys"] = list(station.published)
        stations[code] = entry
    return {
        "format": PAYLOAD_FORMAT,
        "payload_prefix": PAYLOAD_PREFIX,
        "algorithm": "Ed25519",
        "key_encoding": "raw 32-byte public key",
        "signature": f"Ed25519 over the ASCII prefix {PAYLOAD_PREFIX!r} + the decoded message",
        "key_validity": "a payload verifies with a key of its station whose window "
        "(valid_from to valid_to, UTC; valid_to null while in force) covers its issue date "
        "as a China Standard Time calendar day, both ends included; a station's first key "
        "(first: true) also covers the days before its valid_from",
        "stations": stations,
    }
