"""Revoking and rotating the bearer tokens of stations and departments (no SQL needed).

Every request looks its token up in the database (see ``deps``), and nothing keeps a token's
validity in memory beyond one request, so a revocation or rotation counts at once on every
server process. Only a token's SHA-256 is stored; a new token is returned once.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import departments
from .db import DistrictDatabase
from .errors import DistrictError
from .models import DistrictDepartment, DistrictStation
from .service import stations

Holder = Literal["station", "department"]
PREFIXES: dict[Holder, str] = {
    "station": stations.TOKEN_PREFIX,
    "department": departments.TOKEN_PREFIX,
}


@dataclass(frozen=True)
class NewToken:
    """A station's or department's new token (shown once, never stored)."""

    holder: Holder
    code: str
    name: str
    token: str


def _unusable_hash() -> str:
    """The hash of a secret nobody is given, so the old token cannot work even if re-enabled."""
    return stations.hash_token("revoked:" + secrets.token_urlsafe(32))


def _station(s: Session, code: str) -> DistrictStation | None:
    return s.scalar(select(DistrictStation).where(DistrictStation.code == code))


def _not_found(holder: Holder, code: str) -> DistrictError:
    zh = "站点" if holder == "station" else "部门"
    return DistrictError(
        404, "not_found", f"no {holder} {code} is enrolled", f"未登记{zh} {code}。"
    )


def revoke_station(db: DistrictDatabase, code: str) -> str:
    """Disable a station's token at once (401 from its next request); returns its name."""
    code = code.strip().upper()
    with db.session() as s:
        row = _station(s, code)
        if row is None:
            raise _not_found("station", code)
        row.active = False
        row.token_hash = _unusable_hash()
        return row.name


def revoke_department(db: DistrictDatabase, code: str) -> str:
    """Disable a department's token at once (401 from its next request); returns its name."""
    code = code.strip().upper()
    with db.session() as s:
        row = s.get(DistrictDepartment, code)
        if row is None:
            raise _not_found("department", code)
        row.active = False
        row.token_hash = _unusable_hash()
        return row.name


def rotate_token(db: DistrictDatabase, code: str, holder: Holder | None = None) -> NewToken:
    """Give a station or department a new token; the old one stops working at once.

    ``holder`` says which when a station and a department share the code (else 409). A revoked
    holder is enabled again with the new token.
    """
    code = code.strip().upper()
    with db.session() as s:
        station = _station(s, code) if holder in (None, "station") else None
        department = s.get(DistrictDepartment, code) if holder in (None, "department") else None
        if station is not None and department is not None:
            raise DistrictError(
                409,
                "ambiguous",
                f"both a station and a department have code {code}; say --station or --department",
                f"站点和部门都使用编码 {code}，请加 --station 或 --department。",
            )
        row = station or department
        if row is None and holder is not None:
            raise _not_found(holder, code)
        if row is None:
            raise DistrictError(
                404,
                "not_found",
                f"no station or department {code} is enrolled",
                f"未登记编码为 {code} 的站点或部门。",
            )
        kind: Holder = "station" if row is station else "department"
        token = PREFIXES[kind] + secrets.token_urlsafe(32)
        row.token_hash = stations.hash_token(token)
        row.active = True
        return NewToken(kind, code, row.name, token)
