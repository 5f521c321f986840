"""Emergency mode on a real station: the frozen list, check-offs, cases, totals, roles."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from stationdesk.domain.emergency import CheckStatus
from stationdesk.services import emergency, residents
from stationdesk.services.errors import InputError, NotFoundError, PermissionDeniedError
from stationdesk.store.models import AuditRecord, OutboxEntry
from stationdesk.store.models_cases import Case
from stationdesk.store.models_emergency import EmergencyCheck, EmergencyEntry, EmergencyEvent
from tests.conftest import StationFixture
from tests.helpers.ids import idn

PHONE = "13812345678"


@pytest.fixture
def desk(station: StationFixture) -> tuple[StationFixture, dict[str, str]]:
    """Two grids, four buildings, and residents with and without vulnerable tags."""
    st, w = station.station, station.worker
    residents.add_grid(st, w, "G01", "第一网格")
    residents.add_grid(st, w, "G02", "第二网格")
    for name, grid in (("1栋", "G01"), ("2栋", "G01"), ("3栋", "G01"), ("9栋", "G02")):
        residents.add_building(st, w, name, grid)
    people = {
        "alone": ("张独居", "1栋", ("独居老人",), ()),
        "old": ("李高龄", "1栋", ("高龄老人", "党员"), ()),
        "poor": ("王低保", "2栋", ("低保",), ()),
        "mother": ("赵孕妇", "3栋", ("孕产妇",), ()),
        "ill": ("钱重病", "3栋", (), ("重病",)),
        "member": ("孙党员", "2栋", ("党员",), ()),
        "far": ("周特困", "9栋", ("特困",), ()),
    }
    ids: dict[str, str] = {}
    for n, (key, (name, building, tags, sensitive)) in enumerate(people.items()):
        card = residents.register_resident(
            st,
            station.head,  # a head may record sensitive tags
            residents.ResidentInput(
                name=name,
                id_number=idn(100 + n),
                phones=(PHONE,),
                building=building,
                room=f"{101 + n}",
                tags=tags,
                sensitive_tags=sensitive,
            ),
        )
        ids[key] = card.row.id
    return station, ids


def _count(s: StationFixture, model: type, *where: object) -> int:
    with s.station.db.read_session() as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def _audit(s: StationFixture) -> list[AuditRecord]:
    with s.station.db.read_session() as session:
        rows = list(session.scalars(select(AuditRecord).order_by(AuditRecord.seq)))
        session.expunge_all()
        return rows


def test_start_freezes_the_vulnerable_residents_of_the_grids(desk) -> None:
    s, ids = desk
    outbox_before = _count(s, OutboxEntry)
    info = emergency.start_event(s.station, s.head, "台风", "台风“海葵”", level="II")
    assert (info.kind, info.kind_zh, info.level, info.grids) == ("typhoon", "台风", 2, None)
    assert info.entries == 6  # everyone tagged vulnerable, incl. 孕产妇 and the sensitive 重病
    listed = {r.resident_id for r in emergency.list_entries(s.station, s.worker)}
    assert listed == {ids[k] for k in ("alone", "old", "poor", "mother", "ill", "far")}
    # the list is frozen: a vulnerable resident registered now is not on it
    later = residents.register_resident(
        s.station,
        s.worker,
        residents.ResidentInput(
            name="吴独居", id_number=idn(300), building="1栋", room="901", tags=("独居老人",)
        ),
    )
    assert later.row.id not in {r.resident_id for r in emergency.list_entries(s.station, s.worker)}
    # the event's start, each entry (by id, with no personal data) and the registration
    assert _count(s, OutboxEntry) == outbox_before + 1 + 6 + 1
    with s.station.db.read_session() as session:
        queued = list(
            session.scalars(
                select(OutboxEntry)
                .where(OutboxEntry.entity.like("emergency_%"))
                .order_by(OutboxEntry.seq)
            )
        )
        assert [(o.entity, o.kind) for o in queued] == [("emergency_event", "start")] + [
            ("emergency_entry", "create")
        ] * 6
        assert {o.payload["resident_id"] for o in queued[1:]} == listed
        assert PHONE not in json.dumps([o.payload for o in queued], ensure_ascii=False)
    start = [a for a in _audit(s) if a.action == "emergency_event.start"]
    assert len(start) == 1 and start[0].actor == "lihead" and start[0].details["entries"] == 6


def test_start_limited_to_grids(desk) -> None:
    s, ids = desk
    info = emergency.start_event(s.station, s.head, "fire", "9栋火情", grids=["G02"])
    assert info.grids == ("G02",) and info.entries == 1
    rows = emergency.list_entries(s.station, s.worker)
    assert [r.resident_id for r in rows] == [ids["far"]] and rows[0].grid == "G02"


def test_one_open_event_at_a_time_and_nothing_written_on_refusal(desk) -> None:
    s, _ = desk
    emergency.start_event(s.station, s.head, "rainstorm", "暴雨红色预警", level=1)
    audit_before = len(_audit(s))
    with pytest.raises(emergency.EventAlreadyOpenError) as err:
        emergency.start_event(s.station, s.head, "typhoon", "另一个")
    assert err.value.exit_code == 2 and "暴雨红色预警" in err.value.message
    assert _count(s, EmergencyEvent) == 1 and len(_audit(s)) == audit_before


@pytest.mark.parametrize(
    ("kind", "level", "grids"),
    [("flood-ish", 4, None), ("typhoon", 5, None), ("typhoon", "V", None), ("fire", 1, ["G99"])],
)
def test_bad_start_input_is_refused_unwritten(desk, kind, level, grids) -> None:
    s, _ = desk
    with pytest.raises(InputError):
        emergency.start_event(s.station, s.head, kind, "名称", level=level, grids=grids)
    assert _count(s, EmergencyEvent) == 0 and _count(s, EmergencyEntry) == 0


def test_roles(desk) -> None:
    s, ids = desk
    with pytest.raises(PermissionDeniedError):
        emergency.start_event(s.station, s.worker, "typhoon", "台风")
    with pytest.raises(PermissionDeniedError):
        emergency.start_event(s.station, s.admin, "typhoon", "台风")
    emergency.start_event(s.station, s.head, "typhoon", "台风")
    emergency.check(s.station, s.worker, ids["alone"], "safe")  # any worker checks off
    with pytest.raises(PermissionDeniedError):
        emergency.stop_event(s.station, s.worker, "结束")
    with pytest.raises(PermissionDeniedError):
        emergency.check(s.station, s.admin, ids["alone"], "safe")
    assert emergency.current_event(s.station, s.worker) is not None


def test_check_needs_an_open_event_a_known_status_and_a_listed_resident(desk) -> None:
    s, ids = desk
    with pytest.raises(emergency.NoOpenEventError):
        emergency.check(s.station, s.worker, ids["alone"], "safe")
    emergency.start_event(s.station, s.head, "heat-wave", "高温")
    with pytest.raises(InputError):
        emergency.check(s.station, s.worker, ids["alone"], "fine")
    with pytest.raises(NotFoundError):
        emergency.check(s.station, s.worker, "00000000-0000-0000-0000-000000000000", "safe")
    with pytest.raises(NotFoundError):
        emergency.check(s.station, s.worker, ids["member"], "safe")  # not on the list
    assert _count(s, EmergencyCheck) == 0


def test_check_offs_are_appended_with_time_and_actor(desk) -> None:
    s, ids = desk
    emergency.start_event(s.station, s.head, "cold-wave", "寒潮")
    first = emergency.check(
        s.station, s.worker, ids["alone"], "联系不上", note=f"电话{PHONE}无人接"
    )
    assert first.status is CheckStatus.UNREACHABLE and first.status_zh == "联系不上"
    s.clock.advance(minutes=30)
    row = emergency.check(s.station, s.head, ids["alone"], CheckStatus.SAFE)
    assert row.status is CheckStatus.SAFE and row.unreachable_since is None
    with s.station.db.read_session() as session:
        checks = list(session.scalars(select(EmergencyCheck).order_by(EmergencyCheck.id)))
        assert [c.status for c in checks] == ["unreachable", "safe"]
        assert [c.actor_id for c in checks] == [s.worker.worker_id, s.head.worker_id]
        assert checks[1].at - checks[0].at == s.clock.now - checks[0].at
    checks_audited = [a for a in _audit(s) if a.action == "emergency_entry.check"]
    assert len(checks_audited) == 2
    assert PHONE not in json.dumps([a.details for a in _audit(s)], ensure_ascii=False)


def test_need_help_opens_one_linked_case_in_the_same_transaction(desk) -> None:
    s, ids = desk
    emergency.start_event(s.station, s.head, "outage", "停水停电")
    outbox_before = _count(s, OutboxEntry)
    row = emergency.check(s.station, s.worker, ids["old"], "need-help", note="需要送饮用水")
    assert row.case_number is not None and row.case_number.startswith("SY0101-C-")
    with s.station.db.read_session() as session:
        case = session.scalars(select(Case)).one()
        assert case.resident_id == ids["old"] and case.owner_id == s.worker.worker_id
        assert case.type_code in emergency.HELP_CASE_TYPES and "需要帮助" in case.summary
    with s.station.db.read_session() as session:
        queued = list(
            session.scalars(
                select(OutboxEntry).where(OutboxEntry.seq > outbox_before).order_by(OutboxEntry.seq)
            )
        )
    # the case's own op first, then the check-off naming it
    assert [(o.entity, o.kind) for o in queued] == [
        ("case", "create"),
        ("emergency_entry", "check"),
    ]
    assert queued[1].payload["case_id"] == case.id
    again = emergency.check(s.station, s.worker, ids["old"], "需要帮助")
    assert again.case_number == row.case_number and _count(s, Case) == 1


def test_status_totals_by_grid_and_overdue_unreachable(desk) -> None:
    s, ids = desk
    emergency.start_event(s.station, s.head, "typhoon", "台风")
    emergency.check(s.station, s.worker, ids["alone"], "safe")
    emergency.check(s.station, s.worker, ids["poor"], "relocated")
    emergency.check(s.station, s.worker, ids["mother"], "need-help")
    emergency.check(s.station, s.worker, ids["far"], "unreachable")
    s.clock.advance(hours=1)
    emergency.check(s.station, s.worker, ids["ill"], "unreachable")
    report = emergency.status(s.station, s.worker)
    assert (report.total, report.reached, report.need_help, report.unreachable) == (6, 3, 1, 2)
    assert report.by_grid["G01"] == emergency.GridTotals(5, 3, 1, 1)
    assert report.by_grid["G02"] == emergency.GridTotals(1, 0, 0, 1)
    assert report.overdue == ()
    s.clock.advance(hours=1, seconds=1)
    overdue = emergency.status(s.station, s.worker).overdue
    assert [r.resident_id for r in overdue] == [ids["far"]]
    # marking unreachable again does not restart the clock
    emergency.check(s.station, s.worker, ids["far"], "unreachable", note="再次拨打")
    assert [r.resident_id for r in emergency.status(s.station, s.worker).overdue] == [ids["far"]]
    listed = emergency.list_entries(s.station, s.worker, status="unreachable", grid="G01")
    assert [r.resident_id for r in listed] == [ids["ill"]]


def test_amend_adds_a_resident_once(desk) -> None:
    s, ids = desk
    emergency.start_event(s.station, s.head, "epidemic", "疫情")
    info = emergency.add_to_event(s.station, s.worker, ids["member"])
    assert info.entries == 7
    rows = {r.resident_id: r for r in emergency.list_entries(s.station, s.worker)}
    assert rows[ids["member"]].added and not rows[ids["alone"]].added
    with pytest.raises(InputError):
        emergency.add_to_event(s.station, s.worker, ids["member"])
    assert [a.details for a in _audit(s) if a.action == "emergency_event.amend"] == [
        {"resident": ids["member"]}
    ]


def test_assign_balances_by_grid_and_building(desk) -> None:
    s, ids = desk
    a = emergency.add_responder(s.station, s.head, worker="wangfang", grid="G01")
    b = emergency.add_responder(s.station, s.head, worker="lihead", grid="G01")
    v = emergency.add_responder(s.station, s.head, name="赵志愿")
    with pytest.raises(PermissionDeniedError):
        emergency.add_responder(s.station, s.worker, name="某人")
    emergency.start_event(s.station, s.head, "typhoon", "台风")
    report = emergency.assign(s.station, s.worker)
    assert report.assigned == 6 and report.unassigned == 0
    rows = emergency.list_entries(s.station, s.worker)
    by_building: dict[str, set[str | None]] = {}
    for r in rows:
        by_building.setdefault(r.address.split("栋")[0], set()).add(r.responder_id)
    assert all(len(v) == 1 for v in by_building.values())  # a building stays with one person
    g02 = [r for r in rows if r.grid == "G02"]
    assert [r.responder_id for r in g02] == [v.id]  # only the floating responder covers G02
    loads = sorted(report.loads.values())
    assert sum(loads) == 6 and loads[-1] - loads[0] <= 2
    assert {a.id, b.id, v.id} == {r.responder_id for r in rows}
    # a second run leaves the assigned alone and gives an amended resident a responder
    emergency.add_to_event(s.station, s.worker, ids["member"])
    again = emergency.assign(s.station, s.worker)
    assert (again.assigned, again.unassigned) == (1, 0) and sum(again.loads.values()) == 7


def test_stop_needs_a_summary_then_a_new_event_may_start(desk) -> None:
    s, ids = desk
    emergency.start_event(s.station, s.head, "typhoon", "台风")
    with pytest.raises(InputError):
        emergency.stop_event(s.station, s.head, "  ")
    info = emergency.stop_event(s.station, s.head, "全部联系到，无人员伤亡。")
    assert info.closed_at is not None and info.summary == "全部联系到，无人员伤亡。"
    assert emergency.current_event(s.station, s.worker) is None
    with pytest.raises(emergency.NoOpenEventError):
        emergency.check(s.station, s.worker, ids["alone"], "safe")
    with pytest.raises(emergency.NoOpenEventError):
        emergency.stop_event(s.station, s.head, "再次结束")
    emergency.start_event(s.station, s.head, "rainstorm", "暴雨")
    assert [e.name for e in emergency.list_events(s.station, s.worker)] == ["暴雨", "台风"]
