"""The ops of emergency mode (平急转换): events, responders and the entries of an event's list."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictBool, StrictInt, StrictStr

from stationdesk.domain.emergency import LEVEL_LABELS, CheckStatus

from .base import Entity, Moment, State

_ID = 64
Ref = Annotated[StrictStr, Field(max_length=_ID)]
RowId = Annotated[StrictInt, Field(ge=1, le=2**63 - 1)]
Grid = Annotated[StrictStr, Field(min_length=1, max_length=_ID)]


class EventStarted(State):
    """``start``: the event's kind, name, level, grids (None: all) and who started it when."""

    filled = ("kind", "name", "started_by")
    kind: StrictStr = Field(max_length=24)
    name: StrictStr = Field(max_length=100)
    level: StrictInt = Field(ge=min(LEVEL_LABELS), le=max(LEVEL_LABELS))
    grids: list[Grid] | None = Field(default=None, max_length=1000)
    started_at: Moment
    started_by: Ref


class EventStopped(State):
    """``stop``: when, by whom, and the summary."""

    filled = ("summary",)
    closed_at: Moment
    closed_by: Ref | None = None
    summary: StrictStr = Field(max_length=4000)


class ResponderCreated(State):
    """``create`` of a responder (a worker or a named helper) of a grid."""

    filled = ("name",)
    worker_id: Ref | None = None
    name: StrictStr = Field(max_length=50)
    grid_id: Ref | None = None
    active: StrictBool
    created_at: Moment


class EntryCreated(State):
    """``create`` of an entry: a resident on an event's list, not contacted yet."""

    filled = ("event_id", "resident_id")
    row_id: RowId | None = None
    event_id: Ref
    resident_id: Ref
    grid_id: Ref | None = None
    building_id: Ref | None = None
    added: StrictBool
    status: Literal["not-contacted"]
    responder_id: Ref | None = None


class EntryAssigned(State):
    """``assign``: the responder who checks on the entry."""

    filled = ("responder_id",)
    responder_id: Ref


class CheckMade(State):
    """One check-off, as a ``check`` op carries it under ``check``."""

    filled = ("actor_id",)
    row_id: RowId | None = None
    at: Moment
    actor_id: Ref
    responder_id: Ref | None = None
    status: CheckStatus
    note: StrictStr | None = Field(default=None, max_length=500)


class EntryChecked(State):
    """``check``: the entry's state after one check-off, and the check-off itself."""

    status: CheckStatus
    note: StrictStr | None = Field(default=None, max_length=500)
    checked_at: Moment
    unreachable_since: Moment | None = None
    case_id: Ref | None = None
    check: CheckMade


EMERGENCY_MODELS: dict[Entity, dict[str, type[State]]] = {
    Entity.EMERGENCY_EVENT: {"start": EventStarted, "stop": EventStopped},
    Entity.EMERGENCY_RESPONDER: {"create": ResponderCreated},
    Entity.EMERGENCY_ENTRY: {
        "create": EntryCreated,
        "assign": EntryAssigned,
        "check": EntryChecked,
    },
}
"""Each kind of op of these entities, and the model of its payload."""
