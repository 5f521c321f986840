"""What people see of sync: the status, the history of cycles, conflicts and their resolution."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from stationdesk.domain.roles import Permission
from stationdesk.store.models_sync import SyncConflict, SyncRun, SyncState

from .. import sync_entities
from ..actor import Actor, require
from ..errors import InputError, NotFoundError
from ..station import Station
from ..uow import unit_of_work
from .login import server_url, station_token
from .state import STATE_ID, outbox_count


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar shows."""

    configured: bool
    server_url: str
    online: bool | None
    pending: int
    last_success_at: datetime | None
    last_attempt_at: datetime | None
    last_outcome: str | None
    message: str | None
    open_conflicts: int
    upgrade_required: bool


def sync_status(station: Station) -> SyncStatus:
    """The current sync status (cheap; safe to call on a timer)."""
    url = server_url(station)
    configured = bool(url) and station_token(station) is not None
    with station.db.read_session() as s:
        state = s.get(SyncState, STATE_ID)
        pending = outbox_count(s)
        open_conflicts = int(
            s.scalar(
                select(func.count())
                .select_from(SyncConflict)
                .where(SyncConflict.resolved_at.is_(None))
            )
            or 0
        )
        outcome = state.last_outcome if state else None
        return SyncStatus(
            configured=configured,
            server_url=url,
            online=None if outcome in (None, "unset", "cancelled") else outcome == "ok",
            pending=pending,
            last_success_at=state.last_success_at if state else None,
            last_attempt_at=state.last_attempt_at if state else None,
            last_outcome=outcome,
            message=state.last_message if state else None,
            open_conflicts=open_conflicts,
            upgrade_required=bool(state.upgrade_required) if state else False,
        )


@dataclass(frozen=True)
class SyncRunInfo:
    """One line of the sync history."""

    started_at: datetime
    finished_at: datetime | None
    trigger: str
    outcome: str
    pushed: int
    pulled: int
    conflicts: int
    rejected: int
    message: str | None


def sync_history(station: Station, limit: int = 50) -> list[SyncRunInfo]:
    """The latest sync attempts, newest first."""
    with station.db.read_session() as s:
        rows = s.scalars(select(SyncRun).order_by(SyncRun.id.desc()).limit(limit)).all()
        return [
            SyncRunInfo(
                r.started_at,
                r.finished_at,
                r.trigger,
                r.outcome,
                r.pushed,
                r.pulled,
                r.conflicts,
                r.rejected,
                r.message,
            )
            for r in rows
        ]


@dataclass(frozen=True)
class ConflictInfo:
    """A conflict record for review (values are shown masked by the UI where personal)."""

    id: str
    kind: str
    entity: str
    entity_id: str
    field: str | None
    local_value: Any
    server_value: Any
    applied_value: Any
    identity: bool
    message: str | None
    created_at: datetime
    resolved_at: datetime | None
    resolution: str | None


def _conflict_info(c: SyncConflict) -> ConflictInfo:
    return ConflictInfo(
        c.id,
        c.kind,
        c.entity,
        c.entity_id,
        c.field,
        c.local_value,
        c.server_value,
        c.applied_value,
        c.identity,
        c.message,
        c.created_at,
        c.resolved_at,
        c.resolution,
    )


def list_conflicts(station: Station, actor: Actor, *, open_only: bool = True) -> list[ConflictInfo]:
    """Conflict records, newest first (any worker may look; only a head resolves)."""
    if not actor.can(Permission.HANDLE_MATTERS):
        require(actor, Permission.APPROVE)
    with station.db.read_session() as s:
        q = select(SyncConflict).order_by(SyncConflict.created_at.desc(), SyncConflict.id)
        if open_only:
            q = q.where(SyncConflict.resolved_at.is_(None))
        return [_conflict_info(c) for c in s.scalars(q)]


RESOLUTIONS = ("keep", "use_other", "dismiss")


def resolve_conflict(station: Station, actor: Actor, conflict_id: str, choice: str) -> ConflictInfo:
    """A head settles a conflict: keep the applied value, or put the other value back.

    ``use_other`` writes the other value as a new edit (audited, queued for the district);
    every resolution is also sent to the district so its conflict record is closed too.
    """
    require(actor, Permission.APPROVE)
    if choice not in RESOLUTIONS:
        raise InputError(f"unknown resolution {choice!r}", "未知的处理方式。")
    with unit_of_work(station, actor) as uow:
        c = uow.session.get(SyncConflict, conflict_id)
        if c is None:
            raise NotFoundError("no such conflict", "找不到该冲突记录。")
        if c.resolved_at is not None:
            raise InputError("this conflict is already resolved", "该冲突已处理。")
        if choice == "use_other":
            if c.kind != "field" or c.field is None:
                raise InputError(
                    "only a field conflict can take the other value", "只有字段冲突可以改用另一值。"
                )
            handler = sync_entities.handlers().get(c.entity)
            if handler is None:
                raise InputError("this kind of record is not known here", "本站不认识此类记录。")
            handler.set_field(uow, c.entity_id, c.field, c.server_value)
        c.resolved_at = uow.now
        c.resolved_by = actor.username
        c.resolution = choice
        uow.audit(
            "sync.conflict_resolved",
            c.entity,
            c.entity_id,
            {"conflict": c.id, "field": c.field, "choice": choice},
        )
        if c.server_conflict_id:
            uow.outbox("conflict", c.server_conflict_id, "resolve", {"resolution": choice})
        return _conflict_info(c)
