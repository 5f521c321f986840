"""Refusing a certificate: the refusal guide's suggestion and the numbered refusal notice."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from stationdesk.domain.catalog import Catalog, NotInCatalog, RefusalGuide, RefusalReason
from stationdesk.domain.identity import mask_id_number
from stationdesk.domain.numbering import NumberKind
from stationdesk.domain.roles import Permission
from stationdesk.printing.certificate import BodyTooLong
from stationdesk.store.models_certs import RefusalNotice

from ..actor import Actor, require
from ..errors import InputError
from ..station import Station
from ..uow import unit_of_work
from .catalog import KIND_CERTIFICATES, KIND_REFUSALS, active_in, certificate_type
from .common import (
    BODY_MAX,
    DETAIL_MAX,
    ELIGIBILITY_BODY_ZH,
    NOT_ELIGIBLE,
    PURPOSE_MAX,
    REQUESTED_MAX,
    bounded,
    resident,
)
from .documents import notice_document, render_notice_pdf
from .pipeline import Drafted, Numbered, issue_numbered

LEGAL_BASIS_MAX = 500
#: A notice's free texts by field name: the most characters, the Chinese name, whether required.
_TEXTS = {
    "requested_item": (REQUESTED_MAX, "申请出具的证明事项", True),
    "competent_body": (BODY_MAX, "应前往办理的部门（机构）", True),
    "legal_basis": (LEGAL_BASIS_MAX, "依据", True),
    "reason_detail": (DETAIL_MAX, "说明", False),
    "purpose": (PURPOSE_MAX, "用途", False),
}
#: What the district is told of a refusal notice, after its number.
_SYNCED = (
    "requested_item",
    "type_code",
    "purpose",
    "reason_code",
    "reason_detail",
    "competent_body",
    "legal_basis",
    "guide_version",
    "resident_id",
    "worker_id",
    "issued_at",
)


@dataclass(frozen=True)
class RefusalSuggestion:
    """What the refusal guide proposes for a request: reason, where to go, legal basis."""

    item_key: str | None
    item_label: str | None
    reason_code: str | None
    competent_body: str
    legal_basis: str


@dataclass(frozen=True)
class RefusalRequest:
    """A request to hand an applicant a refusal notice."""

    resident_id: str
    requested_item: str
    reason_code: str | None = None  # None: the guide's default for the matched item
    purpose: str = ""
    competent_body: str | None = None  # None: prefilled from the guide
    legal_basis: str | None = None  # None: prefilled from the guide
    reason_detail: str = ""
    type_code: str | None = None  # set when the request failed eligibility for a listed type


@dataclass(frozen=True)
class IssuedRefusal:
    """A numbered refusal notice (applicant's ID masked), with its PDF."""

    id: str
    number: str
    display_number: str
    requested_item: str
    reason_code: str
    reason_label: str
    competent_body: str
    applicant_name: str
    applicant_id_masked: str
    notice_date: date
    pdf: bytes = field(repr=False)
    copies: int = 2  # copies one print makes, from the refusal guide


def _suggest(
    guide: RefusalGuide, catalog: Catalog, requested_item: str, type_code: str | None
) -> RefusalSuggestion:
    if type_code:
        ctype = certificate_type(catalog, type_code)
        return RefusalSuggestion(
            None, ctype.name_zh, NOT_ELIGIBLE, ELIGIBILITY_BODY_ZH, ctype.legal_basis_zh
        )
    item = guide.suggest(requested_item)
    if item is None:
        return RefusalSuggestion(None, None, None, "", guide.legal_basis_zh)
    return RefusalSuggestion(
        item.key, item.label_zh, item.default_reason, item.competent_body_zh, item.legal_basis_zh
    )


def suggest_refusal(
    station: Station, requested_item: str, type_code: str | None = None
) -> RefusalSuggestion:
    """The guide's suggestion for a request (competent body prefilled for the common items)."""
    with station.db.read_session() as s:
        guide = active_in(s, KIND_REFUSALS).guide
        catalog = active_in(s, KIND_CERTIFICATES).catalog
    return _suggest(guide, catalog, requested_item, type_code)


def _text(name: str, value: str | None) -> str:
    limit, zh, required = _TEXTS[name]
    return bounded(value, limit, name, zh, required=required)


@dataclass(frozen=True)
class _Checked:
    """A refusal request checked against the guide: what the notice will say."""

    requested: str
    reason: RefusalReason
    competent_body: str
    legal_basis: str
    detail: str
    purpose: str


def _check_request(guide: RefusalGuide, catalog: Catalog, request: RefusalRequest) -> _Checked:
    """Every rule a refusal notice must pass before it is numbered; the guide fills the gaps."""
    requested = request.requested_item
    if request.type_code and not requested.strip():
        requested = certificate_type(catalog, request.type_code).name_zh
    requested = _text("requested_item", requested)
    suggestion = _suggest(guide, catalog, requested, request.type_code)
    reason_code = (request.reason_code or suggestion.reason_code or "").strip()
    if not reason_code:
        raise InputError("choose a reason code", "请选择不予出具的理由。", field="reason_code")
    try:
        reason = guide.reason(reason_code)
    except NotInCatalog:
        raise InputError(
            f"unknown reason code {reason_code!r}; see the refusal guide",
            f"理由代码“{reason_code}”不在现行告知理由中。",
            field="reason_code",
        ) from None
    body, basis = request.competent_body, request.legal_basis
    return _Checked(
        requested=requested,
        reason=reason,
        competent_body=_text("competent_body", suggestion.competent_body if body is None else body),
        legal_basis=_text("legal_basis", suggestion.legal_basis if basis is None else basis),
        detail=_text("reason_detail", request.reason_detail),
        purpose=_text("purpose", request.purpose),
    )


def refuse_certificate(
    station: Station, actor: Actor, request: RefusalRequest, *, out: Path | None = None
) -> IssuedRefusal:
    """Record and render a numbered refusal notice (不予出具证明告知书); the ID is masked."""
    require(actor, Permission.HANDLE_MATTERS)
    with unit_of_work(station, actor) as uow:
        s = uow.session
        active_guide = active_in(s, KIND_REFUSALS)
        guide, catalog = active_guide.guide, active_in(s, KIND_CERTIFICATES).catalog
        r = resident(s, request.resident_id)
        checked = _check_request(guide, catalog, request)
        reason = checked.reason
        masked = mask_id_number(r.id_number or "")

        def draft(numbered: Numbered) -> Drafted[RefusalNotice]:
            notice = RefusalNotice(
                **numbered.row_columns(),
                requested_item=checked.requested,
                type_code=request.type_code or None,
                purpose=checked.purpose,
                reason_code=reason.code,
                reason_detail=checked.detail,
                competent_body=checked.competent_body,
                legal_basis=checked.legal_basis,
                guide_version=guide.guide_version,
                resident_id=r.id,
                applicant_name=r.name,
                worker_id=actor.worker_id,
                worker_name=actor.display_name,
                issued_at=uow.now,
                notice_date=numbered.day,
            )
            doc = notice_document(
                notice,
                station_name=numbered.station_name,
                masked_id=masked,
                reason_label=reason.label_zh,
                copies=guide.notice_copies,
            )
            try:
                pdf = render_notice_pdf(doc)
            except BodyTooLong:
                raise InputError(
                    "the notice does not fit on one page; shorten the texts",
                    "告知书内容过长，一页放不下，请精简文字。",
                ) from None
            return Drafted(notice, pdf, _SYNCED, {"reason": reason.code, "resident_id": r.id})

        numbered, drafted = issue_numbered(
            uow, active_guide, NumberKind.REFUSAL_NOTICE, "refusal_notice", draft, out=out
        )
        return IssuedRefusal(
            id=drafted.row.id,
            number=numbered.number,
            display_number=numbered.display_number,
            requested_item=checked.requested,
            reason_code=reason.code,
            reason_label=reason.label_zh,
            competent_body=checked.competent_body,
            applicant_name=r.name,
            applicant_id_masked=masked,
            notice_date=numbered.day,
            pdf=drafted.pdf,
            copies=guide.notice_copies,
        )
