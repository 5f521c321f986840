"""A case's rows as they travel to the district and back: the case file and each event.

Every case op carries the case row after it (``case_row``, all columns but the version, which
the op moves on) and the event it records (``event_row``); the district keeps the events in
order as the case's timeline, so a station rebuilt from a snapshot gets each case back with
every event, byte for byte.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session

from stationdesk.store.models_cases import Case, CaseEvent

from ..row_json import row_json, row_values

CASE_ROW = "case_row"
EVENT_ROW = "event_row"
TIMELINE = "timeline"
"""The keys of the case's record (at the district) holding the row, the new event, the events."""

_CASES: Table = Case.__table__  # type: ignore[assignment]
_EVENTS: Table = CaseEvent.__table__  # type: ignore[assignment]


def case_row(case: Case) -> dict[str, Any]:
    """The case file's columns but its version, as JSON."""
    return row_json(_CASES, case, skip=("version",))


def event_row(event: CaseEvent) -> dict[str, Any]:
    """Every column of one case event, as JSON."""
    return row_json(_EVENTS, event)


def synced_rows(case: Case, event: CaseEvent) -> dict[str, Any]:
    """What a case op carries besides its own fields: the case after it and its event."""
    return {CASE_ROW: case_row(case), EVENT_ROW: event_row(event)}


def restore_case(session: Session, case_id: str, version: int, data: Mapping[str, Any]) -> bool:
    """Store a case and its timeline from the district's record; False when it has neither.

    The case row takes the record's state at ``version``; events not held yet are added in
    timeline order (a held event is the station's own and stays as it is).
    """
    row = data.get(CASE_ROW)
    timeline = data.get(TIMELINE)
    if not isinstance(row, Mapping) or not isinstance(timeline, list):
        return False
    case = session.get(Case, case_id)
    if case is None:
        case = Case(id=case_id)
        session.add(case)
    for key, value in row_values(_CASES, row).items():
        if key != "id":
            setattr(case, key, value)
    case.version = version
    session.flush()
    for item in timeline:
        if not isinstance(item, Mapping) or session.get(CaseEvent, item.get("id")) is not None:
            continue
        values = row_values(_EVENTS, item)
        values["case_id"] = case_id
        session.add(CaseEvent(**values))
    session.flush()
    return True
