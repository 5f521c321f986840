"""Real residents (the intake service, its search index) syncing between two stations."""

from __future__ import annotations

import pytest

from stationdesk.services import residents, sync
from tests.helpers.ids import idn
from tests.helpers.rare_names import RARE_NAMES

from .stations import assert_converged

pytestmark = pytest.mark.postgres


def test_a_resident_registered_at_one_station_is_found_and_edited_at_another(
    make_station, district_db, server
):
    a = make_station("SA0101", district_db)
    b = make_station("SB0202", district_db)
    residents.add_building(a.station, a.head, "3栋")
    card = residents.register_resident(
        a.station,
        a.head,
        residents.ResidentInput(
            name="王芳",
            id_number=idn(11),
            phones=("13800001111",),
            building="3栋",
            unit="2",
            room="502",
            tags=("党员",),
        ),
    )
    assert a.sync(server.url).outcome == "ok"
    assert b.sync(server.url).outcome == "ok"
    found = residents.find_residents(b.station, b.head, "王芳")
    assert [r.id for r in found] == [card.row.id]
    assert found[0].address == "3栋2单元502室" and found[0].phone_masked == "138****1111"
    assert residents.find_residents(b.station, b.head, idn(11)[-4:])[0].id == card.row.id

    # different fields at both stations merge; the search index follows the pulled values
    residents.edit_resident(a.station, a.head, card.row.id, {"phones": ["13900002222"]})
    residents.edit_resident(b.station, b.head, card.row.id, {"room": "503"})
    for st in (a, b, a):
        assert st.sync(server.url).outcome == "ok"
    for st in (a, b):
        got = residents.get_resident(st.station, st.head, card.row.id)
        assert got.row.address == "3栋2单元503室" and got.phones_masked == ("139****2222",)
        assert [r.id for r in residents.find_residents(st.station, st.head, "2222")] == [
            card.row.id
        ]
        assert residents.find_residents(st.station, st.head, "3栋502") == []
    assert sync.sync_status(a.station).open_conflicts == 0
    assert_converged(district_db, a, b)


def test_rare_names_and_their_reading_sync_to_another_station(make_station, district_db, server):
    a = make_station("SA0101", district_db)
    b = make_station("SB0202", district_db)
    ids = {
        p.name: residents.register_resident(
            a.station,
            a.head,
            residents.ResidentInput(
                name=p.name, name_pinyin=p.typed_reading, id_number=idn(40 + i)
            ),
        ).row.id
        for i, p in enumerate(RARE_NAMES)
    }
    assert a.sync(server.url).outcome == "ok"
    assert b.sync(server.url).outcome == "ok"
    for p in RARE_NAMES:
        want = [ids[p.name]]
        queries = [p.name, p.name[-2:], p.rare, p.pinyin if not p.typed_reading else "chen"]
        for query in queries:
            assert [r.id for r in residents.find_residents(b.station, b.head, query)] == want, query
        card = residents.get_resident(b.station, b.head, ids[p.name])
        assert card.row.name == p.name
        assert card.name_pinyin == ("chen yan" if p.typed_reading else None)
    residents.edit_resident(b.station, b.head, ids["李𫖯"], {"name_pinyin": "li fu"})
    for st in (b, a):
        assert st.sync(server.url).outcome == "ok"
    assert residents.get_resident(a.station, a.head, ids["李𫖯"]).name_pinyin == "li fu"
    assert_converged(district_db, a, b)


def test_a_pulled_resident_is_found_by_the_typed_reading(make_station, district_db, server):
    a = make_station("SA0101", district_db)
    b = make_station("SB0202", district_db)
    card = residents.register_resident(
        a.station,
        a.head,
        residents.ResidentInput(name="陈𠈌", name_pinyin="chen yan", id_number=idn(50)),
    )
    assert a.sync(server.url).outcome == "ok"
    assert b.sync(server.url).outcome == "ok"
    assert [r.id for r in residents.find_residents(b.station, b.head, "chenyan")] == [card.row.id]


def test_the_same_field_edited_at_both_stations_is_one_visible_conflict(
    make_station, district_db, server
):
    a = make_station("SA0101", district_db)
    b = make_station("SB0202", district_db)
    card = residents.register_resident(
        a.station, a.head, residents.ResidentInput(name="李军", id_number=idn(12))
    )
    a.sync(server.url)
    b.sync(server.url)
    residents.edit_resident(a.station, a.head, card.row.id, {"note": "甲站备注"})
    residents.edit_resident(b.station, b.head, card.row.id, {"note": "乙站备注"})
    for st in (a, b, a, b):
        assert st.sync(server.url).outcome == "ok"
    notes = {residents.get_resident(st.station, st.head, card.row.id).note for st in (a, b)}
    assert len(notes) == 1
    assert (
        sync.sync_status(a.station).open_conflicts + sync.sync_status(b.station).open_conflicts >= 1
    )
    assert_converged(district_db, a, b)


def test_cases_reach_the_district_exactly_once(make_station, district_db, server):
    from stationdesk.services import case_reference, cases

    a = make_station("SA0101", district_db)
    code = case_reference.list_matter_types(a.station)[0].code
    info = cases.open_case(
        a.station, a.head, cases.NewCase(type_code=code, channel="walk-in", summary="路灯不亮")
    )
    assert a.sync(server.url).outcome == "ok"
    cases.act(a.station, a.head, info.case.id, "accept")
    assert a.sync(server.url).outcome == "ok"
    assert_converged(district_db, a)


def test_certificates_reach_the_district_and_numbers_stay_unique(make_station, district_db, server):
    from stationdesk.services import certificates

    a = make_station("SA0101", district_db)
    residents.add_building(a.station, a.head, "5栋")
    card = residents.register_resident(
        a.station,
        a.head,
        residents.ResidentInput(name="赵敏", id_number=idn(21), building="5栋", room="101"),
    )
    from tests.helpers.certificates import residence

    issued = certificates.issue_certificate(a.station, a.head, residence(card.row.id))
    assert a.sync(server.url).outcome == "ok"
    certificates.void_certificate(a.station, a.head, issued.number, "信息有误")
    assert a.sync(server.url).outcome == "ok"
    assert_converged(district_db, a)
    with district_db.session() as s:
        from sqlalchemy import text as sql

        got = s.execute(sql("SELECT count(*) FROM record WHERE entity = 'certificate'")).scalar()
    assert got == 1


def test_a_station_restored_by_a_snapshot_killed_between_pages_finds_everyone(
    make_station, district_db, server, monkeypatch
):
    from stationdesk.services.sync import StationSyncPort

    a = make_station("SA0101", district_db)
    residents.add_building(a.station, a.head, "3栋")
    residents.add_building(a.station, a.head, "7栋")
    people = [
        ("王芳", "3栋", "2", "502"),
        ("李强", "3栋", "2", "502"),  # the same household
        ("赵敏", "7栋", None, "101"),
        ("钱进", None, None, None),
        ("孙丽", "7栋", "1", "101"),
    ]
    ids = []
    for n, (name, building, unit, room) in enumerate(people):
        card = residents.register_resident(
            a.station,
            a.head,
            residents.ResidentInput(
                name=name, id_number=idn(60 + n), building=building, unit=unit, room=room
            ),
        )
        ids.append(card.row.id)
    assert a.sync(server.url).outcome == "ok"

    class Killed(Exception):
        pass

    b = make_station("SB0202", district_db)
    original = StationSyncPort.apply_snapshot
    pages: list[int] = []

    def killed_at_the_third_page(self, page):
        pages.append(len(page.records))
        if len(pages) == 3:
            raise Killed()  # two pages are in, the rest never arrives
        return original(self, page)

    monkeypatch.setattr(StationSyncPort, "apply_snapshot", killed_at_the_third_page)
    with pytest.raises(Killed):
        b.sync(server.url, pull_limit=2)
    monkeypatch.setattr(StationSyncPort, "apply_snapshot", original)
    assert b.sync(server.url, pull_limit=2).outcome == "ok"  # resumes the snapshot
    for rid, (name, *_rest) in zip(ids, people, strict=True):
        found = residents.find_residents(b.station, b.head, name)
        assert [r.id for r in found] == [rid]
    assert [r.id for r in residents.find_residents(b.station, b.head, "3栋502")] == ids[:2]
    wang = residents.get_resident(b.station, b.head, ids[0])
    assert [m.id for m in wang.household] == ids[:2]  # one household, as at station A
    for rid in ids[2:]:
        members = residents.get_resident(b.station, b.head, rid).household
        assert [m.id for m in members] == ([] if rid == ids[3] else [rid])
    assert_converged(district_db, a, b)


def test_the_search_index_after_a_snapshot_is_built_in_steps_that_resume_after_a_crash(
    make_station, district_db, server, monkeypatch
):
    from stationdesk.services.sync import StationSyncPort
    from stationdesk.services.sync_entities import resident as handler_module
    from stationdesk.store.models import Setting

    a = make_station("SA0101", district_db)
    names = ["王芳", "李强", "赵敏", "钱进", "孙丽"]
    ids = [
        residents.register_resident(
            a.station, a.head, residents.ResidentInput(name=name, id_number=idn(70 + n))
        ).row.id
        for n, name in enumerate(names)
    ]
    assert a.sync(server.url).outcome == "ok"

    class Killed(Exception):
        pass

    def marker(station) -> object:
        with station.station.db.read_session() as s:
            row = s.get(Setting, handler_module.INDEX_FROM_KEY)
            return None if row is None else row.value

    b = make_station("SB0202", district_db)
    monkeypatch.setattr(handler_module, "INDEX_CHUNK", 2)
    apply_snapshot = StationSyncPort.apply_snapshot
    seen_after_last_page: list[object] = []

    def noting_the_last_page(self, page):
        n = apply_snapshot(self, page)
        if not page.has_more:  # committed: nobody is indexed yet, and the marker says so
            seen_after_last_page.append(marker(b))
            seen_after_last_page.append(residents.find_residents(b.station, b.head, "王芳"))
        return n

    catch_up = handler_module.ResidentHandler.catch_up
    steps: list[bool] = []

    def killed_at_the_second_step(self, session, prepared):
        if len(steps) == 1:
            raise Killed()  # the first two residents are indexed and committed
        steps.append(catch_up(self, session, prepared))
        return steps[-1]

    monkeypatch.setattr(StationSyncPort, "apply_snapshot", noting_the_last_page)
    monkeypatch.setattr(handler_module.ResidentHandler, "catch_up", killed_at_the_second_step)
    with pytest.raises(Killed):
        b.sync(server.url)
    assert seen_after_last_page == [{"seq": 0}, []]
    found = [bool(residents.find_residents(b.station, b.head, name)) for name in names]
    assert found == [True, True, False, False, False]
    assert marker(b) is not None

    monkeypatch.setattr(handler_module.ResidentHandler, "catch_up", catch_up)
    assert b.sync(server.url).outcome == "ok"  # nothing to pull: the next cycle goes on
    for rid, name in zip(ids, names, strict=True):
        assert [r.id for r in residents.find_residents(b.station, b.head, name)] == [rid]
    assert marker(b) is None
    assert_converged(district_db, a, b)
