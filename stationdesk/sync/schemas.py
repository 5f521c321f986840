"""The shapes of what a station pushes, per entity and kind, checked the same way at both ends."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from stationdesk.domain.identity import (
    PASSPORT_RE,
    DocumentType,
    IdNumberError,
    Sex,
    normalize,
    parse_id_number,
)
from stationdesk.domain.names import MAX_NAME_CHARS, name_problem, reading_problem
from stationdesk.domain.residents import (
    ETHNICITIES,
    NOTE_MAX,
    RELATIONS,
    SENSITIVE_TAGS,
    SERVICE_TAGS,
    phone_problem,
)
from stationdesk.domain.roles import Role


class Entity(StrEnum):
    """Every entity a station and the district exchange records of."""

    RESIDENT = "resident"
    VISIT = "visit"
    BUILDING = "building"
    GRID = "grid"
    WORKER = "worker"
    STATION = "station"
    STATION_KEY = "station_key"
    CASE = "case"
    CASE_ANSWER = "case_answer"
    CERTIFICATE = "certificate"
    REFUSAL_NOTICE = "refusal_notice"
    CATALOG = "catalog"
    CONFLICT = "conflict"
    EMERGENCY_EVENT = "emergency_event"
    EMERGENCY_RESPONDER = "emergency_responder"
    EMERGENCY_ENTRY = "emergency_entry"
    VOLUNTEER_UNIT = "volunteer_unit"
    VOLUNTEER_MEMBER = "volunteer_member"
    VOLUNTEER_ACTIVITY = "volunteer_activity"
    VOLUNTEER_WISH = "volunteer_wish"


def _problem(message: str | None) -> None:
    if message:
        raise ValueError(message)


def document_problem(id_type: str | None, number: str) -> str | None:
    """Why a document number is not valid for its type (Chinese text), or None; without a
    type, a number valid as any document passes."""
    if id_type in (None, DocumentType.RESIDENT_ID, DocumentType.HMT_RESIDENCE_PERMIT):
        try:
            parse_id_number(number)
            return None
        except IdNumberError as exc:
            if id_type is not None:
                return exc.zh
    return None if PASSPORT_RE.match(normalize(number)) else "证件号码应为5-20位字母或数字"


class _Fields(BaseModel):
    """A record's synced fields: all of them in a ``create``, the changed ones' new values in
    an ``update``; no other field."""

    model_config = ConfigDict(extra="forbid", strict=False)
    required: ClassVar[tuple[str, ...]] = ()
    """Fields a ``create`` must give (not empty)."""


class ResidentFields(_Fields):
    """A resident's synced fields, with the rules the station's own forms apply."""

    required = ("name",)

    name: str | None = Field(default=None, max_length=MAX_NAME_CHARS + 8)
    name_pinyin: str | None = Field(default=None, max_length=80)
    id_type: DocumentType | None = None
    id_number: str | None = Field(default=None, max_length=32)
    sex: Sex | None = None
    birth_date: date | None = None
    ethnicity: str | None = None
    phones: list[str] | None = Field(default=None, max_length=8)
    building: str | None = Field(default=None, max_length=32)
    unit: str | None = Field(default=None, max_length=8)
    room: str | None = Field(default=None, max_length=16)
    relation: str | None = None
    tags: list[str] | None = Field(default=None, max_length=len(SERVICE_TAGS))
    sensitive_tags: list[str] | None = Field(default=None, max_length=len(SENSITIVE_TAGS))
    note: str | None = Field(default=None, max_length=NOTE_MAX)

    @field_validator("name")
    @classmethod
    def _name(cls, v: str | None) -> str | None:
        if v is not None:
            _problem(name_problem(v))
        return v

    @field_validator("name_pinyin")
    @classmethod
    def _reading(cls, v: str | None) -> str | None:
        if v:
            _problem(reading_problem(v))
        return v

    @field_validator("phones")
    @classmethod
    def _phones(cls, v: list[str] | None) -> list[str] | None:
        for phone in v or ():
            _problem(phone_problem(phone))
        return v

    @field_validator("ethnicity")
    @classmethod
    def _ethnicity(cls, v: str | None) -> str | None:
        if v and v not in ETHNICITIES:
            raise ValueError("民族不在列表中")
        return v

    @field_validator("relation")
    @classmethod
    def _relation(cls, v: str | None) -> str | None:
        if v and v not in RELATIONS:
            raise ValueError("与户主关系不在列表中")
        return v

    @field_validator("tags", "sensitive_tags")
    @classmethod
    def _tags(cls, v: list[str] | None) -> list[str] | None:
        known = set(SERVICE_TAGS) | set(SENSITIVE_TAGS)
        bad = [t for t in v or () if t not in known]
        if bad:
            raise ValueError("未知标签：" + "、".join(bad))
        return v


def _new_values(payload: Mapping[str, Any]) -> dict[str, Any]:
    """An update's ``{field: {"old": …, "new": …}}`` as ``{field: new}``."""
    out: dict[str, Any] = {}
    for name, edit in payload.items():
        if not isinstance(edit, Mapping) or "new" not in edit:
            raise ValueError(f"{name}: 修改应包含新值")
        out[name] = edit["new"]
    return out


class GridFields(_Fields):
    """A grid: its code and name."""

    required = ("code", "name")
    code: str | None = Field(default=None, max_length=32)
    name: str | None = Field(default=None, max_length=64)


class BuildingFields(_Fields):
    """A building: its name and the grid it lies in."""

    required = ("name",)
    name: str | None = Field(default=None, max_length=32)
    grid_id: str | None = Field(default=None, max_length=36)


class VisitFields(_Fields):
    """A walk-in: who came, why, who received them, when."""

    required = ("resident_id", "purpose", "worker_id", "at")
    resident_id: str | None = Field(default=None, max_length=36)
    purpose: str | None = Field(default=None, max_length=200)
    worker_id: str | None = Field(default=None, max_length=36)
    at: datetime | None = None


class WorkerFields(_Fields):
    """A worker account as the district keeps it: never a password or its hash."""

    required = ("username", "role")
    username: str | None = Field(default=None, max_length=32)
    display_name: str | None = Field(default=None, max_length=50)
    role: Role | None = None
    active: bool | None = None


FIELD_MODELS: dict[Entity, type[_Fields]] = {
    Entity.RESIDENT: ResidentFields,
    Entity.GRID: GridFields,
    Entity.BUILDING: BuildingFields,
    Entity.VISIT: VisitFields,
    Entity.WORKER: WorkerFields,
}
"""Entities whose create and update payloads are checked field by field."""


def payload_problem(entity: str, kind: str, payload: Any) -> str | None:
    """Why an op's payload breaks its entity's schema (``field: reason``), or None."""
    try:
        model = FIELD_MODELS[Entity(entity)]
    except (ValueError, KeyError):
        return None
    if kind not in ("create", "update"):
        return None
    if not isinstance(payload, Mapping):
        return "payload: 应为对象"
    missing = [f for f in model.required if kind == "create" and not payload.get(f)]
    if missing:
        return f"{missing[0]}: 必填"
    try:
        values = dict(payload) if kind == "create" else _new_values(payload)
        checked = model.model_validate(values)
    except ValueError as exc:
        if not isinstance(exc, ValidationError):
            return str(exc)
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "payload"
        return f"{where}: {first['msg'].removeprefix('Value error, ')}"
    number = getattr(checked, "id_number", None)
    if number:
        id_type = values.get("id_type") if kind == "create" else None
        problem = document_problem(id_type, number)
        if problem:
            return f"id_number: {problem}"
    return None
