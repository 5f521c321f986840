"""Bad and odd input against a real server process on PostgreSQL, over one kept-alive connection.

Each malformed request gets a 4xx whose ErrorBody names the field (never a 500, which closed
the connection), and the next request on the same connection is answered. Odd but valid input
(far-off clocks, huge cursors) is answered normally.
"""

from __future__ import annotations

import gzip
import http.client
import json
from collections.abc import Iterator
from typing import Any

import pytest

from stationdesk.district import departments, service
from stationdesk.sync.protocol import API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION

from .harness import ServerProcess

pytestmark = pytest.mark.postgres

CODE = "SY0101"
DEPT = "STREET_CIVIL_AFFAIRS"
BASE = f"{API_PREFIX}/stations/{CODE}"
AT = "2026-03-02T00:00:00Z"


class Api:
    """One kept-alive HTTP/1.1 connection to the server, with a station's token."""

    def __init__(self, server: ServerProcess, token: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        self.token = token
        self.sock: Any = None

    def send(
        self,
        method: str,
        path: str,
        body: bytes | str | dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        *,
        token: str | None = None,
    ) -> tuple[int, dict[str, Any] | None, http.client.HTTPResponse]:
        sent = {
            "Authorization": f"Bearer {token or self.token}",
            PROTOCOL_HEADER: str(PROTOCOL_VERSION),
            "Content-Type": "application/json",
            **(headers or {}),
        }
        if isinstance(body, dict):
            body = json.dumps(body)
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.conn.request(method, path, body=body, headers={k: v for k, v in sent.items() if v})
        if self.sock is None:
            self.sock = self.conn.sock
        response = self.conn.getresponse()
        raw = response.read()
        try:
            data = json.loads(raw) if raw else None
        except ValueError:
            data = None
        return response.status, data, response

    def still_open(self) -> None:
        """The next request goes over the same socket and is answered."""
        status, _, response = self.send("GET", f"{BASE}/scope-hash")
        assert status == 200
        assert response.getheader("connection", "").lower() != "close"
        assert self.conn.sock is self.sock, "the server closed the kept-alive connection"


@pytest.fixture
def api(server: ServerProcess, district_db: Any) -> Iterator[Api]:
    token = service.add_station(district_db, CODE, "测试站").token
    a = Api(server, token)
    yield a
    a.conn.close()


def _op(**changes: Any) -> dict[str, Any]:
    op: dict[str, Any] = {
        "seq": 1,
        "op_id": "00000000-0000-7000-8000-000000000001",
        "entity": "resident",
        "entity_id": "00000000-0000-7000-8000-0000000000a1",
        "kind": "create",
        "payload": {"name": "王小明"},
        "station_time": AT,
    }
    op.update(changes)
    return op


def _deep(levels: int) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(levels):
        value = {"x": value}
    return value


BAD_OPS = [
    ({"op_id": "a\x00b"}, "ops.0.op_id"),
    ({"op_id": "x" * 37}, "ops.0.op_id"),
    ({"op_id": ""}, "ops.0.op_id"),
    ({"entity": "r" * 33}, "ops.0.entity"),
    ({"entity_id": "i" * 65}, "ops.0.entity_id"),
    ({"entity_id": "line\nbreak"}, "ops.0.entity_id"),
    ({"kind": "k" * 33}, "ops.0.kind"),
    ({"kind": "cre\x00ate"}, "ops.0.kind"),
    ({"actor": "w" * 37}, "ops.0.actor"),
    ({"actor": "\x00"}, "ops.0.actor"),
    ({"seq": 2**63}, "ops.0.seq"),
    ({"seq": 0}, "ops.0.seq"),
    ({"base_version": 2**31}, "ops.0.base_version"),
    ({"station_time": "2026-03-02T00:00:00"}, "ops.0.station_time"),  # no UTC offset
    ({"payload": {"note": "a\x00b"}}, "ops.0.payload"),
    ({"payload": {"tags": [{"k\x00": 1}]}}, "ops.0.payload"),
    ({"payload": _deep(40)}, "ops.0.payload"),
    ({"payload": {"note": "字" * (2 * 1024 * 1024 + 1)}}, "ops.0.payload"),
]


def test_a_malformed_op_gets_422_naming_the_field_and_the_connection_stays_open(api: Api):
    for changes, field in BAD_OPS:
        status, body, _ = api.send("POST", f"{BASE}/push", {"ops": [_op(**changes)]})
        assert status == 422, (changes, body)
        assert body is not None and body["error"] == "bad_request"
        assert field in body["message"] and field in body["message_zh"], body
        api.still_open()
    # NaN and Infinity are no JSON values PostgreSQL can store
    raw = json.dumps({"ops": [_op(payload={"n": float("nan")})]})
    assert "NaN" in raw
    status, body, _ = api.send("POST", f"{BASE}/push", raw)
    assert status == 422 and body is not None and "ops.0.payload" in body["message"]
    api.still_open()
    # nothing of it was applied: the first valid op still gets seq 1
    status, body, _ = api.send("POST", f"{BASE}/push", {"ops": [_op()]})
    assert status == 200 and body is not None
    assert [r["status"] for r in body["results"]] == ["applied"]


def test_a_malformed_hello_gets_422_naming_the_field(api: Api):
    hello = {"protocol_version": PROTOCOL_VERSION, "station_code": CODE, "station_time": AT}
    for changes, field in [
        ({"schema_revision": "abc\x00"}, "schema_revision"),
        ({"app_version": "v" * 65}, "app_version"),
        ({"station_code": "S\x00"}, "station_code"),
        ({"station_time": "2026-03-02T08:00:00"}, "station_time"),
        ({"audit_head": {"installation": "i", "seq": -1, "hash": "ab"}}, "audit_head.seq"),
        ({"audit_head": {"installation": "i", "seq": 1, "hash": "a" * 65}}, "audit_head.hash"),
        ({"audit_head": {"installation": "i\x00", "seq": 1, "hash": "ab"}}, "installation"),
        ({"audit_head": "head"}, "audit_head"),
    ]:
        status, body, _ = api.send("POST", f"{BASE}/hello", {**hello, **changes})
        assert status == 422 and body is not None and field in body["message"], (changes, body)
        api.still_open()


def test_odd_but_valid_input_is_answered(api: Api):
    # clocks far off, in any UTC offset RFC 3339 allows
    hello = {"protocol_version": PROTOCOL_VERSION, "station_code": CODE}
    for at in ("9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "1970-01-01T00:00:00Z"):
        status, body, _ = api.send("POST", f"{BASE}/hello", {**hello, "station_time": at})
        assert status == 200, (at, body)
    ops = [
        _op(seq=1, op_id="o1", entity_id="r1", station_time="2026-03-02T00:00:00-18:35"),
        _op(seq=2, op_id="o2", entity_id="r2", station_time="0001-01-01T00:00:00+14:00"),
        # control characters are valid JSON text
        _op(seq=3, op_id="o3", entity_id="r3", payload={"name": "王小明", "note": "\x01\t"}),
        # a huge number is valid JSON: answered (here refused by the resident schema), no 500
        _op(seq=4, op_id="o4", entity_id="r4", payload={"name": "王小明", "phones": [10**40]}),
    ]
    status, body, _ = api.send("POST", f"{BASE}/push", {"ops": ops})
    assert status == 200 and body is not None
    assert [r["status"] for r in body["results"]] == ["applied"] * 3 + ["rejected"]
    assert body["results"][3]["http_status"] == 422
    # a cursor beyond any position: nothing after it
    far, end = "9999999999999999999.9999999999999999999", f"{2**63 - 1}.{2**63 - 1}"
    status, body, _ = api.send("GET", f"{BASE}/pull?cursor={far}")
    assert status == 200 and body == {"changes": [], "next_cursor": end, "has_more": False}
    api.still_open()


def test_bad_query_path_and_encoding_get_a_4xx_error_body(api: Api):
    cases = [
        ("GET", f"{BASE}/pull?cursor=x.1", None, {}, 422, "cursor"),
        ("GET", f"{BASE}/pull?limit=many", None, {}, 422, "limit"),
        ("GET", f"{BASE}/snapshot?after=resident:%00", None, {}, 422, "after"),
        ("GET", f"{BASE}/records/resident/a%00b", None, {}, 422, "entity_id"),
        ("GET", f"{BASE}/records/resident/{'i' * 65}", None, {}, 422, "entity_id"),
        ("GET", f"{BASE}/records/{'e' * 33}/r1", None, {}, 422, "entity"),
        ("GET", f"{BASE}/records/resident/nothing", None, {}, 404, "no such record"),
        (
            "POST",
            f"{BASE}/push",
            b"not gzip at all",
            {"Content-Encoding": "gzip"},
            400,
            "gzip",
        ),
        ("POST", f"{BASE}/push", b"{", {}, 422, "request body"),
        ("GET", f"{BASE}/nowhere", None, {}, 404, "Not Found"),
        ("DELETE", f"{BASE}/push", None, {}, 405, "Method Not Allowed"),
        (
            "GET",
            f"{BASE}/pull",
            None,
            {PROTOCOL_HEADER: ""},
            426,
            "lacks the X-Stationdesk-Protocol header",
        ),
        (
            "GET",
            f"{BASE}/pull",
            None,
            {PROTOCOL_HEADER: "v1"},
            426,
            "not a protocol version number",
        ),
    ]
    for method, path, body, headers, want, words in cases:
        status, data, response = api.send(method, path, body, headers)
        assert status == want, (path, data)
        assert data is not None and {"error", "message"} <= set(data), (path, data)
        assert words in data["message"], (path, data)
        if status == 405:
            assert response.getheader("allow") == "POST"
        api.still_open()
    # gzip that is valid still works
    packed = gzip.compress(json.dumps({"ops": []}).encode())
    status, data, _ = api.send("POST", f"{BASE}/push", packed, {"Content-Encoding": "gzip"})
    assert status == 200 and data is not None and data["results"] == []


def test_a_refused_token_does_not_cost_the_connection_even_with_an_unread_body(api: Api):
    big = json.dumps({"ops": [_op(payload={"note": "字" * 200_000})]})
    for headers in ({"Authorization": "Bearer sdt_wrong"}, {"Authorization": ""}):
        status, data, _ = api.send("POST", f"{BASE}/push", big, headers)
        assert status == 401 and data is not None and data["error"] == "unauthenticated"
        api.still_open()


def test_a_department_answer_with_bad_text_gets_422(api: Api, district_db: Any):
    token = departments.add_department(district_db, DEPT, "街道民政科").token
    path = "/dept/v1/cases/{}/answers"
    for case_id, answer, want, field in [
        ("c1", {"action": "reply", "note": "好\x00"}, 422, "note"),
        ("c1", {"action": "ack", "by": "李" * 51}, 422, "by"),
        ("c1", {"action": "ack", "by": "李\x00"}, 422, "by"),
        ("c%00", {"action": "ack"}, 422, "case_id"),
        ("c" * 65, {"action": "ack"}, 422, "case_id"),
        ("c1", {"action": "ack"}, 404, "no such case"),
    ]:
        status, data, _ = api.send("POST", path.format(case_id), answer, token=token)
        assert status == want and data is not None and field in data["message"], data
        api.still_open()


RESIDENT_ID = "00000000-0000-7000-8000-0000000000b1"
BAD_RESIDENTS = [
    ("create", {"name": "王小明", "id_type": "RESIDENT_ID", "id_number": "123"}, "id_number"),
    (
        "create",
        {"name": "王小明", "id_type": "RESIDENT_ID", "id_number": "11010119900307451X"},
        "id_number",
    ),
    ("create", {"name": "王小明", "phones": ["abc"]}, "phones"),
    ("create", {"name": "王小明", "note": "字" * 100_000}, "note"),
    ("create", {"name": "王小明1"}, "name"),
    ("create", {"name": "王小明", "ethnicity": "火星族"}, "ethnicity"),
    ("create", {"name": "王小明", "tags": ["不存在"]}, "tags"),
    ("create", {"name": "王小明", "sex": "Q"}, "sex"),
    ("create", {"name": "王小明", "birth_date": "1990-13-01"}, "birth_date"),
    ("create", {"name": "王小明", "extra_field": 1}, "extra_field"),
    ("create", {"phones": []}, "name"),
    ("update", {"phones": {"old": [], "new": ["abc"]}}, "phones"),
    ("update", {"note": "字"}, "note"),
]


def test_a_resident_op_breaking_the_resident_schema_is_rejected_with_422(api: Api):
    """The server checks a resident's fields with the station's own rules: each bad op gets
    422 naming the op and the field, nothing is stored, and the connection stays usable."""
    for i, (kind, payload, field) in enumerate(BAD_RESIDENTS, start=1):
        op_id = f"00000000-0000-7000-8000-{i:012d}"
        op = _op(seq=i, op_id=op_id, entity_id=RESIDENT_ID, kind=kind, payload=payload)
        if kind == "update":
            op["base_version"] = 1
        status, body, _ = api.send("POST", f"{BASE}/push", {"ops": [op]})
        assert status == 200 and body is not None, body
        (result,) = body["results"]
        assert (result["status"], result["http_status"]) == ("rejected", 422), (payload, result)
        assert op_id in result["message"] and f"resident.{field}" in result["message"], result
        api.still_open()
        status, _, _ = api.send("GET", f"{BASE}/records/resident/{RESIDENT_ID}")
        assert status == 404  # nothing of it was stored
    good = {
        "name": "𠀀王小明",
        "id_type": "RESIDENT_ID",
        "id_number": "110101199003074514",
        "phones": ["13812345678"],
        "note": "字" * 2000,
    }
    n = len(BAD_RESIDENTS) + 1
    op = _op(seq=n, op_id=f"00000000-0000-7000-8000-{n:012d}", entity_id=RESIDENT_ID, payload=good)
    status, body, _ = api.send("POST", f"{BASE}/push", {"ops": [op]})
    assert status == 200 and body is not None
    assert [r["status"] for r in body["results"]] == ["applied"], body
