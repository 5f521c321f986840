"""Stations for end-to-end tests, a stand-in resident entity, and the exactly-once checks."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import keyring
import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from stationdesk.domain.ids import new_id
from stationdesk.domain.merge import FieldEdit, edits_to_payload
from stationdesk.secrets import keys
from stationdesk.secrets.plainfile import MemoryKeyring
from stationdesk.services import auth, setup, sync
from stationdesk.services.actor import Actor
from stationdesk.services.station import DB_KEY, Station, open_station
from stationdesk.services.sync_entities import (
    FieldRecordStationHandler,
    LocalRecord,
    register,
    unregister,
)
from stationdesk.services.uow import UnitOfWork, unit_of_work
from stationdesk.store.models import OutboxEntry
from tests.conftest import FakeClock

ADMIN_PW = "admin-pass-1"

# -- the stand-in resident entity ----------------------------------------------------------
# The real resident table arrives with the residents work; until then this plug-in (a table
# made by the test and a handler built on FieldRecordStationHandler) exercises the same
# protocol path the real one will: district-wide scope, field-level merge, deletes.

RESIDENT_TABLE = """CREATE TABLE IF NOT EXISTS test_resident (
    id TEXT PRIMARY KEY, version INTEGER NOT NULL, deleted INTEGER NOT NULL, data TEXT NOT NULL)"""


class StandInResidents(FieldRecordStationHandler):
    entity = "resident"

    def load(self, session: Session, entity_id: str) -> LocalRecord | None:
        row = session.execute(
            text("SELECT version, deleted, data FROM test_resident WHERE id = :i"), {"i": entity_id}
        ).first()
        if row is None:
            return None
        return LocalRecord(int(row[0]), bool(row[1]), json.loads(row[2]))

    def load_many(self, session: Session, entity_ids: Sequence[str]) -> dict[str, LocalRecord]:
        found: dict[str, LocalRecord] = {}
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
        for row in session.execute(text("SELECT id, version, deleted, data FROM test_resident")):
            yield row[0], int(row[1]), bool(row[2]), json.loads(row[3])

    def set_field(self, uow: UnitOfWork, entity_id: str, field: str, value: Any) -> None:
        edit_resident_in(uow, entity_id, {field: value})


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


@pytest.fixture
def stand_in_residents() -> Iterator[None]:
    """The raw-SQL resident handler in place of the real one: opt in by name
    (``pytestmark = pytest.mark.usefixtures("stand_in_residents")``), never by default."""
    from stationdesk.services.sync_entities import handlers

    real = handlers().get("resident")
    register(StandInResidents())
    yield
    if real is not None:
        register(real)
    else:
        unregister("resident")


# -- stations --------------------------------------------------------------------------------


@dataclass
class Template:
    root: Path
    uid: str
    key: str
    admin: Actor
    head: Actor


@pytest.fixture(scope="session")
def station_templates(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Template]:
    made: dict[str, Template] = {}

    def get(code: str) -> Template:
        if code not in made:
            made[code] = _make_template(tmp_path_factory.mktemp(f"tmpl-{code}"), code)
        return made[code]

    return get


def _make_template(folder: Path, code: str) -> Template:
    """Build a station once (argon2 is slow on purpose); tests get copies."""
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        root = folder / code / "station"
        st = setup.init_station(
            root,
            code=code,
            name=f"测试站点{code}",
            admin_username="admin",
            admin_password=ADMIN_PW,
        )
        admin = auth.login(st, "admin", ADMIN_PW)
        from stationdesk.domain.roles import Role
        from stationdesk.services import workers

        workers.add_worker(st, admin, "head", Role.HEAD, "head-pass-1", "站长")
        head = auth.login(st, "head", "head-pass-1")
        key = keys.get_secret(st.uid, DB_KEY)
        uid = st.uid
        with st.db.write_session() as s:
            s.execute(text(RESIDENT_TABLE))
        raw = st.db.raw_connection()
        st.close()
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        raw.close()
    finally:
        keyring.set_keyring(previous)
    return Template(root, uid, key, admin, head)


@dataclass
class SyncedStation:
    code: str
    station: Station
    admin: Actor
    head: Actor
    clock: FakeClock
    token: str = ""
    ops: set[str] = field(default_factory=set)

    def note_ops(self) -> None:
        """Remember every op now in the outbox (they must all reach the server exactly once)."""
        with self.station.db.read_session() as s:
            self.ops |= set(s.scalars(select(OutboxEntry.op_id)))

    def sync(self, url: str, **kw: Any) -> sync.SyncResult:
        """One real sync cycle; the ops it pushes are noted too (applying a pull may queue ops
        that go out in the same cycle, never seen in the outbox between cycles)."""
        self.note_ops()
        if "client" in kw:
            return sync.run_sync(self.station, url=url, **kw)
        client = sync.make_client(self.station, url)
        push = client.push

        def noting_push(ops: list[Any]) -> Any:
            self.ops |= {op.op_id for op in ops}
            return push(ops)

        client.push = noting_push  # type: ignore[method-assign]
        try:
            return sync.run_sync(self.station, url=url, client=client, **kw)
        finally:
            client.close()

    def pending(self) -> int:
        return sync.sync_status(self.station).pending


@pytest.fixture
def make_station(
    station_templates: Callable[[str], Template], tmp_path: Path
) -> Iterator[Callable[..., SyncedStation]]:
    opened: list[Station] = []

    def make(code: str, db: Any = None, *, folder: str | None = None) -> SyncedStation:
        t = station_templates(code)
        target = tmp_path / (folder or f"st-{code}-{len(opened)}")
        shutil.copytree(t.root, target)
        keys.put_secret(t.uid, DB_KEY, t.key)
        clock = FakeClock()
        from datetime import UTC, datetime

        clock.now = datetime.now(UTC)
        st = open_station(target, clock=clock)
        opened.append(st)
        s = SyncedStation(code, st, t.admin, t.head, clock)
        if db is not None:
            from stationdesk.district import service

            enrol = service.add_station(db, code, f"测试站点{code}")
            s.token = enrol.token
            sync.save_login(st, t.admin, "http://127.0.0.1:9", enrol.token)
        return s

    yield make
    for st in opened:
        st.close()


# -- checks ----------------------------------------------------------------------------------


def server_scope(db: Any, code: str) -> Any:
    from sqlalchemy import select as sel

    from stationdesk.district import service
    from stationdesk.district.models import DistrictStation

    with db.session() as s:
        sid = s.scalar(sel(DistrictStation.id).where(DistrictStation.code == code))
        return service.scope_hash_for(s, sid)


def assert_converged(db: Any, *stations: SyncedStation) -> None:
    """Every op applied exactly once, and each station's scope hash equals the server's."""
    from sqlalchemy import func
    from sqlalchemy import select as sel

    from stationdesk.district.models import AppliedOp, ChangeLog, DistrictStation

    for st in stations:
        st.note_ops()
        assert st.pending() == 0, f"{st.code}: outbox not empty"
        with db.session() as s:
            sid = s.scalar(sel(DistrictStation.id).where(DistrictStation.code == st.code))
            applied = set(s.scalars(sel(AppliedOp.op_id).where(AppliedOp.station_id == sid)))
            # one op may write several records (a merge: the survivor and the retired one)
            twice = s.execute(
                sel(ChangeLog.op_id, ChangeLog.entity_id, func.count())
                .where(ChangeLog.origin_station_id == sid)
                .group_by(ChangeLog.op_id, ChangeLog.entity, ChangeLog.entity_id)
                .having(func.count() > 1)
            ).all()
        missing = st.ops - applied
        extra = applied - st.ops
        assert not missing, f"{st.code}: {len(missing)} ops never applied"
        assert not extra, f"{st.code}: {len(extra)} unknown ops applied"
        assert not twice, f"{st.code}: ops applied more than once: {twice[:3]}"
        local = sync.local_scope_hash(st.station)
        remote = server_scope(db, st.code)
        assert local.counts == remote.counts, (st.code, local.counts, remote.counts)
        assert local.hashes == remote.hashes, f"{st.code}: scope hash differs"


def bulk_residents(st: Station, actor: Actor, count: int, prefix: str = "居民") -> list[str]:
    """Create many stand-in residents in one transaction (each with its outbox op)."""
    ids = []
    with unit_of_work(st, actor) as uow:
        handler = StandInResidents()
        for i in range(count):
            rid = new_id()
            data = {"name": f"{prefix}{i}", "phone": str(i)}
            handler.store(uow.session, rid, LocalRecord(1, False, data), exists=False)
            uow.outbox("resident", rid, "create", data)
            ids.append(rid)
    return ids


def bulk_worker_renames(st: Station, actor: Actor, count: int) -> None:
    """Many worker display-name edits, written the way a service writes them (for workers only)."""
    from stationdesk.store.models import Worker

    with unit_of_work(st, actor) as uow:
        w = uow.session.get(Worker, actor.worker_id)
        assert w is not None
        for i in range(count):
            base = w.version
            old = w.display_name
            w.display_name = f"管理员{i}"
            w.version += 1
            uow.change(
                "worker",
                w.id,
                "update",
                {"display_name": {"old": old, "new": w.display_name}},
                base_version=base,
            )
