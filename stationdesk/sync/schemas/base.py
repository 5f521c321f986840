"""What every payload schema shares: the entity table, the kinds of model, the problem named."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError, ValidationInfo
from pydantic import field_validator as field_validator

from stationdesk.sync.protocol import SHA256_PATTERN


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


@dataclass(frozen=True)
class PayloadProblem:
    """Why an op's payload breaks its schema: where (field names, list indexes) and why."""

    loc: tuple[str | int, ...]
    reason: str

    @property
    def field(self) -> str:
        """The field's path, dotted (``payload`` for the payload as a whole)."""
        return ".".join(str(p) for p in self.loc) or "payload"

    def __str__(self) -> str:
        return f"{self.field}: {self.reason}"


class Fields(BaseModel):
    """A record's synced fields: all of them in a ``create``, the changed ones' new values in
    an ``update``; no other field."""

    model_config = ConfigDict(extra="forbid", strict=False)
    required: ClassVar[tuple[str, ...]] = ()
    """Fields a ``create`` must give (not empty)."""


class State(BaseModel):
    """What one op of a station-owned record carries (often the whole record after it): the
    fields named here are checked, others a newer station may add pass as they are."""

    model_config = ConfigDict(extra="allow", strict=False, populate_by_name=True)
    filled: ClassVar[tuple[str, ...]] = ()
    """Text fields that, when given, must not be blank."""

    @field_validator("*", mode="after")
    @classmethod
    def _filled(cls, value: Any, info: ValidationInfo) -> Any:
        if info.field_name in cls.filled and isinstance(value, str) and not value.strip():
            raise ValueError("must be a non-empty string")
        return value


class FilledFields(Fields):
    """Field-record fields of which some, when given, must not be blank (``filled``)."""

    filled: ClassVar[tuple[str, ...]] = ()

    @field_validator("*", mode="after")
    @classmethod
    def _filled(cls, value: Any, info: ValidationInfo) -> Any:
        if info.field_name in cls.filled and (value is None or value == ""):
            raise ValueError("is required")
        return value


def _aware(value: str) -> str:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("must be an ISO time with a UTC offset") from None
    if moment.tzinfo is None:
        raise ValueError("must carry a UTC offset")
    return value


def _time(value: str) -> str:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("must be an ISO time") from None
    return value


def _day(value: str) -> str:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise ValueError("must be an ISO date") from None
    return value


def _sha256(value: str) -> str:
    import re

    if not re.fullmatch(SHA256_PATTERN, value):
        raise ValueError("must be 64 hexadecimal digits (a SHA-256)")
    return value


def _key(value: str) -> str:
    try:
        ok = len(value) == 64 and len(bytes.fromhex(value)) == 32
    except ValueError:
        ok = False
    if not ok:
        raise ValueError("must be 64 hex characters (an Ed25519 key)")
    return value


def one_of(*choices: str) -> AfterValidator:
    """A text that must be one of ``choices``."""

    def check(value: str) -> str:
        if value not in choices:
            raise ValueError(f"must be one of {', '.join(choices)}")
        return value

    return AfterValidator(check)


Moment = Annotated[str, AfterValidator(_aware)]
"""An ISO time with a UTC offset, as text."""
AnyTime = Annotated[str, AfterValidator(_time)]
"""An ISO time, as text (stations of old wrote some without an offset)."""
Day = Annotated[str, AfterValidator(_day)]
"""An ISO date, as text."""
Sha256 = Annotated[str, AfterValidator(_sha256)]
"""A SHA-256 digest in lowercase hex."""
KeyHex = Annotated[str, AfterValidator(_key)]
"""An Ed25519 public key in hex."""

_REASONS = {
    "missing": "is missing",
    "extra_forbidden": "is not synced",
    "string_type": "must be text",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "dict_type": "must be an object",
    "list_type": "must be a list",
    "date_from_datetime_parsing": "must be an ISO date",
    "date_parsing": "must be an ISO date",
    "date_type": "must be an ISO date",
    "datetime_parsing": "must be an ISO time",
    "datetime_from_date_parsing": "must be an ISO time",
    "datetime_type": "must be an ISO time",
}


def _reason(error: Mapping[str, Any]) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "string_too_long":
        return f"is over {ctx['max_length']} characters"
    if kind == "string_too_short":
        return "must be a non-empty string"
    if kind == "too_long":
        return f"holds over {ctx['max_length']} items"
    if kind == "greater_than_equal":
        return f"must be at least {ctx['ge']}"
    if kind == "less_than_equal":
        return f"must be at most {ctx['le']}"
    if kind in ("literal_error", "enum"):
        return f"must be one of {ctx['expected']}"
    return _REASONS.get(kind, str(error["msg"]))


def problem_of(exc: ValidationError) -> PayloadProblem:
    """The first problem pydantic found, in the schemas' words."""
    first = exc.errors()[0]
    return PayloadProblem(tuple(first["loc"]), _reason(first))


def new_values(payload: Mapping[str, Any]) -> dict[str, Any]:
    """An update's ``{field: {"old": …, "new": …}}`` as ``{field: new}``."""
    out: dict[str, Any] = {}
    for name, edit in payload.items():
        if not isinstance(edit, Mapping) or "new" not in edit:
            raise ValidationProblem(PayloadProblem((name,), "修改应包含新值"))
        out[name] = edit["new"]
    return out


class ValidationProblem(ValueError):
    """A payload refused before pydantic looked at it."""

    def __init__(self, problem: PayloadProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem
