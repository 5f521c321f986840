"""The ``resident`` entity: shared by every station, merged field by field (SYNC.md rules)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from stationdesk.sync.protocol import Op

from ..crypto import id_hmac, normalise_id_number, session_vault
from ..models import Record
from ..registry import ApplyContext, ApplyOutcome, PushBatch, Scope
from .merging import MERGED_INTO, MergingHandler


def _number_of(record: Record | None) -> str | None:
    held = record.data.get("id_number") if record is not None else None
    return normalise_id_number(held) if isinstance(held, str) and held.strip() else None


class _People:
    """Who holds each ID number a push page registers: its stored records and its own states.

    Stored records are found by their keyed HMAC, after an advisory lock per number (two
    stations registering one person at once: the second page waits for the first), both once
    for every number of the page (locks taken in one sorted statement, so two pages never wait
    for each other in a circle). The page's own states are indexed as its ops write them.
    """

    def __init__(self, records: Iterable[tuple[tuple[str, str], Record | None]]) -> None:
        self.stored: dict[str, list[Record]] = {}  # normalised number -> stored records
        self.page: dict[str, set[str]] = defaultdict(set)  # number -> ids of the page's states
        for (entity, _entity_id), record in records:
            if entity == ResidentHandler.entity:
                self.note(record)

    def note(self, record: Record | None) -> None:
        """Index a resident state the page holds by its (current) ID number."""
        number = _number_of(record)
        if number is not None and record is not None:
            self.page[number].add(record.entity_id)

    def look_up(self, session: Session, numbers: set[str]) -> None:
        """Lock and read the stored holders of the numbers not looked up yet."""
        wanted = sorted(numbers - set(self.stored))
        if not wanted:
            return
        vault = session_vault(session)
        conn = session.connection()
        by_digest = {id_hmac(vault, conn, number): number for number in wanted}
        for number in wanted:
            self.stored[number] = []
        if conn.dialect.name == "postgresql":
            session.execute(
                text(
                    "SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT "
                    "hashtextextended('resident:' || d, 0) AS k FROM unnest(CAST(:digests AS "
                    "text[])) AS d ORDER BY k) AS sorted"
                ),
                {"digests": sorted(by_digest)},
            )
        digests = sorted(by_digest)
        for i in range(0, len(digests), 1000):
            query = (
                select(Record)
                .where(
                    Record.entity == ResidentHandler.entity,
                    Record.id_hmac.in_(digests[i : i + 1000]),
                )
                .order_by(Record.entity_id)
                .with_for_update()
            )
            for record in session.scalars(query):
                self.stored[by_digest[str(record.id_hmac)]].append(record)

    def holders(
        self, records: dict[tuple[str, str], Record | None], number: str
    ) -> dict[str, Record]:
        """Every resident state now holding ``number``, by id (the page's own ones first)."""
        found: dict[str, Record] = {}
        for entity_id in self.page.get(number, ()):
            record = records.get((ResidentHandler.entity, entity_id))
            if record is not None and _number_of(record) == number:
                found[entity_id] = record
        for record in self.stored.get(number, ()):
            found.setdefault(record.entity_id, record)
        return found


def _people(
    session: Session, records: dict[tuple[str, str], Record | None], batch: PushBatch | None
) -> _People:
    """The page's index (made on first use), or one for a single op applied without a page."""
    if batch is None:
        return _People(records.items())
    people = batch.pages.get(ResidentHandler.entity)
    if people is None:
        people = batch.pages[ResidentHandler.entity] = _People(records.items())
    assert isinstance(people, _People)
    return people


class ResidentHandler(MergingHandler):
    """Any station may edit; the same field edited at two stations makes a conflict record.

    The ID number is a person's identity across the district: a station registering (``create``)
    a resident whose ID number a live resident already has is merged into that one, field by
    field (``domain.merge``: missing fields are taken, a different value makes a conflict
    record; the ID number is the match and stays the survivor's), and the arriving record is
    stored deleted with ``merged_into`` naming the survivor.
    A conflict on an identity field flags the record. An explicit ``merge`` op retires a
    record the same way (deleted, with the pointer).
    """

    entity = "resident"
    owned = False
    scope: ClassVar[Scope] = "district"
    snapshot_rank = 30
    identity_fields = ("id_number", "name", "birth_date")
    merge_kept = ("id_number",)

    def apply(self, ctx: ApplyContext) -> ApplyOutcome:
        outcome: ApplyOutcome | None = None
        if ctx.op.kind == "create" and ctx.get(self.entity, ctx.op.entity_id) is None:
            survivor = self._same_person(ctx)
            if survivor is not None:
                outcome = self.merge_into(ctx, survivor)
        if outcome is None:
            outcome = super().apply(ctx)
        if ctx.batch is not None and self.entity in ctx.batch.pages:  # the page's own states
            ctx.batch.pages[self.entity].note(ctx.records.get((self.entity, ctx.op.entity_id)))
        return outcome

    def canonical(self, record: Record) -> dict[str, Any] | None:
        if not record.data.get(MERGED_INTO):
            return record.data
        # a station keeps a retired resident without the pointer and without its ID number
        # (the survivor holds it); the district keeps both, so the number still finds it
        data = {k: v for k, v in record.data.items() if k != MERGED_INTO}
        return {**data, "id_number": None}

    def prepare_page(
        self,
        session: Session,
        ops: Sequence[Op],
        records: dict[tuple[str, str], Record | None],
        batch: PushBatch,
    ) -> None:
        """Lock and look up, once for the page, everyone its new registrations name."""
        numbers = {
            normalise_id_number(number)
            for op in ops
            if op.kind == "create"
            and records.get((self.entity, op.entity_id)) is None
            and isinstance(number := op.payload.get("id_number"), str)
            and number.strip()
        }
        _people(session, records, batch).look_up(session, numbers)

    def _same_person(self, ctx: ApplyContext) -> Record | None:
        """The live resident (another id) with the arriving ID number, if there is one."""
        number = ctx.op.payload.get("id_number")
        if not isinstance(number, str) or not number.strip():
            return None
        wanted = normalise_id_number(number)
        people = _people(ctx.session, ctx.records, ctx.batch)
        people.look_up(ctx.session, {wanted})  # nothing to do when the page prepared it
        live = [
            r
            for key, r in sorted(people.holders(ctx.records, wanted).items())
            if key != ctx.op.entity_id and not r.deleted and not r.data.get(MERGED_INTO)
        ]
        if not live:
            return None
        survivor = live[0]
        ctx.records[(self.entity, survivor.entity_id)] = survivor
        return survivor


HANDLER = ResidentHandler()
