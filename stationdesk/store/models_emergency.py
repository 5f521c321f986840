"""Models of emergency mode: events, their frozen lists of residents, check-offs, responders."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from stationdesk.store.models import Base


class EmergencyResponder(Base):
    """Someone who checks on residents in an emergency: a worker with a grid, or a marked
    responder (a worker or a volunteer) with no grid, who helps wherever needed."""

    __tablename__ = "emergency_responder"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    worker_id: Mapped[str | None] = mapped_column(ForeignKey("worker.id"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    grid_id: Mapped[str | None] = mapped_column(ForeignKey("grid.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]


class EmergencyEvent(Base):
    """One switch to emergency mode (平急转换): what happened, where, and how it ended.

    ``grids`` holds the affected grid codes, or null for every grid; ``closed_at`` is null
    while the event is open (one open event per station, held by the service).
    """

    __tablename__ = "emergency_event"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[int] = mapped_column(Integer)
    grids: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    started_at: Mapped[datetime] = mapped_column(index=True)
    started_by: Mapped[str] = mapped_column(ForeignKey("worker.id"))
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[str | None] = mapped_column(ForeignKey("worker.id"))
    summary: Mapped[str | None] = mapped_column(Text)


class EmergencyEntry(Base):
    """One resident on an event's frozen list, where they were at the start, who checks on
    them and where the check stands (the latest check-off; the history is in the checks)."""

    __tablename__ = "emergency_entry"
    __table_args__ = (
        UniqueConstraint("event_id", "resident_id", name="uq_emergency_entry_event_resident"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("emergency_event.id"), index=True)
    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    grid_id: Mapped[str | None] = mapped_column(ForeignKey("grid.id"))
    building_id: Mapped[str | None] = mapped_column(ForeignKey("building.id"))
    responder_id: Mapped[str | None] = mapped_column(ForeignKey("emergency_responder.id"))
    status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    added: Mapped[bool] = mapped_column(default=False)  # amended in, not by the rule
    checked_at: Mapped[datetime | None]
    unreachable_since: Mapped[datetime | None]
    case_id: Mapped[str | None] = mapped_column(String(36))


class EmergencyCheck(Base):
    """One check-off, append-only: when, by whom, on whose behalf, what was found."""

    __tablename__ = "emergency_check"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("emergency_entry.id"), index=True)
    at: Mapped[datetime]
    actor_id: Mapped[str] = mapped_column(ForeignKey("worker.id"))
    responder_id: Mapped[str | None] = mapped_column(ForeignKey("emergency_responder.id"))
    status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
