"""Department answers pulled from the district: applied once, moving the case only when they fit."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from stationdesk.domain.cases import CaseState
from stationdesk.domain.ids import new_id
from stationdesk.services import cases
from stationdesk.services.cases import DepartmentAnswer, record_department_answer
from stationdesk.services.sync_entities import handlers
from stationdesk.services.uow import unit_of_work
from stationdesk.store.models import OutboxEntry
from stationdesk.store.models_cases import CaseEvent
from stationdesk.sync.protocol import Change
from tests.conftest import StationFixture
from tests.helpers.cases import new_case

DEPT = "STREET_SOCIAL_SECURITY"


def referred(st: StationFixture) -> tuple[str, str]:
    case = cases.open_case(st.station, st.worker, new_case("RESIDENT_PENSION_ENROLMENT")).case
    cases.act(st.station, st.worker, case.id, "accept")
    cases.act(st.station, st.worker, case.id, "refer", department=DEPT, note="请办理")
    with st.station.db.read_session() as s:
        refer_id = s.scalar(
            select(CaseEvent.id).where(CaseEvent.case_id == case.id, CaseEvent.action == "refer")
        )
    assert refer_id is not None
    return case.id, refer_id


def answer(case_id: str, referral: str | None, action: str, note: str | None = None) -> Change:
    data = {
        "case_id": case_id,
        "referral_event_id": referral,
        "action": action,
        "note": note,
        "department": DEPT,
        "department_name": "街道社保所",
        "by": "赵科员",
        "at": datetime(2026, 11, 20, 9, 30, tzinfo=UTC).isoformat(),
    }
    return Change(entity="case_answer", entity_id=new_id(), kind="upsert", version=1, data=data)


def apply(st: StationFixture, change: Change) -> bool:
    handler = handlers()["case_answer"]
    with st.station.db.write_session() as s:
        return handler.apply(s, change, [])


def outbox_acts(st: StationFixture, case_id: str) -> list[dict]:
    with st.station.db.read_session() as s:
        rows = s.scalars(
            select(OutboxEntry).where(OutboxEntry.entity_id == case_id).order_by(OutboxEntry.seq)
        )
        return [r.payload for r in rows if r.kind == "act"]


def test_an_answer_to_the_current_referral_moves_the_case_once(station: StationFixture):
    case_id, refer_id = referred(station)
    ack = answer(case_id, refer_id, "ack")
    assert apply(station, ack) is True
    assert apply(station, ack) is False  # pulled again: nothing new
    detail = cases.show_case(station.station, station.worker, case_id)
    assert detail.case.state is CaseState.DEPT_ACKNOWLEDGED
    event = detail.events[-1]
    assert (event.action, event.source, event.manual) == ("ack", "district", False)
    assert event.actor_name == "区平台" and event.department == DEPT
    assert "赵科员" in (event.note or "")
    assert event.at == datetime(2026, 11, 20, 17, 30, tzinfo=event.at.tzinfo)
    pushed = outbox_acts(station, case_id)[-1]
    assert pushed["answer_id"] == ack.entity_id and pushed["to"] == "DEPT_ACKNOWLEDGED"

    reply = answer(case_id, refer_id, "reply", "已办理参保")
    assert apply(station, reply) is True
    assert cases.show_case(station.station, station.worker, case_id).case.state is (
        CaseState.DEPT_REPLIED
    )
    with station.station.db.read_session() as s:
        rows = list(handlers()["case_answer"].scope_rows(s))
    assert sorted(r[0] for r in rows) == sorted([ack.entity_id, reply.entity_id])


def test_an_answer_that_does_not_fit_is_kept_without_moving_the_case(station: StationFixture):
    case_id, refer_id = referred(station)
    before = len(outbox_acts(station, case_id))
    # to an earlier referral, and an action the state does not take: both kept, state unchanged
    assert apply(station, answer(case_id, new_id(), "ack")) is True
    assert apply(station, answer(case_id, refer_id, "reply", "已回复")) is True
    detail = cases.show_case(station.station, station.worker, case_id)
    assert detail.case.state is CaseState.REFERRED
    kept = [e for e in detail.events if e.action == "answer"]
    assert len(kept) == 2 and all(e.from_state is e.to_state is CaseState.REFERRED for e in kept)
    assert kept[1].note is not None and kept[1].note.startswith("反馈：已回复")
    assert len(outbox_acts(station, case_id)) == before  # nothing to push


def test_malformed_answers_and_unknown_cases_are_skipped(station: StationFixture):
    case_id, refer_id = referred(station)
    bad = answer(case_id, refer_id, "ack")
    assert bad.data is not None
    bad.data.pop("at")
    assert apply(station, bad) is False
    assert apply(station, answer(new_id(), refer_id, "ack")) is False
    with unit_of_work(station.station, None) as uow:
        ok = DepartmentAnswer.from_record(
            new_id(), dict(answer(case_id, refer_id, "ack").data or {})
        )
        assert record_department_answer(uow, ok) is True
