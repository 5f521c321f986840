"""FastAPI dependencies of the district routes: the database and the calling station/department."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from .db import DistrictDatabase
from .departments import department_for_token
from .models import DistrictDepartment, DistrictStation
from .service import station_for_token


async def get_db(request: Request) -> DistrictDatabase:
    """The open district database the app was made over."""
    db: DistrictDatabase = request.app.state.db
    return db


Db = Annotated[DistrictDatabase, Depends(get_db)]


async def bearer_token(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer …`` header, or None."""
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


BearerToken = Annotated[str | None, Depends(bearer_token)]


def current_station(code: str, db: Db, token: BearerToken) -> DistrictStation:
    """The station the request's token belongs to, which must be the ``{code}`` of its path.

    401 for a missing, unknown or disabled token; 403 for another station's. FastAPI runs this
    in its thread pool, before the route reads the body.
    """
    return station_for_token(db, token, code)


CurrentStation = Annotated[DistrictStation, Depends(current_station)]


def current_department(db: Db, token: BearerToken) -> DistrictDepartment:
    """The department the request's token belongs to (401 for a missing or unknown token)."""
    return department_for_token(db, token)


CurrentDepartment = Annotated[DistrictDepartment, Depends(current_department)]
