"""The district server's HTTP API (FastAPI): ``/sync/v1/stations/{code}/…`` plus health."""

from __future__ import annotations

import logging
import zlib
from collections.abc import Mapping
from http import HTTPStatus
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware.gzip import GZipMiddleware

from stationdesk.sync.protocol import (
    API_PREFIX,
    ATTACHMENT_SIZE_HEADER,
    CURSOR_PATTERN,
    DEFAULT_PULL_LIMIT,
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENT_CHUNK,
    MAX_PULL_LIMIT,
    MAX_PUSH_OPS,
    MIN_PROTOCOL_VERSION,
    NO_NUL_PATTERN,
    PATH_SEGMENT_PATTERN,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    SHA256_PATTERN,
    AttachmentsMissing,
    AttachmentsMissingRequest,
    AuditHeads,
    BlobOffsetConflict,
    BlobProgress,
    Change,
    ErrorBody,
    HelloRequest,
    HelloResponse,
    MemberHours,
    PullResponse,
    PushRequest,
    PushResponse,
    ScopeHash,
    SequenceGap,
    SnapshotPage,
)

from . import service
from .answers import model_answer, run_answer
from .db import DistrictDatabase
from .department_api import department_router
from .deps import CurrentStation, Db
from .errors import DistrictError
from .openapi import OPENAPI_PATH, errors, install, json_body
from .service import attachments
from .settings import ENV_DB, DistrictSettings
from .verify import RateLimiter, verify_router

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 16 * 1024 * 1024
_SHOWN_ERRORS = 3


def _error(
    status: int, error: str, message: str, zh: str = "", headers: Mapping[str, str] | None = None
) -> JSONResponse:
    body = ErrorBody(error=error, message=message, message_zh=zh)
    if status == 426:
        body = body.model_copy(
            update={"protocol_min": MIN_PROTOCOL_VERSION, "protocol_max": PROTOCOL_VERSION}
        )
    return JSONResponse(
        body.model_dump(mode="json", exclude_none=True), status_code=status, headers=headers
    )


def _invalid(problems: list[Any], what: str) -> JSONResponse:
    """422 naming the first few fields that are not valid (``ops.3.op_id: …``)."""
    shown = [
        f"{'.'.join(str(part) for part in p.get('loc', ())) or what}: {p.get('msg', 'not valid')}"
        for p in problems[:_SHOWN_ERRORS]
    ]
    more = len(problems) - len(shown)
    message = f"the {what} is not valid: " + "; ".join(shown)
    if more > 0:
        message += f" (and {more} more)"
    return _error(422, "bad_request", message, "提交的内容不符合要求：" + "; ".join(shown))


async def _json_body(request: Request) -> bytes:
    raw = await request.body()
    if request.headers.get("content-encoding", "").lower() == "gzip":
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            raw = d.decompress(raw, MAX_BODY_BYTES)
        except zlib.error:
            raise DistrictError(400, "bad_encoding", "the body is not valid gzip") from None
        if d.unconsumed_tail:
            raise DistrictError(413, "too_large", "the request body is too large")
    if len(raw) > MAX_BODY_BYTES:
        raise DistrictError(413, "too_large", "the request body is too large")
    return raw


class Health(BaseModel):
    """``/health``: the server is up, and the protocols it accepts."""

    ok: bool
    protocol_min: int
    protocol_max: int


def create_app(db: DistrictDatabase, settings: DistrictSettings | None = None) -> FastAPI:
    """The ASGI app over an open district database (settings: from the environment by default).

    A bad verify rate raises ValueError here, so the server does not start with it. The
    OpenAPI document is served at ``/openapi.json``; there is no docs page (the server runs
    offline, and such pages load their scripts from a CDN).
    """
    settings = settings or DistrictSettings()
    limiter = RateLimiter.from_settings(db, settings)
    app = FastAPI(
        title="stationdesk district",
        version=f"protocol {PROTOCOL_VERSION}",
        description=(
            "The district server of stationdesk: the station sync API (`/sync/v1`), the "
            "department API (`/dept/v1`) and the public certificate check (`/verify`). "
            "Every error answers an ErrorBody."
        ),
        docs_url=None,
        redoc_url=None,
        openapi_url=OPENAPI_PATH,
    )
    install(app)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.state.db = db
    app.state.settings = settings

    @app.exception_handler(DistrictError)
    async def _district_error(_request: Request, exc: DistrictError) -> JSONResponse:
        return _error(exc.status, exc.error, exc.message, exc.zh)

    @app.exception_handler(ValidationError)
    async def _bad_body(_request: Request, exc: ValidationError) -> JSONResponse:
        return _invalid(list(exc.errors(include_input=False)), "request body")

    @app.exception_handler(RequestValidationError)
    async def _bad_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return _invalid(list(exc.errors()), "request")

    @app.exception_handler(HTTPException)
    async def _http_error(_request: Request, exc: HTTPException) -> JSONResponse:
        error = HTTPStatus(exc.status_code).phrase.lower().replace(" ", "_")
        return _error(exc.status_code, error, str(exc.detail), headers=exc.headers)

    @app.middleware("http")
    async def _protocol_gate(request: Request, call_next: Any) -> Any:
        if request.url.path.startswith(API_PREFIX + "/"):
            value = request.headers.get(PROTOCOL_HEADER)
            try:
                service.check_protocol(int(value) if value is not None else None)
            except ValueError:
                return _error(
                    426,
                    "upgrade_required",
                    f"the {PROTOCOL_HEADER} header is not a protocol version number",
                    f"请求的协议版本头 {PROTOCOL_HEADER} 不是有效的版本号。",
                )
            except DistrictError as exc:
                return _error(exc.status, exc.error, exc.message, exc.zh)
        return await call_next(request)

    @app.get("/health", response_model=Health)
    async def health() -> dict[str, Any]:
        return {"ok": True, "protocol_min": MIN_PROTOCOL_VERSION, "protocol_max": PROTOCOL_VERSION}

    app.include_router(verify_router(limiter))  # the public /verify pages (no token)
    app.include_router(station_router())
    app.include_router(department_router())
    return app


# every station route: no or a bad token (401), another station's code (403), the protocol (426)
_STATION_ERRORS = (401, 403, 426)

EntityName = Annotated[str, Path(max_length=32, pattern=PATH_SEGMENT_PATTERN)]
EntityId = Annotated[str, Path(max_length=64, pattern=PATH_SEGMENT_PATTERN)]
Cursor = Annotated[
    str | None,
    Query(pattern=CURSOR_PATTERN, description="A cursor the server gave (next_cursor, cursor)."),
]
Limit = Annotated[
    int, Query(description=f"Changes per page (1-{MAX_PULL_LIMIT}; other values are clamped).")
]
SnapshotAfter = Annotated[
    str | None,
    Query(
        max_length=32 + 1 + 64,
        pattern=NO_NUL_PATTERN,
        description="The last record key applied (`entity:entity_id`).",
    ),
]
BlobHash = Annotated[
    str, Path(pattern=SHA256_PATTERN, description="The lowercase hex SHA-256 of the bytes.")
]
BlobOffset = Annotated[
    int, Query(ge=0, le=MAX_ATTACHMENT_BYTES, description="Where these bytes start.")
]
BlobSize = Annotated[
    int, Query(ge=1, le=MAX_ATTACHMENT_BYTES, description="The whole attachment's size.")
]


async def _raw_body(request: Request) -> bytes:
    """A PUT's raw bytes, refused (413) past one chunk without reading the rest."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_ATTACHMENT_CHUNK:
        raise DistrictError(413, "too_large", f"a chunk is at most {MAX_ATTACHMENT_CHUNK} bytes")
    body = bytearray()
    async for part in request.stream():
        body += part
        if len(body) > MAX_ATTACHMENT_CHUNK:
            raise DistrictError(
                413, "too_large", f"a chunk is at most {MAX_ATTACHMENT_CHUNK} bytes"
            )
    return bytes(body)


def _octet_stream(description: str) -> dict[str, Any]:
    """The OpenAPI description and content of a body of raw bytes."""
    return {
        "description": description,
        "content": {"application/octet-stream": {"schema": {"type": "string"}}},
    }


def attachment_routes(router: APIRouter) -> None:
    """The attachment endpoints of the station router (see ``service.attachments``)."""

    @router.post(
        "/attachments/missing",
        response_model=AttachmentsMissing,
        responses=errors(400, *_STATION_ERRORS, 413, 422),
        openapi_extra=json_body(AttachmentsMissingRequest, "May be gzip-compressed."),
    )
    async def attachments_missing(
        station: CurrentStation, db: Db, request: Request
    ) -> JSONResponse:
        req = AttachmentsMissingRequest.model_validate_json(await _json_body(request))
        return await run_answer(attachments.missing, db, station, list(req.sha256))

    @router.put(
        "/attachments/{sha256}",
        response_model=BlobProgress,
        responses={
            **errors(*_STATION_ERRORS, 413, 422),
            409: {
                "model": BlobOffsetConflict,
                "description": "The bytes do not start where the district's end: resume at "
                "received.",
            },
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                **_octet_stream(f"The raw bytes from offset, at most {MAX_ATTACHMENT_CHUNK}."),
            }
        },
    )
    async def attachment_put(
        station: CurrentStation,
        db: Db,
        request: Request,
        sha256: BlobHash,
        offset: BlobOffset,
        size: BlobSize,
    ) -> JSONResponse:
        data = await _raw_body(request)
        try:
            resp = await run_in_threadpool(
                attachments.put_chunk, db, station, sha256, offset, size, data
            )
        except attachments.OffsetMismatch as exc:
            conflict = BlobOffsetConflict(
                error="offset_mismatch",
                message=f"resume at offset {exc.received}",
                message_zh="附件上传位置不符，将从已收到处继续。",
                received=exc.received,
            )
            return model_answer(conflict, status_code=409)
        return model_answer(resp)

    @router.get(
        "/attachments/{sha256}",
        response_class=Response,
        responses={
            200: _octet_stream(
                f"Up to {MAX_ATTACHMENT_CHUNK} bytes from offset; the header "
                f"{ATTACHMENT_SIZE_HEADER} names the whole size."
            ),
            **errors(*_STATION_ERRORS, 404, 422),
        },
    )
    async def attachment_get(
        station: CurrentStation, db: Db, sha256: BlobHash, offset: BlobOffset = 0
    ) -> Response:
        chunk = await run_in_threadpool(attachments.get_chunk, db, station, sha256, offset)
        return Response(
            chunk.data,
            media_type="application/octet-stream",
            headers={ATTACHMENT_SIZE_HEADER: str(chunk.size)},
        )


def station_router() -> APIRouter:
    """The sync API of ``/sync/v1/stations/{code}``; the caller is the ``CurrentStation``.

    The station is authenticated (401/403) before any look at the body.
    """
    router = APIRouter(prefix=API_PREFIX + "/stations/{code}", tags=["station sync"])

    @router.post(
        "/hello",
        response_model=HelloResponse,
        responses=errors(400, *_STATION_ERRORS, 413, 422),
        openapi_extra=json_body(HelloRequest, "May be gzip-compressed (Content-Encoding)."),
    )
    async def hello(station: CurrentStation, db: Db, request: Request) -> JSONResponse:
        req = HelloRequest.model_validate_json(await _json_body(request))
        return await run_answer(service.hello, db, station, req)

    @router.post(
        "/push",
        response_model=PushResponse,
        responses={
            **errors(400, *_STATION_ERRORS, 413, 422),
            409: {
                "model": SequenceGap,
                "description": "The ops before the gap were handled; resume at expected_seq.",
            },
        },
        openapi_extra=json_body(PushRequest, "May be gzip-compressed (Content-Encoding)."),
    )
    async def push(station: CurrentStation, db: Db, request: Request) -> JSONResponse:
        req = PushRequest.model_validate_json(await _json_body(request))
        if len(req.ops) > MAX_PUSH_OPS * 2:
            raise DistrictError(413, "too_many_ops", f"at most {MAX_PUSH_OPS * 2} ops per push")
        resp = await run_in_threadpool(service.push, db, station, list(req.ops))
        status = 409 if isinstance(resp, SequenceGap) else 200
        return model_answer(resp, status_code=status)

    @router.get("/pull", response_model=PullResponse, responses=errors(*_STATION_ERRORS, 410, 422))
    async def pull(
        station: CurrentStation,
        db: Db,
        cursor: Cursor = None,
        limit: Limit = DEFAULT_PULL_LIMIT,
    ) -> JSONResponse:
        limit = max(1, min(limit, MAX_PULL_LIMIT))
        return await run_answer(service.pull, db, station, cursor, limit)

    @router.get("/snapshot", response_model=SnapshotPage, responses=errors(*_STATION_ERRORS, 422))
    async def snapshot(
        station: CurrentStation,
        db: Db,
        after: SnapshotAfter = None,
        cursor: Cursor = None,
        limit: Limit = DEFAULT_PULL_LIMIT,
    ) -> JSONResponse:
        limit = max(1, min(limit, MAX_PULL_LIMIT))
        return await run_answer(service.snapshot, db, station, after, cursor, limit)

    @router.get("/audit-heads", response_model=AuditHeads, responses=errors(*_STATION_ERRORS))
    async def audit_heads(station: CurrentStation, db: Db) -> JSONResponse:
        return await run_answer(service.audit_heads, db, station)

    @router.get("/scope-hash", response_model=ScopeHash, responses=errors(*_STATION_ERRORS))
    async def scope_hash(station: CurrentStation, db: Db) -> JSONResponse:
        return await run_answer(service.scope_hash, db, station)

    @router.get(
        "/records/{entity}/{entity_id}",
        response_model=Change,
        responses=errors(*_STATION_ERRORS, 404, 422),
    )
    async def record(
        station: CurrentStation, db: Db, entity: EntityName, entity_id: EntityId
    ) -> JSONResponse:
        return await run_answer(service.get_record, db, station, entity, entity_id)

    @router.get(
        "/members/{member_id}/hours",
        response_model=MemberHours,
        responses=errors(*_STATION_ERRORS, 404, 422),
    )
    async def member_hours(station: CurrentStation, db: Db, member_id: EntityId) -> JSONResponse:
        """A member's approved volunteer minutes at every station, by kind and by station."""
        return await run_answer(service.member_hours, db, station, member_id)

    attachment_routes(router)
    return router


def app_from_env() -> FastAPI:
    """An app for ``uvicorn --factory`` over the database ``STATIONDESK_DISTRICT_DB`` names.

    It refuses to start without a data key that opens the district's data.
    """
    settings = DistrictSettings()
    if not settings.database_url:
        raise RuntimeError(f"set {ENV_DB} to the district database URL")
    db = DistrictDatabase(settings.database_url)  # DataKeyError without a data key
    db.check_data_key()
    return create_app(db, settings)
