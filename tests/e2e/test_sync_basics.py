"""Stations and a real district server: first sync, idle sync, two stations, merges, scope."""

from __future__ import annotations

import httpx
import pytest

from stationdesk.services import sync
from stationdesk.sync.protocol import PROTOCOL_HEADER

from .stand_in import (
    create_resident,
    delete_resident,
    edit_resident,
    resident,
)
from .stations import assert_converged

pytestmark = [pytest.mark.postgres, pytest.mark.usefixtures("stand_in_residents")]


def test_first_sync_pushes_everything_and_an_idle_sync_is_cheap(make_station, district_db, server):
    a = make_station("SA0101", district_db)
    r = a.sync(server.url)
    assert r.outcome == "ok", r.message
    assert r.pushed >= 3 and r.pending == 0  # station, admin, head (+ settings audit only)
    assert_converged(district_db, a)
    idle = a.sync(server.url)
    assert idle.outcome == "ok" and idle.pushed == 0 and idle.pulled == 0
    assert idle.round_trips <= 3
    history = sync.sync_history(a.station)
    assert [h.outcome for h in history[:2]] == ["ok", "ok"]


def test_own_states_coming_back_are_not_read_again_but_a_later_local_edit_is_kept(
    make_station, district_db, server, monkeypatch
):
    from stationdesk.services.sync import StationSyncPort
    from stationdesk.services.sync_entities import register

    from .stand_in import StandInResidents, bulk_residents

    read: list[str] = []

    class CountingResidents(StandInResidents):
        def load_many(self, session, entity_ids):
            read.extend(entity_ids)
            return super().load_many(session, entity_ids)

    register(CountingResidents())
    a = make_station("SA0101", district_db)
    ids = bulk_residents(a.station, a.admin, 120)
    edited = ids[7]
    original = StationSyncPort.apply_snapshot
    done: list[bool] = []

    def edit_then_apply(self, page):
        if not done:
            done.append(True)
            # someone edits a record at the station after the push, before the pull
            edit_resident(a.station, a.admin, edited, {"phones": ["13912345678"]})
        return original(self, page)

    monkeypatch.setattr(StationSyncPort, "apply_snapshot", edit_then_apply)
    first = a.sync(server.url, push_batch=50, pull_limit=40)
    # the edit made while the pull ran goes out in the same cycle, after the pull
    assert first.outcome == "ok" and first.pending == 0
    # each record is read once, for its push answer; the snapshot bringing the same states
    # back reads only the record with a pending edit, which is read once more for the answer
    # to its own push
    assert sorted(read) == sorted([*ids, edited, edited])
    assert resident(a.station, edited).data["phones"] == ["13912345678"]
    monkeypatch.setattr(StationSyncPort, "apply_snapshot", original)
    assert a.sync(server.url).outcome == "ok"
    assert resident(a.station, edited).data["phones"] == ["13912345678"]
    assert_converged(district_db, a)


def test_two_stations_share_residents_and_merge_different_fields(make_station, district_db, server):
    a = make_station("SA0101", district_db)
    b = make_station("SB0202", district_db)
    rid = create_resident(
        a.station, a.admin, {"name": "张三", "phones": ["13800000001"], "room": "101"}
    )
    assert a.sync(server.url).outcome == "ok"
    assert b.sync(server.url).outcome == "ok"
    assert resident(b.station, rid).data["name"] == "张三"
    edit_resident(a.station, a.admin, rid, {"phones": ["13800000002"]})
    edit_resident(b.station, b.admin, rid, {"room": "202"})
    for st in (a, b, a):
        assert st.sync(server.url).outcome == "ok"
    for st in (a, b):
        data = resident(st.station, rid).data
        assert data == {"name": "张三", "phones": ["13800000002"], "room": "202"}
    assert sync.sync_status(a.station).open_conflicts == 0
    assert sync.sync_status(b.station).open_conflicts == 0
    assert_converged(district_db, a, b)


def test_the_same_field_makes_one_conflict_and_the_same_value_everywhere(
    make_station, district_db, server
):
    a = make_station("SA0101", district_db)
    b = make_station("SB0202", district_db)
    c = make_station("SC0303", district_db)
    rid = create_resident(a.station, a.admin, {"name": "李四", "phones": ["13800000000"]})
    for st in (a, b, c):
        st.sync(server.url)
    edit_resident(a.station, a.admin, rid, {"phones": ["13811111111"]})
    edit_resident(b.station, b.admin, rid, {"phones": ["13822222222"]})
    edit_resident(c.station, c.admin, rid, {"name": "李四四"})  # identity field, no clash
    assert a.sync(server.url).conflicts == 0
    rb = b.sync(server.url)
    assert rb.conflicts == 1  # the later arrival wins and the clash is kept for review
    for st in (c, a, b):
        st.sync(server.url)
    values = {tuple(resident(s.station, rid).data["phones"]) for s in (a, b, c)}
    assert values == {("13822222222",)}
    conflicts = sync.list_conflicts(b.station, b.head)
    assert len(conflicts) == 1
    assert (conflicts[0].field, conflicts[0].local_value, conflicts[0].server_value) == (
        "phones",
        ["13822222222"],
        ["13811111111"],
    )
    assert not conflicts[0].identity
    from sqlalchemy import func, select

    from stationdesk.district.models import Conflict

    with district_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Conflict)) == 1
    assert_converged(district_db, a, b, c)


def test_an_identity_field_conflict_flags_the_record_and_a_head_resolves_it(
    make_station, district_db, server
):
    a = make_station("SA0101", district_db)
    b = make_station("SB0202", district_db)
    rid = create_resident(a.station, a.admin, {"name": "王五", "id_number": "110101198001010010"})
    a.sync(server.url)
    b.sync(server.url)
    edit_resident(a.station, a.admin, rid, {"id_number": "110101198001010029"})
    edit_resident(b.station, b.admin, rid, {"id_number": "110101198001010037"})
    a.sync(server.url)
    assert b.sync(server.url).conflicts == 1
    from stationdesk.district.models import Record

    with district_db.session() as s:
        assert s.get(Record, ("resident", rid)).flagged
    [conflict] = sync.list_conflicts(b.station, b.head)
    assert conflict.identity
    from stationdesk.services.errors import PermissionDeniedError

    with pytest.raises(PermissionDeniedError):
        sync.resolve_conflict(b.station, b.admin, conflict.id, "use_other")
    sync.resolve_conflict(b.station, b.head, conflict.id, "use_other")
    assert resident(b.station, rid).data["id_number"] == "110101198001010029"
    b.sync(server.url)
    a.sync(server.url)
    assert resident(a.station, rid).data["id_number"] == "110101198001010029"
    assert sync.list_conflicts(b.station, b.head) == []
    assert_converged(district_db, a, b)


def test_an_offline_edit_of_a_deleted_record_is_a_conflict_not_a_resurrection(
    make_station, district_db, server
):
    a = make_station("SA0101", district_db)
    b = make_station("SB0202", district_db)
    rid = create_resident(a.station, a.admin, {"name": "赵六"})
    a.sync(server.url)
    b.sync(server.url)
    delete_resident(b.station, b.admin, rid)
    b.sync(server.url)
    edit_resident(a.station, a.admin, rid, {"name": "赵六六"})  # offline, before seeing the delete
    result = a.sync(server.url)
    assert result.conflicts == 1
    assert resident(a.station, rid).deleted
    [conflict] = sync.list_conflicts(a.station, a.head)
    assert conflict.kind == "deleted"
    assert_converged(district_db, a, b)


def test_station_a_cannot_read_or_write_station_b(make_station, district_db, server):
    a = make_station("SA0101", district_db)
    b = make_station("SB0202", district_db)
    b.sync(server.url)
    headers = {"Authorization": f"Bearer {a.token}", PROTOCOL_HEADER: "1"}
    base = f"{server.url}/sync/v1/stations"
    with httpx.Client() as http:
        for method, path in (
            ("GET", "/SB0202/pull"),
            ("GET", "/SB0202/snapshot"),
            ("GET", "/SB0202/scope-hash"),
            ("POST", "/SB0202/push"),
            ("POST", "/SB0202/hello"),
        ):
            r = http.request(method, base + path, headers=headers, json={"ops": []})
            assert r.status_code == 403, (path, r.status_code)
        b_worker = b.head.worker_id
        r = http.get(f"{base}/SA0101/records/worker/{b_worker}", headers=headers)
        assert r.status_code == 403
        op = {
            "seq": 1,
            "op_id": "f" * 8 + "-0000-7000-8000-" + "0" * 12,
            "entity": "worker",
            "entity_id": b_worker,
            "kind": "update",
            "payload": {"active": {"old": True, "new": False}},
            "base_version": 1,
            "station_time": "2026-03-02T00:00:00Z",
        }
        r = http.post(f"{base}/SA0101/push", headers=headers, json={"ops": [op]})
        assert r.status_code == 200
        [res] = r.json()["results"]
        assert res["status"] == "rejected" and res["http_status"] == 403
        assert res["state"] is None  # nothing of B's record is shown to A
        r = http.get(f"{base}/SA0101/pull", headers={PROTOCOL_HEADER: "1"})
        assert r.status_code == 401
    from stationdesk.district.models import Record

    with district_db.session() as s:
        assert s.get(Record, ("worker", b_worker)).data["active"] is True
