"""A case's rows as they travel to the district and back: the case file and each event.

Every case op carries the case row after it (``case_row``, all columns but the version, which
the op moves on) and the event it records (``event_row``); the district keeps the events in
order as the case's timeline, so a station rebuilt from a snapshot gets each case back with
every event, byte for byte.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Table, TypeDecorator
from sqlalchemy.orm import Session

from stationdesk.store.models_cases import Case, CaseEvent

CASE_ROW = "case_row"
EVENT_ROW = "event_row"
TIMELINE = "timeline"
"""The keys of the case's record (at the district) holding the row, the new event, the events."""

_CASES: Table = Case.__table__  # type: ignore[assignment]
_EVENTS: Table = CaseEvent.__table__  # type: ignore[assignment]


def _kind(table: Table, name: str) -> type | None:
    """``datetime`` or ``date`` for a column holding one (through a decorated type), else None."""
    column_type = table.columns[name].type
    inner = column_type.impl_instance if isinstance(column_type, TypeDecorator) else column_type
    if isinstance(inner, DateTime):
        return datetime
    if isinstance(inner, Date):
        return date
    return None


def _row(table: Table, obj: object, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in table.columns:
        if column.name in skip:
            continue
        value = getattr(obj, column.key)
        out[column.name] = value.isoformat() if isinstance(value, date) else value
    return out


def _values(table: Table, data: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in data.items():
        if name not in table.columns:
            continue
        kind = _kind(table, name)
        if isinstance(value, str) and kind is datetime:
            value = datetime.fromisoformat(value)
        elif isinstance(value, str) and kind is date:
            value = date.fromisoformat(value)
        out[table.columns[name].key] = value
    return out


def case_row(case: Case) -> dict[str, Any]:
    """The case file's columns but its version, as JSON."""
    return _row(_CASES, case, skip=("version",))


def event_row(event: CaseEvent) -> dict[str, Any]:
    """Every column of one case event, as JSON."""
    return _row(_EVENTS, event)


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
    for key, value in _values(_CASES, row).items():
        if key != "id":
            setattr(case, key, value)
    case.version = version
    session.flush()
    for item in timeline:
        if not isinstance(item, Mapping) or session.get(CaseEvent, item.get("id")) is not None:
            continue
        values = _values(_EVENTS, item)
        values["case_id"] = case_id
        session.add(CaseEvent(**values))
    session.flush()
    return True
