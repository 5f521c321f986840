"""Printing a numbered document again: the audited reprint and how many copies a print makes."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from stationdesk.domain.roles import Permission

from ..actor import Actor, require
from ..station import Station
from .catalog import KIND_CERTIFICATES, KIND_REFUSALS, active_in
from .common import canonical_number, find_certificate
from .void import render_issued


@dataclass(frozen=True)
class Printout:
    """A document to print again: its PDF and the copies one print makes."""

    number: str
    pdf: bytes = field(repr=False)
    copies: int


def document_copies(session: Session, number: str) -> int:
    """How many copies one print of this ledger document makes, from the catalog data: the
    certificate's type (1 if the type left the catalog), or the refusal guide's for a notice."""
    cert = find_certificate(session, number)
    if cert is None:
        return active_in(session, KIND_REFUSALS).guide.notice_copies
    for ctype in active_in(session, KIND_CERTIFICATES).catalog:
        if ctype.code == cert.type_code:
            return ctype.copies
    return 1


def reprint(station: Station, actor: Actor, number: str) -> Printout:
    """Render a certificate or refusal notice again to print it; the reprint is audited
    (``document.reprint`` with the document number only)."""
    require(actor, Permission.HANDLE_MATTERS)
    canonical = canonical_number(number)
    with station.db.read_session() as s:
        copies = document_copies(s, canonical)
    return Printout(canonical, render_issued(station, actor, canonical), copies)
