"""Schemathesis against a real district server on PostgreSQL: every documented operation, fuzzed.

The server process is started with an enrolled station, an enrolled department and a referred
case; the schema is loaded from the live ``/openapi.json``. Every operation gets about 50
generated requests (valid and invalid ones), with the station's or the department's token, and
every built-in check runs on each answer: no 5xx, and nothing the document does not declare
(status, body, content type, headers). The whole run has a hard wall-time budget.

Schemathesis's pytest plugin (``from_fixture`` + ``parametrize``) does not run under pytest 9.2
(it reads ``Function._nodeid``), so the test drives its Python API itself: one Hypothesis test
per operation over ``as_strategy`` (valid and invalid requests), each answer checked by
``call_and_validate``, and the operations reported as subtests.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig

from stationdesk.district import departments, service
from stationdesk.district.db import DistrictDatabase
from stationdesk.district.openapi import DEPARTMENT_SCHEME, STATION_SCHEME
from stationdesk.district.settings import ENV_RATE
from stationdesk.sync.protocol import Op

from .harness import PgDatabases, ServerProcess

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

STATION = "SY0101"
DEPT = "STREET_CIVIL_AFFAIRS"
RESIDENT_ID = "00000000-0000-7000-8000-0000000000a1"
CASE_ID = "00000000-0000-7000-8000-0000000000c1"
#: what a push is steered to: the server's entities, each with the kinds its handler knows
ENTITY_KINDS = [
    ("resident", "create"),
    ("resident", "update"),
    ("resident", "delete"),
    ("resident", "merge"),
    ("case", "create"),
    ("case", "act"),
    ("case", "delete"),
    ("certificate", "issue"),
    ("certificate", "void"),
    ("refusal_notice", "issue"),
    ("station", "create"),
    ("station", "update"),
    ("station_key", "create"),
    ("worker", "create"),
    ("worker", "update"),
    ("conflict", "resolve"),
    ("catalog", "create"),
    ("case_answer", "create"),
    ("volunteer_unit", "create"),
    ("volunteer_member", "create"),
    ("volunteer_member", "update"),
    ("volunteer_activity", "create"),
    ("volunteer_activity", "signin"),
    ("volunteer_activity", "approve"),
    ("volunteer_wish", "create"),
    ("volunteer_wish", "claim"),
]
EXAMPLES = 50
BUDGET_SECONDS = 150.0
REQUEST_TIMEOUT = 20.0


class Target:
    """The live server, the tokens to call it with, and when the fuzzing must have finished."""

    def __init__(self, url: str, station_token: str, department_token: str) -> None:
        self.url = url
        self.station_token = station_token
        self.department_token = department_token
        self.deadline = time.monotonic() + BUDGET_SECONDS
        self.session = requests.Session()
        self.next_seq = 4  # the seed pushed 1-3

    def config(self) -> SchemathesisConfig:
        """Every check, the tokens for the document's two bearer schemes, and the statuses
        the protocol gives on purpose: 426 for a protocol it does not speak (also when the
        header is valid but the body's protocol_version is not), 410 for an expired cursor,
        413 for more ops than a push takes, and /verify's 400 for text that is not a
        certificate number (none of which a schema can say); and on an attachment, 422 for
        bytes that do not hash to the path's SHA-256, a chunk past the size given or an offset
        past the end (which no schema can say either).
        """
        return SchemathesisConfig.from_dict(
            {
                "request-timeout": REQUEST_TIMEOUT,
                "auth": {
                    "openapi": {
                        STATION_SCHEME: {"bearer": self.station_token},
                        DEPARTMENT_SCHEME: {"bearer": self.department_token},
                    }
                },
                "checks": {
                    "enabled": True,
                    "negative_data_rejection": {
                        "expected-statuses": [400, 401, 403, 404, 405, 413, 422, 426, 429]
                    },
                    "positive_data_acceptance": {
                        "expected-statuses": ["2xx", 400, 401, 403, 404, 409, 410, 413, 426, 429]
                    },
                },
                "operations": [
                    {
                        "include-path": "/sync/v1/stations/{code}/attachments/{sha256}",
                        "checks": {
                            "positive_data_acceptance": {
                                "expected-statuses": [
                                    *("2xx", 400, 401, 403, 404, 409, 410, 413, 422, 426, 429)
                                ]
                            }
                        },
                    }
                ],
            }
        )


def _seed(db: DistrictDatabase) -> tuple[str, str]:
    """A station with a resident and a case referred to the department; both tokens."""
    station_token = service.add_station(db, STATION, "测试站").token
    department_token = departments.add_department(db, DEPT, "街道民政科").token
    station = service.station_for_token(db, station_token, STATION)
    at = "2026-03-02T00:00:00Z"
    ops = [
        Op(
            seq=1,
            op_id="00000000-0000-7000-8000-000000000001",
            entity="resident",
            entity_id=RESIDENT_ID,
            kind="create",
            payload={"name": "王小明", "phones": ["13812345678"]},
            station_time=at,  # type: ignore[arg-type]
        ),
        Op(
            seq=2,
            op_id="00000000-0000-7000-8000-000000000002",
            entity="case",
            entity_id=CASE_ID,
            kind="create",
            payload={
                "number": f"{STATION}-C-000001",
                "type_code": "public_facilities",
                "summary": "楼道灯不亮",
                "description": "3栋2单元楼道灯坏了一周",
                "state": "ACCEPTED",
                "received_at": at,
            },
            station_time=at,  # type: ignore[arg-type]
        ),
        Op(
            seq=3,
            op_id="00000000-0000-7000-8000-000000000003",
            entity="case",
            entity_id=CASE_ID,
            kind="act",
            payload={
                "action": "refer",
                "event_id": "00000000-0000-7000-8000-0000000000e1",
                "department": DEPT,
                "note": "请街道协调维修",
                "at": at,
                "to": "REFERRED",
            },
            station_time=at,  # type: ignore[arg-type]
        ),
    ]
    result = service.push(db, station, ops)
    assert [r.status for r in result.results] == ["applied"] * 3
    return station_token, department_token


@pytest.fixture
def target(pg: PgDatabases, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Target]:
    monkeypatch.setenv(ENV_RATE, "off")  # /verify answers every request, not 429 after 30
    url = pg.create()
    db = DistrictDatabase(url)
    try:
        station_token, department_token = _seed(db)
    finally:
        db.dispose()
    proc = ServerProcess(url, tmp_path).start()
    t = Target(proc.url, station_token, department_token)
    yield t
    t.session.close()
    proc.stop()


@st.composite
def _steering(draw: st.DrawFn) -> dict[str, Any]:
    """What turns a valid but random request into one the handlers act on (see _steer)."""
    return {
        "steer": draw(st.integers(0, 3)) > 0,
        "ops": draw(
            st.lists(
                st.tuples(
                    st.sampled_from(ENTITY_KINDS),
                    st.sampled_from([None, RESIDENT_ID, CASE_ID]),
                ),
                min_size=8,
                max_size=8,
            )
        ),
    }


def _steer(case: schemathesis.Case, target: Target, steering: dict[str, Any]) -> None:
    """Three in four valid requests, in place: pushes in sequence to real entities and kinds,
    a hello in the station's own protocol and code, a record and an answer that exist.
    The request stays valid, so every check still holds.
    """
    if not steering["steer"] or case.meta is None:
        return
    if case.meta.generation.mode is not GenerationMode.POSITIVE:
        return
    path, body = case.operation.path, case.body
    if path.endswith("/push") and isinstance(body, dict) and isinstance(body.get("ops"), list):
        ops = [op for op in body["ops"] if isinstance(op, dict)]
        for i, (op, ((entity, kind), entity_id)) in enumerate(
            zip(ops, steering["ops"], strict=False)
        ):
            op.update(seq=target.next_seq + i, entity=entity, kind=kind)
            if entity_id is not None:
                op["entity_id"] = entity_id
    elif path.endswith("/hello") and isinstance(body, dict):
        body.update(protocol_version=1, station_code=STATION)
    elif path.endswith("/records/{entity}/{entity_id}"):
        case.path_parameters.update(entity="resident", entity_id=RESIDENT_ID)
    elif path.endswith("/answers"):
        case.path_parameters["case_id"] = CASE_ID


def _fuzz(operation: schemathesis.APIOperation, target: Target) -> None:
    """About EXAMPLES requests to one operation, valid and invalid, each answer checked."""
    fixed = {"code": STATION} if "{code}" in operation.path else None
    strategy = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE, path_parameters=fixed),
        operation.as_strategy(GenerationMode.NEGATIVE, path_parameters=fixed),
    )

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
    )
    @given(case=strategy, steering=_steering())
    def run(case: schemathesis.Case, steering: dict[str, Any]) -> None:
        if time.monotonic() > target.deadline:
            pytest.fail(f"the fuzzing took longer than its budget of {BUDGET_SECONDS:.0f} s")
        _steer(case, target, steering)
        response = case.call_and_validate(
            base_url=target.url, session=target.session, timeout=REQUEST_TIMEOUT
        )
        if case.operation.path.endswith("/push") and response.status_code in (200, 409):
            target.next_seq = int(response.json()["last_acked_seq"]) + 1

    run()


def test_every_operation_answers_as_documented(target: Target, subtests: pytest.Subtests) -> None:
    schema = schemathesis.openapi.from_url(
        target.url + "/openapi.json", config=target.config(), timeout=REQUEST_TIMEOUT
    )
    operations = [result.ok() for result in schema.get_all_operations()]
    labels = {op.label for op in operations}
    assert {"POST /sync/v1/stations/{code}/push", "POST /dept/v1/cases/{case_id}/answers"} <= labels
    for operation in operations:
        with subtests.test(operation.label):
            _fuzz(operation, target)
