"""The 双报到 entities: units and members are district-wide and merged like residents (one unit
per name and type, one member per ID number, matched by the keyed HMAC); activities (with their
sign-ins, approval and corrections) and wishes are owned by their station.

Every op's payload is checked against its model (``sync.schemas.volunteer``): a bad one is
refused with 422 naming the op and the field, never a server error.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from sqlalchemy import text

from stationdesk.domain.volunteering import unit_compared, unit_key
from stationdesk.sync.protocol import Op
from stationdesk.sync.schemas import PayloadProblem, op_kinds

from ..crypto import id_hmac, session_vault
from ..models import Record, UniqueKey
from ..registry import ApplyContext, ApplyOutcome, Scope, register
from .merging import MERGED_INTO, MergingHandler
from .owned import OwnedEventsHandler

UNIT, MEMBER = "volunteer_unit", "volunteer_member"
ACTIVITY, WISH = "volunteer_activity", "volunteer_wish"
REPORTS = "reports"
"""A member's station reports: station code, the id registered there, report date, grid id."""


def _refused(op: Op, problem: str) -> ApplyOutcome:
    return ApplyOutcome.reject(422, f"op {op.op_id} ({op.entity} {op.kind}): field {problem}")


def _described(problem: PayloadProblem) -> str:
    """``projects item 1: status must be …``: the field, the list item, the reason."""
    head, *rest = problem.loc or ("payload",)
    where = str(head)
    for part in rest:
        where += f" item {part}:" if isinstance(part, int) else f" {part}"
    return f"{where} {problem.reason}"


class _Refusing:
    """A volunteer handler's 422 for a payload breaking its schema (``sync.schemas``)."""

    def refuse(self, op: Op, problem: PayloadProblem) -> ApplyOutcome:
        return _refused(op, _described(problem))


def _lock(ctx: ApplyContext, key: str) -> None:
    """Serialise the registrations of one unit or person across stations' pushes."""
    if ctx.session.connection().dialect.name == "postgresql":
        ctx.session.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": key}
        )


class MergedRecordHandler(_Refusing, MergingHandler):
    """District-wide records of which one live record stands per match key: a ``create`` whose
    key another record holds is merged into it field by field (a different value makes a
    conflict record) and stored deleted with ``merged_into`` naming the survivor."""

    owned = False
    scope: ClassVar[Scope] = "district"

    def match_key(self, ctx: ApplyContext, data: Mapping[str, Any]) -> str | None:
        raise NotImplementedError

    def admit(self, ctx: ApplyContext) -> ApplyOutcome | None:
        if ctx.op.kind in ("create", "update"):
            return None
        return _refused(ctx.op, f"kind: {ctx.op.kind!r} is not an op of {self.entity}")

    def apply(self, ctx: ApplyContext) -> ApplyOutcome:
        """Apply an op whose payload passed its schema (``sync.schemas.volunteer``)."""
        op = ctx.op
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


class _CheckedEvents(_Refusing, OwnedEventsHandler):
    """Station-owned records whose every op carries the whole record after it."""

    def admit(self, ctx: ApplyContext) -> ApplyOutcome | None:
        if ctx.op.kind in op_kinds(self.entity):
            return None
        return _refused(ctx.op, f"kind: {ctx.op.kind!r} is not an op of {self.entity}")


class ActivityHandler(_CheckedEvents):
    """志愿服务活动 with its sign-ins, approval and corrections."""

    entity = ACTIVITY
    snapshot_rank = 45


class WishHandler(_CheckedEvents):
    """微心愿: recorded, claimed, fulfilled (with a photo's description), confirmed; the text,
    note and photo's name are sealed."""

    entity = WISH


register(UnitHandler())
register(MemberHandler())
register(ActivityHandler())
HANDLER = WishHandler()
