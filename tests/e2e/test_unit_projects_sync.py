"""A unit's 结对共建 projects travel with the unit: pushed, checked and held by the district, pulled
by another station, moved there and back, and restored on a rebuilt PC (real PostgreSQL, real
server process)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from stationdesk.district.models import Record
from stationdesk.services import sync
from stationdesk.services import volunteering as v
from stationdesk.sync.protocol import API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION

from .stations import SyncedStation, assert_converged, dead_pc_rebuilt

pytestmark = pytest.mark.postgres


def _projects(st: SyncedStation, unit: str) -> list[tuple[str, str, str]]:
    info = next(u for u in v.list_units(st.station, st.head) if u.id == unit)
    return [(p.title, p.list, p.status) for p in info.projects]


def _district(db: Any, unit: str) -> Record:
    with db.session() as s:
        return s.scalars(
            select(Record).where(Record.entity == "volunteer_unit", Record.entity_id == unit)
        ).one()


def test_projects_sync_with_their_unit_and_come_back_on_a_rebuilt_pc(
    make_station, district_db, server, tmp_path
):
    a = make_station("SA0101", district_db)
    b = make_station("SB0202", district_db)
    unit = v.add_unit(a.station, a.head, v.UnitInput(name="区税务局", unit_type="机关")).id
    v.add_project(a.station, a.head, unit, title="政策宣讲进楼栋", source="项目清单")
    v.add_project(a.station, a.head, unit, title="捐赠图书", source="资源清单", note="二百册")
    v.set_project_status(a.station, a.head, unit, "政策宣讲进楼栋", "进行中")
    for st in (a, b):
        assert st.sync(server.url).outcome == "ok"
    held = _district(district_db, unit).data["projects"]
    assert [(p["title"], p["list"], p["status"], p["note"]) for p in held] == [
        ("政策宣讲进楼栋", "projects", "active", None),
        ("捐赠图书", "resources", "planned", "二百册"),
    ]
    expected = [("政策宣讲进楼栋", "projects", "active"), ("捐赠图书", "resources", "planned")]
    assert _projects(b, unit) == expected

    # B moves a project on; A takes it at its next sync
    v.set_project_status(b.station, b.head, unit, "捐赠图书", "已完成")
    for st in (b, a):
        assert st.sync(server.url).outcome == "ok"
    expected[1] = ("捐赠图书", "resources", "done")
    assert _projects(a, unit) == expected
    assert_converged(district_db, a, b)

    # A's PC dies: the rebuilt station holds the unit with its projects
    sync.save_login(a.station, a.admin, server.url, a.token)
    before = sync.local_scope_hash(a.station)
    result = dead_pc_rebuilt(a, server.url, tmp_path)
    after = sync.local_scope_hash(result.station)
    assert after.hashes["volunteer_unit"] == before.hashes["volunteer_unit"]
    rebuilt = SyncedStation("SA0101", result.station, a.admin, a.head, a.clock)
    with rebuilt.station.db.read_session() as s:
        raw = s.connection().exec_driver_sql("SELECT projects FROM volunteer_unit").scalar_one()
    assert [(p["title"], p["list"], p["status"]) for p in json.loads(raw)] == expected


def test_a_bad_project_is_refused_with_422_naming_the_field(make_station, district_db, server):
    c = make_station("SC0303", district_db)
    headers = {"Authorization": f"Bearer {c.token}", PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
    base = f"{server.url}{API_PREFIX}/stations/{c.code}"
    good = {"id": "p1", "title": "读书角", "list": "projects", "status": "planned"}
    bad = [
        {**good, "status": "paused"},
        {**good, "list": "wishes"},
        {**good, "title": "长" * 61},
        {**good, "title": ""},
    ]
    ops = [
        {
            "op_id": f"0193a000-0000-7000-8000-{i:012d}",
            "seq": i,
            "entity": "volunteer_unit",
            "entity_id": f"0193b000-0000-7000-8000-{i:012d}",
            "kind": "create",
            "payload": {"name": f"区局{i}", "unit_type": "机关", "projects": [good, project]},
            "station_time": "2026-03-05T09:00:00+08:00",
        }
        for i, project in enumerate(bad, start=1)
    ]
    with httpx.Client(headers=headers, timeout=30) as client:
        resp = client.post(f"{base}/push", json={"ops": ops})
    assert resp.status_code == 200, resp.text
    for result, sent in zip(resp.json()["results"], ops, strict=True):
        assert result["status"] == "rejected" and result["http_status"] == 422, result
        assert sent["op_id"] in result["message"] and "projects" in result["message"], result
        assert "item 1" in result["message"], result
    with district_db.session() as s:
        held = s.scalars(select(Record.entity).where(Record.entity.like("volunteer_%"))).all()
    assert held == []
