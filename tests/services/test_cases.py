"""One-window cases through the service: every state x action, owner rule, deadlines, export."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from stationdesk.domain.cases import (
    TRANSITIONS,
    CaseAction,
    CaseState,
    SatisfactionGrade,
    requires_department,
    requires_note,
)
from stationdesk.domain.open311 import GEOREPORT_V2_FIELDS
from stationdesk.domain.workdays import DeadlineLevel
from stationdesk.services import case_reference, cases
from stationdesk.services.actor import Actor
from stationdesk.services.cases import CaseView, NewCase
from stationdesk.services.errors import InputError, NotFoundError, PermissionDeniedError
from stationdesk.store.models import AuditRecord, OutboxEntry
from stationdesk.store.models_cases import Case, CaseEvent
from tests.conftest import StationFixture
from tests.helpers.cases import local_at, new_case

A = CaseAction
S = CaseState

#: A path of actions from REGISTERED to each state.
PATHS: dict[CaseState, list[CaseAction]] = {
    S.REGISTERED: [],
    S.ACCEPTED: [A.ACCEPT],
    S.NOT_ACCEPTED: [A.REJECT],
    S.HANDLING: [A.ACCEPT, A.HANDLE],
    S.REFERRED: [A.ACCEPT, A.REFER],
    S.DEPT_ACKNOWLEDGED: [A.ACCEPT, A.REFER, A.ACK],
    S.DEPT_REPLIED: [A.ACCEPT, A.REFER, A.ACK, A.REPLY],
    S.RETURNED: [A.ACCEPT, A.REFER, A.RETURN],
    S.VERIFYING: [A.ACCEPT, A.REFER, A.ACK, A.REPLY, A.VERIFY],
    S.RESOLVED: [A.ACCEPT, A.RESOLVE],
    S.FOLLOWED_UP: [A.ACCEPT, A.RESOLVE, A.FOLLOW_UP],
    S.CLOSED: [A.ACCEPT, A.RESOLVE, A.CLOSE],
    S.PENDING_MATERIALS: [A.ACCEPT, A.HANDLE, A.PEND],
    S.REOPENED: [A.ACCEPT, A.RESOLVE, A.REOPEN],
}


def inputs(action: CaseAction) -> dict[str, str | None]:
    return {
        "note": "说明" if requires_note(action) else None,
        "department": "STREET_SOCIAL_SECURITY" if requires_department(action) else None,
    }


def drive(st: StationFixture, actor: Actor, path: list[CaseAction]) -> str:
    detail = cases.open_case(st.station, actor, new_case())
    for action in path:
        detail = cases.act(st.station, actor, detail.case.id, action, **inputs(action))
    return detail.case.id


def counts(st: StationFixture) -> tuple[int, int, int]:
    with st.station.db.read_session() as s:
        return (
            s.scalar(select(func.count()).select_from(OutboxEntry)) or 0,
            s.scalar(select(func.count()).select_from(CaseEvent)) or 0,
            s.scalar(select(func.count()).select_from(AuditRecord)) or 0,
        )


# --- the state machine through the service ---------------------------------------------------


@pytest.mark.parametrize("state", list(CaseState), ids=lambda s: s.value)
def test_every_state_action_pair_through_the_service(station: StationFixture, state: CaseState):
    st, worker = station, station.worker
    path = PATHS[state]
    stuck = drive(st, worker, path)
    assert cases.show_case(st.station, worker, stuck).case.state is state
    allowed = dict(TRANSITIONS[state])
    if state is S.PENDING_MATERIALS:
        allowed[A.RESUME] = S.HANDLING  # paused from HANDLING on this path
    for action in CaseAction:
        if action in allowed:
            case_id = drive(st, worker, path)
            before = counts(st)
            detail = cases.act(st.station, worker, case_id, action, **inputs(action))
            assert detail.case.state is allowed[action], (state, action)
            last = detail.events[-1]
            assert (last.action, last.from_state, last.to_state) == (
                action.value,
                state,
                allowed[action],
            )
            assert last.actor_name == "王芳"
            assert last.manual is (action in cases.DEPARTMENT_ACTIONS)
            outbox, events, audits = counts(st)
            assert (outbox, events, audits) == (before[0] + 1, before[1] + 1, before[2] + 1)
        else:
            before = counts(st)
            version = cases.show_case(st.station, worker, stuck).case.version
            with pytest.raises(InputError) as err:
                cases.act(st.station, worker, stuck, action, **inputs(action))
            assert action.value in str(err.value) and state.value in str(err.value)
            assert "不能" in err.value.zh
            after = cases.show_case(st.station, worker, stuck)
            assert after.case.state is state and after.case.version == version
            assert counts(st) == before, (state, action)


def test_missing_note_or_department_is_refused_and_nothing_changes(station: StationFixture):
    st, worker = station, station.worker
    case_id = drive(st, worker, [])
    before = counts(st)
    with pytest.raises(InputError) as err:
        cases.act(st.station, worker, case_id, "reject")
    assert "必须填写说明" in err.value.zh
    cases.act(st.station, worker, case_id, "accept")
    with pytest.raises(InputError, match="department"):
        cases.act(st.station, worker, case_id, "refer", note="转街道")
    with pytest.raises(InputError, match="unknown department"):
        cases.act(st.station, worker, case_id, "refer", department="NO_SUCH_DEPT")
    with pytest.raises(InputError, match="only named when referring"):
        cases.act(st.station, worker, case_id, "handle", department="STREET_SOCIAL_SECURITY")
    with pytest.raises(InputError, match="unknown action"):
        cases.act(st.station, worker, case_id, "teleport")
    assert cases.show_case(st.station, worker, case_id).case.state is S.ACCEPTED
    assert counts(st)[0] == before[0] + 1  # only the accept


def test_department_reply_recorded_by_hand_says_so(station: StationFixture):
    st, worker = station, station.worker
    case_id = drive(st, worker, [A.ACCEPT])
    cases.act(
        st.station, worker, case_id, "refer", department="street_civil_affairs", note="请核实"
    )
    cases.act(st.station, worker, case_id, "ack")
    detail = cases.act(st.station, worker, case_id, "reply", note="电话告知：已受理")
    refer, ack, reply = detail.events[-3:]
    assert not refer.manual and refer.department == "STREET_CIVIL_AFFAIRS"
    assert refer.department_name == "街道民政科"
    assert ack.manual and reply.manual
    assert reply.department == "STREET_CIVIL_AFFAIRS" and reply.note == "电话告知：已受理"
    assert detail.case.department_name == "街道民政科"
    with st.station.db.read_session() as s:
        row = s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq.desc())).first()
        assert row is not None and row.payload["manual"] is True
        assert row.payload["action"] == "reply" and row.base_version is not None


def test_pend_and_resume_return_to_the_paused_state(station: StationFixture):
    st, worker = station, station.worker
    for path, paused_from in (
        ([], S.REGISTERED),
        ([A.ACCEPT], S.ACCEPTED),
        ([A.ACCEPT, A.REFER, A.ACK], S.DEPT_ACKNOWLEDGED),
    ):
        case_id = drive(st, worker, [*path, A.PEND])
        detail = cases.show_case(st.station, worker, case_id)
        assert detail.paused_from is paused_from and detail.case.deadline is not None
        assert detail.case.deadline.paused
        detail = cases.act(st.station, worker, case_id, "resume")
        assert detail.case.state is paused_from and detail.paused_from is None


# --- owner rule (首问负责) ------------------------------------------------------------------


def test_only_the_owner_or_a_head_may_act(station: StationFixture):
    st = station
    case_id = drive(st, st.worker, [])
    other = Actor("someone-else", "liuyang", "刘洋", st.worker.role)
    with pytest.raises(PermissionDeniedError) as err:
        cases.act(st.station, other, case_id, "accept")
    assert "首问" in err.value.zh and err.value.exit_code == 3
    with pytest.raises(PermissionDeniedError):
        cases.act(st.station, st.admin, case_id, "accept")
    # every worker may read it, but not act on it
    seen = cases.show_case(st.station, other, case_id)
    assert seen.case.state is S.REGISTERED and not seen.can_act and seen.allowed_actions == ()
    # the head steps in
    detail = cases.act(st.station, st.head, case_id, "accept")
    assert detail.case.state is S.ACCEPTED and detail.events[-1].actor_name == "李站长"
    assert detail.case.owner_name == "王芳"  # ownership stays with whoever received it


def test_a_stale_version_is_refused(station: StationFixture):
    st = station
    detail = cases.open_case(st.station, st.worker, new_case())
    cases.act(st.station, st.head, detail.case.id, "accept")
    with pytest.raises(InputError, match="changed meanwhile"):
        cases.act(st.station, st.worker, detail.case.id, "reject", note="x", expected_version=1)
    assert cases.show_case(st.station, st.worker, detail.case.id).case.state is S.ACCEPTED


# --- opening -----------------------------------------------------------------------------------


def test_open_numbers_cases_and_records_the_owner(station: StationFixture):
    st = station
    first = cases.open_case(st.station, st.worker, new_case(grid="G01", address="3栋2单元"))
    second = cases.open_case(st.station, st.head, new_case(channel="phone"))
    assert first.case.number == "SY0101-C-000001" and second.case.number == "SY0101-C-000002"
    assert first.case.owner_name == "王芳" and second.case.owner_name == "李站长"
    assert first.case.state is S.REGISTERED and first.events[0].action == "open"
    assert first.case.type_name == "政策咨询" and first.time_limit_days == 1
    # found by number (as typed, with full-width digits) or by id
    assert cases.show_case(st.station, st.worker, "sy0101-c-000001").case.id == first.case.id
    assert cases.show_case(st.station, st.worker, "SY0101-C-００0001").case.id == first.case.id
    with pytest.raises(NotFoundError):
        cases.show_case(st.station, st.worker, "SY0101-C-000099")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"type_code": "NOPE"}, "type"),
        ({"channel": "pigeon"}, "channel"),
        ({"summary": "   "}, "summary"),
        ({"summary": "长" * 201}, "summary"),
        ({"resident_id": "not-an-id"}, "resident"),
        ({"reporter_phone": "call me"}, "phone"),
        ({"resolve_on_the_spot": " "}, "result"),
    ],
)
def test_bad_new_cases_write_nothing(station: StationFixture, change: dict, field: str):
    st = station
    values = {"type_code": "POLICY_CONSULTATION", "channel": "walk-in", "summary": "咨询"}
    values.update(change)
    before = counts(st)
    with pytest.raises(InputError) as err:
        cases.open_case(st.station, st.worker, NewCase(**values))
    assert err.value.field == field
    assert counts(st) == before


def test_admin_cannot_open_cases(station: StationFixture):
    with pytest.raises(PermissionDeniedError):
        cases.open_case(station.station, station.admin, new_case())


def test_reporter_phone_is_masked_and_revealed_only_with_a_reason(station: StationFixture):
    st = station
    detail = cases.open_case(
        st.station,
        st.worker,
        new_case(channel="phone", reporter_name="张阿姨", reporter_phone="138 0013 8000"),
    )
    assert detail.reporter_phone_masked == "138****8000"
    assert detail.case.reporter == "张阿姨 138****8000"
    listed = cases.list_cases(st.station, st.worker)
    assert "13800138000" not in repr(listed) and "13800138000" not in repr(detail)
    with pytest.raises(InputError):
        cases.reveal_reporter_phone(st.station, st.worker, detail.case.id, " ")
    full = cases.reveal_reporter_phone(st.station, st.worker, detail.case.id, "回访需要")
    assert full == "13800138000"
    with st.station.db.read_session() as s:
        rec = s.scalars(select(AuditRecord).order_by(AuditRecord.seq.desc())).first()
        assert rec is not None and rec.action == "case.reveal_phone"
        assert rec.details["reason"] == "回访需要" and "13800138000" not in str(rec.details)
    with pytest.raises(PermissionDeniedError):
        cases.reveal_reporter_phone(st.station, st.admin, detail.case.id, "x")


def test_a_bad_phone_is_never_echoed(station: StationFixture):
    with pytest.raises(InputError) as err:
        cases.open_case(
            station.station, station.worker, new_case(reporter_phone="138001380001234567890123")
        )
    assert "1380013800" not in str(err.value) and "1380013800" not in err.value.zh


# --- walk-in on the spot, rating, reopening ----------------------------------------------------


def test_walk_in_closed_on_the_spot(station: StationFixture):
    st = station
    detail = cases.open_case(
        st.station, st.worker, new_case(resolve_on_the_spot="已当场解答申领条件")
    )
    assert detail.case.state is S.RESOLVED
    assert [e.action for e in detail.events] == ["open", "accept", "resolve"]
    assert detail.events[-1].note == "已当场解答申领条件"
    assert detail.can_rate
    detail = cases.rate(st.station, st.worker, detail.case.number, "满意")
    assert detail.case.state is S.FOLLOWED_UP and detail.rating is SatisfactionGrade.SATISFIED
    assert [e.action for e in detail.events][-2:] == ["follow-up", "rate"]
    detail = cases.act(st.station, st.worker, detail.case.id, "close")
    assert detail.case.state is S.CLOSED and detail.case.deadline is None
    assert detail.allowed_actions == ()


@pytest.mark.parametrize("grade", ["dissatisfied", "非常不满意", "VERY_DISSATISFIED"])
def test_a_dissatisfied_rating_reopens_the_case(station: StationFixture, grade: str):
    st = station
    detail = cases.open_case(st.station, st.worker, new_case(resolve_on_the_spot="已解答"))
    detail = cases.rate(st.station, st.worker, detail.case.id, grade, note="没有解决实际问题")
    assert detail.case.state is S.REOPENED
    assert [e.action for e in detail.events][-3:] == ["follow-up", "rate", "reopen"]
    assert detail.events[-1].note == "没有解决实际问题"
    detail = cases.act(st.station, st.worker, detail.case.id, "handle")
    assert detail.case.state is S.HANDLING


def test_rating_needs_a_resolved_case_and_a_known_grade(station: StationFixture):
    st = station
    case_id = drive(st, st.worker, [A.ACCEPT])
    with pytest.raises(InputError) as err:
        cases.rate(st.station, st.worker, case_id, "satisfied")
    assert "办结后" in err.value.zh
    case_id = drive(st, st.worker, [A.ACCEPT, A.RESOLVE])
    with pytest.raises(InputError, match="grade"):
        cases.rate(st.station, st.worker, case_id, "so-so")
    assert cases.show_case(st.station, st.worker, case_id).case.state is S.RESOLVED


# --- working-day deadlines across National Day 2025 ---------------------------------------------


def test_deadlines_across_national_day_2025(station: StationFixture):
    st = station
    # Friday 2025-09-26 16:00; pension enrolment promises 5 working days:
    # Sun 09-28 (adjusted workday) 1, Mon 09-29 2, Tue 09-30 3, [Oct 1-8 off], Thu 10-09 4,
    # Fri 10-10 5.
    st.clock.now = local_at(2025, 9, 26, 16)
    detail = cases.open_case(st.station, st.worker, new_case("RESIDENT_PENSION_ENROLMENT"))
    case_id = detail.case.id
    assert detail.case.due == date(2025, 10, 10)
    assert detail.case.deadline is not None and detail.case.deadline.level is DeadlineLevel.OK
    cases.act(st.station, st.worker, case_id, "accept")

    st.clock.now = local_at(2025, 10, 8, 12)  # the last holiday: 3 of 5 elapsed
    assert cases.show_case(st.station, st.worker, case_id).case.deadline.level is DeadlineLevel.OK
    st.clock.now = local_at(2025, 10, 9, 9)  # 4 of 5 = 80 %: amber
    deadline = cases.show_case(st.station, st.worker, case_id).case.deadline
    assert deadline.level is DeadlineLevel.AMBER and deadline.elapsed_working_days == 4
    st.clock.now = local_at(2025, 10, 10, 23, 59)  # still due today
    assert not cases.show_case(st.station, st.worker, case_id).case.deadline.overdue
    assert cases.list_cases(st.station, st.worker, CaseView.OVERDUE) == []
    st.clock.now = local_at(2025, 10, 11, 9)  # Saturday, an adjusted workday: overdue
    deadline = cases.show_case(st.station, st.worker, case_id).case.deadline
    assert deadline.level is DeadlineLevel.RED
    overdue = cases.list_cases(st.station, st.worker, CaseView.OVERDUE)
    assert [c.id for c in overdue] == [case_id]
    assert cases.view_counts(st.station, st.worker)[CaseView.OVERDUE] == 1


def test_pausing_moves_the_deadline_by_the_working_days_paused(station: StationFixture):
    st = station
    st.clock.now = local_at(2025, 9, 26, 16)
    detail = cases.open_case(st.station, st.worker, new_case("RESIDENT_PENSION_ENROLMENT"))
    case_id = detail.case.id
    cases.act(st.station, st.worker, case_id, "accept")
    st.clock.now = local_at(2025, 9, 29, 10)  # paused Monday 09-29 (that day still counts)
    cases.act(st.station, st.worker, case_id, "pend", note="缺户口簿复印件")
    st.clock.now = local_at(2025, 10, 8, 15)  # mid-pause, last day of the holiday
    paused = cases.show_case(st.station, st.worker, case_id)
    # paused so far: 09-30 (one working day) -> 6 working days: due Saturday 10-11 (adjusted)
    assert paused.case.deadline is not None and paused.case.deadline.paused
    assert paused.case.deadline.due == date(2025, 10, 11)
    st.clock.now = local_at(2025, 10, 11, 9)  # would be overdue without the pause
    paused = cases.show_case(st.station, st.worker, case_id)
    # paused so far: 09-30, 10-09, 10-10, 10-11 -> due 9 working days after receipt: 10-15
    assert paused.case.deadline is not None and not paused.case.deadline.overdue
    assert paused.case.deadline.due == date(2025, 10, 15)
    assert cases.list_cases(st.station, st.worker, CaseView.OVERDUE) == []
    exported = cases.export_open311(st.station, st.worker)[0]
    assert exported["expected_datetime"] == "2025-10-15T23:59:59+08:00"
    resumed = cases.act(st.station, st.worker, case_id, "resume")
    assert resumed.case.state is S.ACCEPTED and resumed.case.due == date(2025, 10, 15)
    assert resumed.case.deadline is not None and resumed.case.deadline.due == date(2025, 10, 15)
    st.clock.now = local_at(2025, 10, 16, 9)
    assert [c.id for c in cases.list_cases(st.station, st.worker, CaseView.OVERDUE)] == [case_id]


def test_resume_after_two_paused_working_days(station: StationFixture):
    st = station
    st.clock.now = local_at(2025, 9, 26, 16)
    case_id = cases.open_case(st.station, st.worker, new_case("RESIDENT_PENSION_ENROLMENT")).case.id
    st.clock.now = local_at(2025, 9, 29, 10)
    cases.act(st.station, st.worker, case_id, "pend", note="缺户口簿复印件")
    st.clock.now = local_at(2025, 10, 9, 10)
    resumed = cases.act(st.station, st.worker, case_id, "resume")
    # paused over 09-30 and 10-09: 10-10 + 2 working days = Sat 10-11 (adjusted), Mon 10-13
    assert resumed.case.state is S.REGISTERED and resumed.case.due == date(2025, 10, 13)


def test_one_day_limit_received_before_the_holiday(station: StationFixture):
    st = station
    st.clock.now = local_at(2025, 9, 30, 15)
    detail = cases.open_case(st.station, st.worker, new_case("ELEVATOR_FAULT"))
    assert detail.case.due == date(2025, 10, 9)


# --- inbox views ---------------------------------------------------------------------------


def test_inbox_views(station: StationFixture):
    st = station
    mine_open = drive(st, st.worker, [A.ACCEPT])
    awaiting = drive(st, st.worker, [A.ACCEPT, A.REFER])
    acked = drive(st, st.worker, [A.ACCEPT, A.REFER, A.ACK])
    follow = drive(st, st.worker, [A.ACCEPT, A.RESOLVE])
    closed = drive(st, st.worker, [A.ACCEPT, A.RESOLVE, A.CLOSE])
    heads = drive(st, st.head, [])

    def ids(view: CaseView, **kw: object) -> set[str]:
        return {c.id for c in cases.list_cases(st.station, st.worker, view, **kw)}

    assert ids(CaseView.MINE) == {mine_open, awaiting, acked, follow}
    assert ids(CaseView.ALL) == {mine_open, awaiting, acked, follow, closed, heads}
    assert ids(CaseView.AWAITING_DEPARTMENT) == {awaiting, acked}
    assert ids(CaseView.TO_FOLLOW_UP) == {follow}
    assert ids(CaseView.ALL, state="closed") == {closed}
    assert ids(CaseView.OVERDUE) == set()
    st.clock.advance(days=30)
    assert ids(CaseView.OVERDUE) == {mine_open, awaiting, acked, follow, heads}
    assert ids(CaseView.ALL, overdue=True) == ids(CaseView.OVERDUE)
    counts_now = cases.view_counts(st.station, st.worker)
    assert counts_now == {
        CaseView.MINE: 4,
        CaseView.ALL: 6,
        CaseView.OVERDUE: 5,
        CaseView.AWAITING_DEPARTMENT: 2,
        CaseView.TO_FOLLOW_UP: 1,
    }
    with pytest.raises(InputError):
        cases.list_cases(st.station, st.worker, CaseView.ALL, state="LIMBO")


# --- attachments ---------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64 + b"ATTACHMENT-MARKER-7731"


def test_attachments_are_kept_encrypted_and_size_limited(station: StationFixture):
    st = station
    case_id = drive(st, st.worker, [])
    info = cases.add_attachment(st.station, st.worker, case_id, "C:\\scans\\户口簿.png", PNG)
    assert info.name == "户口簿.png" and info.mime == "image/png" and info.size == len(PNG)
    detail = cases.show_case(st.station, st.worker, case_id)
    assert [a.id for a in detail.attachments] == [info.id]
    assert detail.events[-1].action == "attach"
    got = cases.attachment_data(st.station, st.worker, info.id)
    assert got.data == PNG
    raw = st.station.paths.database.read_bytes()
    wal = st.station.paths.database.with_name("station.db-wal")
    if wal.exists():
        raw += wal.read_bytes()
    assert b"ATTACHMENT-MARKER-7731" not in raw
    with pytest.raises(InputError, match="at most 10 MB"):
        cases.add_attachment(
            st.station, st.worker, case_id, "big.png", PNG + b"0" * cases.MAX_ATTACHMENT_BYTES
        )
    with pytest.raises(InputError, match="scans and photos"):
        cases.add_attachment(st.station, st.worker, case_id, "run.exe", b"MZ\x90\x00")
    with pytest.raises(InputError, match="does not match"):
        cases.add_attachment(st.station, st.worker, case_id, "fake.pdf", b"hello")
    other = Actor("someone-else", "liuyang", "刘洋", st.worker.role)
    with pytest.raises(PermissionDeniedError):
        cases.add_attachment(st.station, other, case_id, "a.png", PNG)


# --- Open311 ------------------------------------------------------------------------------


def test_open311_export_has_every_georeport_field(station: StationFixture):
    st = station
    st.clock.now = local_at(2026, 3, 2, 9, 30)
    closed = cases.open_case(
        st.station,
        st.worker,
        new_case(
            summary="居民来电13800138000反映路灯不亮",
            reporter_name="张阿姨",
            reporter_phone="13900139000",
            address="3栋门口",
            resolve_on_the_spot="已联系物业修复",
        ),
    )
    cases.rate(st.station, st.worker, closed.case.id, "非常满意")
    cases.act(st.station, st.worker, closed.case.id, "close")
    st.clock.now = local_at(2026, 3, 5, 9)
    referred = cases.open_case(
        st.station, st.worker, new_case("RESIDENT_PENSION_ENROLMENT", grid="G03")
    )
    cases.act(st.station, st.worker, referred.case.id, "accept")
    cases.act(
        st.station,
        st.worker,
        referred.case.id,
        "refer",
        department="STREET_SOCIAL_SECURITY",
        note="请办理",
    )
    exported = cases.export_open311(st.station, st.worker)
    assert len(exported) == 2
    for request in exported:
        assert tuple(request) == GEOREPORT_V2_FIELDS
        assert request["status"] in ("open", "closed")
    first, second = exported
    assert first["service_request_id"] == "SY0101-C-000001"
    assert first["status"] == "closed" and first["status_notes"].startswith("CLOSED 已结案")
    assert first["service_code"] == "POLICY_CONSULTATION" and first["service_name"] == "政策咨询"
    assert first["agency_responsible"] == "星海社区党群服务站"
    assert first["requested_datetime"] == "2026-03-02T09:30:00+08:00"
    assert first["expected_datetime"] == "2026-03-03T23:59:59+08:00"
    assert first["address"] == "3栋门口"
    assert "13800138000" not in str(first) and "138****8000" in str(first["description"])
    assert "13900139000" not in str(exported) and "张阿姨" not in str(exported)
    assert second["status"] == "open" and second["status_notes"] == "REFERRED 已转办: 请办理"
    assert second["agency_responsible"] == "街道社保所"
    assert second["address"] == "网格 G03"
    assert second["updated_datetime"] == "2026-03-05T09:00:00+08:00"
    assert second["expected_datetime"] == "2026-03-12T23:59:59+08:00"
    since = cases.export_open311(st.station, st.worker, since=date(2026, 3, 4))
    assert [r["service_request_id"] for r in since] == ["SY0101-C-000002"]


def test_deidentify_masks_ids_and_phones_but_not_dates():
    text = "身份证210102199003071234，电话13800138000，座机024-12345678，日期2026-03-02，楼号12"
    out = cases.deidentify(text)
    assert "210102199003071234" not in out and "2101**********1234" in out
    assert "138****8000" in out and "12345678" not in out
    assert "2026-03-02" in out and "楼号12" in out


# --- reference data -------------------------------------------------------------------------


def test_reference_data_can_be_replaced_by_a_newer_version(station: StationFixture):
    import json

    from stationdesk.resources import resource_path

    st = station
    data = json.loads(resource_path("matters", "matter_types.json").read_text(encoding="utf-8"))
    data["version"] = 2
    data["matter_types"][0]["time_limit_working_days"] = 7
    code = data["matter_types"][0]["code"]
    with pytest.raises(PermissionDeniedError):
        case_reference.replace_case_reference(st.station, st.worker, "matter_types", data)
    case_reference.replace_case_reference(st.station, st.admin, "matter_types", data)
    types = {t.code: t for t in case_reference.list_matter_types(st.station)}
    assert types[code].time_limit_days == 7
    versions = {
        v.kind.value: (v.version, v.source) for v in case_reference.reference_versions(st.station)
    }
    assert versions["matter_types"] == (2, "district")
    assert versions["departments"] == (1, "shipped")
    with pytest.raises(InputError, match="not newer"):
        case_reference.replace_case_reference(st.station, st.admin, "matter_types", data)
    bad = dict(data, version=3)
    bad["matter_types"] = [dict(data["matter_types"][0], default_department="NOWHERE")]
    with pytest.raises(InputError, match="unknown default_department"):
        case_reference.replace_case_reference(st.station, st.admin, "matter_types", bad)
    # a case opened now carries the new promise; the limit is kept with the case
    detail = cases.open_case(st.station, st.worker, new_case(code))
    assert detail.time_limit_days == 7


def test_matter_types_have_pinyin_search_keys(station: StationFixture):
    types = {t.code: t for t in case_reference.list_matter_types(station.station)}
    key = types["POLICY_CONSULTATION"].search_key
    assert "zczx" in key and "zhengcezixun" in key and "政策咨询" in key
    assert types["POLICY_CONSULTATION"].category_name == "其他"
    departments = case_reference.list_departments(station.station)
    assert departments[0].code == "COMMUNITY_STATION"


def test_case_rows_exist_only_through_the_service(station: StationFixture):
    st = station
    drive(st, st.worker, [A.ACCEPT])
    with st.station.db.read_session() as s:
        case = s.scalars(select(Case)).one()
        assert case.version == 2 and case.owner_id == st.worker.worker_id
