"""The ``visit`` entity: a station's walk-in log, append-only, seen only by that station."""

from __future__ import annotations

from typing import Any, ClassVar

from stationdesk.sync.protocol import VISIT_SCOPE_FIELDS

from ..models import Record
from ..registry import ApplyContext, ApplyOutcome, FieldRecordHandler, Scope


class VisitHandler(FieldRecordHandler):
    """Visits are created once and never edited; the purpose is sealed at rest."""

    entity = "visit"
    owned = True
    scope: ClassVar[Scope] = "owner"

    def apply(self, ctx: ApplyContext) -> ApplyOutcome:
        if ctx.op.kind != "create":
            return ApplyOutcome.reject(422, "a visit is only created")
        return super().apply(ctx)

    def canonical(self, record: Record) -> dict[str, Any] | None:
        return {k: record.data.get(k) for k in VISIT_SCOPE_FIELDS}


HANDLER = VisitHandler()
