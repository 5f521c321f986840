"""Station-side sync bookkeeping: state and cursor, push numbers, conflicts, history, references."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base


class SyncState(Base):
    """The one row of sync state: where pulling continues and what the server acknowledged."""

    __tablename__ = "sync_state"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    cursor: Mapped[str | None] = mapped_column(String(64))
    snapshot_cursor: Mapped[str | None] = mapped_column(String(64))
    snapshot_after: Mapped[str | None] = mapped_column(String(200))
    needs_snapshot: Mapped[bool] = mapped_column(Boolean, default=False)
    next_push_seq: Mapped[int] = mapped_column(Integer, default=1)
    last_acked_seq: Mapped[int] = mapped_column(Integer, default=0)
    counters: Mapped[dict[str, Any]]
    server_station_code: Mapped[str | None] = mapped_column(String(16))
    clock_offset_s: Mapped[int | None] = mapped_column(Integer)
    last_attempt_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    last_outcome: Mapped[str | None] = mapped_column(String(16))
    last_message: Mapped[str | None] = mapped_column(Text)
    upgrade_required: Mapped[bool] = mapped_column(Boolean, default=False)


class SyncPushSeq(Base):
    """The push sequence number given to an outbox row when it was first sent (kept on resend)."""

    __tablename__ = "sync_push_seq"
    outbox_seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    op_id: Mapped[str] = mapped_column(String(36), unique=True)
    push_seq: Mapped[int] = mapped_column(Integer, unique=True)


class SyncConflict(Base):
    """Something sync could not settle alone, kept for a person to review.

    ``kind``: ``field`` (the same field changed at two places; the later arrival was kept),
    ``deleted`` (an edit to a record deleted at the district) or ``rejected`` (the district
    refused an operation, e.g. a change to another station's record).
    """

    __tablename__ = "sync_conflict"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    server_conflict_id: Mapped[str | None] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(64), index=True)
    field: Mapped[str | None] = mapped_column(String(64))
    base_version: Mapped[int | None] = mapped_column(Integer)
    local_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    server_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    applied_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    identity: Mapped[bool] = mapped_column(Boolean, default=False)
    op_id: Mapped[str | None] = mapped_column(String(36))
    message: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[str | None] = mapped_column(String(64))
    resolution: Mapped[str | None] = mapped_column(String(32))


class SyncRun(Base):
    """One sync attempt: when, how it ended and what it moved."""

    __tablename__ = "sync_run"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    trigger: Mapped[str] = mapped_column(String(16))
    outcome: Mapped[str] = mapped_column(String(16))
    pushed: Mapped[int] = mapped_column(Integer, default=0)
    pulled: Mapped[int] = mapped_column(Integer, default=0)
    conflicts: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    round_trips: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str | None] = mapped_column(Text)


class SyncReference(Base):
    """A reference document the district published (catalog, matter types, departments …)."""

    __tablename__ = "sync_reference"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime]
