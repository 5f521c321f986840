"""The ``case`` entity at the station: cases are authored here; a rebuilt station restores them.

A station's own cases come back from a pull at the version it holds, and nothing is written.
A case the station does not hold (or holds at an older version, with nothing of its own
pending) is restored from the district's record: the case row and its whole timeline.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.store.models import OutboxEntry
from stationdesk.store.models_cases import Case, CaseEvent
from stationdesk.sync.protocol import Change
from stationdesk.sync.scope import scope_data

from ..cases.synced import CASE_ROW, TIMELINE, case_row, event_row, restore_case
from . import StationEntityHandler


class CaseHandler(StationEntityHandler):
    """Cases are changed only here; department answers arrive as their own records."""

    entity = "case"

    def apply(self, session: Session, change: Change, pending: Sequence[OutboxEntry]) -> bool:
        if pending or change.kind != "upsert" or not change.data:
            return False
        held = session.scalar(select(Case.version).where(Case.id == change.entity_id))
        if held is not None and held >= change.version:
            return False
        return restore_case(session, change.entity_id, change.version, change.data)

    def scope_rows(self, session: Session) -> Iterable[tuple[str, int, bool, Any]]:
        timelines: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for event in session.scalars(select(CaseEvent).order_by(CaseEvent.case_id, CaseEvent.seq)):
            timelines[event.case_id].append(event_row(event))
        for case in session.scalars(select(Case)):
            state = {CASE_ROW: case_row(case), TIMELINE: timelines.get(case.id, [])}
            yield case.id, int(case.version), False, scope_data(self.entity, state)


HANDLER = CaseHandler()
