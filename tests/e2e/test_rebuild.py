"""A station rebuilt from the district (its PC died) holds exactly the rows it had.

Station A writes and syncs; a new data folder with A's enrolment takes a snapshot and must
hold the same rows, ids included; a second sync changes and duplicates nothing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, text

from stationdesk.district.models import ChangeLog
from stationdesk.domain.roles import Role
from stationdesk.services import auth, residents, sync, workers

from .stations import SyncedStation, assert_converged, create_resident


def dump(st: SyncedStation, table: str, order: str = "id") -> list[tuple[Any, ...]]:
    """Every row of a station table, all columns, in a stable order."""
    with st.station.db.read_session() as s:
        return [tuple(r) for r in s.execute(text(f"SELECT * FROM {table} ORDER BY {order}"))]


def rebuilt(make_station: Any, a: SyncedStation, server_url: str) -> SyncedStation:
    """A new data folder for A's station with A's enrolment (its PC died), synced once."""
    b = make_station(a.code, folder=f"rebuilt-{a.code}")
    b.token = a.token
    b.ops = a.ops  # one station identity: the exactly-once check counts both folders' ops
    sync.save_login(b.station, b.admin, server_url, a.token)
    assert b.sync(server_url).outcome == "ok"
    return b


def change_count(db: Any) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(ChangeLog)) or 0)


def assert_resync_changes_nothing(db: Any, url: str, *stations: SyncedStation) -> None:
    """Another sync of each station writes no server change and no local row."""
    tables = ("grid", "building", "visit", "case_file", "case_event", "resident")
    before = change_count(db)
    dumps = [{t: dump(st, t) for t in tables} for st in stations]
    for st in stations:
        assert st.sync(url).outcome == "ok"
    assert change_count(db) == before
    assert [{t: dump(st, t) for t in tables} for st in stations] == dumps


def test_grids_and_buildings_come_back_with_their_ids(make_station, district_db, server):
    a = make_station("SA0101", district_db)
    residents.add_grid(a.station, a.head, "G01", "东区网格")
    residents.add_grid(a.station, a.head, "G02", "西区网格")
    residents.add_building(a.station, a.head, "3栋", grid="G01")
    residents.add_building(a.station, a.head, "5栋")
    rid = create_resident(a.station, a.head, "王芳", building="3栋", room="502")
    assert a.sync(server.url).outcome == "ok"

    b = rebuilt(make_station, a, server.url)
    for table in ("grid", "building"):
        assert dump(b, table) == dump(a, table)
        assert len(dump(b, table)) == 2
    with b.station.db.read_session() as s:
        building_of = s.execute(text("SELECT building_id FROM resident WHERE id = :i"), {"i": rid})
        assert building_of.scalar() == dump(a, "building", "name")[0][0]  # 3栋, by id
    assert_converged(district_db, a, b)
    assert_resync_changes_nothing(district_db, server.url, a, b)
    assert dump(b, "grid") == dump(a, "grid") and dump(b, "building") == dump(a, "building")
    assert_converged(district_db, a, b)


def test_a_building_added_by_a_pulled_resident_reaches_the_district(
    make_station, district_db, server
):
    a = make_station("SA0101", district_db)
    residents.add_building(a.station, a.head, "7栋")
    create_resident(a.station, a.head, "赵敏", building="7栋", room="101")
    assert a.sync(server.url).outcome == "ok"
    c = make_station("SB0202", district_db)
    assert c.sync(server.url).outcome == "ok"  # C adds its own 7栋 and pushes it
    names = [row[1] for row in dump(c, "building")]
    assert names == ["7栋"]
    assert dump(c, "building")[0][0] != dump(a, "building")[0][0]  # C's own list
    assert_converged(district_db, a, c)
    assert_resync_changes_nothing(district_db, server.url, a, c)


def test_visits_come_back_in_full_and_their_purpose_is_sealed_at_the_district(
    make_station, district_db, server
):
    a = make_station("SA0101", district_db)
    wang = create_resident(a.station, a.head, "王芳")
    li = create_resident(a.station, a.head, "李强")
    residents.add_visit(a.station, a.head, wang, "咨询低保申请材料")
    a.clock.advance(seconds=90)
    workers.add_worker(a.station, a.admin, "clerk", Role.WORKER, "clerk-pass-1", "办事员")
    clerk = auth.login(a.station, "clerk", "clerk-pass-1")
    residents.add_visit(a.station, clerk, li, "反映楼道灯不亮")
    residents.add_visit(a.station, a.head, wang, "补交户口簿复印件")
    assert a.sync(server.url).outcome == "ok"
    with district_db.session() as s:
        stored = [
            row[0] for row in s.execute(text("SELECT data FROM record WHERE entity = 'visit'"))
        ]
    assert len(stored) == 3
    assert all("purpose" not in d and "_sealed" in d for d in stored)
    assert all("低保" not in str(d) for d in stored)

    b = rebuilt(make_station, a, server.url)
    assert len(dump(b, "visit")) == 3
    assert dump(b, "visit") == dump(a, "visit")
    assert_converged(district_db, a, b)
    assert_resync_changes_nothing(district_db, server.url, a, b)
    assert dump(b, "visit") == dump(a, "visit")
    assert_converged(district_db, a, b)
