"""The ``visit`` entity at the station: the walk-in log (来访登记), append-only, in its scope."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.store.models_residents import Visit
from stationdesk.sync.protocol import VISIT_SCOPE_FIELDS

from ..residents.synced import visit_payload
from . import FieldRecordStationHandler, LocalRecord


class VisitHandler(FieldRecordStationHandler):
    """Visits are made at the station and never change; a rebuilt station gets them back."""

    entity = "visit"

    def load(self, session: Session, entity_id: str) -> LocalRecord | None:
        v = session.get(Visit, entity_id)
        return None if v is None else LocalRecord(v.version, False, visit_payload(v))

    def store(self, session: Session, entity_id: str, record: LocalRecord, *, exists: bool) -> None:
        data = record.data
        v = session.get(Visit, entity_id)
        if v is None:
            v = Visit(id=entity_id, resident_id=str(data["resident_id"]))
            session.add(v)
        # a held visit keeps its resident: a merge of two residents here may have moved it
        v.purpose = str(data.get("purpose", ""))
        v.worker_id = str(data["worker_id"])
        v.at = datetime.fromisoformat(str(data["at"]))
        v.version = record.version

    def scope_rows(self, session: Session) -> Iterable[tuple[str, int, bool, Any]]:
        for v in session.scalars(select(Visit)):
            data = visit_payload(v)
            yield v.id, v.version, False, {k: data[k] for k in VISIT_SCOPE_FIELDS}


HANDLER = VisitHandler()
