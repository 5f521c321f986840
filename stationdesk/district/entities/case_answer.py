"""The ``case_answer`` entity: a department's answer to a referral, written on the server only."""

from __future__ import annotations

from typing import Any

from stationdesk.sync.scope import scope_data

from ..models import Record
from ..registry import ApplyContext, ApplyOutcome, EntityHandler


class CaseAnswerHandler(EntityHandler):
    """Add-only records the district platform creates (see district/departments.py).

    The owning station keeps each answer as a case event with the answer's id; the scope hash
    compares what that event keeps of it (``sync.scope``).
    """

    entity = "case_answer"
    pushable = False

    def apply(self, ctx: ApplyContext) -> ApplyOutcome:
        return ApplyOutcome.reject(403, "department answers are made on the district platform")

    def canonical(self, record: Record) -> dict[str, Any] | None:
        return scope_data(self.entity, record.data)


HANDLER = CaseAnswerHandler()
