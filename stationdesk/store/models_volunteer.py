"""Models of 双报到 and volunteer service: units, members, activities, sign-ins, wishes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from stationdesk.store.models import Base


class VolunteerUnit(Base):
    """A 驻区单位 reporting to the community, and its pairing agreement (结对共建)."""

    __tablename__ = "volunteer_unit"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    unit_type: Mapped[str] = mapped_column(String(16))
    party_org: Mapped[str | None] = mapped_column(String(100))
    contact_name: Mapped[str | None] = mapped_column(String(40))
    contact_phone: Mapped[str | None] = mapped_column(String(20))
    agreement_date: Mapped[date | None] = mapped_column(Date)
    agreement_until: Mapped[date | None] = mapped_column(Date)
    commitments: Mapped[str | None] = mapped_column(Text)
    # its 结对共建 projects: [{id, title, list, status, note}], synced with the unit
    projects: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list, server_default="[]")
    created_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class VolunteerMember(Base):
    """An in-service Party member (在职党员) who reported to the community.

    The ID number and phone are held as a resident's are (in the encrypted file, masked on
    screen); ``resident_id`` links the member to a resident record, never copying it.
    """

    __tablename__ = "volunteer_member"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    id_number: Mapped[str] = mapped_column(String(32), unique=True)
    phone: Mapped[str | None] = mapped_column(String(20))
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("volunteer_unit.id"), index=True)
    branch: Mapped[str | None] = mapped_column(String(100))
    report_date: Mapped[date] = mapped_column(Date)
    grid_id: Mapped[str | None] = mapped_column(ForeignKey("grid.id"), index=True)
    skills: Mapped[list[str]] = mapped_column(JSON)
    emergency_team: Mapped[bool] = mapped_column(default=False)
    resident_id: Mapped[str | None] = mapped_column(ForeignKey("resident.id"), index=True)
    created_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class VolunteerActivity(Base):
    """A volunteer activity (志愿服务活动); once ``approved_at`` is set its record is locked."""

    __tablename__ = "volunteer_activity"
    # a member's hours read each activity's state from this index alone (benchmark P14)
    __table_args__ = (
        Index("ix_volunteer_activity_record", "id", "approved_at", "starts_at", "kind"),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(24))
    place: Mapped[str | None] = mapped_column(String(100))
    grid_id: Mapped[str | None] = mapped_column(ForeignKey("grid.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    organiser: Mapped[str | None] = mapped_column(String(100))
    capacity: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(ForeignKey("worker.id"))
    approved_at: Mapped[datetime | None]
    approved_by: Mapped[str | None] = mapped_column(ForeignKey("worker.id"))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class VolunteerSignIn(Base):
    """One member at one activity: when they came and left, and the minutes credited (computed
    from the times by the hours rule, never typed; null until they sign out)."""

    __tablename__ = "volunteer_signin"
    __table_args__ = (
        UniqueConstraint("activity_id", "member_id", name="uq_volunteer_signin_activity_member"),
        # covers a member's hours: their sign-ins and minutes without reading the table
        Index("ix_volunteer_signin_member_hours", "member_id", "activity_id", "minutes", "id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    activity_id: Mapped[str] = mapped_column(ForeignKey("volunteer_activity.id"), index=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("volunteer_member.id"))
    signed_in_at: Mapped[datetime]
    signed_out_at: Mapped[datetime | None]
    minutes: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(16))
    recorded_by: Mapped[str] = mapped_column(ForeignKey("worker.id"))
    recorded_at: Mapped[datetime]


class VolunteerCorrection(Base):
    """A correction of an approved sign-in, append-only: the latest one for a sign-in stands."""

    __tablename__ = "volunteer_correction"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    signin_id: Mapped[int] = mapped_column(ForeignKey("volunteer_signin.id"), index=True)
    signed_in_at: Mapped[datetime]
    signed_out_at: Mapped[datetime]
    minutes: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(200))
    actor_id: Mapped[str] = mapped_column(ForeignKey("worker.id"))
    at: Mapped[datetime]


class VolunteerWish(Base):
    """A resident's 微心愿: recorded, claimed by a member, fulfilled, confirmed with a grade."""

    __tablename__ = "volunteer_wish"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    text: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(16))
    deadline: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), index=True)
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(ForeignKey("worker.id"))
    member_id: Mapped[str | None] = mapped_column(ForeignKey("volunteer_member.id"), index=True)
    claimed_at: Mapped[datetime | None]
    fulfilled_at: Mapped[datetime | None]
    fulfil_note: Mapped[str | None] = mapped_column(Text)
    confirmed_at: Mapped[datetime | None]
    grade: Mapped[str | None] = mapped_column(String(8))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class VolunteerWishPhoto(Base):
    """The photo of a fulfilled wish; its bytes live in the encrypted database only. ``data`` is
    None on a station rebuilt from the district until the bytes are fetched."""

    __tablename__ = "volunteer_wish_photo"
    wish_id: Mapped[str] = mapped_column(ForeignKey("volunteer_wish.id"), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    mime: Mapped[str] = mapped_column(String(80))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    data: Mapped[bytes | None] = mapped_column(LargeBinary)
    added_at: Mapped[datetime]
    added_by: Mapped[str | None] = mapped_column(String(36), ForeignKey("worker.id"))


class VolunteerRetired(Base):
    """A unit or member the district merged into another record (the same unit or person
    registered at two stations): its id and the survivor's, its last state and version."""

    __tablename__ = "volunteer_retired"
    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    merged_into: Mapped[str] = mapped_column(String(36))
    version: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
