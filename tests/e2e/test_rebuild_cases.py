"""A station rebuilt from the district gets each case back with its whole timeline."""

from __future__ import annotations

from sqlalchemy import text

from stationdesk.domain.cases import CaseState
from stationdesk.services import case_reference, cases
from tests.helpers.cases import DEPT, referred_case

from .stations import assert_converged, create_resident
from .test_rebuild import assert_resync_changes_nothing, dump, rebuilt
from .test_referrals import call, tokens  # noqa: F401


def test_a_rebuilt_station_has_every_case_with_all_its_events(
    make_station,
    district_db,
    server,
    tokens,  # noqa: F811
):
    a = make_station("SA0101", district_db)
    # a referral the department acknowledges on the platform while the station records a
    # phoned-in ack: the answer is kept in the timeline without moving the case
    referred = referred_case(a)
    assert a.sync(server.url).outcome == "ok"
    path = f"/dept/v1/cases/{referred}/answers"
    status, _ = call(server.url, "POST", path, tokens[DEPT], {"action": "ack", "by": "李科长"})
    assert status == 200
    cases.act(a.station, a.head, referred, "ack")
    assert a.sync(server.url).outcome == "ok"
    steps = [
        ("pend", "请补充物业出具的证明"),
        ("resume", None),
        ("reply", "已安排物业更换灯具"),
        ("verify", None),
        ("resolve", "现场核实灯已修好"),
    ]
    for action, note in steps:
        a.clock.advance(minutes=37, seconds=11, microseconds=123)
        cases.act(a.station, a.head, referred, action, note=note)
    cases.rate(a.station, a.head, referred, "SATISFIED", note="师傅很耐心")
    cases.act(a.station, a.head, referred, "close")

    code = case_reference.list_matter_types(a.station)[0].code
    wang = create_resident(a.station, a.head, "王芳", phones=("13900001111",))
    linked = cases.open_case(
        a.station,
        a.head,
        cases.NewCase(type_code=code, channel="phone", summary="咨询高龄津贴", resident_id=wang),
    ).case.id
    cases.act(a.station, a.head, linked, "reject", note="不属于本站受理范围")
    assert a.sync(server.url).outcome == "ok"

    with district_db.session() as s:
        stored = dict(
            s.execute(text("SELECT entity_id, data FROM record WHERE entity = 'case'")).all()
        )
    assert set(stored) == {referred, linked}
    for data in stored.values():  # the timeline is sealed at rest with the other personal fields
        assert "timeline" not in data and "case_row" not in data and "_sealed" in data
        assert "物业" not in str(data) and "高龄" not in str(data)

    events = dump(a, "case_event", "case_id, seq")
    assert len([e for e in events if e[1] == referred]) == 13  # open … answer … rate, close
    b = rebuilt(make_station, a, server.url)
    assert dump(b, "case_file") == dump(a, "case_file")
    assert dump(b, "case_event", "case_id, seq") == events
    detail = cases.show_case(b.station, b.head, referred)
    assert detail.case.state is CaseState.CLOSED
    assert [e.action for e in detail.events][-3:] == ["follow-up", "rate", "close"]
    assert_converged(district_db, a, b)
    assert_resync_changes_nothing(district_db, server.url, a, b)
    assert dump(b, "case_event", "case_id, seq") == events
    assert_converged(district_db, a, b)


def test_a_case_held_at_the_station_is_never_rewritten_by_its_own_record(
    make_station, district_db, server
):
    a = make_station("SA0101", district_db)
    code = case_reference.list_matter_types(a.station)[0].code
    new = cases.NewCase(type_code=code, channel="walk-in", summary="路灯不亮")
    case_id = cases.open_case(a.station, a.head, new).case.id
    assert a.sync(server.url).outcome == "ok"
    cases.act(a.station, a.head, case_id, "accept")  # pending while the pull brings version 1
    before = dump(a, "case_event", "case_id, seq")
    assert a.sync(server.url).outcome == "ok"
    assert dump(a, "case_event", "case_id, seq") == before
    assert_converged(district_db, a)
