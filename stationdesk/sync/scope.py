"""What the scope hash compares of each station-authored record, chosen once for both ends."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .protocol import canonical_json

RESIDENT_ID = "resident_id"
"""A row's resident: a station's merge of two residents repoints it without an op."""
MEMBER_ID = "member_id"
"""A row's member (在职党员): a district merge of two members repoints it without an op."""

_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?[+-]\d{2}:\d{2}$")


@dataclass(frozen=True)
class ScopeFields:
    """The fields of a record's state that the scope hash compares.

    ``fields``: the top-level keys compared (a missing one counts as None). ``left_out``: for
    a field holding a row (an object) or rows (a list of objects), the keys of each row left
    out. Lists are compared as sets (sorted), and every time with a UTC offset in UTC, since a
    pushed state may carry the local offset a station's database no longer keeps.
    """

    fields: tuple[str, ...]
    left_out: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def select(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """The compared part of a record's state."""
        out: dict[str, Any] = {}
        for name in self.fields:
            out[name] = _normal(_without(data.get(name), self.left_out.get(name, ())))
        return out


def _without(value: Any, keys: tuple[str, ...]) -> Any:
    if not keys:
        return value
    if isinstance(value, Mapping):
        return {k: v for k, v in value.items() if k not in keys}
    if isinstance(value, list):
        return [_without(item, keys) for item in value]
    return value


def _normal(value: Any) -> Any:
    """``value`` with its times in UTC and its lists sorted (by their canonical JSON)."""
    if isinstance(value, str) and _MOMENT.match(value):
        try:
            return datetime.fromisoformat(value).astimezone(UTC).isoformat()
        except ValueError:
            return value
    if isinstance(value, Mapping):
        return {str(k): _normal(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((_normal(v) for v in value), key=canonical_json)
    return value


_DOCUMENT = ScopeFields(("ledger_row", "pdf_sha256"), {"ledger_row": (RESIDENT_ID,)})

SCOPE_FIELDS: dict[str, ScopeFields] = {
    # the case file after its last op and every event of its timeline
    "case": ScopeFields(("case_row", "timeline"), {"case_row": (RESIDENT_ID,)}),
    # a department's answer as its case event keeps it (the note is reworded there)
    "case_answer": ScopeFields(("case_id", "department", "at")),
    # the ledger row and the digest of the PDF made at issue
    "certificate": _DOCUMENT,
    "refusal_notice": _DOCUMENT,
    "emergency_event": ScopeFields(
        (
            "kind",
            "name",
            "level",
            "grids",
            "started_at",
            "started_by",
            "closed_at",
            "closed_by",
            "summary",
        )
    ),
    "emergency_responder": ScopeFields(("worker_id", "name", "grid_id", "active", "created_at")),
    # an entry's state after its last op and its check-offs (their row ids are each end's
    # own); not its responder, which a station changes without an op after the first one
    "emergency_entry": ScopeFields(
        (
            "event_id",
            "resident_id",
            "grid_id",
            "building_id",
            "added",
            "status",
            "note",
            "checked_at",
            "unreachable_since",
            "case_id",
            "checks",
        ),
        {"checks": ("row_id",)},
    ),
    "volunteer_activity": ScopeFields(
        (
            "title",
            "kind",
            "place",
            "grid_id",
            "starts_at",
            "ends_at",
            "organiser",
            "capacity",
            "created_at",
            "created_by",
            "approved_at",
            "approved_by",
            "signins",
            "corrections",
        ),
        {"signins": (MEMBER_ID,), "corrections": (MEMBER_ID,)},
    ),
    "volunteer_wish": ScopeFields(
        (
            "resident_id",
            "text",
            "category",
            "deadline",
            "status",
            "created_at",
            "created_by",
            "claimed_at",
            "fulfilled_at",
            "fulfil_note",
            "confirmed_at",
            "grade",
        )
    ),
}
"""The compared fields of each station-authored entity; a station builds the state it pushed
(or took back from the district) and the district reads its record, and both select these."""


def scope_data(entity: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """What the scope hash compares of a record of ``entity`` (nothing for an unlisted one)."""
    spec = SCOPE_FIELDS.get(entity)
    return spec.select(data) if spec is not None else {}
