"""Issuing a certificate: the prefilled form, the checks, the unnumbered preview, the issue."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.domain.catalog import Catalog, CertificateType, PrefillSource
from stationdesk.domain.identity import mask_id_number
from stationdesk.domain.numbering import NumberKind
from stationdesk.domain.roles import Permission
from stationdesk.secrets.signing import PayloadFields, encode_payload, short_code
from stationdesk.store.models_certs import Certificate
from stationdesk.store.models_residents import Resident

from ..actor import Actor, require
from ..errors import InputError
from ..station import Station
from ..uow import unit_of_work
from .catalog import KIND_CERTIFICATES, active_in, certificate_type
from .common import (
    PURPOSE_MAX,
    STATUS_ISSUED,
    STATUS_VOID,
    EligibilityNotMetError,
    bounded,
    canonical_number,
    get_certificate,
    local_date,
    replaced_by,
    resident,
    resident_facts,
    station_row,
)
from .documents import certificate_document, reissue_note, render_certificate_pdf
from .numbering import signing_key
from .pipeline import Drafted, Numbered, issue_numbered
from .records import record_fed_keys, record_values

_HOLDER_BOUND = (PrefillSource.NAME, PrefillSource.ID_NUMBER)
_PREVIEW_PAYLOAD = "样张 PREVIEW - NOT A CERTIFICATE"
_PREVIEW_CODE = "——"
#: What the district is told of an issued certificate, after its number (``reissue_of`` follows,
#: as the replaced certificate's number).
_SYNCED = (
    "type_code",
    "type_name",
    "catalog_version",
    "resident_id",
    "holder_name",
    "holder_id_number",
    "fields",
    "checks",
    "purpose",
    "worker_id",
    "issued_at",
    "issue_date",
    "valid_until",
    "payload",
    "short_code",
)


@dataclass(frozen=True)
class IssueForm:
    """What the issue form starts from: the type, the resident and prefilled values.

    ``locked`` fields are the holder's name and ID number: they always come from the resident
    record, so ``values`` shows the ID number masked.
    """

    type: CertificateType
    catalog_version: int
    resident_id: str
    holder_name: str
    holder_id_masked: str
    values: dict[str, str]
    locked: frozenset[str]
    purpose: str
    remembered: bool  # values came from this resident's previous certificate of the type
    reissue_of: str | None = None


@dataclass(frozen=True)
class IssueRequest:
    """A request to issue one certificate."""

    type_code: str
    resident_id: str
    purpose: str
    fields: Mapping[str, str] = field(default_factory=dict)
    checks: tuple[str, ...] = ()
    reissue_of: str | None = None  # the number of a voided certificate this one replaces


@dataclass(frozen=True)
class IssuedCertificate:
    """An issued certificate as the issuer sees it (ID masked), with its PDF."""

    id: str
    number: str
    display_number: str
    type_code: str
    type_name: str
    holder_name: str
    holder_id_masked: str
    purpose: str
    worker_name: str
    issue_date: date
    valid_until: date
    short_code: str
    reissue_of: str | None
    pdf: bytes = field(repr=False)
    copies: int = 1  # copies one print makes, from the certificate type in the catalog


def _locked_keys(ctype: CertificateType) -> frozenset[str]:
    return frozenset(f.key for f in ctype.fields if f.prefill in _HOLDER_BOUND)


def prepare_issue(
    station: Station,
    actor: Actor,
    type_code: str,
    resident_id: str,
    *,
    reissue_of: str | None = None,
) -> IssueForm:
    """Start an issue form: prefill from the resident, then from their last certificate of the
    type (a returning resident rarely needs to type again), or from the voided one a reissue
    replaces. A record-fed type (VOLUNTEER) takes its period, activities and hours from the
    approved volunteer records, read-only."""
    require(actor, Permission.HANDLE_MATTERS)
    with station.db.read_session() as s:
        catalog = active_in(s, KIND_CERTIFICATES).catalog
        ctype = certificate_type(catalog, type_code)
        r = resident(s, resident_id)
        values = ctype.prefill(resident_facts(s, r))
        locked = _locked_keys(ctype) | record_fed_keys(ctype)
        fed = {spec.key for spec in ctype.record_fields().values()}
        previous: Certificate | None
        if reissue_of:
            previous = _voided_original(s, reissue_of, ctype.code, r.id)
        else:
            previous = s.scalars(
                select(Certificate)
                .where(Certificate.resident_id == r.id, Certificate.type_code == ctype.code)
                .order_by(Certificate.issued_at.desc(), Certificate.sequence.desc())
            ).first()
        purpose = ""
        if previous is not None:
            known = {f.key for f in ctype.fields}
            for key, value in previous.fields.items():
                if key in known and key not in locked and key not in fed and value:
                    values[key] = str(value)
            purpose = previous.purpose
        values.update(record_values(s, ctype, r, {}, strict=False))
        for key in locked:
            if ctype.field(key).prefill is PrefillSource.ID_NUMBER:
                values[key] = mask_id_number(r.id_number or "")
        return IssueForm(
            type=ctype,
            catalog_version=catalog.catalog_version,
            resident_id=r.id,
            holder_name=r.name,
            holder_id_masked=mask_id_number(r.id_number or ""),
            values=values,
            locked=locked,
            purpose=purpose,
            remembered=previous is not None,
            reissue_of=previous.number if reissue_of and previous is not None else None,
        )


def _voided_original(s: Session, number: str, type_code: str, resident_id: str) -> Certificate:
    old = get_certificate(s, canonical_number(number), number)
    if old.status != STATUS_VOID:
        raise InputError(
            f"{old.number} is not void; a head voids it before it is reissued",
            "原证明尚未作废：须先由站长作废，才能补发。",
            field="reissue_of",
        )
    if old.type_code != type_code or old.resident_id != resident_id:
        raise InputError(
            "a reissue has the same type and holder as the voided certificate",
            "补发的证明须与原证明的事项和持证人一致。",
            field="reissue_of",
        )
    replaced = replaced_by(s, old)
    if replaced:
        raise InputError(
            f"{old.number} was already reissued as {replaced}",
            f"原证明已补发过（新编号 {replaced}）。",
            field="reissue_of",
        )
    return old


@dataclass(frozen=True)
class _Checked:
    ctype: CertificateType
    catalog_version: int
    values: dict[str, str]
    purpose: str


def _check_request(
    s: Session, catalog: Catalog, request: IssueRequest, r: Resident, *, need_checks: bool
) -> _Checked:
    """Every rule an issue must pass before anything is written (off-list, fields, checks)."""
    ctype = certificate_type(catalog, request.type_code)
    purpose = bounded(request.purpose, PURPOSE_MAX, "purpose", "证明用途", required=True)
    facts = resident_facts(s, r)
    values = {k: (v or "").strip() for k, v in request.fields.items()}
    values.update(record_values(s, r=r, ctype=ctype, given=values))
    for spec in ctype.fields:  # what the form left blank comes from the resident record
        if spec.prefill is not None and not values.get(spec.key):
            values[spec.key] = facts[spec.prefill.value]
    for key in _locked_keys(ctype):
        source = ctype.field(key).prefill
        assert source is not None
        wanted = facts[source.value]
        given = values.get(key, "")
        if given and "".join(given.upper().split()) != "".join(wanted.upper().split()):
            label = ctype.field(key).label_zh
            raise InputError(
                f"field {key} is taken from the resident record and cannot be changed here",
                f"{label}取自居民档案，不能在证明中改动；如有误请先更正居民信息。",
                field=key,
            )
        values[key] = wanted
    errors = ctype.validate_fields(values)
    if errors:
        first = next(iter(errors))
        raise InputError(
            f"invalid or missing fields: {', '.join(sorted(errors))}",
            "；".join(errors.values()),
            field=first,
        )
    unknown = set(request.checks) - {c.key for c in ctype.eligibility}
    if unknown:
        raise InputError(
            f"unknown eligibility checks: {', '.join(sorted(unknown))}",
            "包含本证明事项没有的核验项。",
            field="checks",
        )
    if need_checks:
        missing = ctype.missing_checks(request.checks)
        if missing:
            raise EligibilityNotMetError(
                ctype.code, tuple(c.key for c in missing), tuple(c.label_zh for c in missing)
            )
    return _Checked(ctype, catalog.catalog_version, values, purpose)


def _certificate_row(
    checked: _Checked,
    request: IssueRequest,
    r: Resident,
    actor: Actor,
    numbered: Numbered,
    *,
    issued_at: datetime,
    payload: str,
    code: str,
    original: Certificate | None,
) -> Certificate:
    """The ledger row of a certificate, its body filled in from the catalog's template."""
    ctype = checked.ctype
    valid_until = ctype.valid_until(numbered.day)
    body_values = {
        **checked.values,
        "purpose": checked.purpose,
        "station_name": numbered.station_name,
        "issue_date": numbered.day.isoformat(),
        "valid_until": valid_until.isoformat(),
        "number": numbered.display_number,
    }
    return Certificate(
        **numbered.row_columns(),
        type_code=ctype.code,
        type_name=ctype.name_zh,
        catalog_version=checked.catalog_version,
        resident_id=r.id,
        holder_name=r.name,
        holder_id_number=r.id_number or "",
        fields=checked.values,
        checks=sorted(request.checks),
        body=ctype.render_body(body_values),
        purpose=checked.purpose,
        worker_id=actor.worker_id,
        worker_name=actor.display_name,
        issued_at=issued_at,
        issue_date=numbered.day,
        valid_until=valid_until,
        payload=payload,
        short_code=code,
        status=STATUS_ISSUED,
        void_reason=None,
        void_approver_id=None,
        voided_at=None,
        reissue_of=original.id if original else None,
        version=1,
    )


def preview_certificate(station: Station, actor: Actor, request: IssueRequest) -> bytes:
    """Render the real PDF as a 样张 (no number, no signature) for the preview; writes nothing.

    Eligibility checks are not needed for a preview; the type and the fields are.
    """
    require(actor, Permission.HANDLE_MATTERS)
    with station.db.read_session() as s:
        catalog = active_in(s, KIND_CERTIFICATES).catalog
        r = resident(s, request.resident_id)
        checked = _check_request(s, catalog, request, r, need_checks=False)
        here = station_row(s)
        now = station.now()
        today = local_date(now)
        unnumbered = Numbered(
            here.code, here.name, 0, "", f"{here.code}-{today.year}-（出具时编号）", today
        )
        cert = _certificate_row(
            checked,
            request,
            r,
            actor,
            unnumbered,
            issued_at=now,
            payload=_PREVIEW_PAYLOAD,
            code=_PREVIEW_CODE,
            original=None,
        )
        doc = certificate_document(
            cert,
            station_name=here.name,
            note="",
            shown=unnumbered.display_number,
            draft=True,
        )
    return render_certificate_pdf(doc)


def issue_certificate(
    station: Station, actor: Actor, request: IssueRequest, *, out: Path | None = None
) -> IssuedCertificate:
    """Issue one certificate: check, number, sign, record, render, all in one transaction.

    With ``out`` the PDF is also written there before the transaction commits, so a failure
    leaves neither a ledger row nor a file.
    """
    require(actor, Permission.HANDLE_MATTERS)
    with unit_of_work(station, actor) as uow:
        s = uow.session
        active = active_in(s, KIND_CERTIFICATES)
        r = resident(s, request.resident_id)
        checked = _check_request(s, active.catalog, request, r, need_checks=True)
        original: Certificate | None = None
        if request.reissue_of:
            original = _voided_original(s, request.reissue_of, checked.ctype.code, r.id)
        id_number = r.id_number or ""

        def draft(numbered: Numbered) -> Drafted[Certificate]:
            private = signing_key(uow, station, numbered.station_code)
            signed = PayloadFields.for_holder(
                numbered.number, checked.ctype.code, numbered.day, r.name, id_number
            )
            payload = encode_payload(signed, private)
            cert = _certificate_row(
                checked,
                request,
                r,
                actor,
                numbered,
                issued_at=uow.now,
                payload=payload,
                code=short_code(payload),
                original=original,
            )
            doc = certificate_document(
                cert, station_name=numbered.station_name, note=reissue_note(original)
            )
            audit = {
                "type": cert.type_code,
                "resident_id": r.id,
                **({"reissue_of": original.number} if original else {}),
            }
            return Drafted(
                cert,
                render_certificate_pdf(doc),
                _SYNCED,
                audit,
                extra={"reissue_of": original.number if original else None},
            )

        numbered, drafted = issue_numbered(
            uow, active, NumberKind.CERTIFICATE, "certificate", draft, out=out
        )
        cert = drafted.row
        return IssuedCertificate(
            id=cert.id,
            number=cert.number,
            display_number=numbered.display_number,
            type_code=cert.type_code,
            type_name=cert.type_name,
            holder_name=r.name,
            holder_id_masked=mask_id_number(id_number),
            purpose=cert.purpose,
            worker_name=actor.display_name,
            issue_date=cert.issue_date,
            valid_until=cert.valid_until,
            short_code=cert.short_code,
            reissue_of=original.number if original else None,
            pdf=drafted.pdf,
            copies=checked.ctype.copies,
        )
