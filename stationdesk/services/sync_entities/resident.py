"""The ``resident`` entity at the station: pulled residents stored with their search terms."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session

from stationdesk.domain.ids import new_id
from stationdesk.domain.residents import search_terms
from stationdesk.store import residents_repo as repo
from stationdesk.store.models import Setting
from stationdesk.store.models_residents import Building, Household, Resident, SearchTerm

from .. import residents as svc
from ..residents.synced import DATE_COLUMNS, LIST_COLUMNS
from ..uow import UnitOfWork
from . import SNAPSHOT_PAGE, FieldRecordStationHandler, LocalRecord

CHUNK = 500
INDEX_CHUNK = 25_000
"""Residents whose search terms one ``catch_up`` step stores (one write transaction)."""
INDEX_FROM_KEY = "sync.resident_index_from"
"""The setting that holds where indexing after a snapshot goes on (absent: nothing waits)."""
BUILDINGS = cast(Table, Building.__table__)
HOUSEHOLDS = cast(Table, Household.__table__)

_INSERT_RESIDENT = repo.insert_residents_sql(repo.RESIDENT_COLUMNS)
_resident_values = itemgetter(*repo.RESIDENT_COLUMNS)
"""A resident row's values (a dict by column) in the order of ``_INSERT_RESIDENT``."""


def _json_list(values: list[Any]) -> str:
    """A list as the JSON columns hold it (as SQLAlchemy's JSON type writes it)."""
    return json.dumps(values) if values else "[]"


def _stamp(moment: datetime) -> str:
    """A time as the station's UTC datetime columns hold it in SQLite."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _raw_synced(columns: Mapping[str, Any]) -> dict[str, Any]:
    """Synced column values (from ``synced_columns``) as they are written to SQLite raw."""
    raw = dict(columns)
    for name in LIST_COLUMNS.intersection(raw):
        raw[name] = _json_list(raw[name])
    for name in DATE_COLUMNS.intersection(raw):
        raw[name] = raw[name].isoformat() if raw[name] else None
    return raw


_UNINDEXED = (
    "r.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM search_term t WHERE t.resident_seq = r.seq)"
)
"""Where a resident (``r``) has no search terms yet."""


@dataclass(frozen=True)
class _IndexStep:
    """Search terms made, without the write lock, for the bare residents ``start``..``last``."""

    start: int
    last: int
    following: int | None  # where the next step starts; None: these were the last
    terms: list[tuple[str, int]]


def _insert_terms(session: Session, terms: list[tuple[str, int]]) -> None:
    """Insert (term, resident seq) rows, in the order given."""
    if terms:
        session.connection().exec_driver_sql(repo.INSERT_SEARCH_TERMS, terms)


class _Places:
    """Buildings by name and households by address for one batch, adding missing ones."""

    def __init__(self, session: Session, now: datetime) -> None:
        self.session = session
        self.now = now
        self.buildings: dict[str, tuple[str, str | None]] = {
            name: (bid, grid)
            for bid, name, grid in session.execute(
                select(Building.id, Building.name, Building.grid_id)
            )
        }
        self.households: dict[tuple[str, str | None, str], str] = {}

    def building(self, name: str) -> tuple[str, str | None]:
        """(id, grid id) of the building with this name, added to the list when missing."""
        found = self.buildings.get(name)
        if found is None:
            found = (new_id(), None)
            row = {"id": found[0], "name": name, "grid_id": None}
            self.session.execute(insert(BUILDINGS), [{**row, "version": 1}])
            # the list is synced in the station's scope: the new building goes up with the pull
            UnitOfWork(self.session, None, self.now).outbox(
                "building", found[0], "create", {"name": name, "grid_id": None}
            )
            self.buildings[name] = found
        return found

    def resolve_households(self, addresses: set[tuple[str, str | None, str]]) -> None:
        """Find the first household at each address (by creation), adding the missing ones."""
        wanted = {a for a in addresses if a not in self.households}
        if not wanted:
            return
        buildings = sorted({b for b, _unit, _room in wanted})
        seen: dict[tuple[str, str | None, str], tuple[datetime, str]] = {}
        for i in range(0, len(buildings), CHUNK):
            rows = self.session.execute(
                select(
                    Household.id,
                    Household.building_id,
                    Household.unit,
                    Household.room,
                    Household.created_at,
                ).where(Household.building_id.in_(buildings[i : i + CHUNK]))
            )
            for hid, building_id, unit, room, created in rows:
                key = (building_id, unit, room)
                if key in wanted and (key not in seen or created < seen[key][0]):
                    seen[key] = (created, hid)
        new: list[dict[str, Any]] = []
        for key in wanted:
            if key in seen:
                self.households[key] = seen[key][1]
            else:
                hid = new_id()
                self.households[key] = hid
                building_id, unit, room = key
                new.append(
                    {
                        "id": hid,
                        "building_id": building_id,
                        "unit": unit,
                        "room": room,
                        "created_at": self.now,
                    }
                )
        if new:
            self.session.execute(insert(HOUSEHOLDS), new)


# -- one person, one resident: local duplicates merged in the pull's transaction -------------

MERGED_INTO = "merged_into"
"""The field of a retired resident's state naming the resident it was merged into."""

REFERENCES = ("visit", "resident_change", "certificate", "refusal_notice", "case_file")
"""The tables whose ``resident_id`` points at a resident."""


def _retired(record: LocalRecord) -> LocalRecord:
    """A resident's state once merged away: deleted, its ID number given up."""
    return LocalRecord(record.version, True, {**record.data, "id_number": None})


def _make_room(
    session: Session, items: Sequence[tuple[str, LocalRecord, bool]]
) -> tuple[list[tuple[str, LocalRecord, bool]], dict[str, str]]:
    """The writes with every ID number held once, and the merges (retired id -> survivor id).

    A pulled state carrying an ID number another local resident holds wins: a live holder is
    merged into it (retired, its references moved), a deleted one gives the number up. A pulled
    ``merged_into`` state retires its record the same way; a survivor not held here yet is
    added from the retired record's values (version 0, so the survivor's own state replaces it).
    """
    writes: dict[str, tuple[LocalRecord, bool]] = {}
    moves: dict[str, str] = {}
    for entity_id, record, exists in items:
        into = record.data.get(MERGED_INTO)
        if record.deleted and isinstance(into, str) and into and into != entity_id:
            moves[entity_id] = into
            record = _retired(record)
        writes[entity_id] = (record, exists)
    holders: dict[str, str] = {}  # ID number -> the written id that ends up with it
    for entity_id, (record, _exists) in writes.items():
        number = record.data.get("id_number")
        if record.deleted or not number:
            continue
        earlier = holders.get(number)
        if earlier is not None:  # two live states of one person in one page: the later wins
            moves[earlier] = entity_id
            writes[earlier] = (_retired(writes[earlier][0]), writes[earlier][1])
        holders[number] = entity_id
    numbers = sorted(holders)
    buildings: dict[str, str] | None = None
    for i in range(0, len(numbers), CHUNK):
        rows = session.scalars(
            select(Resident).where(Resident.id_number.in_(numbers[i : i + CHUNK]))
        ).all()
        for r in rows:
            winner = holders[str(r.id_number)]
            if r.id == winner:
                continue
            if r.id in writes:
                if writes[r.id][0].data.get("id_number") == r.id_number:
                    moves[r.id] = winner
                    writes[r.id] = (_retired(writes[r.id][0]), True)
                continue  # a write in this page moves its number elsewhere
            buildings = repo.building_names(session) if buildings is None else buildings
            held = LocalRecord(r.version, r.deleted_at is not None, svc.sync_payload(r, buildings))
            if r.deleted_at is None:
                moves[r.id] = winner
            writes[r.id] = (_retired(held), True)
    missing = sorted({into for into in moves.values() if into not in writes})
    present = set()
    for i in range(0, len(missing), CHUNK):
        present |= set(
            session.scalars(select(Resident.id).where(Resident.id.in_(missing[i : i + CHUNK])))
        )
    for retired_id, into in moves.items():
        if into in writes or into in present:
            continue
        record, exists = writes[retired_id]
        if not exists:
            continue  # nothing held here under the retired id: the survivor arrives by itself
        local = ResidentHandler().load(session, retired_id)
        if local is not None and not local.deleted:
            writes[into] = (LocalRecord(0, False, local.data), False)
    return [(i, r, e) for i, (r, e) in writes.items()], moves


def _repoint(session: Session, moves: Mapping[str, str]) -> None:
    """Point what referenced each retired resident at its survivor (following chains)."""
    conn = session.connection()
    for retired_id in moves:
        into, seen = moves[retired_id], {retired_id}
        while into in moves and into not in seen:
            seen.add(into)
            into = moves[into]
        for table in REFERENCES:
            conn.exec_driver_sql(
                f"UPDATE {table} SET resident_id = ? WHERE resident_id = ?",
                (into, retired_id),
            )


class ResidentHandler(FieldRecordStationHandler):
    """District-wide residents. A building named by another station is added to the list."""

    entity = "resident"

    def load(self, session: Session, entity_id: str) -> LocalRecord | None:
        return self.load_many(session, [entity_id]).get(entity_id)

    def load_many(self, session: Session, entity_ids: Sequence[str]) -> dict[str, LocalRecord]:
        found: dict[str, LocalRecord] = {}
        buildings: dict[str, str] | None = None
        for i in range(0, len(entity_ids), CHUNK):
            rows = session.scalars(
                select(Resident).where(Resident.id.in_(entity_ids[i : i + CHUNK]))
            ).all()
            if rows and buildings is None:
                buildings = repo.building_names(session)
            for r in rows:
                found[r.id] = LocalRecord(
                    r.version, r.deleted_at is not None, svc.sync_payload(r, buildings or {})
                )
        return found

    def store(self, session: Session, entity_id: str, record: LocalRecord, *, exists: bool) -> None:
        self.store_many(session, [(entity_id, record, exists)])

    def store_many(self, session: Session, items: Sequence[tuple[str, LocalRecord, bool]]) -> None:
        """Write many residents: new ones in one insert, search terms in one sorted insert.

        During a snapshot, new residents are inserted without their household and search terms;
        :meth:`finish_snapshot` adds those for all of them at once. (Indexing each page as it
        came was measured on 2026-12-06 at 86 s against 45 s for a 200,000-resident restore: the
        term index then grows by inserts spread over all of it.)
        """
        items, moves = _make_room(session, items)
        if not items:
            return
        defer = bool(session.info.get(SNAPSHOT_PAGE))
        now = datetime.now(UTC)
        places = _Places(session, now)
        known: dict[str, Resident] = {}
        ids = [entity_id for entity_id, _record, exists in items if exists]
        for i in range(0, len(ids), CHUNK):
            for row in session.scalars(select(Resident).where(Resident.id.in_(ids[i : i + CHUNK]))):
                known[row.id] = row
        prepared: list[tuple[str, LocalRecord, dict[str, Any], str | None]] = []
        addresses: set[tuple[str, str | None, str]] = set()
        for entity_id, record, _exists in items:
            columns = svc.synced_columns(record.data)
            building_name = record.data.get("building") or None
            if building_name:
                bid, _grid = places.building(building_name)
                if columns["room"] and not (defer and entity_id not in known):
                    addresses.add((bid, columns["unit"], columns["room"]))
            prepared.append((entity_id, record, columns, building_name))
        places.resolve_households(addresses)
        new_rows: list[tuple[Any, ...]] = []
        stamp = _stamp(now)
        replaced: list[int] = []
        terms: list[tuple[str, int]] = []
        next_seq = repo.next_resident_seq(session)
        for entity_id, record, columns, building_name in prepared:
            building = places.building(building_name) if building_name else None
            building_id = building[0] if building else None
            r = known.get(entity_id)
            household_id = (
                places.households[(building[0], columns["unit"], columns["room"])]
                if building and columns["room"] and not (defer and r is None)
                else None
            )
            if r is None:
                seq = next_seq
                next_seq += 1
                values = _raw_synced(columns)
                values.update(
                    seq=seq,
                    id=entity_id,
                    building_id=building_id,
                    household_id=household_id,
                    grid_id=building[1] if building else None,
                    created_at=stamp,
                    updated_at=stamp,
                    version=record.version,
                    deleted_at=stamp if record.deleted else None,
                )
                new_rows.append(_resident_values(values))
            else:
                seq = r.seq
                for name, value in columns.items():
                    setattr(r, name, value)
                r.building_id = building_id
                r.household_id = household_id
                if building is not None and r.grid_id is None:
                    r.grid_id = building[1]
                r.version = record.version
                r.updated_at = now
                r.deleted_at = (r.deleted_at or now) if record.deleted else None
                replaced.append(seq)
            if not record.deleted and not (defer and r is None):
                found = search_terms(
                    name=columns["name"],
                    id_number=columns["id_number"],
                    phones=columns["phones"],
                    building=building_name if building else None,
                    unit=columns["unit"],
                    room=columns["room"],
                    name_pinyin=columns.get("name_pinyin"),
                )
                terms.extend((term, seq) for term in found)
        session.flush()  # updates first: a number released by one resident may be taken by another
        if new_rows:
            session.connection().exec_driver_sql(_INSERT_RESIDENT, new_rows)
        for i in range(0, len(replaced), CHUNK):
            session.execute(
                delete(SearchTerm).where(SearchTerm.resident_seq.in_(replaced[i : i + CHUNK]))
            )
        terms.sort()
        _insert_terms(session, terms)
        _repoint(session, moves)

    def finish_snapshot(self, session: Session) -> None:
        """Link the bare residents to their households; their search terms come in ``catch_up``.

        Indexing them here too held the write lock for about 30 s at 200,000 residents, longer
        than a login waits for it (``store.engine.BUSY_TIMEOUT_MS``). Linking in the steps as
        well made a restore about 10 s slower (each step looks up the households again).
        """
        self._link_households(session)
        # every resident without search terms now waits for ``catch_up``, from the first on
        session.merge(Setting(key=INDEX_FROM_KEY, value={"seq": 0}))

    def prepare_catch_up(self, session: Session) -> _IndexStep | None:
        """Read the next ``INDEX_CHUNK`` residents a snapshot stored bare and make their terms."""
        marker = session.get(Setting, INDEX_FROM_KEY)
        if marker is None:
            return None
        start = int(marker.value["seq"])
        conn = session.connection()
        unindexed = conn.exec_driver_sql(
            "SELECT r.seq, r.name, r.id_number, r.phones, b.name, r.unit, r.room, r.name_pinyin "
            "FROM resident r LEFT JOIN building b ON b.id = r.building_id "
            f"WHERE r.seq >= ? AND {_UNINDEXED} ORDER BY r.seq LIMIT ?",
            (start, INDEX_CHUNK),
        ).all()
        terms: list[tuple[str, int]] = []
        for seq, name, id_number, phones, building, unit, room, reading in unindexed:
            found = search_terms(
                name=name,
                id_number=id_number,
                phones=list(json.loads(phones or "[]")),
                building=building,
                unit=unit,
                room=room,
                name_pinyin=reading,
            )
            terms.extend((term, seq) for term in found)
        last = int(unindexed[-1][0]) if unindexed else start
        following = last + 1 if len(unindexed) == INDEX_CHUNK else None
        return _IndexStep(start, last, following, terms)

    def catch_up(self, session: Session, prepared: Any) -> bool:
        """Store the terms of one prepared step; True while more residents wait."""
        step = cast(_IndexStep, prepared)
        marker = session.get(Setting, INDEX_FROM_KEY)
        if marker is None:
            return False
        if int(marker.value["seq"]) != step.start:
            return True  # another snapshot marked the residents again: prepare anew
        conn = session.connection()
        # a resident edited (and so indexed) or deleted since the terms were made keeps its own
        still = {
            seq
            for (seq,) in conn.exec_driver_sql(
                f"SELECT r.seq FROM resident r WHERE r.seq BETWEEN ? AND ? AND {_UNINDEXED}",
                (step.start, step.last),
            )
        }
        # in resident order: the resident index grows at its end (the term order is not
        # worth sorting for: with the page cache the port sets, its inserts stay in memory)
        _insert_terms(session, [t for t in step.terms if t[1] in still])
        if step.following is None:
            session.delete(marker)
            return False
        marker.value = {"seq": step.following}
        return True

    @staticmethod
    def _link_households(session: Session) -> None:
        """Link the residents snapshot pages stored bare to their households."""
        conn = session.connection()
        bare = conn.exec_driver_sql(
            "SELECT seq, building_id, unit, room FROM resident WHERE household_id IS NULL "
            "AND building_id IS NOT NULL AND room IS NOT NULL"
        ).all()
        if not bare:
            return
        places = _Places(session, datetime.now(UTC))
        places.resolve_households({(b, unit, room) for _seq, b, unit, room in bare})
        conn.exec_driver_sql(
            "UPDATE resident SET household_id = ? WHERE seq = ?",
            [(places.households[(b, unit, room)], seq) for seq, b, unit, room in bare],
        )

    def scope_rows(self, session: Session) -> Iterable[tuple[str, int, bool, Any]]:
        buildings = repo.building_names(session)
        for r in session.scalars(select(Resident).order_by(Resident.seq)):
            yield r.id, r.version, r.deleted_at is not None, svc.sync_payload(r, buildings)

    def set_field(self, uow: UnitOfWork, entity_id: str, field: str, value: Any) -> None:
        if field not in svc.EDITABLE_FIELDS:
            from ..errors import InputError

            raise InputError(
                f"{field} is set by the ID document and cannot be chosen here",
                "该字段由证件决定，不能在此修改。",
            )
        assert uow.actor is not None
        svc.edit_resident_in(uow, uow.actor, entity_id, {field: value})


HANDLER = ResidentHandler()
