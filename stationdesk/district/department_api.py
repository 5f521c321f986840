"""The department routes: the ``/dept`` page and its ``/dept/v1`` API (token per department)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from stationdesk.sync.protocol import PATH_SEGMENT_PATTERN

from . import departments
from .answers import run_answer
from .department_page import PAGE
from .deps import CurrentDepartment, Db
from .emergency_board import BOARD_PATH, EmergencyBoard, emergency_board
from .errors import DistrictError
from .openapi import errors, json_body

MAX_ANSWER_BYTES = 64 * 1024

CaseId = Annotated[str, Path(max_length=64, pattern=PATH_SEGMENT_PATTERN)]


class DepartmentInfo(BaseModel):
    """``/dept/v1/me``: the department a token belongs to."""

    code: str
    name: str


def department_router() -> APIRouter:
    """The routes a department uses; the caller is the ``CurrentDepartment``."""
    router = APIRouter()

    @router.get("/dept", response_class=HTMLResponse, include_in_schema=False)
    async def page() -> HTMLResponse:
        return HTMLResponse(PAGE, headers={"Cache-Control": "no-store"})

    @router.get(
        "/dept/v1/me", response_model=DepartmentInfo, responses=errors(401), tags=["department"]
    )
    async def me(department: CurrentDepartment) -> JSONResponse:
        return JSONResponse({"code": department.code, "name": department.name})

    @router.get(
        "/dept/v1/cases",
        response_model=list[departments.ReferredCase],
        responses=errors(401, 422),
        tags=["department"],
    )
    async def cases(department: CurrentDepartment, db: Db, all: bool = False) -> JSONResponse:
        views = await run_in_threadpool(departments.list_cases, db, department, open_only=not all)
        return JSONResponse([v.model_dump(mode="json") for v in views])

    @router.post(
        "/dept/v1/cases/{case_id}/answers",
        response_model=departments.ReferredCase,
        responses=errors(401, 404, 409, 413, 422),
        openapi_extra=json_body(departments.AnswerRequest),
        tags=["department"],
    )
    async def answer(
        case_id: CaseId, department: CurrentDepartment, db: Db, request: Request
    ) -> JSONResponse:
        raw = await request.body()
        if len(raw) > MAX_ANSWER_BYTES:
            raise DistrictError(413, "too_large", "the answer is too large", "内容过长。")
        req = departments.AnswerRequest.model_validate_json(raw)
        return await run_answer(departments.answer_case, db, department, case_id, req)

    @router.get(
        BOARD_PATH,
        response_model=EmergencyBoard,
        responses=errors(401, 422),
        tags=["department"],
    )
    async def board(department: CurrentDepartment, db: Db, all: bool = False) -> JSONResponse:
        """The read-only event board: each station's coverage during an emergency event."""
        return await run_answer(emergency_board, db, include_closed=all)

    return router
