"""Open311 GeoReport v2 export: every field present, typed right, +08:00 timestamps."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta

import pytest

from stationdesk.domain.cases import CaseState
from stationdesk.domain.open311 import (
    GEOREPORT_V2_FIELDS,
    Open311Case,
    format_datetime,
    to_service_request,
    to_service_requests,
)

# The fields of a GeoReport v2 service request, copied from the specification
# (http://wiki.open311.org/GeoReport_v2/, GET service_requests response).
SPEC_FIELDS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
]
ISO_CST = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$")
STRING_FIELDS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "media_url",
}


def full_case(state: CaseState = CaseState.DEPT_ACKNOWLEDGED) -> Open311Case:
    return Open311Case(
        case_id="S0101-2025-000123",
        state=state,
        service_code="STREET_VENDING",
        service_name="占道经营",
        requested_at=datetime(2025, 9, 26, 9, 30, 15),
        updated_at=datetime(2025, 9, 28, 14, 5),
        description="小区南门早市占道",
        agency_responsible="城管执法中队",
        expected_at=date(2025, 10, 9),
        address="幸福路12号南门",
        note="已派员现场查看",
        service_notice="承诺时限：3个工作日",
        address_id="G1-12",
        zipcode="110000",
        lat=41.8,
        long=123.4,
        media_url="https://example.invalid/photo.jpg",
    )


def test_field_constant_matches_spec() -> None:
    assert list(GEOREPORT_V2_FIELDS) == SPEC_FIELDS


def test_every_field_present_and_typed() -> None:
    request = to_service_request(full_case())
    assert list(request) == SPEC_FIELDS
    for name in STRING_FIELDS:
        assert isinstance(request[name], str), name
    assert isinstance(request["lat"], float)
    assert isinstance(request["long"], float)
    for name in ("requested_datetime", "updated_datetime", "expected_datetime"):
        value = request[name]
        assert isinstance(value, str) and ISO_CST.match(value), (name, value)
        assert datetime.fromisoformat(value).utcoffset() == timedelta(hours=8)
    assert request["status"] == "open"
    assert request["service_request_id"] == "S0101-2025-000123"
    assert request["service_code"] == "STREET_VENDING"
    assert request["service_name"] == "占道经营"
    assert request["agency_responsible"] == "城管执法中队"
    assert request["requested_datetime"] == "2025-09-26T09:30:15+08:00"
    assert request["updated_datetime"] == "2025-09-28T14:05:00+08:00"
    # a due date means the end of that day
    assert request["expected_datetime"] == "2025-10-09T23:59:59+08:00"
    assert request["address"] == "幸福路12号南门"
    notes = request["status_notes"]
    assert isinstance(notes, str)
    assert "DEPT_ACKNOWLEDGED" in notes and "部门已签收" in notes and "已派员现场查看" in notes
    # serialisable as JSON without custom encoders
    assert json.loads(json.dumps(request, ensure_ascii=False)) == request


def test_minimal_case_has_all_fields_with_nulls() -> None:
    request = to_service_request(
        Open311Case(
            case_id="C1",
            state=CaseState.REGISTERED,
            service_code="OTHER_REQUEST",
            service_name="其他诉求",
            requested_at=datetime(2025, 3, 3, 8, 0),
            updated_at=datetime(2025, 3, 3, 8, 0),
        )
    )
    assert set(request) == set(SPEC_FIELDS)
    assert request["status"] == "open"
    assert request["description"] == ""
    assert request["status_notes"] == "REGISTERED 已登记"
    for name in (
        "agency_responsible",
        "service_notice",
        "expected_datetime",
        "address",
        "address_id",
        "zipcode",
        "lat",
        "long",
        "media_url",
    ):
        assert request[name] is None, name


@pytest.mark.parametrize(
    ("state", "status"),
    [
        (s, "closed" if s in {CaseState.CLOSED, CaseState.NOT_ACCEPTED} else "open")
        for s in CaseState
    ],
)
def test_status_open_or_closed(state: CaseState, status: str) -> None:
    request = to_service_request(full_case(state))
    assert request["status"] == status
    notes = request["status_notes"]
    assert isinstance(notes, str) and notes.startswith(state.value)


def test_aware_datetimes_are_converted_to_plus_eight() -> None:
    utc = datetime(2025, 9, 30, 20, 0, tzinfo=UTC)
    assert format_datetime(utc) == "2025-10-01T04:00:00+08:00"
    assert format_datetime(datetime(2025, 9, 30, 20, 0, 5, 999)) == "2025-09-30T20:00:05+08:00"
    assert format_datetime(date(2025, 9, 30)) == "2025-09-30T23:59:59+08:00"


def test_integer_coordinates_become_floats() -> None:
    case = Open311Case(
        case_id="C2",
        state=CaseState.CLOSED,
        service_code="X",
        service_name="X",
        requested_at=datetime(2025, 1, 1),
        updated_at=datetime(2025, 1, 2),
        lat=41,
        long=123,
        expected_at=datetime(2025, 1, 3, 12, 0),
    )
    request = to_service_request(case)
    assert request["lat"] == 41.0 and isinstance(request["lat"], float)
    assert request["status"] == "closed"
    assert request["expected_datetime"] == "2025-01-03T12:00:00+08:00"


def test_many() -> None:
    requests = to_service_requests([full_case(), full_case(CaseState.CLOSED)])
    assert [r["status"] for r in requests] == ["open", "closed"]
