"""The ``case_answer`` entity at the station: a department's answer joins its case's timeline."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.store.models import OutboxEntry
from stationdesk.store.models_cases import CaseEvent
from stationdesk.sync.protocol import Change
from stationdesk.sync.scope import scope_data

from ..cases import EVENT_SOURCE_DISTRICT, DepartmentAnswer, record_department_answer
from ..uow import UnitOfWork
from . import StationEntityHandler


class CaseAnswerHandler(StationEntityHandler):
    """Answers are add-only server records; the station keeps each as the case event of its id."""

    entity = "case_answer"

    def apply(self, session: Session, change: Change, pending: Sequence[OutboxEntry]) -> bool:
        if change.kind != "upsert" or not change.data:
            return False
        try:
            answer = DepartmentAnswer.from_record(change.entity_id, dict(change.data))
        except (KeyError, TypeError, ValueError):
            return False  # a malformed answer: the cursor still moves past it
        uow = UnitOfWork(session=session, actor=None, now=datetime.now(UTC))
        return record_department_answer(uow, answer)

    def scope_rows(self, session: Session) -> Iterable[tuple[str, int, bool, Any]]:
        rows = session.execute(
            select(CaseEvent.id, CaseEvent.case_id, CaseEvent.department, CaseEvent.at).where(
                CaseEvent.source == EVENT_SOURCE_DISTRICT
            )
        )
        for event_id, case_id, department, at in rows:
            state = {"case_id": case_id, "department": department, "at": at.isoformat()}
            yield event_id, 1, False, scope_data(self.entity, state)


HANDLER = CaseAnswerHandler()
