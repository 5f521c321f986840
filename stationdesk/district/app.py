"""The district server's HTTP API (FastAPI): ``/sync/v1/stations/{code}/…`` plus health."""

from __future__ import annotations

import logging
import zlib
from typing import Any

from fastapi import FastAPI, Request
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
from .service import DistrictError
from .verify import verify_router

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 16 * 1024 * 1024


def _error(status: int, error: str, message: str, zh: str = "") -> JSONResponse:
    body = ErrorBody(error=error, message=message, message_zh=zh)
    if status == 426:
        body = body.model_copy(
            update={"protocol_min": MIN_PROTOCOL_VERSION, "protocol_max": PROTOCOL_VERSION}
        )
    return JSONResponse(body.model_dump(mode="json", exclude_none=True), status_code=status)


def _token(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


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


def create_app(db: DistrictDatabase) -> FastAPI:
    """The ASGI app over an open district database."""
    app = FastAPI(title="stationdesk district", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.state.db = db

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
                return _error(426, "upgrade_required", "missing or bad protocol header")
            except DistrictError as exc:
                return _error(exc.status, exc.error, exc.message, exc.zh)
        return await call_next(request)

    @app.get("/health")
    async def health() -> dict[str, Any]:
        return {"ok": True, "protocol_min": MIN_PROTOCOL_VERSION, "protocol_max": PROTOCOL_VERSION}

    app.include_router(verify_router())  # the public /verify pages (no token)

    base = API_PREFIX + "/stations/{code}"

    async def _authorized(code: str, request: Request) -> None:
        # 401/403 come before any look at the body
        await run_in_threadpool(service.authorize, db, _token(request), code)

    @app.post(base + "/hello")
    async def hello(code: str, request: Request) -> JSONResponse:
        await _authorized(code, request)
        req = HelloRequest.model_validate_json(await _json_body(request))
        resp = await run_in_threadpool(service.hello, db, _token(request), code, req)
        return JSONResponse(resp.model_dump(mode="json"))

    @app.post(base + "/push")
    async def push(code: str, request: Request) -> JSONResponse:
        await _authorized(code, request)
        req = PushRequest.model_validate_json(await _json_body(request))
        if len(req.ops) > MAX_PUSH_OPS * 2:
            raise DistrictError(413, "too_many_ops", f"at most {MAX_PUSH_OPS * 2} ops per push")
        resp = await run_in_threadpool(service.push, db, _token(request), code, list(req.ops))
        status = 409 if isinstance(resp, SequenceGap) else 200
        return JSONResponse(resp.model_dump(mode="json"), status_code=status)

    @app.get(base + "/pull")
    async def pull(
        code: str, request: Request, cursor: str | None = None, limit: int = DEFAULT_PULL_LIMIT
    ) -> JSONResponse:
        limit = max(1, min(limit, MAX_PULL_LIMIT))
        resp = await run_in_threadpool(service.pull, db, _token(request), code, cursor, limit)
        return JSONResponse(resp.model_dump(mode="json"))

    @app.get(base + "/snapshot")
    async def snapshot(
        code: str,
        request: Request,
        after: str | None = None,
        cursor: str | None = None,
        limit: int = DEFAULT_PULL_LIMIT,
    ) -> JSONResponse:
        limit = max(1, min(limit, MAX_PULL_LIMIT))
        resp = await run_in_threadpool(
            service.snapshot, db, _token(request), code, after, cursor, limit
        )
        return JSONResponse(resp.model_dump(mode="json"))

    @app.get(base + "/scope-hash")
    async def scope_hash(code: str, request: Request) -> JSONResponse:
        resp = await run_in_threadpool(service.scope_hash, db, _token(request), code)
        return JSONResponse(resp.model_dump(mode="json"))

    @app.get(base + "/records/{entity}/{entity_id}")
    async def record(code: str, entity: str, entity_id: str, request: Request) -> JSONResponse:
        resp = await run_in_threadpool(
            service.get_record, db, _token(request), code, entity, entity_id
        )
        return JSONResponse(resp.model_dump(mode="json"))

    app.include_router(department_router(db))
    return app


def app_from_env() -> FastAPI:
    """An app for ``uvicorn --factory`` reading the database URL from STATIONDESK_DISTRICT_DB."""
    import os

    return create_app(DistrictDatabase(os.environ["STATIONDESK_DISTRICT_DB"]))
