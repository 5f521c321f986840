"""双报到 data between two stations and the district: one member everywhere however many
communities they report to, approved hours summed district-wide, and a rebuilt station gets it
all back (real PostgreSQL, real server process)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from stationdesk.cli.main import main
from stationdesk.district.models import Record
from stationdesk.domain.station_time import station_today
from stationdesk.services import auth, sync, workers
from stationdesk.services import volunteering as v
from stationdesk.store.models_volunteer import VolunteerMember, VolunteerUnit
from stationdesk.sync.protocol import API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION

from .stations import (
    SyncedStation,
    assert_converged,
    create_resident,
    dead_pc_rebuilt,
    new_id_number,
)
from .test_rebuild import dump, rebuilt

pytestmark = pytest.mark.postgres


def _member(st: SyncedStation, id_number: str, phone: str, unit: str) -> str:
    v.add_unit(st.station, st.head, v.UnitInput(name=unit, unit_type="机关"))
    today = station_today(st.clock.now)
    data = v.MemberInput(
        name="李强", id_number=id_number, report_date=today, phone=phone, unit=unit
    )
    return v.add_member(st.station, st.head, data).id


def _served(st: SyncedStation, member: str, kind: str, minutes: int) -> str:
    """An activity that ended an hour ago, the member in it for ``minutes``, approved."""
    now = st.clock.now
    starts = now - timedelta(hours=5)
    act = v.add_activity(
        st.station, st.head, title="楼道清理", kind=kind, starts_at=starts, ends_at=now
    ).id
    v.sign_in(st.station, st.head, act, member, at=starts)
    v.sign_out(st.station, st.head, act, member, at=starts + timedelta(minutes=minutes))
    v.approve(st.station, st.head, act)
    return act


def _ok(*stations: SyncedStation, url: str) -> None:
    for st in stations:
        result = st.sync(url)
        assert result.outcome == "ok", (st.code, result.message)


def _records(db: Any, entity: str) -> dict[str, Record]:
    with db.session() as s:
        rows = s.scalars(select(Record).where(Record.entity == entity)).all()
        return {r.entity_id: r for r in rows}


def _held(st: SyncedStation, model: Any) -> list[str]:
    with st.station.db.read_session() as s:
        return list(s.scalars(select(model.id)))


def test_one_member_at_two_stations_has_one_record_and_one_district_total(
    make_station, district_db, server, capsys, monkeypatch
):
    a = make_station("SA0101", district_db)
    b = make_station("SB0202", district_db)
    number = new_id_number()
    # the same person reports to both communities offline, with a different phone at each;
    # the same unit is typed with a space at one of them
    ma = _member(a, number, "13800001111", "区交通运输局")
    mb = _member(b, number, "13900002222", "区交通 运输局")
    act_a = _served(a, ma, "environment", 120)
    act_b = _served(b, mb, "care", 90)
    wang = create_resident(a.station, a.head, "王芳")
    wish = v.add_wish(
        a.station, a.head, wang, "帮忙更换灯泡", deadline=station_today(a.clock.now)
    ).id
    v.claim_wish(a.station, a.head, wish, ma)
    v.fulfil_wish(a.station, a.head, wish, "已更换")
    for _ in range(2):
        _ok(a, b, url=server.url)

    members = _records(district_db, "volunteer_member")
    live = [r for r in members.values() if not r.deleted]
    assert len(live) == 1 and set(members) == {ma, mb}
    survivor = live[0]
    assert survivor.entity_id == ma  # A pushed first
    assert members[mb].data["merged_into"] == ma
    reports = survivor.data["reports"]
    assert sorted((r["station"], r["member_id"]) for r in reports) == [
        ("SA0101", ma),
        ("SB0202", mb),
    ]
    for st in (a, b):  # one member everywhere, and B's sign-ins now name it
        assert _held(st, VolunteerMember) == [ma]
        assert [m.id for m in v.list_members(st.station, st.head)] == [ma]
        assert len(_held(st, VolunteerUnit)) == 1
    assert [r.member_id for r in v.show_activity(b.station, b.head, act_b).signins] == [ma]
    listed = sync.list_conflicts(b.station, b.head)
    assert [(c.entity_id, c.field) for c in listed] == [(ma, "phone")]

    activities = _records(district_db, "volunteer_activity")
    assert set(activities) == {act_a, act_b}
    record = activities[act_a].data
    assert record["approved_at"] and record["events"] == ["create", "signin", "signout", "approve"]
    assert [(s["member_id"], s["minutes"]) for s in record["signins"]] == [(ma, 120)]
    wishes = _records(district_db, "volunteer_wish")
    assert wishes[wish].data["status"] == "fulfilled"
    with district_db.session() as s:  # personal fields sealed at rest
        raw = s.connection().exec_driver_sql(
            "SELECT data::text FROM record WHERE starts_with(entity, 'volunteer')"
        )
        stored = " ".join(row[0] for row in raw)
    assert number not in stored and "13800001111" not in stored and "灯泡" not in stored

    # the district total: both stations' approved time, by kind and by station
    sync.save_login(a.station, a.admin, server.url, a.token)
    sync.save_login(b.station, b.admin, server.url, b.token)
    for st, key in ((a, ma), (b, number)):
        got = v.district_hours(st.station, st.head, key)
        assert (got.member_id, got.minutes, got.activities) == (ma, 210, 2)
        assert got.by_kind == {"care": 90, "environment": 120}
        assert got.by_station == {"SA0101": 120, "SB0202": 90}
    monkeypatch.setenv("STATIONDESK_PASSWORD", "head-pass-1")
    capsys.readouterr()
    root = str(b.station.paths.root)
    args = ["--data-dir", root, "--user", "head", "member", "show", number, "--district"]
    assert main(args) == 0
    shown = capsys.readouterr().out
    assert "district approved hours: 3.5 (2 activities)" in shown and "SA0101: 2" in shown
    assert main(["--json", *args]) == 0
    assert json.loads(capsys.readouterr().out)["district_hours"]["minutes"] == 210
    # an unapproved activity does not count
    now = a.clock.now
    open_act = v.add_activity(
        a.station, a.head, title="宣讲", kind="policy", starts_at=now, ends_at=now + timedelta(1)
    ).id
    v.sign_in(a.station, a.head, open_act, ma, at=now)
    _ok(a, url=server.url)
    assert v.district_hours(a.station, a.head, ma).minutes == 210
    assert_converged(district_db, a, b)

    # A's PC dies: the rebuilt station holds the same 双报到 data, ids included
    r = rebuilt(make_station, a, server.url)
    for table in ("volunteer_unit", "volunteer_member", "volunteer_wish"):
        assert _rows(r, table) == _rows(a, table), table
    assert dump(r, "volunteer_activity") == dump(a, "volunteer_activity")
    signins = "activity_id, member_id, signed_in_at, signed_out_at, minutes, source"
    assert _select(r, signins, "volunteer_signin") == _select(a, signins, "volunteer_signin")
    assert v.member_hours(r.station, r.head, ma).minutes == 120
    assert_converged(district_db, a, b, r)


def _select(st: SyncedStation, columns: str, table: str) -> list[tuple[Any, ...]]:
    with st.station.db.read_session() as s:
        rows = s.connection().exec_driver_sql(f"SELECT {columns} FROM {table} ORDER BY 1, 2")
        return [tuple(row) for row in rows]


def _rows(st: SyncedStation, table: str) -> list[tuple[Any, ...]]:
    """A table's rows without the time the row was made here (a rebuilt row is made anew)."""
    with st.station.db.read_session() as s:
        result = s.connection().exec_driver_sql(f"SELECT * FROM {table} ORDER BY id")
        keep = [i for i, name in enumerate(result.keys()) if name != "created_at"]
        return [tuple(row[i] for i in keep) for row in result]


def test_a_malformed_op_gets_422_naming_op_and_field_and_the_connection_stays_usable(
    make_station, district_db, server
):
    c = make_station("SC0303", district_db)
    headers = {"Authorization": f"Bearer {c.token}", PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
    base = f"{server.url}{API_PREFIX}/stations/{c.code}"

    def op(seq: int, entity: str, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        return {
            "op_id": f"0193a000-0000-7000-8000-{seq:012d}",
            "seq": seq,
            "entity": entity,
            "entity_id": f"0193b000-0000-7000-8000-{seq:012d}",
            "kind": kind,
            "payload": payload,
            "station_time": "2026-03-05T09:00:00+08:00",
        }

    bad = [
        ("volunteer_activity", "create", {"title": "宣讲", "kind": "policy",
                                          "starts_at": "tomorrow", "ends_at": None}, "starts_at"),
        ("volunteer_member", "create", {"name": "李强", "id_number": 42}, "id_number"),
        ("volunteer_unit", "create", {"name": "区局", "unit_type": "外星"}, "unit_type"),
        ("volunteer_wish", "confirm", {"resident_id": "x", "text": "t", "category": "其他",
                                       "deadline": "2026-13-01"}, "deadline"),
        ("volunteer_activity", "create", {"title": "宣讲", "kind": "policy",
                                          "starts_at": "2026-03-05T10:00:00+08:00",
                                          "ends_at": "2026-03-05T09:00:00+08:00",
                                          "signins": [{"member_id": "m"}]}, "signins"),
    ]  # fmt: skip
    with httpx.Client(headers=headers, timeout=30) as client:
        ops = [op(i + 1, e, k, p) for i, (e, k, p, _f) in enumerate(bad)]
        resp = client.post(f"{base}/push", json={"ops": ops})
        assert resp.status_code == 200, resp.text
        results = resp.json()["results"]
        for result, sent, (_e, _k, _p, field) in zip(results, ops, bad, strict=True):
            assert result["status"] == "rejected" and result["http_status"] == 422, result
            assert sent["op_id"] in result["message"] and field in result["message"], result
        # an op the envelope refuses: 422 for the request, naming the op's field
        broken = op(len(bad) + 1, "volunteer_unit", "create", {"name": "区局"})
        broken["seq"] = "first"
        resp = client.post(f"{base}/push", json={"ops": [broken]})
        assert resp.status_code == 422 and "ops.0.seq" in resp.text
        # the same kept-alive connection still answers
        assert client.get(f"{base}/scope-hash").status_code == 200
        assert client.get(f"{base}/members/nobody/hours").status_code == 404
    with district_db.session() as s:
        held = s.scalars(select(Record.entity).where(Record.entity.like("volunteer_%"))).all()
    assert held == []


def test_a_dead_pc_rebuilt_with_restore_from_district_has_its_volunteer_records(
    make_station, district_db, server, tmp_path
):
    a = make_station("SA0101", district_db)
    sync.save_login(a.station, a.admin, server.url, a.token)
    member = _member(a, new_id_number(), "13800001111", "区税务局")
    act = _served(a, member, "policy", 60)
    v.correct(
        a.station,
        a.head,
        act,
        member,
        signed_in_at=a.clock.now - timedelta(hours=5),
        signed_out_at=a.clock.now - timedelta(hours=3),
        reason="签退时间登记错误",
    )
    wang = create_resident(a.station, a.head, "王芳")
    v.add_wish(a.station, a.head, wang, "代购药品", deadline=station_today(a.clock.now))
    assert a.sync(server.url).outcome == "ok"
    before = sync.local_scope_hash(a.station)
    hours_before = v.member_hours(a.station, a.head, member).minutes
    assert hours_before == 120  # the correction stands
    signins = "activity_id, member_id, signed_in_at, signed_out_at, minutes, source"
    fixes = "signed_in_at, signed_out_at, minutes, reason, actor_id"
    kept = {
        "signin": _select(a, signins, "volunteer_signin"),
        "correction": _select(a, fixes, "volunteer_correction"),
    }
    result = dead_pc_rebuilt(a, server.url, tmp_path)
    st = result.station
    after = sync.local_scope_hash(st)
    for entity in ("volunteer_unit", "volunteer_member", "volunteer_activity", "volunteer_wish"):
        assert after.counts[entity] == before.counts[entity] == 1, entity
        assert after.hashes[entity] == before.hashes[entity], entity
        assert entity not in result.not_restored
    rebuilt_station = SyncedStation("SA0101", st, a.admin, a.head, a.clock)
    assert _select(rebuilt_station, signins, "volunteer_signin") == kept["signin"]
    assert _select(rebuilt_station, fixes, "volunteer_correction") == kept["correction"]
    admin = auth.login(st, "admin", "rebuilt-admin-1")
    workers.set_password(st, admin, "head", "head-pass-2")
    head = auth.login(st, "head", "head-pass-2")
    assert v.member_hours(st, head, member).minutes == hours_before


def test_the_volunteer_certificate_dialog_shows_the_district_total_by_station(
    qtbot, make_desk, make_station, district_db, server
):
    from PySide6.QtWidgets import QLabel

    from stationdesk.ui.pages.certificate_dialogs.issue import IssueDialog, open_issue_form
    from tests.helpers.desk import log_in

    a = make_station("SA0101", district_db)
    b = make_station("SB0202", district_db)
    number = new_id_number()
    resident = create_resident(a.station, a.head, "𠀀李强", number)  # a resident at A
    _served(a, _member(a, number, "13800001111", "区交通运输局"), "environment", 120)
    _served(b, _member(b, number, "13900002222", "区交通运输局"), "care", 90)
    for _ in range(2):
        _ok(a, b, url=server.url)
    sync.save_login(a.station, a.admin, server.url, a.token)
    desk = make_desk(a.station.paths.root)
    window = log_in(qtbot, desk, "head", "head-pass-1")
    opened: list[IssueDialog] = []
    open_issue_form(window.ctx, window, resident, "VOLUNTEER", opened=opened.append)
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    line = opened[0].findChild(QLabel, "districtHours")
    try:
        qtbot.waitUntil(lambda: "小时，" in line.text(), timeout=15_000)
    except Exception:
        raise AssertionError(line.text()) from None
    # the whole district's approved time, this station's share first, the other's by code
    assert "合计（不限期间）：3.5小时，共2次活动（本站：2小时，SB0202：1.5小时）" in line.text()
    # this station's own records still feed the certificate itself
    opened[0].close()

    # a person not on the roster sees no district line at all
    other = create_resident(a.station, a.head, "王芳")
    opened.clear()
    open_issue_form(window.ctx, window, other, "VOLUNTEER", opened=opened.append)
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    hidden = opened[0].findChild(QLabel, "districtHours")
    qtbot.waitUntil(hidden.isHidden, timeout=10_000)
    opened[0].close()
