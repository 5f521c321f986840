"""The ``/verify`` routes: rate limiting, reading the request, answering in HTML or JSON."""

from __future__ import annotations

import json
import math
import urllib.parse
from collections.abc import Mapping

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from ..db import DistrictDatabase
from ..deps import Db
from ..openapi import verify_form_body, verify_query, verify_responses
from .check import BadInput, VerifyOutcome, check_number, check_qr, keys_document
from .ratelimit import RateLimiter
from .templates import HEADERS, bad_input_page, form_page, result_page, too_many_page

MAX_BODY_BYTES = 8 * 1024


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "").lower()


def _bad_input(request: Request, exc: BadInput) -> Response:
    if _wants_json(request):
        return JSONResponse(
            {"error": "bad_request", "message": exc.message, "message_zh": exc.zh},
            status_code=400,
            headers=HEADERS,
        )
    return bad_input_page(exc.zh)


def _answer(request: Request, outcome: VerifyOutcome) -> Response:
    if _wants_json(request):
        return JSONResponse(outcome.as_json(), headers=HEADERS)
    return result_page(outcome)


def _too_many(request: Request, wait: float) -> Response:
    seconds = max(1, math.ceil(wait))
    headers = {"Retry-After": str(seconds)}
    zh = f"查询过于频繁，请 {seconds} 秒后再试。"
    if _wants_json(request):
        return JSONResponse(
            {"error": "too_many_requests", "message": "too many requests", "message_zh": zh},
            status_code=429,
            headers={**HEADERS, **headers},
        )
    return too_many_page(zh, headers)


async def _form_fields(request: Request) -> dict[str, str]:
    """The fields of a POST body: urlencoded form or a JSON object of strings."""
    raw = b""
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > MAX_BODY_BYTES:
            raise BadInput("the request body is too large", "提交的内容过长。")
    text = raw.decode("utf-8", errors="replace")
    if "json" in request.headers.get("content-type", "").lower():
        try:
            data = json.loads(text) if text.strip() else {}
        except (ValueError, RecursionError):
            raise BadInput("the body is not JSON", "提交的内容不是有效的 JSON。") from None
        if not isinstance(data, dict):
            raise BadInput("the body must be a JSON object", "提交的内容应为 JSON 对象。")
        return {str(k): v for k, v in data.items() if isinstance(v, str)}
    try:
        pairs = urllib.parse.parse_qsl(text, keep_blank_values=True, max_num_fields=20)
    except ValueError:
        raise BadInput("too many form fields", "提交的字段过多。") from None
    return dict(pairs)


async def _fields_answer(
    request: Request, db: DistrictDatabase, fields: Mapping[str, str]
) -> Response:
    qr, number, code = fields.get("qr"), fields.get("number"), fields.get("c")
    if code is None:
        code = fields.get("code")
    try:
        if qr is not None and qr.strip():
            return _answer(request, await run_in_threadpool(check_qr, db, qr))
        if number is None and code is None:
            if request.method == "GET":
                return form_page()
            raise BadInput("give number and c, or qr", "请填写证明编号和核验码。")
        outcome = await run_in_threadpool(check_number, db, number or "", code or "")
        return _answer(request, outcome)
    except BadInput as exc:
        return _bad_input(request, exc)


def verify_router(limiter: RateLimiter | None) -> APIRouter:
    """The ``/verify`` routes, every request counted by ``limiter`` (None: no limit)."""
    router = APIRouter()

    async def limited(request: Request) -> Response | None:
        # the peer's address, or the one a configured proxy forwarded (uvicorn's proxy headers)
        if limiter is None:
            return None
        client = request.client.host if request.client else "?"
        wait = await run_in_threadpool(limiter.take, client)
        return _too_many(request, wait) if wait > 0 else None

    @router.get(
        "/verify",
        responses=verify_responses(),
        openapi_extra=verify_query("number", "c", "code", "qr"),
        tags=["verify"],
    )
    async def verify_form(request: Request, db: Db) -> Response:
        refused = await limited(request)
        if refused is not None:
            return refused
        return await _fields_answer(request, db, request.query_params)

    @router.post(
        "/verify", responses=verify_responses(), openapi_extra=verify_form_body(), tags=["verify"]
    )
    async def verify_post(request: Request, db: Db) -> Response:
        refused = await limited(request)
        if refused is not None:
            return refused
        try:
            fields = await _form_fields(request)
        except BadInput as exc:
            return _bad_input(request, exc)
        return await _fields_answer(request, db, fields)

    @router.get(
        "/verify/keys",
        responses={
            **verify_responses(verdict=False),
            200: {"content": {"application/json": {"schema": {"type": "object"}}}},
        },
        tags=["verify"],
    )
    async def verify_keys(request: Request, db: Db) -> Response:
        refused = await limited(request)
        if refused is not None:
            return refused
        body = await run_in_threadpool(keys_document, db)
        return JSONResponse(body, headers={**HEADERS, "Cache-Control": "public, max-age=300"})

    @router.get(
        "/verify/{number}",
        responses=verify_responses(),
        openapi_extra=verify_query("c"),
        tags=["verify"],
    )
    async def verify_number(number: str, request: Request, db: Db) -> Response:
        refused = await limited(request)
        if refused is not None:
            return refused
        fields = {"number": number, "c": request.query_params.get("c", "")}
        return await _fields_answer(request, db, fields)

    return router
