"""The district server's HTTP API (FastAPI): ``/sync/v1/stations/{code}/…`` plus health."""

from __future__ import annotations

import logging
import zlib
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.middleware.gzip import GZipMiddleware

from stationdesk.sync.protocol import (
    API_PREFIX,
    DEFAULT_PULL_LIMIT,
    MAX_PULL_LIMIT,
    MAX_PUSH_OPS,
    MIN_PROTOCOL_VERSION,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    ErrorBody,
    HelloRequest,
    PushRequest,
    SequenceGap,
)

from . import service
from .db import DistrictDatabase
from .department_api import department_router
from .deps import CurrentStation, Db
from .errors import DistrictError
from .settings import ENV_DB, DistrictSettings
from .verify import RateLimiter, verify_router

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 16 * 1024 * 1024


def _error(status: int, error: str, message: str, zh: str = "") -> JSONResponse:
    body = ErrorBody(error=error, message=message, message_zh=zh)
    if status == 426:
        body = body.model_copy(
            update={"protocol_min": MIN_PROTOCOL_VERSION, "protocol_max": PROTOCOL_VERSION}
        )
    return JSONResponse(body.model_dump(mode="json", exclude_none=True), status_code=status)


async def _json_body(request: Request) -> bytes:
    raw = await request.body()
    if request.headers.get("content-encoding", "").lower() == "gzip":
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        raw = d.decompress(raw, MAX_BODY_BYTES)
        if d.unconsumed_tail:
            raise DistrictError(413, "too_large", "the request body is too large")
    if len(raw) > MAX_BODY_BYTES:
        raise DistrictError(413, "too_large", "the request body is too large")
    return raw


def create_app(db: DistrictDatabase, settings: DistrictSettings | None = None) -> FastAPI:
    """The ASGI app over an open district database (settings: from the environment by default).

    A bad verify rate raises ValueError here, so the server does not start with it.
    """
    settings = settings or DistrictSettings()
    limiter = RateLimiter.from_settings(db, settings)
    app = FastAPI(title="stationdesk district", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.state.db = db
    app.state.settings = settings

    @app.exception_handler(DistrictError)
    async def _district_error(_request: Request, exc: DistrictError) -> JSONResponse:
        return _error(exc.status, exc.error, exc.message, exc.zh)

    @app.exception_handler(ValidationError)
    async def _bad_body(_request: Request, exc: ValidationError) -> JSONResponse:
        return _error(
            422, "bad_request", f"the request body is not valid: {exc.error_count()} errors"
        )

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

    @app.get("/health")
    async def health() -> dict[str, Any]:
        return {"ok": True, "protocol_min": MIN_PROTOCOL_VERSION, "protocol_max": PROTOCOL_VERSION}

    app.include_router(verify_router(limiter))  # the public /verify pages (no token)
    app.include_router(station_router())
    app.include_router(department_router())
    return app


def station_router() -> APIRouter:
    """The sync API of ``/sync/v1/stations/{code}``; the caller is the ``CurrentStation``.

    The station is authenticated (401/403) before any look at the body.
    """
    router = APIRouter(prefix=API_PREFIX + "/stations/{code}")

    @router.post("/hello")
    async def hello(station: CurrentStation, db: Db, request: Request) -> JSONResponse:
        req = HelloRequest.model_validate_json(await _json_body(request))
        resp = await run_in_threadpool(service.hello, db, station, req)
        return JSONResponse(resp.model_dump(mode="json"))

    @router.post("/push")
    async def push(station: CurrentStation, db: Db, request: Request) -> JSONResponse:
        req = PushRequest.model_validate_json(await _json_body(request))
        if len(req.ops) > MAX_PUSH_OPS * 2:
            raise DistrictError(413, "too_many_ops", f"at most {MAX_PUSH_OPS * 2} ops per push")
        resp = await run_in_threadpool(service.push, db, station, list(req.ops))
        status = 409 if isinstance(resp, SequenceGap) else 200
        return JSONResponse(resp.model_dump(mode="json"), status_code=status)

    @router.get("/pull")
    async def pull(
        station: CurrentStation,
        db: Db,
        cursor: str | None = None,
        limit: int = DEFAULT_PULL_LIMIT,
    ) -> JSONResponse:
        limit = max(1, min(limit, MAX_PULL_LIMIT))
        resp = await run_in_threadpool(service.pull, db, station, cursor, limit)
        return JSONResponse(resp.model_dump(mode="json"))

    @router.get("/snapshot")
    async def snapshot(
        station: CurrentStation,
        db: Db,
        after: str | None = None,
        cursor: str | None = None,
        limit: int = DEFAULT_PULL_LIMIT,
    ) -> JSONResponse:
        limit = max(1, min(limit, MAX_PULL_LIMIT))
        resp = await run_in_threadpool(service.snapshot, db, station, after, cursor, limit)
        return JSONResponse(resp.model_dump(mode="json"))

    @router.get("/scope-hash")
    async def scope_hash(station: CurrentStation, db: Db) -> JSONResponse:
        resp = await run_in_threadpool(service.scope_hash, db, station)
        return JSONResponse(resp.model_dump(mode="json"))

    @router.get("/records/{entity}/{entity_id}")
    async def record(station: CurrentStation, db: Db, entity: str, entity_id: str) -> JSONResponse:
        resp = await run_in_threadpool(service.get_record, db, station, entity, entity_id)
        return JSONResponse(resp.model_dump(mode="json"))

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
