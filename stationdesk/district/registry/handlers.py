"""The handler base classes: what applying an op came to, and records made of named fields."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, Literal

from sqlalchemy.orm import Session

from stationdesk.domain.merge import FieldConflict, edits_from_payload, merge_edit
from stationdesk.sync.protocol import FieldConflictWire, Op, OpStatus
from stationdesk.sync.schemas import PayloadProblem

from ..models import Record
from .context import ApplyContext
from .writes import PushBatch, UniqueKeyId

Scope = Literal["owner", "district"]


@dataclass
class ApplyOutcome:
    """What applying one op came to."""

    status: OpStatus = "applied"
    version: int | None = None
    http_status: int = 200
    message: str | None = None
    conflicts: list[FieldConflictWire] = field(default_factory=list)

    @classmethod
    def reject(cls, http_status: int, message: str) -> ApplyOutcome:
        """An op refused as a whole (nothing written); the station shows it as an error."""
        return cls(status="rejected", http_status=http_status, message=message)


class EntityHandler(ABC):
    """How the server applies ops of one entity and who may see its records."""

    entity: ClassVar[str]
    pushable: ClassVar[bool] = True
    """Whether stations may push ops of this entity (reference data is server-only)."""
    snapshot_rank: ClassVar[int] = 50
    """Where this entity's records come in a snapshot (lower first, then by entity name): a
    record comes after those it refers to, as a station stores it with its references."""

    @abstractmethod
    def apply(self, ctx: ApplyContext) -> ApplyOutcome:
        """Apply ``ctx.op``; write through ``ctx``; never commit; return the outcome."""

    def admit(self, ctx: ApplyContext) -> ApplyOutcome | None:
        """Refuse an op before its payload is checked (one this station may not push at all),
        or None; nothing by default."""
        return None

    def refuse(self, op: Op, problem: PayloadProblem) -> ApplyOutcome:
        """The 422 of an op whose payload breaks its schema (``sync.schemas``), naming the op
        and the field."""
        return ApplyOutcome.reject(422, f"op {op.op_id}: {op.entity}.{problem}")

    def unique_claims(self, op: Op) -> Iterable[UniqueKeyId]:
        """The unique values ``op`` will claim, so a push page looks them all up at once."""
        return ()

    def prepare_page(
        self,
        session: Session,
        ops: Sequence[Op],
        records: dict[tuple[str, str], Record | None],
        batch: PushBatch,
    ) -> None:
        """Read (and lock) what this entity's ops in a push page need, once for the page.

        Called by the push before the page's ops are applied, with the page's ops of this
        entity not applied before and the records the page touches; a handler keeps what it
        read in ``batch.pages[entity]``. Nothing by default.
        """
        return None

    def canonical(self, record: Record) -> dict[str, Any] | None:
        """The data a station must hold for this record (for the scope hash)."""
        return record.data


class FieldRecordHandler(EntityHandler):
    """Records made of named fields: create, field-level update with merge, delete.

    ``owned``: only the creating station may change the record (others get 403).
    ``scope``: ``"owner"`` (only the owner station pulls it) or ``"district"`` (every station).
    Kinds: ``create`` (payload = all fields), ``update`` (payload = ``{field: {old, new}}`` with
    ``base_version``), ``delete`` (soft; an edit arriving later makes a ``deleted`` conflict),
    ``merge`` (payload ``{"into": surviving_id}``: deleted with a pointer to the survivor).
    """

    owned: ClassVar[bool] = True
    scope: ClassVar[Scope] = "owner"
    identity_fields: ClassVar[tuple[str, ...]] = ()

    def validate(self, ctx: ApplyContext, data: dict[str, Any]) -> ApplyOutcome | None:
        """Refuse a record state (return an ApplyOutcome) or accept it (None)."""
        return None

    def _scope_for(self, owner: str | None) -> str | None:
        return owner if self.scope == "owner" else None

    def apply(self, ctx: ApplyContext) -> ApplyOutcome:
        op = ctx.op
        record = ctx.get(self.entity, op.entity_id)
        if (
            self.owned
            and record is not None
            and record.owner_station_id not in (None, ctx.station.id)
        ):
            return ApplyOutcome.reject(403, f"this {self.entity} belongs to another station")
        owner = record.owner_station_id if record is not None else ctx.station.id
        if op.kind == "create":
            return self._create(ctx, record, owner)
        if op.kind not in ("update", "delete", "merge"):
            return ApplyOutcome.reject(422, f"unknown kind {op.kind!r} for {self.entity}")
        if record is None:
            return ApplyOutcome.reject(404, f"no such {self.entity}")
        if op.kind == "update":
            return self._update(ctx, record, owner)
        return self._delete(ctx, record, owner)

    def _write(
        self, ctx: ApplyContext, owner: str | None, data: dict[str, Any], **change: Any
    ) -> ApplyOutcome:
        """Store the op's record state (see ``ApplyContext.write``); applied at its new version."""
        rec = ctx.write(
            self.entity,
            ctx.op.entity_id,
            data=data,
            owner_station_id=owner,
            scope_station_id=self._scope_for(owner),
            **change,
        )
        return ApplyOutcome(version=rec.version)

    def _create(self, ctx: ApplyContext, record: Record | None, owner: str | None) -> ApplyOutcome:
        data = dict(ctx.op.payload)
        problem = self.validate(ctx, data)
        if problem is not None:
            return problem
        if record is not None and record.deleted:
            return self._deleted_conflict(ctx, record, local_value=data)
        base = dict(record.data) if record is not None else {}
        base.update(data)
        changed = [k for k in data if record is None or record.data.get(k) != data[k]]
        return self._write(ctx, owner, base, changed_fields=changed)

    def _update(self, ctx: ApplyContext, record: Record, owner: str | None) -> ApplyOutcome:
        op = ctx.op
        try:
            edits = edits_from_payload(op.payload)
        except ValueError as exc:
            return ApplyOutcome.reject(422, str(exc))
        if record.deleted:
            return self._deleted_conflict(
                ctx,
                record,
                local_value={k: e.new for k, e in edits.items()},
                base_version=op.base_version,
            )
        merged = merge_edit(
            base_version=op.base_version,
            edits=edits,
            current=record.data,
            field_versions=record.field_versions,
            identity_fields=self.identity_fields,
        )
        data = {**record.data, **merged.values}
        problem = self.validate(ctx, data)
        if problem is not None:
            return problem
        wires = [self.field_conflict(ctx, op.entity_id, c) for c in merged.conflicts]
        if not merged.changed:
            return ApplyOutcome(version=record.version, conflicts=wires)
        outcome = self._write(
            ctx,
            owner,
            data,
            changed_fields=merged.values,
            flagged=True if merged.flagged else None,
        )
        return replace(outcome, status="conflict", conflicts=wires) if wires else outcome

    def _delete(self, ctx: ApplyContext, record: Record, owner: str | None) -> ApplyOutcome:
        """``delete``, or ``merge`` (deleted with a pointer to the surviving record)."""
        if record.deleted:
            return ApplyOutcome(version=record.version)
        data = dict(record.data)
        if ctx.op.kind == "merge":
            into = ctx.op.payload.get("into")
            if not isinstance(into, str) or not into:
                return ApplyOutcome.reject(422, "a merge names the surviving record in 'into'")
            data["merged_into"] = into
        return self._write(ctx, owner, data, deleted=True)

    def _deleted_conflict(
        self,
        ctx: ApplyContext,
        record: Record,
        *,
        local_value: dict[str, Any],
        base_version: int | None = None,
    ) -> ApplyOutcome:
        """An edit that arrived after the record was deleted: kept for review, nothing written."""
        wire = ctx.conflict(
            self.entity,
            ctx.op.entity_id,
            kind="deleted",
            base_version=base_version,
            local_value=local_value,
            server_value=None,
        )
        return ApplyOutcome(status="conflict", version=record.version, conflicts=[wire])

    def field_conflict(
        self, ctx: ApplyContext, entity_id: str, c: FieldConflict
    ) -> FieldConflictWire:
        """Record one field's conflict on ``entity_id`` for review and answer it on the wire."""
        return ctx.conflict(
            self.entity,
            entity_id,
            kind="field",
            field_name=c.field,
            base_version=c.base_version,
            local_value=c.local,
            server_value=c.server,
            applied_value=c.applied,
            identity=c.identity,
        )
