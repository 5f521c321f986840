"""Malformed payloads of every entity a station pushes, against a real server process on
PostgreSQL over one kept-alive connection: each op breaking its entity's schema
(``sync.schemas``) gets 422 naming the op and the field, nothing of it is stored, and the next
request on the same connection is answered; the well-formed op of each kind still passes."""

from __future__ import annotations

from typing import Any

import pytest

from .test_bad_input import BASE, CODE, Api, api

__all__ = ["api"]  # the fixture, shared with test_bad_input

pytestmark = pytest.mark.postgres

AT = "2026-03-02T08:00:00+08:00"
KEY = "ab" * 32
CASE_ID = "0193c000-0000-7000-8000-00000000ca01"
CERT_ID = "0193c000-0000-7000-8000-00000000ce01"
NOTICE_ID = "0193c000-0000-7000-8000-00000000fe01"
STATION_ID = "0193c000-0000-7000-8000-000000005701"
CASE_NUMBER = f"{CODE}-C-000001"

# entity, entity id, kind, payload, the field the 422 must name
BAD: list[tuple[str, str, str, Any, str]] = [
    ("case", CASE_ID, "create", {"summary": "楼道漏水"}, "number"),  # required field missing
    ("case", CASE_ID, "create", {"number": 5}, "number"),  # wrong type
    ("case", CASE_ID, "create", {"number": CASE_NUMBER, "summary": "字" * 201}, "summary"),
    ("case", CASE_ID, "create", {"number": CASE_NUMBER, "channel": "telepathy"}, "channel"),
    ("case", CASE_ID, "create", {"number": CASE_NUMBER, "case_row": "row"}, "case_row"),
    ("case", CASE_ID, "create", {"number": CASE_NUMBER, "event": {"at": "soon"}}, "event.at"),
    ("case", CASE_ID, "act", {"action": "explode"}, "action"),  # bad enum value
    ("case", CASE_ID, "act", {"action": "accept", "to": "DONE"}, "to"),
    ("case", CASE_ID, "act", {"note": "好"}, "action"),
    ("case", CASE_ID, "attach", {"sha256": "xyz", "size": 3}, "sha256"),
    ("case", CASE_ID, "rate", {"rating": "MEH"}, "rating"),
    ("case", CASE_ID, "answer", {"manual": "yes"}, "manual"),
    ("certificate", CERT_ID, "issue", {"sequence": 1}, "number"),
    ("certificate", CERT_ID, "issue", {"number": f"{CODE}-000001", "sequence": "1"}, "sequence"),
    ("certificate", CERT_ID, "issue", {"number": f"{CODE}-" + "9" * 30}, "number"),
    ("certificate", CERT_ID, "void", {"number": f"{CODE}-000001"}, "reason"),
    ("certificate", CERT_ID, "void", {"number": f"{CODE}-000001", "reason": "错" * 201}, "reason"),
    ("certificate", CERT_ID, "ledger", {"ledger_row": {}, "pdf_sha256": "AB" * 32}, "pdf_sha256"),
    (
        "refusal_notice",
        NOTICE_ID,
        "issue",
        {"number": f"{CODE}-000002", "ledger_row": []},
        "ledger_row",
    ),
    ("refusal_notice", NOTICE_ID, "ledger", {"pdf_sha256": "ab" * 32}, "ledger_row"),
    ("station", STATION_ID, "create", {"code": CODE, "name": "站" * 101}, "name"),
    ("station", STATION_ID, "create", {"code": 101, "name": "测试站"}, "code"),
    ("station", STATION_ID, "create", {"code": CODE}, "name"),
    ("station", STATION_ID, "create", {"code": CODE, "name": "测试站", "motto": "x"}, "motto"),
    ("station_key", CODE, "create", {"public_key": "zz"}, "public_key"),
    ("station_key", CODE, "create", {"public_key": KEY, "algorithm": "RSA"}, "algorithm"),
    ("station_key", CODE, "create", {"algorithm": "Ed25519"}, "public_key"),
    ("station_key", CODE, "rotate", {"public_key": KEY, "lost_old_key": "yes"}, "lost_old_key"),
    ("conflict", "c1", "resolve", {"resolution": 5}, "resolution"),
    ("conflict", "c1", "resolve", {"resolution": "x" * 201}, "resolution"),
    ("emergency_event", "e1", "stop", {"closed_at": AT, "summary": "总" * 4001}, "summary"),
    ("emergency_event", "e1", "start", {"kind": "typhoon"}, "name"),
    ("emergency_responder", "r1", "create", {"name": "李", "active": True}, "created_at"),
    ("emergency_entry", "n1", "assign", {"responder_id": 5}, "responder_id"),
    (
        "volunteer_unit",
        "u1",
        "update",
        {"projects": {"old": None, "new": [{"id": "p"}]}},
        "projects",
    ),
    ("volunteer_member", "m1", "update", {"phone": {"old": None, "new": "1" * 21}}, "phone"),
    ("volunteer_member", "m1", "update", {"salary": {"old": None, "new": 1}}, "salary"),
    (
        "volunteer_activity",
        "a1",
        "correct",
        {
            "title": "宣讲",
            "kind": "policy",
            "starts_at": AT,
            "ends_at": "2026-03-02T10:00:00+08:00",
            "corrections": [{"member_id": "m1", "signed_in_at": AT}],
        },
        "corrections",
    ),
    (
        "volunteer_wish",
        "w1",
        "fulfil",
        {
            "resident_id": "r1",
            "text": "修水管",
            "category": "生活",
            "deadline": "2026-04-01",
            "status": "fulfilled",
            "photo": {"name": "a.jpg", "mime": "image/jpeg", "size": 3, "sha256": "no"},
        },
        "photo",
    ),
]

GOOD: list[tuple[str, str, str, dict[str, Any], str]] = [
    ("station", STATION_ID, "create", {"code": CODE, "name": "测试站"}, "applied"),
    (
        "case",
        CASE_ID,
        "create",
        {
            "number": CASE_NUMBER,
            "type_code": "repair",
            "channel": "walk-in",
            "summary": "楼道漏水",
            "state": "REGISTERED",
            "received_at": AT,
            "due_date": "2026-03-09",
            "event": {"event_id": "ev1", "seq": 1, "at": AT, "action": "open", "to": "REGISTERED"},
            "case_row": {"id": CASE_ID},
            "event_row": {"id": "ev1"},
        },
        "applied",
    ),
    (
        "case",
        CASE_ID,
        "act",
        {"action": "accept", "from": "REGISTERED", "to": "ACCEPTED"},
        "applied",
    ),
    ("certificate", CERT_ID, "issue", {"number": f"{CODE}-000001", "sequence": 1}, "applied"),
    (
        "certificate",
        CERT_ID,
        "void",
        {"number": f"{CODE}-000001", "reason": "信息有误", "voided_at": AT},
        "applied",
    ),
    ("station_key", CODE, "create", {"public_key": KEY, "algorithm": "Ed25519"}, "applied"),
]


def _op(seq: int, entity: str, entity_id: str, kind: str, payload: Any) -> dict[str, Any]:
    op: dict[str, Any] = {
        "seq": seq,
        "op_id": f"0193d000-0000-7000-8000-{seq:012d}",
        "entity": entity,
        "entity_id": entity_id,
        "kind": kind,
        "payload": payload,
        "station_time": AT,
    }
    if kind == "update":
        op["base_version"] = 1
    return op


def _push(api: Api, op: dict[str, Any]) -> dict[str, Any]:
    status, body, _ = api.send("POST", f"{BASE}/push", {"ops": [op]})
    assert status == 200 and body is not None, body
    (result,) = body["results"]
    return dict(result)


def test_every_entity_refuses_a_malformed_op_with_422_naming_the_op_and_the_field(api: Api):
    for seq, (entity, entity_id, kind, payload, field) in enumerate(BAD, start=1):
        op = _op(seq, entity, entity_id, kind, payload)
        result = _push(api, op)
        assert (result["status"], result["http_status"]) == ("rejected", 422), (op, result)
        message = result["message"]
        assert op["op_id"] in message or f"op {seq} ({entity} {kind})" in message, result
        assert entity in message and field in message, (field, result)
        api.still_open()
        status, _, _ = api.send("GET", f"{BASE}/records/{entity}/{entity_id}")
        assert status == 404, (op, result)  # nothing of it was stored
    for seq, (entity, entity_id, kind, payload, want) in enumerate(GOOD, start=len(BAD) + 1):
        result = _push(api, _op(seq, entity, entity_id, kind, payload))
        assert result["status"] == want, (entity, kind, result)
    # a well-formed resolution of an unknown conflict passes the schema, then is not found
    result = _push(
        api, _op(len(BAD) + len(GOOD) + 1, "conflict", "c1", "resolve", {"resolution": "keep"})
    )
    assert (result["status"], result["http_status"]) == ("rejected", 404), result
    api.still_open()
