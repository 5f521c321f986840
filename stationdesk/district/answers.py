"""JSON answers of the district routes: a model, or a blocking service call's model."""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec

from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

P = ParamSpec("P")


def model_answer(model: BaseModel, status_code: int = 200) -> JSONResponse:
    """``model`` as the JSON body of a response (dates and the like in their JSON form)."""
    return JSONResponse(model.model_dump(mode="json"), status_code=status_code)


async def run_answer(
    job: Callable[P, BaseModel], /, *args: P.args, **kwargs: P.kwargs
) -> JSONResponse:
    """Run a blocking service call in the thread pool and answer with the model it returns."""
    return model_answer(await run_in_threadpool(job, *args, **kwargs))
