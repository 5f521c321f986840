"""The field records of people and places: residents, grids, buildings, visits, workers."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field, field_validator

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

from .base import Fields


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


class ResidentFields(Fields):
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


class GridFields(Fields):
    """A grid: its code and name."""

    required = ("code", "name")
    code: str | None = Field(default=None, max_length=32)
    name: str | None = Field(default=None, max_length=64)


class BuildingFields(Fields):
    """A building: its name and the grid it lies in."""

    required = ("name",)
    name: str | None = Field(default=None, max_length=32)
    grid_id: str | None = Field(default=None, max_length=36)


class VisitFields(Fields):
    """A walk-in: who came, why, who received them, when."""

    required = ("resident_id", "purpose", "worker_id", "at")
    resident_id: str | None = Field(default=None, max_length=36)
    purpose: str | None = Field(default=None, max_length=200)
    worker_id: str | None = Field(default=None, max_length=36)
    at: datetime | None = None


class WorkerFields(Fields):
    """A worker account as the district keeps it: never a password or its hash."""

    required = ("username", "role")
    username: str | None = Field(default=None, max_length=32)
    display_name: str | None = Field(default=None, max_length=50)
    role: Role | None = None
    active: bool | None = None


def resident_problem(values: dict[str, object], kind: str) -> tuple[str, str] | None:
    """A resident's document number checked against its type (a ``create`` names the type)."""
    number = values.get("id_number")
    if isinstance(number, str) and number:
        id_type = values.get("id_type") if kind == "create" else None
        problem = document_problem(id_type if isinstance(id_type, str) else None, number)
        if problem:
            return "id_number", problem
    return None
