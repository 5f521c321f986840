"""SQLAlchemy models of one-window cases: the case file, its events, attachments, reference data."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from stationdesk.store.models import Base


class Case(Base):
    """One matter received at the station (案卷), owned by the worker who received it (首问).

    ``resident_id`` is a soft reference to a resident record (no foreign key: residents are
    linked by the integrator); ``reporter_name``/``reporter_phone`` hold an anonymous or
    third-party reporter. ``time_limit_days`` is the promise made at receipt, kept even if the
    district later changes the matter type. ``paused_days`` counts working days spent in
    PENDING_MATERIALS in finished pauses; ``paused_at``/``paused_from`` describe a running one.
    """

    __tablename__ = "case_file"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    type_code: Mapped[str] = mapped_column(String(64), index=True)
    time_limit_days: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(16))
    summary: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str | None] = mapped_column(String(200))
    grid: Mapped[str | None] = mapped_column(String(32), index=True)
    resident_id: Mapped[str | None] = mapped_column(String(36), index=True)
    reporter_name: Mapped[str | None] = mapped_column(String(50))
    reporter_phone: Mapped[str | None] = mapped_column(String(32))
    owner_id: Mapped[str] = mapped_column(String(36), ForeignKey("worker.id"), index=True)
    state: Mapped[str] = mapped_column(String(24), index=True)
    paused_from: Mapped[str | None] = mapped_column(String(24))
    paused_at: Mapped[datetime | None]
    paused_days: Mapped[int] = mapped_column(Integer, default=0)
    received_at: Mapped[datetime] = mapped_column(index=True)
    due_date: Mapped[date] = mapped_column(Date, index=True)
    department: Mapped[str | None] = mapped_column(String(64))
    resolved_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    rating: Mapped[str | None] = mapped_column(String(24))
    rated_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime] = mapped_column(index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)


class CaseEvent(Base):
    """One thing that happened to a case: a transition, a rating or an attachment.

    ``action`` is a CaseAction value, or ``open``, ``rate`` or ``attach``. ``manual`` is set when
    a worker recorded a department's acknowledgement or reply by hand (e.g. given by phone);
    ``source`` is ``station`` for events made here and ``district`` for those that arrive by sync.
    """

    __tablename__ = "case_event"
    __table_args__ = (UniqueConstraint("case_id", "seq", name="uq_case_event_case_seq"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(36), ForeignKey("case_file.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime]
    actor_id: Mapped[str | None] = mapped_column(String(36), ForeignKey("worker.id"))
    action: Mapped[str] = mapped_column(String(16))
    from_state: Mapped[str | None] = mapped_column(String(24))
    to_state: Mapped[str | None] = mapped_column(String(24))
    note: Mapped[str | None] = mapped_column(Text)
    department: Mapped[str | None] = mapped_column(String(64))
    rating: Mapped[str | None] = mapped_column(String(24))
    manual: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(16), default="station")


class CaseAttachment(Base):
    """A scan or photo kept with a case; its bytes live in the encrypted database only."""

    __tablename__ = "case_attachment"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(36), ForeignKey("case_file.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    mime: Mapped[str] = mapped_column(String(80))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[datetime]
    added_by: Mapped[str | None] = mapped_column(String(36), ForeignKey("worker.id"))


class CaseReference(Base):
    """District-set reference data for cases (matter types, departments, working calendar).

    One row per kind holds the version in force; without a row the shipped default applies.
    """

    __tablename__ = "case_reference"
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]]
    source: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[datetime]
