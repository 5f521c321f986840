"""What applying a pull queues at the station goes out in the same sync cycle."""

from __future__ import annotations

from typing import Any

import pytest

from stationdesk.district import departments
from stationdesk.district.departments import AnswerRequest
from stationdesk.services import sync
from tests.helpers.cases import DEPT, referred_case

from .stations import assert_converged

pytestmark = pytest.mark.postgres


def test_a_department_answer_is_pulled_and_its_case_event_pushed_in_one_sync(
    make_station, district_db: Any, server
):
    token = departments.add_department(district_db, DEPT, "街道民政科").token
    a = make_station("SA0201", district_db)
    case_id = referred_case(a)
    assert a.sync(server.url).outcome == "ok"
    department = departments.department_for_token(district_db, token)
    departments.answer_case(
        district_db, department, case_id, AnswerRequest(action="ack", by="李科长")
    )

    result = a.sync(server.url)

    assert result.outcome == "ok" and result.pulled >= 1
    assert sync.sync_status(a.station).pending == 0  # nothing waits for the next cycle
    assert_converged(district_db, a)
