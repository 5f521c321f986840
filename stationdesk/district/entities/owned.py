"""Station-authored records (cases, certificates): only the owner station writes them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from stationdesk.sync.protocol import Op
from stationdesk.sync.schemas import PayloadProblem
from stationdesk.sync.scope import scope_data

from ..models import Record
from ..registry import ApplyContext, ApplyOutcome, FieldRecordHandler, Scope, UniqueKeyId


class OwnedEventsHandler(FieldRecordHandler):
    """A record only its station changes: ``create`` sets it, every other kind is an event.

    The server keeps the latest state (the create payload with each event's payload laid over
    it) and the list of event kinds; one op moves the version by one, as at the station. The
    scope hash compares the fields ``sync.scope`` names for the entity (none for one unnamed).
    """

    owned = True
    scope: ClassVar[Scope] = "owner"

    creating_kinds: ClassVar[tuple[str, ...]] = ("create",)

    def apply(self, ctx: ApplyContext) -> ApplyOutcome:
        op = ctx.op
        record = ctx.get(self.entity, op.entity_id)
        if op.kind == "delete" or (op.kind in self.creating_kinds and record is None):
            problem = self.check_new(ctx)
            if problem is not None:
                return problem
            if op.kind == "delete":
                return super().apply(ctx)
            rec = ctx.write(
                self.entity,
                op.entity_id,
                data=self.fold({**dict(op.payload), "events": [op.kind]}, ctx, 1),
                changed_fields=list(op.payload),
                owner_station_id=ctx.station.id,
                scope_station_id=ctx.station.id,
            )
            return ApplyOutcome(version=rec.version)
        if record is None:
            return ApplyOutcome.reject(404, f"no such {self.entity}")
        if record.owner_station_id not in (None, ctx.station.id):
            return ApplyOutcome.reject(403, f"this {self.entity} belongs to another station")
        data = {**record.data, **dict(op.payload)}
        data["events"] = [*record.data.get("events", []), op.kind]
        data = self.fold(data, ctx, record.version + 1)
        rec = ctx.write(
            self.entity,
            op.entity_id,
            data=data,
            changed_fields=list(op.payload),
            owner_station_id=record.owner_station_id,
            scope_station_id=record.scope_station_id,
        )
        return ApplyOutcome(version=rec.version)

    def check_new(self, ctx: ApplyContext) -> ApplyOutcome | None:
        """Refuse a new record (return an ApplyOutcome) or accept it (None)."""
        return None

    def fold(self, data: dict[str, Any], ctx: ApplyContext, version: int) -> dict[str, Any]:
        """The state to store after ``ctx.op`` (``version`` is the one it gets); as is here."""
        return data

    def canonical(self, record: Record) -> dict[str, Any] | None:
        return scope_data(self.entity, record.data)


#: The op filling a document's ledger row and PDF digest into a record pushed before issue ops
#: carried them (station migration 0017); keys as ``services.certificates.synced`` names them.
LEDGER, LEDGER_ROW, PDF_SHA256 = "ledger", "ledger_row", "pdf_sha256"


class NumberedDocumentHandler(OwnedEventsHandler):
    """Certificates and refusal notices: numbered ``CODE-…`` with a never-resetting sequence.

    The number's station part must be the pushing station's code and the number must be new
    in the district; the sequence feeds the floor /hello returns after a restore. A ``ledger``
    op (from the owner only) fills ``ledger_row`` and ``pdf_sha256`` into a record lacking
    them, at the record's version (the station's row has not changed); a record that has them
    stays as it is.
    """

    creating_kinds = ("issue", "create")
    counter_name: ClassVar[str] = ""

    def apply(self, ctx: ApplyContext) -> ApplyOutcome:
        if ctx.op.kind != LEDGER:
            return super().apply(ctx)
        record = ctx.get(self.entity, ctx.op.entity_id)
        if record is None or record.deleted:
            return ApplyOutcome.reject(404, f"no such {self.entity}")
        if record.owner_station_id != ctx.station.id:
            return ApplyOutcome.reject(403, f"this {self.entity} belongs to another station")
        problem = self.ledger_problem(ctx.op.payload, record.data.get("number"))
        if problem is not None:
            return ApplyOutcome.reject(422, f"{self.entity}.{problem}")
        if isinstance(record.data.get(LEDGER_ROW), Mapping):
            return ApplyOutcome(version=record.version)
        filled = {LEDGER_ROW: ctx.op.payload[LEDGER_ROW], PDF_SHA256: ctx.op.payload[PDF_SHA256]}
        rec = ctx.write(
            self.entity,
            ctx.op.entity_id,
            data={**record.data, **filled},
            owner_station_id=record.owner_station_id,
            scope_station_id=record.scope_station_id,
            keep_version=True,
        )
        return ApplyOutcome(version=rec.version)

    @staticmethod
    def ledger_problem(payload: Mapping[str, Any], number: Any) -> str | None:
        """Why a ``ledger`` payload (its form checked by ``sync.schemas``) is refused for the
        document it names (``field: reason``), or None."""
        if payload[LEDGER_ROW].get("number") != number:
            return f"{LEDGER_ROW}: its number is not the document's ({number})"
        return None

    def refuse(self, op: Op, problem: PayloadProblem) -> ApplyOutcome:
        """``<entity>.<field>: <reason>``, then the op."""
        return ApplyOutcome.reject(422, f"{op.entity}.{problem} (op {op.op_id})")

    def unique_claims(self, op: Op) -> Iterable[UniqueKeyId]:
        number = op.payload.get("number") if op.kind in self.creating_kinds else None
        return [(self.entity, "number", str(number))] if number else []

    def check_new(self, ctx: ApplyContext) -> ApplyOutcome | None:
        payload = ctx.op.payload
        number = str(payload.get("number") or "")
        if not number.startswith(ctx.station.code + "-"):
            return ApplyOutcome.reject(403, "a number must carry the pushing station's code")
        if not ctx.claim_unique(self.entity, "number", number, ctx.op.entity_id):
            return ApplyOutcome.reject(409, f"number {number} is already used in the district")
        sequence = payload.get("sequence")
        if isinstance(sequence, int):
            ctx.counter(self.counter_name, sequence)
        return None


#: What a case op carries besides its fields: the case row after it and the event it records;
#: the record keeps every event in order under ``timeline`` (services.cases.synced).
CASE_ROW, EVENT_ROW, TIMELINE = "case_row", "event_row", "timeline"

#: Where a case record lists its attachments (one per ``attach`` op), and what each keeps: a
#: station rebuilt from here fetches their bytes by ``sha256`` (docs/sync-protocol.md).
ATTACHMENTS = "attachments"
ATTACHMENT_FIELDS = ("attachment_id", "name", "mime", "size", "sha256")

#: The /hello counter of a station's case numbers (``SY0101-C-000123`` → 123).
CASE_COUNTER = "case"


class CaseHandler(OwnedEventsHandler):
    """One-window cases: owned by the receiving station (首问负责).

    Each op's ``event_row`` is appended to ``timeline`` (every event, in order, with its
    time, actor and note) and ``case_row`` is the case file after it. A ``refer`` event also
    sets ``referral`` (event id, department, note, time, version): the
    referral a department answers on the district platform, kept while later events arrive.
    An ``attach`` op adds its attachment to ``attachments`` (id, name, type, size, hash, and
    the time and worker of its event).
    """

    entity = "case"

    def check_new(self, ctx: ApplyContext) -> ApplyOutcome | None:
        # the number's sequence feeds the floor /hello returns: a station restored from an old
        # backup numbers its next case above every case the district has from it
        number = str(ctx.op.payload.get("number") or "")
        prefix = ctx.station.code + "-C-"
        if number.startswith(prefix) and number[len(prefix) :].isdigit():
            ctx.counter(CASE_COUNTER, int(number[len(prefix) :]))
        return None

    def fold(self, data: dict[str, Any], ctx: ApplyContext, version: int) -> dict[str, Any]:
        payload = ctx.op.payload
        event = data.pop(EVENT_ROW, None)
        if isinstance(event, dict):  # the whole timeline, for a station rebuilt from here
            data[TIMELINE] = [*data.get(TIMELINE, []), event]
        if ctx.op.kind == "attach" and payload.get("attachment_id"):
            item = {k: payload.get(k) for k in ATTACHMENT_FIELDS}
            if isinstance(event, dict):
                item |= {"added_at": event.get("at"), "added_by": event.get("actor_id")}
            data[ATTACHMENTS] = [*data.get(ATTACHMENTS, []), item]
        if ctx.op.kind == "act" and payload.get("action") == "refer":
            data["referral"] = {
                "event_id": payload.get("event_id"),
                "department": payload.get("department"),
                "note": payload.get("note"),
                "at": payload.get("at"),
                "version": version,
            }
        return data


HANDLER = CaseHandler()
