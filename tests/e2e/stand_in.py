"""A raw-SQL stand-in for the resident handler, for the protocol tests that need what real
residents cannot do (a free-form record, a delete); opt in by name, never by default.

``pytestmark = pytest.mark.usefixtures("stand_in_residents")`` registers it for a module's tests
(the fixture is in ``tests/e2e/conftest.py``). Its table is made in a station on the first write.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from stationdesk.domain.ids import new_id
from stationdesk.domain.merge import FieldEdit, edits_to_payload
from stationdesk.services.actor import Actor
from stationdesk.services.station import Station
from stationdesk.services.sync_entities import (
    FieldRecordStationHandler,
    LocalRecord,
    register,
    unregister,
)
from stationdesk.services.uow import UnitOfWork, unit_of_work

from .stations import bulk_name

RESIDENT_TABLE = """CREATE TABLE IF NOT EXISTS test_resident (
    id TEXT PRIMARY KEY, version INTEGER NOT NULL, deleted INTEGER NOT NULL, data TEXT NOT NULL)"""


def _has_table(session: Session) -> bool:
    found = session.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'test_resident'")
    ).first()
    return found is not None


class StandInResidents(FieldRecordStationHandler):
    """District-wide free-form residents kept as JSON in ``test_resident``."""

    entity = "resident"

    def load(self, session: Session, entity_id: str) -> LocalRecord | None:
        return self.load_many(session, [entity_id]).get(entity_id)

    def load_many(self, session: Session, entity_ids: Sequence[str]) -> dict[str, LocalRecord]:
        found: dict[str, LocalRecord] = {}
        if not _has_table(session):
            return found
        for i in range(0, len(entity_ids), 500):
            chunk = list(entity_ids[i : i + 500])
            marks = ", ".join(f":i{n}" for n in range(len(chunk)))
            rows = session.execute(
                text(f"SELECT id, version, deleted, data FROM test_resident WHERE id IN ({marks})"),
                {f"i{n}": v for n, v in enumerate(chunk)},
            )
            for row in rows:
                found[row[0]] = LocalRecord(int(row[1]), bool(row[2]), json.loads(row[3]))
        return found

    def store(self, session: Session, entity_id: str, record: LocalRecord, *, exists: bool) -> None:
        session.execute(text(RESIDENT_TABLE))
        session.execute(
            text(
                "INSERT INTO test_resident (id, version, deleted, data) VALUES (:i, :v, :d, :j) "
                "ON CONFLICT(id) DO UPDATE SET version = :v, deleted = :d, data = :j"
            ),
            {
                "i": entity_id,
                "v": record.version,
                "d": int(record.deleted),
                "j": json.dumps(record.data, ensure_ascii=False, sort_keys=True),
            },
        )

    def scope_rows(self, session: Session) -> Iterator[tuple[str, int, bool, Any]]:
        if not _has_table(session):
            return
        for row in session.execute(text("SELECT id, version, deleted, data FROM test_resident")):
            yield row[0], int(row[1]), bool(row[2]), json.loads(row[3])

    def set_field(self, uow: UnitOfWork, entity_id: str, field: str, value: Any) -> None:
        edit_resident_in(uow, entity_id, {field: value})


@pytest.fixture
def stand_in_residents() -> Iterator[None]:
    """The stand-in in place of the real resident handler for one test, then the real one."""
    from stationdesk.services.sync_entities import handlers

    real = handlers().get("resident")
    register(StandInResidents())
    yield
    if real is not None:
        register(real)
    else:
        unregister("resident")


def create_resident(st: Station, actor: Actor, data: dict[str, Any]) -> str:
    rid = new_id()
    with unit_of_work(st, actor) as uow:
        StandInResidents().store(uow.session, rid, LocalRecord(1, False, dict(data)), exists=False)
        uow.change("resident", rid, "create", dict(data))
    return rid


def edit_resident_in(uow: UnitOfWork, rid: str, changes: dict[str, Any]) -> None:
    handler = StandInResidents()
    local = handler.load(uow.session, rid)
    assert local is not None
    edits = {k: FieldEdit(local.data.get(k), v) for k, v in changes.items()}
    data = {**local.data, **changes}
    handler.store(uow.session, rid, LocalRecord(local.version + 1, False, data), exists=True)
    uow.change("resident", rid, "update", edits_to_payload(edits), base_version=local.version)


def edit_resident(st: Station, actor: Actor, rid: str, changes: dict[str, Any]) -> None:
    with unit_of_work(st, actor) as uow:
        edit_resident_in(uow, rid, changes)


def delete_resident(st: Station, actor: Actor, rid: str) -> None:
    handler = StandInResidents()
    with unit_of_work(st, actor) as uow:
        local = handler.load(uow.session, rid)
        assert local is not None
        handler.store(
            uow.session, rid, LocalRecord(local.version + 1, True, local.data), exists=True
        )
        uow.change("resident", rid, "delete", {}, base_version=local.version)


def resident(st: Station, rid: str) -> LocalRecord | None:
    with st.db.read_session() as s:
        return StandInResidents().load(s, rid)


def bulk_residents(st: Station, actor: Actor, count: int, prefix: str = "居民") -> list[str]:
    """Create many stand-in residents in one transaction (each with its outbox op)."""
    ids = []
    with unit_of_work(st, actor) as uow:
        handler = StandInResidents()
        for i in range(count):
            rid = new_id()
            data = {"name": prefix + bulk_name(i), "phones": [f"138{i:08d}"]}
            handler.store(uow.session, rid, LocalRecord(1, False, data), exists=False)
            uow.outbox("resident", rid, "create", data)
            ids.append(rid)
    return ids
