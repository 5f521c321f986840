"""Referral round trip: a station refers a case, the department answers on the district page."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

import pytest
from sqlalchemy import func, select

from stationdesk.district import departments
from stationdesk.district.models import Record
from stationdesk.domain.cases import CaseState
from stationdesk.services import cases
from tests.helpers.cases import DEPT, referred_case

from .stations import assert_converged

OTHER = "STREET_SOCIAL_SECURITY"


def call(
    base: str, method: str, path: str, token: str | None = None, body: Any = None
) -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode("utf-8")
    req = urllib.request.Request(base + path, data=data, method=method)
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            raw = resp.read()
            status = resp.status
    except urllib.error.HTTPError as exc:
        raw = exc.read()
        status = exc.code
    try:
        return status, json.loads(raw)
    except ValueError:
        return status, raw.decode("utf-8")


@pytest.fixture
def tokens(district_db: Any) -> dict[str, str]:
    return {
        code: departments.add_department(district_db, code, name).token
        for code, name in ((DEPT, "街道民政科"), (OTHER, "街道社保所"))
    }


def test_a_department_answer_reaches_the_station_timeline(
    make_station, district_db, server, tokens
):
    a = make_station("SA0101", district_db)
    case_id = referred_case(a)
    assert a.sync(server.url).outcome == "ok"

    status, listed = call(server.url, "GET", "/dept/v1/cases", tokens[DEPT])
    assert status == 200
    assert [c["id"] for c in listed] == [case_id]
    view = listed[0]
    assert view["state"] == CaseState.REFERRED.value
    assert view["actions"] == ["ack", "return"]
    assert view["referral_note"] == "请街道协调维修"
    assert view["station_code"] == "SA0101"
    assert view["reporter_phone"] == "138****5678"
    assert "13812345678" not in json.dumps(listed)

    # another department neither sees nor answers it
    status, other = call(server.url, "GET", "/dept/v1/cases", tokens[OTHER])
    assert (status, other) == (200, [])
    status, body = call(
        server.url, "POST", f"/dept/v1/cases/{case_id}/answers", tokens[OTHER], {"action": "ack"}
    )
    assert status == 404, body

    # acknowledge (a retried submission with the same request id is answered once)
    request_id = "0193a000-0000-7000-8000-000000000001"
    ack = {"action": "ack", "by": "李科长", "request_id": request_id}
    for _ in range(2):
        status, body = call(
            server.url, "POST", f"/dept/v1/cases/{case_id}/answers", tokens[DEPT], ack
        )
        assert status == 200, body
        assert body["state"] == CaseState.DEPT_ACKNOWLEDGED.value
        assert body["actions"] == ["reply", "return"]
    status, body = call(
        server.url,
        "POST",
        f"/dept/v1/cases/{case_id}/answers",
        tokens[DEPT],
        {"action": "reply", "request_id": request_id, "note": "x"},
    )
    assert status == 409 and body["error"] == "request_reused"

    # a reply needs its note; an ack now is refused; then the reply
    path = f"/dept/v1/cases/{case_id}/answers"
    status, body = call(server.url, "POST", path, tokens[DEPT], {"action": "reply"})
    assert status == 422 and body["message_zh"]
    status, body = call(server.url, "POST", path, tokens[DEPT], {"action": "ack"})
    assert status == 409 and "不能签收" in body["message_zh"]
    status, body = call(
        server.url, "POST", path, tokens[DEPT], {"action": "reply", "note": "已安排物业更换灯具"}
    )
    assert status == 200 and body["state"] == CaseState.DEPT_REPLIED.value
    assert [x["action"] for x in body["answers"]] == ["ack", "reply"]
    with district_db.session() as s:
        count = s.scalar(
            select(func.count()).select_from(Record).where(Record.entity == "case_answer")
        )
    assert count == 2

    # the station's next sync brings both answers into the timeline and moves the case
    result = a.sync(server.url)
    assert result.outcome == "ok"
    detail = cases.show_case(a.station, a.head, case_id)
    assert detail.case.state is CaseState.DEPT_REPLIED
    district = [e for e in detail.events if e.source == "district"]
    assert [e.action for e in district] == ["ack", "reply"]
    assert district[1].note == "已安排物业更换灯具"
    assert district[0].note is not None and "李科长" in district[0].note
    assert not any(e.manual for e in district)
    assert district[0].department == DEPT

    # the station's own events for the answers reach the server; both sides agree
    assert a.sync(server.url).outcome == "ok"
    assert a.sync(server.url).outcome == "ok"
    assert_converged(district_db, a)
    status, listed = call(server.url, "GET", "/dept/v1/cases?all=true", tokens[DEPT])
    assert listed[0]["state"] == CaseState.DEPT_REPLIED.value and listed[0]["actions"] == []
    status, open_only = call(server.url, "GET", "/dept/v1/cases", tokens[DEPT])
    assert open_only == []

    # pulling again changes nothing (each answer is recorded once)
    before = len(cases.show_case(a.station, a.head, case_id).events)
    assert a.sync(server.url).outcome == "ok"
    assert len(cases.show_case(a.station, a.head, case_id).events) == before


def test_a_return_sends_the_case_back_and_it_can_be_referred_again(
    make_station, district_db, server, tokens
):
    a = make_station("SA0101", district_db)
    case_id = referred_case(a)
    assert a.sync(server.url).outcome == "ok"
    path = f"/dept/v1/cases/{case_id}/answers"
    status, body = call(
        server.url, "POST", path, tokens[DEPT], {"action": "return", "note": "不属于本部门职责"}
    )
    assert status == 200 and body["state"] == CaseState.RETURNED.value
    assert a.sync(server.url).outcome == "ok"
    assert cases.show_case(a.station, a.head, case_id).case.state is CaseState.RETURNED

    # referred again: the department sees a fresh referral without the old answers
    cases.act(a.station, a.head, case_id, "refer", note="再次转办", department=DEPT)
    assert a.sync(server.url).outcome == "ok"
    status, listed = call(server.url, "GET", "/dept/v1/cases", tokens[DEPT])
    assert [(c["id"], c["actions"], c["answers"]) for c in listed] == [
        (case_id, ["ack", "return"], [])
    ]
    assert listed[0]["referral_note"] == "再次转办"
    assert_converged(district_db, a)


def test_an_answer_the_station_already_recorded_by_hand_is_kept_without_moving_the_case(
    make_station, district_db, server, tokens
):
    a = make_station("SA0101", district_db)
    case_id = referred_case(a)
    assert a.sync(server.url).outcome == "ok"
    # the department acknowledges on the platform while the station records a phoned-in ack
    status, _ = call(
        server.url, "POST", f"/dept/v1/cases/{case_id}/answers", tokens[DEPT], {"action": "ack"}
    )
    assert status == 200
    cases.act(a.station, a.head, case_id, "ack")
    assert a.sync(server.url).outcome == "ok"
    assert a.sync(server.url).outcome == "ok"
    detail = cases.show_case(a.station, a.head, case_id)
    assert detail.case.state is CaseState.DEPT_ACKNOWLEDGED
    assert [e.action for e in detail.events if e.action in ("ack", "answer")] == [
        "ack",
        "answer",
    ]
    kept = detail.events[-1]
    assert kept.source == "district" and kept.from_state == kept.to_state
    assert_converged(district_db, a)


def test_department_access_needs_its_token(make_station, district_db, server, tokens):
    a = make_station("SA0101", district_db)
    case_id = referred_case(a)
    assert a.sync(server.url).outcome == "ok"
    path = f"/dept/v1/cases/{case_id}/answers"
    for token in (None, "sdd_not-a-token", a.token):
        status, body = call(server.url, "GET", "/dept/v1/cases", token)
        assert status == 401, body
        status, body = call(server.url, "POST", path, token, {"action": "ack"})
        assert status == 401, body
    status, body = call(server.url, "POST", path, tokens[DEPT], {"action": "bogus"})
    assert status == 422
    status, body = call(
        server.url, "POST", path, tokens[DEPT], {"action": "ack", "note": "x" * 3000}
    )
    assert status == 422
    status, body = call(
        server.url, "POST", "/dept/v1/cases/nope/answers", tokens[DEPT], {"action": "ack"}
    )
    assert status == 404
    status, page = call(server.url, "GET", "/dept")
    assert status == 200 and "部门签收与反馈" in page
    status, me = call(server.url, "GET", "/dept/v1/me", tokens[DEPT])
    assert me == {"code": DEPT, "name": "街道民政科"}
