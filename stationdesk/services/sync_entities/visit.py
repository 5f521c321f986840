"""The ``visit`` entity at the station: the walk-in log (来访登记), append-only, in its scope."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from stationdesk.store.models_residents import Visit
from stationdesk.sync.protocol import VISIT_SCOPE_FIELDS

from ..residents.synced import visit_payload
from .rows import RowStationHandler


class VisitHandler(RowStationHandler):
    """Visits are made at the station and never change; a rebuilt station gets them back."""

    entity = "visit"
    model = Visit

    def payload(self, row: Any) -> dict[str, Any]:
        return visit_payload(row)

    def fill(self, row: Any, data: dict[str, Any], *, new: bool) -> None:
        if new:  # a held visit keeps its resident: a merge of two residents here may move it
            row.resident_id = str(data["resident_id"])
        row.purpose = str(data.get("purpose", ""))
        row.worker_id = str(data["worker_id"])
        row.at = datetime.fromisoformat(str(data["at"]))

    def hashed(self, data: dict[str, Any]) -> dict[str, Any]:
        return {k: data[k] for k in VISIT_SCOPE_FIELDS}


HANDLER = VisitHandler()
