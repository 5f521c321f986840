"""The published OpenAPI document: what it lists, the errors each route declares, auth, limits."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from fastapi import FastAPI

from stationdesk.district import migrate
from stationdesk.district.app import create_app
from stationdesk.district.db import DistrictDatabase
from stationdesk.district.models import AppliedOp, DistrictStation
from stationdesk.sync.protocol import PROTOCOL_HEADER

S = "/sync/v1/stations/{code}"
#: every documented operation and the statuses it answers
STATUSES = {
    "GET /health": {200},
    "GET /verify": {200, 400, 429},
    "POST /verify": {200, 400, 429},
    "GET /verify/keys": {200, 429},
    "GET /verify/{number}": {200, 400, 429},
    f"POST {S}/hello": {200, 400, 401, 403, 413, 422, 426},
    f"POST {S}/push": {200, 400, 401, 403, 409, 413, 422, 426},
    f"GET {S}/pull": {200, 401, 403, 410, 422, 426},
    f"GET {S}/snapshot": {200, 401, 403, 422, 426},
    f"GET {S}/scope-hash": {200, 401, 403, 426},
    f"GET {S}/audit-heads": {200, 401, 403, 426},
    f"GET {S}/records/{{entity}}/{{entity_id}}": {200, 401, 403, 404, 422, 426},
    f"POST {S}/attachments/missing": {200, 400, 401, 403, 413, 422, 426},
    f"PUT {S}/attachments/{{sha256}}": {200, 401, 403, 409, 413, 422, 426},
    f"GET {S}/attachments/{{sha256}}": {200, 401, 403, 404, 422, 426},
    f"GET {S}/members/{{member_id}}/hours": {200, 401, 403, 404, 422, 426},
    "GET /dept/v1/me": {200, 401},
    "GET /dept/v1/cases": {200, 401, 422},
    "GET /dept/v1/emergency-board": {200, 401, 422},
    "POST /dept/v1/cases/{case_id}/answers": {200, 401, 404, 409, 413, 422},
}


@pytest.fixture
def app(tmp_path: Path) -> Iterator[FastAPI]:
    db = DistrictDatabase(f"sqlite:///{tmp_path / 'district.db'}")
    migrate.upgrade(db)
    yield create_app(db)
    db.dispose()


def _get(app: FastAPI, path: str) -> httpx.Response:
    async def get() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://district") as c:
            return await c.get(path)

    return anyio.run(get)


@pytest.fixture
def doc(app: FastAPI) -> dict[str, Any]:
    response = _get(app, "/openapi.json")
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


def _operations(doc: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            yield f"{method.upper()} {path}", path, operation


def test_the_document_is_served_without_pages_that_load_a_cdn(app: FastAPI):
    for page in ("/docs", "/redoc", "/docs/oauth2-redirect"):
        assert _get(app, page).status_code == 404
    assert _get(app, "/openapi.json").json()["openapi"].startswith("3.1")


def test_every_operation_declares_the_statuses_it_answers(doc: dict[str, Any]):
    found = {label: {int(s) for s in op["responses"]} for label, _, op in _operations(doc)}
    assert found == STATUSES


def test_every_error_is_an_error_body_and_the_api_needs_its_token(doc: dict[str, Any]):
    schemes = doc["components"]["securitySchemes"]
    assert {s["scheme"] for s in schemes.values()} == {"bearer"}
    assert "HTTPValidationError" not in doc["components"]["schemas"]
    for label, path, operation in _operations(doc):
        for status, answer in operation["responses"].items():
            if int(status) < 400:
                continue
            schema = answer["content"]["application/json"]["schema"]
            wanted = {
                (f"POST {S}/push", "409"): "SequenceGap",
                (f"PUT {S}/attachments/{{sha256}}", "409"): "BlobOffsetConflict",
            }.get((label, status), "ErrorBody")
            assert schema == {"$ref": f"#/components/schemas/{wanted}"}, (label, status)
        if path.startswith("/sync/v1/"):
            assert operation["security"] == [{"stationToken": []}]
            header = [p for p in operation["parameters"] if p["name"] == PROTOCOL_HEADER]
            assert header and header[0]["in"] == "header" and header[0]["required"]
        elif path.startswith("/dept/v1/"):
            assert operation["security"] == [{"departmentToken": []}]
        else:
            assert "security" not in operation, label


def test_request_bodies_are_documented_with_the_limits_of_the_columns(doc: dict[str, Any]):
    schemas = doc["components"]["schemas"]
    raw = f"PUT {S}/attachments/{{sha256}}"
    bodies = {
        label: op["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/")[-1]
        for label, _, op in _operations(doc)
        if "requestBody" in op and label not in ("POST /verify", raw)
    }
    assert bodies == {
        f"POST {S}/hello": "HelloRequest",
        f"POST {S}/push": "PushRequest",
        f"POST {S}/attachments/missing": "AttachmentsMissingRequest",
        "POST /dept/v1/cases/{case_id}/answers": "AnswerRequest",
    }
    put = next(op for label, _, op in _operations(doc) if label == raw)
    assert list(put["requestBody"]["content"]) == ["application/octet-stream"]
    missing = schemas["AttachmentsMissingRequest"]["properties"]["sha256"]
    assert missing["maxItems"] == 1000 and missing["items"]["pattern"] == "^[0-9a-f]{64}$"
    op = schemas["Op"]["properties"]
    columns = AppliedOp.__table__.c
    for name in ("op_id", "entity", "entity_id", "kind"):
        assert op[name]["maxLength"] == columns[name].type.length, name
        assert op[name]["pattern"] == r"^[^\x00-\x1f\x7f]*$"
    assert op["actor"]["anyOf"][0]["maxLength"] == columns["actor"].type.length
    hello = schemas["HelloRequest"]["properties"]
    assert hello["station_code"]["maxLength"] == DistrictStation.__table__.c.code.type.length
    assert schemas["Op"]["properties"]["payload"]["additionalProperties"] == {
        "$ref": "#/components/schemas/PayloadValue"
    }
