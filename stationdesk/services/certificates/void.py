"""Voiding a certificate, and printing any numbered document again from the ledger."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from stationdesk.domain.identity import mask_id_number
from stationdesk.domain.roles import Permission
from stationdesk.store.models_certs import Certificate, RefusalNotice
from stationdesk.store.models_residents import Resident

from ..actor import Actor, require
from ..errors import InputError, NotFoundError
from ..station import Station
from ..uow import unit_of_work
from .catalog import guide_version, reason_label
from .common import (
    REASON_MAX,
    STATUS_VOID,
    bounded,
    canonical_number,
    find_certificate,
    get_certificate,
    shown_number,
    station_row,
)
from .documents import (
    certificate_document,
    notice_document,
    record_file,
    reissue_note,
    render_certificate_pdf,
    render_notice_pdf,
)
from .synced import LEDGER_ROW, ledger_row


@dataclass(frozen=True)
class VoidedCertificate:
    """The outcome of a void."""

    id: str
    number: str
    display_number: str
    reason: str
    approver: str
    voided_at: datetime


def void_certificate(station: Station, actor: Actor, number: str, reason: str) -> VoidedCertificate:
    """Void an issued certificate (station head only, with a reason); recorded as a new event."""
    require(actor, Permission.APPROVE)
    reason = bounded(reason, REASON_MAX, "reason", "作废原因", required=True)
    if len(reason) < 2:
        raise InputError("give the reason for the void", "请填写作废原因。", field="reason")
    canonical = canonical_number(number)
    with unit_of_work(station, actor) as uow:
        cert = get_certificate(uow.session, canonical, number)
        if cert.status == STATUS_VOID:
            raise InputError(f"{canonical} is already void", "该证明已作废。")
        cert.status = STATUS_VOID
        cert.void_reason = reason
        cert.void_approver_id = actor.worker_id
        cert.voided_at = uow.now
        uow.versioned_change(
            "certificate",
            cert,
            "void",
            {
                "number": canonical,
                "reason": reason,
                "approver_id": actor.worker_id,
                "voided_at": uow.now.isoformat(),
                LEDGER_ROW: ledger_row(cert),
            },
            audit_details={"number": canonical, "reason": reason},
        )
        return VoidedCertificate(
            cert.id, canonical, shown_number(cert), reason, actor.display_name, uow.now
        )


def render_issued(station: Station, actor: Actor, number: str) -> bytes:
    """Render an issued certificate or a refusal notice again from the ledger (a reprint)."""
    return _render_again(station, actor, number, "document.reprint")


def view_issued(station: Station, actor: Actor, number: str) -> bytes:
    """The PDF of a certificate or refusal notice to look at on screen; the opening is audited."""
    return _render_again(station, actor, number, "document.view")


def _render_again(station: Station, actor: Actor, number: str, action: str) -> bytes:
    """Render a document of the ledger again, recording ``action`` in the audit chain."""
    require(actor, Permission.HANDLE_MATTERS)
    canonical = canonical_number(number)
    with unit_of_work(station, actor) as uow:
        s = uow.session
        station_name = station_row(s).name
        cert = find_certificate(s, canonical)
        if cert is not None:
            if cert.status == STATUS_VOID:
                raise InputError(f"{canonical} is void", "该证明已作废，不能再打印。")
            original = s.get(Certificate, cert.reissue_of) if cert.reissue_of else None
            doc = certificate_document(cert, station_name=station_name, note=reissue_note(original))
            pdf = render_certificate_pdf(doc)
        else:
            notice = s.scalars(
                select(RefusalNotice).where(RefusalNotice.number == canonical)
            ).first()
            if notice is None:
                raise NotFoundError(
                    f"no document {canonical}", f"台账中没有编号为 {number} 的文书。"
                )
            guide = guide_version(s, notice.guide_version)
            # by the id column: a resident's primary key is its ``seq``
            r = s.scalars(select(Resident).where(Resident.id == notice.resident_id)).first()
            pdf = render_notice_pdf(
                notice_document(
                    notice,
                    station_name=station_name,
                    masked_id=mask_id_number(r.id_number or "") if r else "",
                    reason_label=reason_label(guide, notice.reason_code),
                    copies=guide.notice_copies if guide else 2,  # the shipped default
                )
            )
        record_file(uow, canonical, pdf)
        uow.audit(action, "document", canonical)
        return pdf
