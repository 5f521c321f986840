"""The 双报到 entities: units and members are district-wide and merged like residents (one unit
per name and type, one member per ID number, matched by the keyed HMAC); activities (with their
sign-ins, approval and corrections) and wishes are owned by their station.

Every op's payload is checked field by field: a bad one is refused with 422 naming the op and
the field, never a server error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import text

from stationdesk.domain.merge import edits_from_payload
from stationdesk.domain.volunteering import (
    MAX_PROJECT_NOTE,
    MAX_PROJECT_TITLE,
    PROJECT_LISTS,
    PROJECT_STATUSES,
    UNIT_TYPES,
    WishStatus,
    unit_compared,
    unit_key,
)
from stationdesk.sync.protocol import MAX_ATTACHMENT_BYTES, SHA256_PATTERN

from ..crypto import id_hmac, session_vault
from ..models import Record, UniqueKey
from ..registry import ApplyContext, ApplyOutcome, Scope, register
from .merging import MERGED_INTO, MergingHandler
from .owned import OwnedEventsHandler

UNIT, MEMBER = "volunteer_unit", "volunteer_member"
ACTIVITY, WISH = "volunteer_activity", "volunteer_wish"
REPORTS = "reports"
"""A member's station reports: station code, the id registered there, report date, grid id."""

_SHA256 = re.compile(SHA256_PATTERN)
Check = Callable[[Any], str | None]
"""A field check: why the value is refused, or None."""


def _text(limit: int, *, required: bool = False) -> Check:
    def check(value: Any) -> str | None:
        if value is None or value == "":
            return "is required" if required else None
        if not isinstance(value, str):
            return "must be text"
        return f"is longer than {limit} characters" if len(value) > limit else None

    return check


def _iso(parse: Callable[[str], date | None], wrong: str, *, required: bool) -> Check:
    """A text that ``parse`` reads (None or ValueError: it does not); ``wrong`` says why not."""

    def check(value: Any) -> str | None:
        if value is None:
            return "is required" if required else None
        try:
            parsed = parse(value) if isinstance(value, str) else None
        except ValueError:
            parsed = None
        return None if parsed is not None else wrong

    return check


def _zoned(text: str) -> datetime | None:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else None


def _moment(*, required: bool = False) -> Check:
    return _iso(_zoned, "must be an ISO time with a UTC offset", required=required)


def _day(*, required: bool = False) -> Check:
    return _iso(date.fromisoformat, "must be an ISO date", required=required)


def _minutes(value: Any) -> str | None:
    if value is None:
        return None
    ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100_000
    return None if ok else "must be a whole number of minutes"


def _flag(value: Any) -> str | None:
    return None if value is None or isinstance(value, bool) else "must be true or false"


def _one_of(choices: tuple[str, ...]) -> Check:
    def check(value: Any) -> str | None:
        return None if value in choices else f"must be one of {', '.join(choices)}"

    return check


def _texts(value: Any) -> str | None:
    if value is None:
        return None
    ok = isinstance(value, list) and all(isinstance(v, str) and len(v) <= 100 for v in value)
    return None if ok else "must be a list of short texts"


def _rows(fields: Mapping[str, Check]) -> Check:
    """A list of objects, each checked by ``fields`` (the problem names the item's index)."""

    def check(value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, list) or len(value) > 10_000:
            return "must be a list"
        for i, item in enumerate(value):
            if not isinstance(item, Mapping):
                return f"item {i} must be an object"
            problem = _first_problem(item, fields)
            if problem is not None:
                return f"item {i}: {problem}"
        return None

    return check


def _first_problem(data: Mapping[str, Any], fields: Mapping[str, Check]) -> str | None:
    for name, check in fields.items():
        problem = check(data.get(name))
        if problem is not None:
            return f"{name} {problem}"
    return None


def _refused(ctx: ApplyContext, problem: str) -> ApplyOutcome:
    op = ctx.op
    return ApplyOutcome.reject(422, f"op {op.op_id} ({op.entity} {op.kind}): field {problem}")


_ID = _text(64, required=True)

PHOTO_FIELDS: dict[str, Check] = {
    "name": _text(120, required=True),
    "mime": _one_of(("image/jpeg", "image/png")),
    "size": lambda v: (
        None
        if isinstance(v, int) and not isinstance(v, bool) and 0 < v <= MAX_ATTACHMENT_BYTES
        else f"must be 1 to {MAX_ATTACHMENT_BYTES} bytes"
    ),
    "sha256": lambda v: (
        None if isinstance(v, str) and _SHA256.fullmatch(v) else "must be a SHA-256 in hex"
    ),
    "added_at": _moment(),
    "added_by": _text(64),
}


def _photo(value: Any) -> str | None:
    """A wish's photo as its state describes it (the bytes travel as an attachment), or none."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        return "must be an object"
    problem = _first_problem(value, PHOTO_FIELDS)
    return None if problem is None else f"({problem})"


UNIT_FIELDS: dict[str, Check] = {
    "name": _text(100, required=True),
    "unit_type": _one_of(UNIT_TYPES),
    "party_org": _text(100),
    "contact_name": _text(40),
    "contact_phone": _text(20),
    "agreement_date": _day(),
    "agreement_until": _day(),
    "commitments": _text(2000),
    "projects": _rows(
        {
            "id": _ID,
            "title": _text(MAX_PROJECT_TITLE, required=True),
            "list": _one_of(tuple(c.code for c in PROJECT_LISTS)),
            "status": _one_of(tuple(c.code for c in PROJECT_STATUSES)),
            "note": _text(MAX_PROJECT_NOTE),
        }
    ),
}
MEMBER_FIELDS: dict[str, Check] = {
    "name": _text(40, required=True),
    "id_number": _text(32, required=True),
    "phone": _text(20),
    "branch": _text(100),
    "unit_id": _text(64),
    "resident_id": _text(64),
    "skills": _texts,
    "emergency_team": _flag,
    REPORTS: _rows(
        {"station": _text(16), "member_id": _ID, "report_date": _day(), "grid_id": _text(64)}
    ),
}
SIGNIN_FIELDS: dict[str, Check] = {
    "member_id": _ID,
    "signed_in_at": _moment(required=True),
    "signed_out_at": _moment(),
    "minutes": _minutes,
    "source": _text(16),
}
ACTIVITY_FIELDS: dict[str, Check] = {
    "title": _text(100, required=True),
    "kind": _text(24, required=True),
    "place": _text(100),
    "grid_id": _text(64),
    "starts_at": _moment(required=True),
    "ends_at": _moment(required=True),
    "organiser": _text(100),
    "approved_at": _moment(),
    "signins": _rows(SIGNIN_FIELDS),
    "corrections": _rows(
        {**SIGNIN_FIELDS, "signed_out_at": _moment(required=True), "reason": _text(200)}
    ),
}
WISH_FIELDS: dict[str, Check] = {
    "resident_id": _ID,
    "text": _text(200, required=True),
    "category": _text(16, required=True),
    "deadline": _day(required=True),
    "status": _one_of(tuple(s.value for s in WishStatus)),
    "member_id": _text(64),
    "fulfil_note": _text(2000),
    "grade": _text(8),
    "photo": _photo,
}


def _lock(ctx: ApplyContext, key: str) -> None:
    """Serialise the registrations of one unit or person across stations' pushes."""
    if ctx.session.connection().dialect.name == "postgresql":
        ctx.session.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": key}
        )


class MergedRecordHandler(MergingHandler):
    """District-wide records of which one live record stands per match key: a ``create`` whose
    key another record holds is merged into it field by field (a different value makes a
    conflict record) and stored deleted with ``merged_into`` naming the survivor."""

    owned = False
    scope: ClassVar[Scope] = "district"
    fields: ClassVar[dict[str, Check]] = {}

    def match_key(self, ctx: ApplyContext, data: Mapping[str, Any]) -> str | None:
        raise NotImplementedError

    def apply(self, ctx: ApplyContext) -> ApplyOutcome:
        op = ctx.op
        if op.kind == "create":
            problem = _first_problem(op.payload, self.fields)
            if problem is not None:
                return _refused(ctx, problem)
        elif op.kind == "update":
            try:
                edits = edits_from_payload(op.payload)
            except ValueError as exc:
                return _refused(ctx, str(exc))
            for name, edit in edits.items():
                check = self.fields.get(name)
                problem = "is not synced" if check is None else check(edit.new)
                if problem is not None:
                    return _refused(ctx, f"{name} {problem}")
        else:
            return _refused(ctx, f"kind: {op.kind!r} is not an op of {self.entity}")
        if op.kind == "create" and ctx.get(self.entity, op.entity_id) is None:
            key = self.match_key(ctx, op.payload)
            if key is not None:
                _lock(ctx, f"{self.entity}:{key}")
                if not ctx.claim_unique(self.entity, "match", key, op.entity_id):
                    survivor = ctx.get(self.entity, self._holder(ctx, key) or "")
                    if survivor is not None and not survivor.deleted:
                        return self.merge_into(ctx, survivor)
        return super().apply(ctx)

    def _holder(self, ctx: ApplyContext, key: str) -> str | None:
        wanted = (self.entity, "match", key)
        if ctx.batch is not None and ctx.batch.unique.get(wanted):
            return ctx.batch.unique[wanted]
        row = ctx.session.get(UniqueKey, wanted)
        return row.entity_id if row is not None else None


class UnitHandler(MergedRecordHandler):
    """驻区单位: one per name and type (compared without spaces, full-width forms or case)."""

    entity = UNIT
    snapshot_rank = 35
    fields = UNIT_FIELDS
    merge_kept = ("name", "unit_type")

    def match_key(self, ctx: ApplyContext, data: Mapping[str, Any]) -> str | None:
        return unit_key(str(data.get("name") or ""), str(data.get("unit_type") or ""))

    def canonical(self, record: Record) -> dict[str, Any] | None:
        return unit_compared({k: v for k, v in record.data.items() if k != MERGED_INTO})


class MemberHandler(MergedRecordHandler):
    """在职党员: one per ID number, matched by its keyed HMAC; reporting at a second station adds
    a report to the member (``reports``)."""

    entity = MEMBER
    snapshot_rank = 40
    fields = MEMBER_FIELDS
    merge_kept = ("id_number", REPORTS)
    identity_fields = ("id_number", "name")

    def match_key(self, ctx: ApplyContext, data: Mapping[str, Any]) -> str | None:
        number = data.get("id_number")
        if not isinstance(number, str) or not number.strip():
            return None
        return id_hmac(session_vault(ctx.session), ctx.session.connection(), number)

    def arriving(self, ctx: ApplyContext) -> dict[str, Any]:
        """The unit named as the district holds it (a unit merged too names its survivor)."""
        payload = dict(ctx.op.payload)
        unit_id = payload.get("unit_id")
        unit = ctx.get(UNIT, unit_id) if isinstance(unit_id, str) and unit_id else None
        if unit is not None and isinstance(into := unit.data.get(MERGED_INTO), str):
            payload["unit_id"] = into
        return payload

    def extend(self, ctx: ApplyContext, data: dict[str, Any], arriving: dict[str, Any]) -> None:
        reports = [dict(r) for r in arriving.get(REPORTS) or []]
        for report in reports:
            report["station"] = ctx.station.code
        data[REPORTS] = [*(data.get(REPORTS) or []), *reports]

    def canonical(self, record: Record) -> dict[str, Any] | None:
        data = {k: record.data.get(k) for k in ("name", "id_number", "phone", "branch")}
        data |= {
            "skills": record.data.get("skills"),
            "emergency_team": record.data.get("emergency_team"),
        }
        if record.data.get(MERGED_INTO):
            data["id_number"] = None
        return data


class _CheckedEvents(OwnedEventsHandler):
    """Station-owned records whose every op carries the whole record after it."""

    fields: ClassVar[dict[str, Check]] = {}
    kinds: ClassVar[tuple[str, ...]] = ()

    def apply(self, ctx: ApplyContext) -> ApplyOutcome:
        if ctx.op.kind not in self.kinds:
            return _refused(ctx, f"kind: {ctx.op.kind!r} is not an op of {self.entity}")
        problem = _first_problem(ctx.op.payload, self.fields) or self.problem(ctx.op.payload)
        if problem is not None:
            return _refused(ctx, problem)
        return super().apply(ctx)

    def problem(self, data: Mapping[str, Any]) -> str | None:
        """A problem across fields, or None."""
        return None


class ActivityHandler(_CheckedEvents):
    """志愿服务活动 with its sign-ins, approval and corrections."""

    entity = ACTIVITY
    snapshot_rank = 45
    fields = ACTIVITY_FIELDS
    kinds = ("create", "signin", "signout", "approve", "correct")

    def problem(self, data: Mapping[str, Any]) -> str | None:
        if datetime.fromisoformat(data["ends_at"]) <= datetime.fromisoformat(data["starts_at"]):
            return "ends_at is not after starts_at"
        return None


class WishHandler(_CheckedEvents):
    """微心愿: recorded, claimed, fulfilled (with a photo's description), confirmed; the text,
    note and photo's name are sealed."""

    entity = WISH
    fields = WISH_FIELDS
    kinds = ("create", "claim", "fulfil", "confirm")


register(UnitHandler())
register(MemberHandler())
register(ActivityHandler())
HANDLER = WishHandler()
