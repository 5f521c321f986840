"""The district server's OpenAPI document: error answers, hand-read bodies, auth and protocol."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel

from stationdesk.sync.protocol import (
    API_PREFIX,
    MIN_PROTOCOL_VERSION,
    NO_NUL_PATTERN,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    ErrorBody,
)

OPENAPI_PATH = "/openapi.json"
DEPARTMENT_PREFIX = "/dept/v1"
STATION_SCHEME = "stationToken"
DEPARTMENT_SCHEME = "departmentToken"

_ERROR_TEXT = {
    400: "The request cannot be read (e.g. a body that is not gzip although it says so).",
    401: "No token, or an unknown or revoked one.",
    403: "The token is valid but may not do this (another station's code or record).",
    404: "No such record, or not one this caller may know of.",
    409: "The request conflicts with what the server holds.",
    410: "The cursor is older than the change log's retention: take a snapshot.",
    413: "The body is too large.",
    422: "A field is missing or not valid; the message names it.",
    426: "The protocol header is missing, or names a protocol this server does not speak.",
    429: "Too many requests: wait for Retry-After seconds.",
}
_COMPONENTS_KEY = "x-components"
_REF = "#/components/schemas/"


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` of a route for the error statuses it answers, each an ErrorBody."""
    return {
        status: {
            "model": ErrorBody,
            "description": _ERROR_TEXT.get(status, HTTPStatus(status).phrase),
        }
        for status in statuses
    }


def json_body(model: type[BaseModel], description: str = "") -> dict[str, Any]:
    """The ``openapi_extra=`` of a route that reads a JSON body of ``model`` itself.

    Such routes parse the body by hand (after authentication, and gzip-decoded), so FastAPI
    does not see it; the model's schema is carried here and moved to the document's components
    when the document is built (see :func:`install`).
    """
    schema = model.model_json_schema(ref_template=_REF + "{model}")
    defs = schema.pop("$defs", {})
    body: dict[str, Any] = {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": _REF + model.__name__}}},
        _COMPONENTS_KEY: {**defs, model.__name__: schema},
    }
    if description:
        body["description"] = description
    return {"requestBody": body}


def install(app: FastAPI) -> None:
    """Build ``app``'s OpenAPI document with this module's additions (once, then cached).

    The app serves it at its ``openapi_url`` (:data:`OPENAPI_PATH`).
    """

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _document(app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


_PAYLOAD_VALUE = "PayloadValue"
_NO_NUL_STRING = {"type": "string", "pattern": NO_NUL_PATTERN}


def _describe_payloads(schemas: dict[str, Any]) -> None:
    """Say what an op's payload may hold (JSON without NUL), which pydantic cannot: the schema
    is recursive, so it is a component of its own.
    """
    value_ref = {"$ref": _REF + _PAYLOAD_VALUE}
    schemas[_PAYLOAD_VALUE] = {
        "description": "Any JSON value in which no string or key holds NUL.",
        "anyOf": [
            _NO_NUL_STRING,
            {"type": ["number", "boolean", "null"]},
            {"type": "array", "items": value_ref},
            {"type": "object", "propertyNames": _NO_NUL_STRING, "additionalProperties": value_ref},
        ],
    }
    payload = schemas["Op"]["properties"]["payload"]
    payload.update(propertyNames=_NO_NUL_STRING, additionalProperties=value_ref)


def _document(app: FastAPI) -> dict[str, Any]:
    doc = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
    )
    components = doc.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    components["securitySchemes"] = {
        STATION_SCHEME: {
            "type": "http",
            "scheme": "bearer",
            "description": "A station's token (sdt_…), from `district add-station`.",
        },
        DEPARTMENT_SCHEME: {
            "type": "http",
            "scheme": "bearer",
            "description": "A department's token (sdd_…), from `district add-department`.",
        },
    }
    protocol = {
        "name": PROTOCOL_HEADER,
        "in": "header",
        "required": True,
        "description": "The sync protocol the station speaks (426 when missing or not accepted).",
        "schema": {
            "type": "integer",
            "minimum": MIN_PROTOCOL_VERSION,
            "maximum": PROTOCOL_VERSION,
        },
    }
    for path, item in doc.get("paths", {}).items():
        for operation in item.values():
            body = operation.get("requestBody", {})
            for name, schema in body.pop(_COMPONENTS_KEY, {}).items():
                if schemas.setdefault(name, schema) != schema:
                    raise ValueError(f"two different schemas are named {name}")
            invalid = operation.get("responses", {}).get("422")
            if invalid is not None and "HTTPValidationError" in str(invalid):
                # FastAPI adds a 422 to every route with parameters; a route that can answer
                # one declares it itself (as an ErrorBody, like every error of this app)
                del operation["responses"]["422"]
            if path.startswith(API_PREFIX + "/"):
                operation["security"] = [{STATION_SCHEME: []}]
                operation.setdefault("parameters", []).append(protocol)
            elif path.startswith(DEPARTMENT_PREFIX + "/"):
                operation["security"] = [{DEPARTMENT_SCHEME: []}]
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    _describe_payloads(schemas)
    return doc


# -- /verify: a page for people and JSON for programs (Accept: application/json) -------------

_HTML = {"text/html": {"schema": {"type": "string"}}}
_VERIFY_RESULT = {
    "type": "object",
    "required": ["result", "result_zh"],
    "properties": {
        "result": {"type": "string", "enum": ["genuine", "void", "unknown"]},
        "result_zh": {"type": "string"},
        "number": {"type": "string"},
        "display_number": {"type": "string"},
        "certificate_type": {"type": "string"},
        "issue_date": {"type": ["string", "null"]},
        "void_date": {"type": ["string", "null"]},
        "station_name": {"type": "string"},
        "holder_name_masked": {"type": "string"},
        "message_zh": {"type": "string"},
        "signature_valid": {"type": "boolean"},
    },
}
_VERIFY_FIELDS = {
    "number": "The certificate's number (证明编号).",
    "c": "Its verification code (核验码).",
    "code": "The same as c.",
    "qr": "The text of its QR code, checked by signature (instead of number and c).",
}


def _json_or_html(description: str, json_schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": json_schema}, **_HTML},
    }


def verify_responses(*, verdict: bool = True) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` of a /verify route: 429, and for a check the verdict (or the form)
    and 400 for malformed input.
    """
    error = {"$ref": _REF + ErrorBody.__name__}
    answers: dict[int | str, dict[str, Any]] = {
        429: {
            **_json_or_html(_ERROR_TEXT[429], error),
            "headers": {
                "Retry-After": {
                    "description": "Seconds to wait.",
                    "schema": {"type": "integer"},
                }
            },
        },
    }
    if verdict:
        answers[200] = _json_or_html(
            "The verdict: JSON when the request accepts application/json, else a page (or the "
            "form, when nothing was asked).",
            _VERIFY_RESULT,
        )
        answers[400] = _json_or_html("The number, code or QR text is malformed.", error)
    return answers


def verify_query(*names: str) -> dict[str, Any]:
    """The ``openapi_extra=`` of a /verify route that reads these query fields itself."""
    return {
        "parameters": [
            {
                "name": name,
                "in": "query",
                "required": False,
                "description": _VERIFY_FIELDS[name],
                "schema": {"type": "string"},
            }
            for name in names
        ]
    }


def verify_form_body() -> dict[str, Any]:
    """The ``openapi_extra=`` of ``POST /verify``: its fields as a form or a JSON object."""
    fields = {
        "type": "object",
        "properties": {
            name: {"type": "string", "description": text} for name, text in _VERIFY_FIELDS.items()
        },
    }
    return {
        "requestBody": {
            "required": False,
            "content": {
                "application/x-www-form-urlencoded": {"schema": fields},
                "application/json": {"schema": fields},
            },
        }
    }
