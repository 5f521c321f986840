"""Stations for end-to-end tests, real residents made through the resident service, and the
exactly-once checks."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import keyring
import pytest
from sqlalchemy import select

from stationdesk.secrets import keys
from stationdesk.secrets.plainfile import MemoryKeyring
from stationdesk.services import auth, residents, setup, sync
from stationdesk.services.actor import Actor
from stationdesk.services.station import DB_KEY, Station, open_station
from stationdesk.services.sync_entities import LocalRecord
from stationdesk.services.sync_entities.resident import ResidentHandler
from stationdesk.services.uow import unit_of_work
from stationdesk.store.models import OutboxEntry
from tests.conftest import FakeClock
from tests.helpers.ids import serial_idn

ADMIN_PW = "admin-pass-1"

# -- real residents ---------------------------------------------------------------------------

_people = itertools.count(1)


def new_id_number() -> str:
    """A valid ID number no other resident made in this process has."""
    return serial_idn(next(_people))


def person(name: str, id_number: str | None = None, **fields: Any) -> residents.ResidentInput:
    """A registration for the resident service (a fresh valid ID number unless one is given)."""
    return residents.ResidentInput(name=name, id_number=id_number or new_id_number(), **fields)


def create_resident(
    st: Station, actor: Actor, name: str, id_number: str | None = None, **fields: Any
) -> str:
    """Register a real resident through the resident service; returns its id."""
    return residents.register_resident(st, actor, person(name, id_number, **fields)).row.id


def edit_resident(st: Station, actor: Actor, rid: str, changes: dict[str, Any]) -> None:
    """Edit a real resident through the resident service (one op with the changed fields)."""
    residents.edit_resident(st, actor, rid, changes)


def resident(st: Station, rid: str) -> LocalRecord | None:
    """A resident's state as the station syncs it (version, deleted, synced fields)."""
    with st.db.read_session() as s:
        return ResidentHandler().load(s, rid)


def bulk_residents(st: Station, actor: Actor, count: int, prefix: str = "居民") -> list[str]:
    """Register many real residents in one transaction (each with its outbox op)."""
    ids = []
    with unit_of_work(st, actor) as uow:
        for i in range(count):
            phone = f"138{i % 10**8:08d}"
            data = person(f"{prefix}{bulk_name(i)}", phones=(phone,))
            ids.append(residents.register_resident_in(uow, actor, data).id)
    return ids


_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"


def bulk_name(i: int) -> str:
    """A given name of one or two characters for the i-th bulk resident (names have no digits)."""
    first = _GIVEN[i % len(_GIVEN)]
    rest = i // len(_GIVEN)
    return first if rest == 0 else first + _GIVEN[rest % len(_GIVEN)]


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
        assert local.hashes == remote.hashes, (
            f"{st.code}: scope hash differs: {scope_differences(db, st.station, st.code)}"
        )


def scope_lines(db: Any, station: Station, code: str) -> tuple[dict[str, str], dict[str, str]]:
    """The scope-hash line of each record, by ``entity:id``: (the station's, the server's)."""
    from sqlalchemy import select as sel

    from stationdesk.district.models import DistrictStation, Record
    from stationdesk.district.registry import handlers as district_handlers
    from stationdesk.district.service.pull import in_scope
    from stationdesk.services import sync_entities
    from stationdesk.sync.protocol import record_digest_line

    local: dict[str, str] = {}
    with station.db.read_session() as s:
        for entity, handler in sync_entities.handlers().items():
            for entity_id, version, deleted, data in handler.scope_rows(s):
                line = record_digest_line(entity_id, version, deleted, data)
                local[f"{entity}:{entity_id}"] = line
    remote: dict[str, str] = {}
    known = district_handlers()
    with db.session() as s:
        sid = s.scalar(sel(DistrictStation.id).where(DistrictStation.code == code))
        for r in s.scalars(sel(Record).where(in_scope(Record.scope_station_id, sid))):
            handler = known.get(r.entity)
            data = handler.canonical(r) if handler is not None else r.data
            line = record_digest_line(r.entity_id, r.version, r.deleted, data)
            remote[f"{r.entity}:{r.entity_id}"] = line
    return local, remote


def scope_differences(db: Any, station: Station, code: str, limit: int = 3) -> list[str]:
    """The first records whose scope-hash lines differ (station's line, then the server's)."""
    local, remote = scope_lines(db, station, code)
    keys_ = sorted(k for k in local.keys() | remote.keys() if local.get(k) != remote.get(k))
    return [f"{k}: station {local.get(k)} != district {remote.get(k)}" for k in keys_[:limit]]


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


def dead_pc_rebuilt(a: SyncedStation, server_url: str, tmp_path: Path) -> Any:
    """A's PC dies (its data folder is gone); a new one is rebuilt from the district."""
    from stationdesk.services import rebuild

    root = a.station.paths.root
    a.station.close()
    shutil.rmtree(root)
    return rebuild.rebuild_from_district(
        tmp_path / "new-pc",
        url=server_url,
        token=a.token,
        station_code=a.code,
        admin_username="admin",
        admin_password="rebuilt-admin-1",
    )
