"""How a ledger row prints, the same at issue and on reprint, and the record of each PDF made."""

from __future__ import annotations

import io

from stationdesk.domain.catalog import RECORDS_KEY
from stationdesk.printing.certificate import BodyTooLong, CertificateDocument, render_certificate
from stationdesk.printing.refusal import RefusalNoticeDocument, render_refusal_notice
from stationdesk.store.models_certs import Certificate, DocumentFile, RefusalNotice

from ..errors import InputError
from ..uow import UnitOfWork
from .common import sha256, shown_number

#: The QR data mask: fixed, not chosen by the ISO/IEC 18004 penalty rules. Any of the eight masks
#: gives a conforming symbol; the penalty search is most of the QR cost: a render took a median
#: 11.0 ms (2.55x a bare page) with it and 6.8 ms (1.57x) with a fixed mask (bench_render). The
#: scan test (benchmarks/qr_mask_scan.py, 100 payloads, zbar on pdftoppm rasters at 80/84/90
#: dpi, where decoding starts to fail) read mask 0 100%/100%/52% and the automatic choice
#: 100%/100%/42%: the search buys no readability here, so the issue call does not pay for it.
QR_MASK: int | None = 0
#: What a refusal notice says when the applicant gave no purpose.
NO_PURPOSE_ZH = "未说明"


def reissue_note(original: Certificate | None) -> str:
    """The line a reissued certificate carries about the voided one it replaces ("" if none)."""
    if original is None:
        return ""
    return f"本证明为补发，原编号{shown_number(original)}的证明已作废。"


def certificate_document(
    cert: Certificate,
    *,
    station_name: str,
    note: str,
    shown: str | None = None,
    draft: bool = False,
) -> CertificateDocument:
    """The printable certificate for a ledger row (``shown``: the number as printed)."""
    return CertificateDocument(
        title=cert.type_name,
        number=cert.number,
        display_number=shown_number(cert) if shown is None else shown,
        station_name=station_name,
        holder_name=cert.holder_name,
        id_number=cert.holder_id_number,
        body=cert.body,
        purpose=cert.purpose,
        worker_name=cert.worker_name,
        issue_date=cert.issue_date,
        valid_until=cert.valid_until,
        qr_payload=cert.payload,
        short_code=cert.short_code,
        note=note,
        draft=draft,
        annex=tuple(line for line in cert.fields.get(RECORDS_KEY, "").splitlines() if line),
    )


def render_certificate_pdf(doc: CertificateDocument) -> bytes:
    """A certificate's PDF; text too long for one page is an input error."""
    buffer = io.BytesIO()
    try:
        render_certificate(doc, buffer, qr_mask=QR_MASK)
    except BodyTooLong:
        raise InputError(
            "the text does not fit on one page; shorten the free-text fields",
            "证明内容过长，一页放不下，请精简填写的文字。",
        ) from None
    return buffer.getvalue()


def notice_document(
    notice: RefusalNotice, *, station_name: str, masked_id: str, reason_label: str, copies: int
) -> RefusalNoticeDocument:
    """The printable refusal notice for a ledger row (the applicant's ID number masked);
    ``copies`` is how many the guide says are made (一式两份)."""
    return RefusalNoticeDocument(
        number=notice.number,
        display_number=shown_number(notice),
        station_name=station_name,
        applicant_name=notice.applicant_name,
        masked_id_number=masked_id,
        notice_date=notice.notice_date,
        requested_item=notice.requested_item,
        purpose=notice.purpose or NO_PURPOSE_ZH,
        reason_label=reason_label,
        competent_body=notice.competent_body,
        legal_basis=notice.legal_basis,
        worker_name=notice.worker_name,
        reason_detail=notice.reason_detail,
        copies=copies,
    )


def render_notice_pdf(doc: RefusalNoticeDocument) -> bytes:
    """A refusal notice's PDF (BodyTooLong when the text cannot fit one page)."""
    buffer = io.BytesIO()
    render_refusal_notice(doc, buffer)
    return buffer.getvalue()


def record_file(uow: UnitOfWork, number: str, pdf: bytes) -> None:
    """Keep the SHA-256 of a PDF made for a number, so verify knows the file as genuine."""
    uow.session.add(
        DocumentFile(
            number=number,
            sha256=sha256(pdf),
            rendered_at=uow.now,
            worker_id=uow.actor.worker_id if uow.actor else None,
        )
    )
