"""What the resident card lists besides the person: their certificates, refusals and cases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sqlalchemy import ScalarResult, select
from sqlalchemy.orm import Session

from stationdesk.domain.cases import CaseState, is_open
from stationdesk.domain.roles import Permission
from stationdesk.store.models_cases import Case
from stationdesk.store.models_certs import Certificate, RefusalNotice

from .actor import Actor, require
from .case_reference import reference_in
from .certificates.common import document_day, shown_number
from .residents.views import live_resident
from .station import Station

KIND_CERTIFICATE = "certificate"
KIND_REFUSAL = "refusal"


@dataclass(frozen=True)
class ResidentDocument:
    """A certificate issued to the resident or a refusal notice handed to them."""

    kind: str  # KIND_CERTIFICATE or KIND_REFUSAL
    number: str  # canonical, what the services take
    display_number: str  # as printed on the document
    item: str  # the certificate type, or the item refused
    day: date
    status: str  # "issued", "void" or "refused"


@dataclass(frozen=True)
class ResidentCase:
    """A case linked to the resident."""

    id: str
    number: str
    type_name: str
    summary: str
    state: CaseState
    due_date: date
    open: bool


@dataclass(frozen=True)
class ResidentRecords:
    """Everything the card lists about a resident's dealings with the station, newest first."""

    resident_id: str
    documents: tuple[ResidentDocument, ...]
    cases: tuple[ResidentCase, ...]


_Numbered = TypeVar("_Numbered", Certificate, RefusalNotice)


def _newest(
    s: Session, model: type[_Numbered], resident_id: str, limit: int
) -> ScalarResult[_Numbered]:
    """The resident's documents of one kind, newest first, at most ``limit`` of them."""
    return s.scalars(
        select(model)
        .where(model.resident_id == resident_id)
        .order_by(model.issued_at.desc())
        .limit(limit)
    )


def _document(
    kind: str, row: Certificate | RefusalNotice, item: str, status: str
) -> ResidentDocument:
    """The card's line for a ledger document: its numbers and date, with ``item`` and ``status``."""
    return ResidentDocument(kind, row.number, shown_number(row), item, document_day(row), status)


def resident_records(
    station: Station, actor: Actor, resident_id: str, limit: int = 50
) -> ResidentRecords:
    """The resident's certificates and refusals (number, item, date, status) and cases."""
    require(actor, Permission.HANDLE_MATTERS)
    with station.db.read_session() as s:
        r = live_resident(s, resident_id)
        docs = [
            _document(KIND_CERTIFICATE, cert, cert.type_name, cert.status)
            for cert in _newest(s, Certificate, r.id, limit)
        ]
        docs += [
            _document(KIND_REFUSAL, notice, notice.requested_item, "refused")
            for notice in _newest(s, RefusalNotice, r.id, limit)
        ]
        docs.sort(key=lambda d: d.day, reverse=True)
        ref = reference_in(s)
        found = [
            ResidentCase(
                c.id,
                c.number,
                ref.matter_types.name_of(c.type_code),
                c.summary,
                CaseState(c.state),
                c.due_date,
                is_open(CaseState(c.state)),
            )
            for c in s.scalars(
                select(Case)
                .where(Case.resident_id == r.id)
                .order_by(Case.received_at.desc())
                .limit(limit)
            )
        ]
        # open cases first, each group newest first
        found.sort(key=lambda c: not c.open)
        return ResidentRecords(r.id, tuple(docs), tuple(found))
