"""Emergency mode (平急转换) against a real server process on PostgreSQL: an event run offline
reaches the district's event board, check-offs arrive in order exactly once across a cut
connection, a rebuilt station gets its events back exactly, and a malformed emergency op is
refused with 422 over a connection that stays usable."""

from __future__ import annotations

import http.client
import json
from typing import Any

import pytest
from sqlalchemy import select, text

from stationdesk.district import departments, service
from stationdesk.district.models import Record
from stationdesk.domain.emergency import entry_uid
from stationdesk.services import emergency, residents, sync
from stationdesk.sync.protocol import API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION
from tests.helpers.cases import DEPT
from tests.helpers.cli import Cli

from .stations import SyncedStation, assert_converged, create_resident, dead_pc_rebuilt
from .test_faults import on_push
from .test_rebuild import assert_resync_changes_nothing, dump

pytestmark = pytest.mark.postgres

PHONE = "13912345678"
TABLES = ("emergency_responder", "emergency_event", "emergency_entry", "emergency_check")


def _desk(a: SyncedStation) -> dict[str, str]:
    """Two grids, three buildings, six vulnerable residents and one who is not; responders."""
    st, head = a.station, a.head
    residents.add_grid(st, head, "G01", "东区网格")
    residents.add_grid(st, head, "G02", "西区网格")
    for name, grid in (("1栋", "G01"), ("2栋", "G01"), ("9栋", "G02")):
        residents.add_building(st, head, name, grid)
    people = {
        "alone": ("张独居", "1栋", ("独居老人",)),
        "old": ("李高龄", "1栋", ("高龄老人",)),
        "poor": ("王低保", "2栋", ("低保",)),
        "mother": ("赵孕妇", "2栋", ("孕产妇",)),
        "far": ("周特困", "9栋", ("特困",)),
        "child": ("吴留守", "9栋", ("留守儿童",)),
        "member": ("孙党员", "2栋", ("党员",)),
    }
    ids = {
        key: create_resident(st, head, name, building=b, room="101", tags=tags, phones=(PHONE,))
        for key, (name, b, tags) in people.items()
    }
    emergency.add_responder(st, head, worker="head", grid="G01")
    emergency.add_responder(st, head, name="赵志愿")
    return ids


def _run_event(a: SyncedStation, ids: dict[str, str]) -> None:
    """Start a typhoon event, amend it, assign it and check off residents (all offline)."""
    st, head = a.station, a.head
    emergency.start_event(st, head, "typhoon", "台风“海葵”", level="II")
    emergency.add_to_event(st, head, ids["member"])
    emergency.assign(st, head)
    for key, status, note in (
        ("alone", "unreachable", None),
        ("alone", "safe", "已电话联系"),
        ("old", "need-help", "需要送饮用水，需吸氧"),
        ("poor", "relocated", None),
        ("far", "unreachable", "电话无人接听"),
    ):
        a.clock.advance(minutes=3)
        emergency.check(st, head, ids[key], status, note=note)


def _records(db: Any, entity: str) -> dict[str, dict[str, Any]]:
    """Records of an entity as the district holds them, opened."""
    with db.session() as s:
        return {
            r.entity_id: dict(r.data)
            for r in s.scalars(select(Record).where(Record.entity == entity))
        }


def _station_checks(a: SyncedStation) -> dict[str, list[tuple[str, str | None]]]:
    """Each entry's check-offs at the station, in order: (status, note)."""
    out: dict[str, list[tuple[str, str | None]]] = {}
    with a.station.db.read_session() as s:
        rows = s.execute(
            text(
                "SELECT e.event_id, e.resident_id, c.status, c.note FROM emergency_check c "
                "JOIN emergency_entry e ON e.id = c.entry_id ORDER BY c.id"
            )
        )
        for event_id, rid, status, note in rows:
            out.setdefault(entry_uid(event_id, rid), []).append((status, note))
    return out


def test_an_event_run_offline_reaches_the_district_board(
    make_station, district_db, server, tmp_path
):
    a = make_station("SA0101", district_db)
    ids = _desk(a)
    _run_event(a, ids)
    assert a.sync(server.url).outcome == "ok"
    assert_converged(district_db, a)

    # the district holds each entry by resident id: no name, phone or ID number, notes sealed
    with district_db.session() as s:
        stored = [
            d for (d,) in s.execute(text("SELECT data FROM record WHERE entity LIKE 'emergency_%'"))
        ]
        logged = [
            d
            for (d,) in s.execute(
                text("SELECT data FROM change_log WHERE entity LIKE 'emergency_%'")
            )
        ]
    assert len(stored) == 2 + 1 + 7  # responders, the event, the entries
    raw = json.dumps(stored + logged, ensure_ascii=False)
    for secret in (PHONE, "张独居", "吸氧", "无人接听", "赵志愿"):
        assert secret not in raw, secret
    entries = _records(district_db, "emergency_entry")
    assert {d["resident_id"] for d in entries.values()} == set(ids.values())
    assert {
        k: [(c["status"], c["note"]) for c in d.get("checks", [])]
        for k, d in entries.items()
        if d.get("checks")
    } == _station_checks(a)

    # the board: the same coverage as the station's own status, over HTTP with a dept token
    token = departments.add_department(district_db, DEPT, "街道民政科").token
    cli = Cli(tmp_path)
    shown = cli("district", "emergency-board", "--server", server.url, "--json", stdin=token + "\n")
    assert shown.returncode == 0, shown.stderr
    board = json.loads(shown.stdout)
    [event] = board["events"]
    status = emergency.status(a.station, a.head)
    assert (event["station_code"], event["name"], event["level"]) == ("SA0101", "台风“海葵”", 2)
    assert (
        (event["total"], event["reached"], event["need_help"], event["unreachable"])
        == (
            status.total,
            status.reached,
            status.need_help,
            status.unreachable,
        )
        == (7, 3, 1, 1)
    )
    assert {g["grid"]: (g["reached"], g["total"], g["need_help"]) for g in event["by_grid"]} == {
        code: (t.reached, t.total, t.need_help) for code, t in status.by_grid.items()
    }
    progress = {r["name"]: (r["reached"], r["assigned"]) for r in event["responders"]}
    assert sum(n for _, n in progress.values()) == 7 and set(progress) <= {"站长", "赵志愿"}
    assert PHONE not in shown.stdout and "张独居" not in shown.stdout
    human = cli("district", "emergency-board", "--server", server.url, stdin=token + "\n")
    assert human.returncode == 0 and "已联系 3/7" in human.stdout, human.stdout
    refused = cli("district", "emergency-board", "--server", server.url, stdin=a.token + "\n")
    assert refused.returncode == 3, refused.stderr  # a station's token is no department's

    # once stopped, the event leaves the board unless closed events are asked for
    emergency.stop_event(a.station, a.head, "无人员伤亡，3人转移安置")
    assert a.sync(server.url).outcome == "ok"
    assert_converged(district_db, a)
    assert (
        json.loads(
            cli("district", "emergency-board", "--server", server.url, "--json", stdin=token).stdout
        )["events"]
        == []
    )
    closed = json.loads(
        cli(
            "district", "emergency-board", "--server", server.url, "--json", "--all", stdin=token
        ).stdout
    )
    assert closed["events"][0]["closed_at"]


@pytest.mark.parametrize("fault", ["drop_response", "cut_response", "duplicate"])
def test_check_offs_arrive_in_order_exactly_once_across_a_cut_connection(
    fault, make_station, district_db, proxy
):
    a = make_station("SA0101", district_db)
    ids = _desk(a)
    emergency.start_event(a.station, a.head, "rainstorm", "暴雨红色预警")
    assert a.sync(proxy.url).outcome == "ok"
    # offline: many check-offs, several on the same residents, statuses changing each time
    cycle = ("unreachable", "need-help", "safe", "relocated", "unreachable", "safe")
    for n in range(36):
        key = list(ids)[n % len(ids)] if n % 3 else "alone"
        if key == "member":
            continue
        a.clock.advance(seconds=41)
        emergency.check(a.station, a.head, ids[key], cycle[n % len(cycle)], note=f"第{n}次")
    proxy.decide = on_push(fault, times=2)
    first = a.sync(proxy.url, push_batch=4)
    assert first.outcome == ("ok" if fault == "duplicate" else "offline"), first
    for _ in range(4):
        if a.sync(proxy.url, push_batch=4).outcome == "ok" and a.pending() == 0:
            break
    assert_converged(district_db, a)
    held = {
        k: [(c["status"], c["note"]) for c in d.get("checks", [])]
        for k, d in _records(district_db, "emergency_entry").items()
        if d.get("checks")
    }
    assert held == _station_checks(a)  # every check-off once, in the order made
    assert sum(len(v) for v in held.values()) == len(
        [n for n in range(36) if list(ids)[n % len(ids)] != "member" or not n % 3]
    )


def test_a_rebuilt_station_gets_its_events_and_check_offs_back_exactly(
    make_station, district_db, server, tmp_path
):
    a = make_station("SA0101", district_db)
    sync.save_login(a.station, a.admin, server.url, a.token)
    ids = _desk(a)
    emergency.start_event(a.station, a.head, "cold-wave", "寒潮")
    emergency.check(a.station, a.head, ids["alone"], "safe")
    emergency.stop_event(a.station, a.head, "寒潮结束")
    a.clock.advance(hours=1)
    _run_event(a, ids)
    assert a.sync(server.url).outcome == "ok"
    assert_converged(district_db, a)
    before = {t: dump(a, t) for t in TABLES}
    assert len(before["emergency_event"]) == 2 and len(before["emergency_check"]) == 6
    hashes = sync.local_scope_hash(a.station)
    result = dead_pc_rebuilt(a, server.url, tmp_path)
    assert not any(e.startswith("emergency_") for e in result.not_restored), result.not_restored
    b = SyncedStation(a.code, result.station, a.admin, a.head, a.clock, a.token, a.ops)
    assert {t: dump(b, t) for t in TABLES} == before  # ids, times, notes, responders, cases
    after = sync.local_scope_hash(b.station)
    for entity in ("emergency_event", "emergency_entry", "emergency_responder"):
        assert after.hashes[entity] == hashes.hashes[entity], entity
    # another sync duplicates nothing, and the rebuilt station goes on with the open event
    assert_resync_changes_nothing(district_db, server.url, b)
    assert {t: dump(b, t) for t in TABLES} == before
    status = emergency.status(b.station, b.head)
    assert (status.total, status.reached, status.need_help) == (7, 3, 1)
    result.station.close()


def _op(
    seq: int, entity: str, entity_id: str, kind: str, payload: dict[str, Any]
) -> dict[str, Any]:
    return {
        "seq": seq,
        "op_id": f"00000000-0000-7000-8000-{seq:012d}",
        "entity": entity,
        "entity_id": entity_id,
        "kind": kind,
        "payload": payload,
        "station_time": "2026-03-02T00:00:00Z",
    }


def test_a_malformed_emergency_op_gets_422_naming_it_and_the_connection_stays_open(
    district_db, server
):
    token = service.add_station(district_db, "SB0202", "测试站").token
    base = f"{API_PREFIX}/stations/SB0202"
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    headers = {
        "Authorization": f"Bearer {token}",
        PROTOCOL_HEADER: str(PROTOCOL_VERSION),
        "Content-Type": "application/json",
    }

    def push(op: dict[str, Any]) -> dict[str, Any]:
        conn.request("POST", f"{base}/push", body=json.dumps({"ops": [op]}), headers=headers)
        response = conn.getresponse()
        body = json.loads(response.read())
        assert response.status == 200, body
        assert response.getheader("connection", "").lower() != "close"
        [result] = body["results"]
        return dict(result)

    event, resident = "0193a000-0000-7000-8000-0000000000e1", "0193a000-0000-7000-8000-0000000000a1"
    start = {
        "kind": "typhoon",
        "name": "台风",
        "level": 2,
        "grids": None,
        "started_at": "2026-03-02T00:00:00+00:00",
        "started_by": "0193a000-0000-7000-8000-0000000000w1",
    }
    entry = {"event_id": event, "resident_id": resident, "added": False, "status": "not-contacted"}
    uid = entry_uid(event, resident)
    check = {
        "status": "safe",
        "checked_at": "2026-03-02T01:00:00+00:00",
        "check": {"at": "2026-03-02T01:00:00+00:00", "actor_id": "w1", "status": "safe"},
    }
    seq = 1
    assert push(_op(seq, "emergency_event", event, "start", start))["status"] == "applied"
    bad = [
        ("emergency_event", event, "start", {**start, "level": 9}, "payload.level"),
        (
            "emergency_event",
            "e2",
            "start",
            {**start, "started_at": "yesterday"},
            "payload.started_at",
        ),
        (
            "emergency_event",
            "e3",
            "start",
            {k: v for k, v in start.items() if k != "name"},
            "payload.name is missing",
        ),
        ("emergency_event", event, "explode", {}, "kind must be one of"),
        ("emergency_entry", uid, "create", {**entry, "event_id": "nope"}, "payload.event_id"),
        ("emergency_entry", "0193a000-0000-7000-8000-000000000bad", "create", entry, "entity_id"),
        ("emergency_entry", uid, "create", {**entry, "added": "yes"}, "payload.added"),
        ("emergency_entry", uid, "check", {**check, "status": "fine"}, "payload.status"),
        ("emergency_entry", uid, "check", {**check, "check": "safe"}, "payload.check must be"),
        (
            "emergency_entry",
            uid,
            "check",
            {**check, "check": {**check["check"], "at": 5}},
            "payload.check.at",
        ),
        (
            "emergency_responder",
            "r1",
            "create",
            {"name": 123, "active": True, "created_at": "2026-03-02T00:00:00+00:00"},
            "payload.name",
        ),
    ]
    for entity, entity_id, kind, payload, field in bad:
        seq += 1
        result = push(_op(seq, entity, entity_id, kind, payload))
        assert (result["status"], result["http_status"]) == ("rejected", 422), (field, result)
        assert f"op {seq} ({entity} {kind})" in result["message"] and field in result["message"], (
            result
        )
    seq += 1
    assert push(_op(seq, "emergency_entry", uid, "create", entry))["status"] == "applied"
    seq += 1
    assert push(_op(seq, "emergency_entry", uid, "check", check))["status"] == "applied"
    conn.close()
    with district_db.session() as s:
        assert s.scalar(select(Record.entity_id).where(Record.entity == "emergency_event")) == event
        [stored] = s.scalars(select(Record).where(Record.entity == "emergency_entry"))
        assert stored.data["status"] == "safe" and len(stored.data["checks"]) == 1
