"""The ops of 双报到: units and members (field records), activities and wishes (whole states)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictBool, StrictInt, StrictStr, ValidationInfo, field_validator

from stationdesk.domain.volunteering import (
    MAX_PROJECT_NOTE,
    MAX_PROJECT_TITLE,
    PROJECT_LISTS,
    PROJECT_STATUSES,
    UNIT_TYPES,
    WishStatus,
)
from stationdesk.sync.protocol import MAX_ATTACHMENT_BYTES

from .base import Day, Entity, FilledFields, Moment, Sha256, State, one_of

Ref = Annotated[StrictStr, Field(max_length=64)]
Minutes = Annotated[StrictInt, Field(ge=0, le=100_000)]
Rows = Field(default=None, max_length=10_000)


class Project(State):
    """One of a unit's projects (项目清单): its list and where it stands."""

    filled = ("id", "title")
    id: Ref
    title: StrictStr = Field(max_length=MAX_PROJECT_TITLE)
    list: Annotated[StrictStr, one_of(*(c.code for c in PROJECT_LISTS))]
    status: Annotated[StrictStr, one_of(*(c.code for c in PROJECT_STATUSES))]
    note: StrictStr | None = Field(default=None, max_length=MAX_PROJECT_NOTE)


class UnitFields(FilledFields):
    """驻区单位: its name and type (which match it district-wide) and its agreement."""

    required = ("name", "unit_type")
    filled = ("name", "unit_type")
    name: StrictStr | None = Field(default=None, max_length=100)
    unit_type: Annotated[StrictStr, one_of(*UNIT_TYPES)] | None = None
    party_org: StrictStr | None = Field(default=None, max_length=100)
    contact_name: StrictStr | None = Field(default=None, max_length=40)
    contact_phone: StrictStr | None = Field(default=None, max_length=20)
    agreement_date: Day | None = None
    agreement_until: Day | None = None
    commitments: StrictStr | None = Field(default=None, max_length=2000)
    projects: list[Project] | None = Rows


class Report(State):
    """A member's report at one station: the id there, the date and the paired grid."""

    filled = ("member_id",)
    station: StrictStr | None = Field(default=None, max_length=16)
    member_id: Ref
    report_date: Day | None = None
    grid_id: Ref | None = None


class MemberFields(FilledFields):
    """在职党员: matched district-wide by ID number, with the stations they reported at."""

    required = ("name", "id_number")
    filled = ("name", "id_number")
    name: StrictStr | None = Field(default=None, max_length=40)
    id_number: StrictStr | None = Field(default=None, max_length=32)
    phone: StrictStr | None = Field(default=None, max_length=20)
    branch: StrictStr | None = Field(default=None, max_length=100)
    unit_id: Ref | None = None
    resident_id: Ref | None = None
    skills: list[Annotated[StrictStr, Field(max_length=100)]] | None = None
    emergency_team: StrictBool | None = None
    reports: list[Report] | None = Rows


class SignIn(State):
    """One sign-in at an activity (signed out once it has an end)."""

    filled = ("member_id",)
    member_id: Ref
    signed_in_at: Moment
    signed_out_at: Moment | None = None
    minutes: Minutes | None = None
    source: StrictStr | None = Field(default=None, max_length=16)


class Correction(SignIn):
    """A correction of a sign-in's times, with its reason."""

    signed_out_at: Moment
    reason: StrictStr | None = Field(default=None, max_length=200)


class ActivityState(State):
    """志愿服务活动 as each op carries it: with its sign-ins, approval and corrections."""

    filled = ("title", "kind")
    title: StrictStr = Field(max_length=100)
    kind: StrictStr = Field(max_length=24)
    place: StrictStr | None = Field(default=None, max_length=100)
    grid_id: Ref | None = None
    starts_at: Moment
    organiser: StrictStr | None = Field(default=None, max_length=100)
    approved_at: Moment | None = None
    signins: list[SignIn] | None = Rows
    corrections: list[Correction] | None = Rows
    ends_at: Moment
    """Last: it is checked against ``starts_at`` once every field's own form is."""

    @field_validator("ends_at")
    @classmethod
    def _after_start(cls, value: str, info: ValidationInfo) -> str:
        from datetime import datetime

        start = info.data.get("starts_at")
        if start is not None and datetime.fromisoformat(value) <= datetime.fromisoformat(start):
            raise ValueError("is not after starts_at")
        return value


class Photo(State):
    """A wish's photo as its state describes it (the bytes travel as an attachment)."""

    filled = ("name",)
    name: StrictStr = Field(max_length=120)
    mime: Annotated[StrictStr, one_of("image/jpeg", "image/png")]
    size: StrictInt = Field(ge=1, le=MAX_ATTACHMENT_BYTES)
    sha256: Sha256
    added_at: Moment | None = None
    added_by: Ref | None = None


class WishState(State):
    """微心愿 as each op carries it: recorded, claimed, fulfilled (with a photo), confirmed."""

    filled = ("resident_id", "text", "category")
    resident_id: Ref
    text: StrictStr = Field(max_length=200)
    category: StrictStr = Field(max_length=16)
    deadline: Day
    status: Annotated[StrictStr, one_of(*(s.value for s in WishStatus))]
    member_id: Ref | None = None
    fulfil_note: StrictStr | None = Field(default=None, max_length=2000)
    grade: StrictStr | None = Field(default=None, max_length=8)
    photo: Photo | None = None


VOLUNTEER_FIELDS: dict[Entity, type[FilledFields]] = {
    Entity.VOLUNTEER_UNIT: UnitFields,
    Entity.VOLUNTEER_MEMBER: MemberFields,
}
"""The merged field records: a ``create`` gives their fields, an ``update`` the changed ones."""

_ACTIVITY_KINDS = ("create", "signin", "signout", "approve", "correct")
_WISH_KINDS = ("create", "claim", "fulfil", "confirm")
VOLUNTEER_MODELS: dict[Entity, dict[str, type[State]]] = {
    Entity.VOLUNTEER_ACTIVITY: dict.fromkeys(_ACTIVITY_KINDS, ActivityState),
    Entity.VOLUNTEER_WISH: dict.fromkeys(_WISH_KINDS, WishState),
}
"""Each kind of op of these entities, and the model of its payload."""
