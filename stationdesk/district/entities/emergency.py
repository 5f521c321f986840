"""The emergency-mode entities (平急转换): a station's events, list entries and responders.

Each is owned by the station that made it and seen only by it (and, read-only, on the
district's event board). Every op is checked against its kind's fields before anything is
written: a malformed one is refused with 422 naming the op and the field. An entry's
``check`` ops are kept in order under ``checks`` (sealed with its note); the record names
its resident by id and never holds a phone or an ID number.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from stationdesk.domain.emergency import LEVEL_LABELS, CheckStatus, entry_uid

from ..registry import ApplyContext, ApplyOutcome, register
from .owned import OwnedEventsHandler

#: Where an entry's record keeps its check-offs, in the order they were made.
CHECKS = "checks"

_STATUSES = frozenset(s.value for s in CheckStatus)
_ID = 64

Check = Callable[[Any], str | None]


def _text(limit: int, *, required: bool = True) -> Check:
    def check(value: Any) -> str | None:
        if value is None and not required:
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            return "must be a non-empty string" if required else "must be a string or null"
        return f"is over {limit} characters" if len(value) > limit else None

    return check


def _time(*, required: bool = True) -> Check:
    def check(value: Any) -> str | None:
        if value is None and not required:
            return None
        if not isinstance(value, str):
            return "must be an ISO time with a UTC offset"
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return "must be an ISO time with a UTC offset"
        return None if parsed.tzinfo is not None else "must carry a UTC offset"

    return check


def _one_of(choices: frozenset[str]) -> Check:
    def check(value: Any) -> str | None:
        return None if value in choices else f"must be one of {', '.join(sorted(choices))}"

    return check


def _integer(low: int, high: int, *, required: bool = True) -> Check:
    def check(value: Any) -> str | None:
        if value is None and not required:
            return None
        ok = isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
        return None if ok else f"must be an integer from {low} to {high}"

    return check


def _flag(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def _codes(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, list) or len(value) > 1000:
        return "must be null or a list of grid codes"
    bad = [g for g in value if not isinstance(g, str) or not g or len(g) > _ID]
    return "must hold grid codes (strings)" if bad else None


_ROW_ID = _integer(1, 2**63 - 1, required=False)
_REF = _text(_ID, required=False)

#: The fields each kind of op must carry, and what each must be.
FIELDS: dict[str, dict[str, dict[str, Check]]] = {
    "emergency_event": {
        "start": {
            "kind": _text(24),
            "name": _text(100),
            "level": _integer(min(LEVEL_LABELS), max(LEVEL_LABELS)),
            "grids": _codes,
            "started_at": _time(),
            "started_by": _text(_ID),
        },
        "stop": {"closed_at": _time(), "closed_by": _REF, "summary": _text(4000)},
    },
    "emergency_entry": {
        "create": {
            "row_id": _ROW_ID,
            "event_id": _text(_ID),
            "resident_id": _text(_ID),
            "grid_id": _REF,
            "building_id": _REF,
            "added": _flag,
            "status": _one_of(frozenset({CheckStatus.NOT_CONTACTED.value})),
            "responder_id": _REF,
        },
        "assign": {"responder_id": _text(_ID)},
        "check": {
            "status": _one_of(_STATUSES),
            "note": _text(500, required=False),
            "checked_at": _time(),
            "unreachable_since": _time(required=False),
            "case_id": _REF,
        },
    },
    "emergency_responder": {
        "create": {
            "worker_id": _REF,
            "name": _text(50),
            "grid_id": _REF,
            "active": _flag,
            "created_at": _time(),
        },
    },
}

#: What the one check-off a ``check`` op carries must be (under ``check``).
CHECK_FIELDS: dict[str, Check] = {
    "row_id": _ROW_ID,
    "at": _time(),
    "actor_id": _text(_ID),
    "responder_id": _REF,
    "status": _one_of(_STATUSES),
    "note": _text(500, required=False),
}


def _problem(fields: Mapping[str, Check], payload: Mapping[str, Any], prefix: str) -> str | None:
    """The first field of a payload that is missing, unknown or wrong, as ``payload.f …``."""
    for name, check in fields.items():
        if name not in payload:
            if check(None) is None:
                continue
            return f"{prefix}.{name} is missing"
        problem = check(payload[name])
        if problem is not None:
            return f"{prefix}.{name} {problem}"
    return None


class _EmergencyHandler(OwnedEventsHandler):
    """An owned record whose ops are checked field by field before they are applied."""

    snapshot_rank = 40

    def apply(self, ctx: ApplyContext) -> ApplyOutcome:
        op = ctx.op
        kinds = FIELDS[self.entity]
        where = f"op {op.seq} ({self.entity} {op.kind})"
        fields = kinds.get(op.kind)
        if fields is None:
            return ApplyOutcome.reject(
                422, f"{where}: kind must be one of {', '.join(kinds)} for {self.entity}"
            )
        problem = _problem(fields, op.payload, "payload") or self.problem(ctx)
        if problem is not None:
            return ApplyOutcome.reject(422, f"{where}: {problem}")
        record = ctx.get(self.entity, op.entity_id)
        if op.kind in self.creating_kinds and record is not None:
            return ApplyOutcome.reject(409, f"{where}: this {self.entity} already exists")
        return super().apply(ctx)

    def problem(self, ctx: ApplyContext) -> str | None:
        """A problem of the op beyond its fields' form, or None."""
        return None


class EmergencyEventHandler(_EmergencyHandler):
    """Events: ``start`` (kind, name, level, grids, time, who), then ``stop`` (once)."""

    entity = "emergency_event"
    creating_kinds = ("start",)

    def problem(self, ctx: ApplyContext) -> str | None:
        record = ctx.get(self.entity, ctx.op.entity_id)
        if ctx.op.kind == "stop" and record is not None and record.data.get("closed_at"):
            return "closed_at: the event is already stopped"
        return None


class EmergencyResponderHandler(_EmergencyHandler):
    """Responders: created once; the name is sealed at rest."""

    entity = "emergency_responder"


class EmergencyEntryHandler(_EmergencyHandler):
    """Entries of an event's list: ``create`` (by resident id, of an event of the same
    station), ``assign`` (a responder) and ``check`` (one check-off, appended to ``checks``)."""

    entity = "emergency_entry"
    snapshot_rank = 60

    def problem(self, ctx: ApplyContext) -> str | None:
        op = ctx.op
        payload = op.payload
        if op.kind == "check":
            check = payload.get("check")
            if not isinstance(check, dict):
                return "payload.check must be an object"
            problem = _problem(CHECK_FIELDS, check, "payload.check")
            if problem is None and check.get("status") != payload.get("status"):
                problem = "payload.check.status must be the entry's new status"
            return problem
        if op.kind != "create":
            return None
        event_id, resident_id = str(payload["event_id"]), str(payload["resident_id"])
        event = ctx.get("emergency_event", event_id)
        if event is None or event.owner_station_id != ctx.station.id:
            return "payload.event_id is no event of this station"
        if op.entity_id != entry_uid(event_id, resident_id):
            return "entity_id must be the entry id of payload.event_id and payload.resident_id"
        return None

    def fold(self, data: dict[str, Any], ctx: ApplyContext, version: int) -> dict[str, Any]:
        check = data.pop("check", None)
        if isinstance(check, dict):
            data[CHECKS] = [*data.get(CHECKS, []), check]
        return data


register(EmergencyEventHandler())
register(EmergencyResponderHandler())
HANDLER = EmergencyEntryHandler()
