"""Verifying a certificate from its PDF, its scanned QR payload or its number."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.domain.identity import mask_id_number
from stationdesk.domain.numbering import display_number
from stationdesk.domain.roles import Permission
from stationdesk.printing.certificate import embedded_payload
from stationdesk.secrets.signing import (
    ForgedPayload,
    KeyWindow,
    UnknownStation,
    decode_and_verify,
    holder_matches,
)
from stationdesk.store.models_certs import (
    Certificate,
    DocumentFile,
    RefusalNotice,
    StationKey,
    StationKeyHistory,
)

from ..actor import Actor, require
from ..errors import InputError
from ..station import Station
from .common import (
    STATUS_VOID,
    canonical_number,
    find_certificate,
    local_date,
    replaced_by,
    sha256,
    shown_number,
)
from .numbering import FIRST_KEY


class Verdict(StrEnum):
    """What a verification concludes."""

    VALID = "valid"
    VOID = "void"
    UNKNOWN = "unknown"
    FORGED = "forged"


@dataclass(frozen=True)
class Verification:
    """The answer to "is this genuine?", with what the ledger says (ID masked)."""

    verdict: Verdict
    detail: str
    detail_zh: str
    number: str | None = None
    display_number: str | None = None
    kind: str | None = None  # "certificate" or "refusal_notice"
    type_code: str | None = None
    type_name: str | None = None
    holder_name: str | None = None
    holder_id_masked: str | None = None
    issue_date: date | None = None
    valid_until: date | None = None
    expired: bool = False
    void_reason: str | None = None
    voided_at: datetime | None = None
    replaced_by: str | None = None
    ledger_checked: bool = False


def _public_keys(s: Session) -> dict[str, list[KeyWindow]]:
    """Station code → every key known here for it, with its window, oldest first."""
    out: dict[str, list[KeyWindow]] = {}
    rows = s.scalars(
        select(StationKeyHistory).order_by(
            StationKeyHistory.station_code, StationKeyHistory.valid_from
        )
    )
    for row in rows:
        start = None if row.basis == FIRST_KEY else row.valid_from  # no key precedes a first
        window = KeyWindow(bytes.fromhex(row.public_key), start, row.valid_to)
        out.setdefault(row.station_code, []).append(window)
    return out


def _from_ledger(s: Session, cert: Certificate, today: date, valid: str, zh: str) -> Verification:
    """What the ledger says of a genuine certificate: void, or valid (``valid``/``zh`` say how)."""
    if cert.status == STATUS_VOID:
        verdict, detail, detail_zh = Verdict.VOID, "the certificate was voided", "该证明已作废。"
    else:
        verdict, detail, detail_zh = Verdict.VALID, valid, zh
    return Verification(
        verdict=verdict,
        detail=detail,
        detail_zh=detail_zh,
        number=cert.number,
        display_number=shown_number(cert),
        kind="certificate",
        type_code=cert.type_code,
        type_name=cert.type_name,
        holder_name=cert.holder_name,
        holder_id_masked=mask_id_number(cert.holder_id_number),
        issue_date=cert.issue_date,
        valid_until=cert.valid_until,
        expired=today > cert.valid_until,
        void_reason=cert.void_reason,
        voided_at=cert.voided_at,
        replaced_by=replaced_by(s, cert),
        ledger_checked=True,
    )


def _ledger_consistent(
    cert: Certificate, keys_by_station: Mapping[str, Sequence[KeyWindow]]
) -> bool:
    """Whether the ledger row still matches its own signed payload (detects edits in place)."""
    try:
        checked = decode_and_verify(cert.payload, keys_by_station)
    except (ForgedPayload, UnknownStation, ValueError):
        return False
    return (
        checked.number == cert.number
        and checked.type_code == cert.type_code
        and checked.issue_date == cert.issue_date
        and holder_matches(
            checked.holder_digest, cert.holder_name, cert.holder_id_number, cert.number
        )
    )


def _file_known(s: Session, number: str, file_sha: str) -> bool:
    """Whether this station produced a PDF with this digest for this number."""
    known = s.scalar(
        select(DocumentFile.id).where(
            DocumentFile.number == number, DocumentFile.sha256 == file_sha
        )
    )
    return known is not None


def _verify_payload(
    s: Session, payload: str, today: date, file_sha: str | None = None
) -> Verification:
    public = _public_keys(s)
    try:
        checked = decode_and_verify(payload, public)
    except UnknownStation as exc:
        return Verification(
            Verdict.UNKNOWN,
            f"no public key for station {exc.station_code}",
            f"本机没有站点 {exc.station_code} 的公钥，无法核验。",
        )
    except (ForgedPayload, ValueError):
        return Verification(
            Verdict.FORGED, "the signature does not verify", "签名核验失败：证明系伪造或被篡改。"
        )
    cert = find_certificate(s, checked.number)
    if cert is None:
        own = s.get(StationKey, checked.station_code)
        if own is not None and not own.own:
            return Verification(
                Verdict.VALID,
                "the signature of the issuing station verifies (its ledger is not here)",
                "签名核验通过（出具站点的台账不在本机，仅核验了签名）。",
                number=checked.number,
                display_number=display_number(checked.number, checked.issue_date.year),
                kind="certificate",
                type_code=checked.type_code,
                issue_date=checked.issue_date,
            )
        return Verification(
            Verdict.UNKNOWN,
            f"{checked.number} is signed by this station but not in its ledger",
            "签名属于本站，但本站台账中没有该编号（可能是从旧备份恢复后丢失的记录）。",
            number=checked.number,
        )
    if cert.payload != payload.strip() or not _ledger_consistent(cert, public):
        return Verification(
            Verdict.FORGED,
            "the payload differs from the ledger's",
            "二维码内容与台账记录不一致：证明系伪造或被篡改。",
            number=cert.number,
        )
    if (
        cert.status != STATUS_VOID  # a voided certificate is void whichever file it came in
        and file_sha is not None
        and not _file_known(s, cert.number, file_sha)
    ):
        return Verification(
            Verdict.FORGED,
            "the file differs from every PDF this station produced for this number",
            "文件内容与本站出具的文件不一致：文件已被改动。",
            number=cert.number,
        )
    return _from_ledger(s, cert, today, "genuine and in force", "真实有效。")


def _verify_number(s: Session, text: str, today: date) -> Verification:
    canonical = canonical_number(text)
    cert = find_certificate(s, canonical)
    if cert is not None:
        if not _ledger_consistent(cert, _public_keys(s)):
            return Verification(
                Verdict.FORGED,
                "the ledger row does not match its signature",
                "台账记录与其签名不一致，记录可能被篡改。",
                number=canonical,
            )
        return _from_ledger(s, cert, today, "issued and in force", "已出具，未作废。")
    notice = s.scalars(select(RefusalNotice).where(RefusalNotice.number == canonical)).first()
    if notice is not None:
        return Verification(
            Verdict.VALID,
            "a refusal notice this station issued",
            "本站出具的不予出具证明告知书。",
            number=notice.number,
            display_number=shown_number(notice),
            kind="refusal_notice",
            type_name=notice.requested_item,
            holder_name=notice.applicant_name,
            issue_date=notice.notice_date,
            ledger_checked=True,
        )
    return Verification(
        Verdict.UNKNOWN, f"{canonical} is not in the ledger", "台账中没有该编号。", number=canonical
    )


def _is_file(text: str) -> bool:
    """Whether the text names an existing file (a text no path can be is not one)."""
    try:
        return Path(text).is_file()
    except (OSError, ValueError):
        return False


def verify(station: Station, actor: Actor, subject: str | Path | bytes) -> Verification:
    """Check a PDF file (path or bytes), a scanned QR payload (``SD1:…``) or a number.

    valid: genuine, in the ledger and not void; void: genuine but voided; unknown: not in the
    ledger or signed by a station whose key is not here; forged: a bad signature, a payload that
    differs from the ledger, or a PDF changed after it was produced.
    """
    require(actor, Permission.HANDLE_MATTERS)
    data: bytes | None = subject if isinstance(subject, bytes) else None
    text = "" if isinstance(subject, bytes) else str(subject).strip()
    if data is None and (
        isinstance(subject, Path) or text.lower().endswith(".pdf") or _is_file(text)
    ):
        try:
            data = Path(text).read_bytes()
        except OSError:
            raise InputError(f"cannot read {text}", "无法读取该文件。") from None
    today = local_date(station.now())
    with station.db.read_session() as s:
        if data is not None:
            if not data.startswith(b"%PDF-"):
                raise InputError("not a PDF file", "不是PDF文件。")
            payload = embedded_payload(data)
            if payload is None:
                return Verification(
                    Verdict.FORGED,
                    "the file carries no verification payload",
                    "文件中没有可核验的签名信息：不是本系统出具的证明，或已被改动。",
                )
            return _verify_payload(s, payload, today, file_sha=sha256(data))
        if text.upper().startswith("SD1:"):
            return _verify_payload(s, text, today)
        return _verify_number(s, text, today)
