"""Certificates, refusal notices and the station's public key at the station: authored here.

Like cases, the station's own come back from a pull unchanged. One it does not hold (a station
rebuilt from the district, or restored from an old backup) is taken back from the district's
record (services.certificates.synced); the scope hash compares each document's ledger row and
the digest of its PDF made at issue with the district's record (``sync.scope``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from stationdesk.store.models import OutboxEntry
from stationdesk.store.models_certs import Certificate, RefusalNotice, StationKeyHistory
from stationdesk.sync.protocol import Change
from stationdesk.sync.scope import scope_data

from ..certificates.synced import (
    LEDGER_ROW,
    PDF_SHA256,
    issue_digests,
    ledger_row,
    restore_document,
    restore_keys,
)
from . import StationEntityHandler, register


class _Authored(StationEntityHandler):
    """Only the station's own records, which it takes back when it lacks them."""

    def apply(self, session: Session, change: Change, pending: Sequence[OutboxEntry]) -> bool:
        if pending or change.kind != "upsert" or not change.data:
            return False  # a pending op means the station holds the record
        return self.restore(session, change)

    def restore(self, session: Session, change: Change) -> bool:
        """Take the record back from the district's state; True when something was written."""
        return restore_document(
            session, self.model(), change.entity_id, change.version, change.data or {}
        )

    def model(self) -> type[Certificate] | type[RefusalNotice]:
        return Certificate if self.entity == "certificate" else RefusalNotice

    def scope_rows(self, session: Session) -> Iterable[tuple[str, int, bool, Any]]:
        digests = issue_digests(session)
        rows: Iterable[Certificate | RefusalNotice] = session.scalars(select(self.model()))
        for row in rows:
            state = {LEDGER_ROW: ledger_row(row), PDF_SHA256: digests.get(row.number)}
            version = row.version if isinstance(row, Certificate) else 1
            yield row.id, int(version), False, scope_data(self.entity, state)


class CertificateHandler(_Authored):
    entity = "certificate"


class RefusalNoticeHandler(_Authored):
    entity = "refusal_notice"


class StationKeyHandler(_Authored):
    """The record's version is the number of keys the station published (first + rotations)."""

    entity = "station_key"

    def restore(self, session: Session, change: Change) -> bool:
        return restore_keys(session, change.entity_id, change.version, change.data or {})

    def scope_rows(self, session: Session) -> Iterable[tuple[str, int, bool, Any]]:
        own = (
            select(StationKeyHistory.station_code, func.count())
            .where(StationKeyHistory.own.is_(True))
            .group_by(StationKeyHistory.station_code)
        )
        for code, count in session.execute(own):
            yield code, int(count), False, {}


register(RefusalNoticeHandler())
register(StationKeyHandler())
HANDLER = CertificateHandler()
