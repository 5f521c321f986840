"""Starting, amending and stopping an emergency event; the frozen list is built at the start."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Select, func, insert, literal, or_, select
from sqlalchemy.orm import Session

from stationdesk.domain.emergency import (
    DEFAULT_LEVEL,
    LEVEL_LABELS,
    VULNERABLE_SENSITIVE_TAGS,
    VULNERABLE_TAGS,
    CheckStatus,
    kind_label,
    parse_kind,
    parse_level,
)
from stationdesk.domain.ids import new_id
from stationdesk.domain.roles import Permission
from stationdesk.store.models import Worker
from stationdesk.store.models_emergency import EmergencyEntry, EmergencyEvent, EmergencyResponder
from stationdesk.store.models_residents import Grid, Resident

from ..actor import Actor, require
from ..errors import InputError, NotFoundError, PermissionDeniedError
from ..residents.views import live_resident
from ..station import Station
from ..uow import unit_of_work
from .synced import queue_entries, queue_event
from .types import (
    ENTITY_EVENT,
    MAX_NAME,
    MAX_SUMMARY,
    EventAlreadyOpenError,
    EventInfo,
    NoOpenEventError,
)

#: How far back an event's start may be set (it was started on paper, the PC was off).
MAX_BACKDATE = timedelta(days=3)


def open_event(session: Session) -> EmergencyEvent | None:
    """The station's open event, if any."""
    return session.scalars(select(EmergencyEvent).where(EmergencyEvent.closed_at.is_(None))).first()


def require_open_event(session: Session) -> EmergencyEvent:
    """The open event, or NoOpenEventError."""
    event = open_event(session)
    if event is None:
        raise NoOpenEventError()
    return event


def event_info(session: Session, event: EmergencyEvent) -> EventInfo:
    """The event as the service returns it."""
    entries = session.scalar(
        select(func.count()).select_from(EmergencyEntry).where(EmergencyEntry.event_id == event.id)
    )
    starter = session.get(Worker, event.started_by)
    return EventInfo(
        id=event.id,
        kind=event.kind,
        kind_zh=kind_label(event.kind),
        name=event.name,
        level=event.level,
        level_zh=LEVEL_LABELS.get(event.level, str(event.level)),
        grids=tuple(event.grids) if event.grids is not None else None,
        started_at=event.started_at,
        started_by=starter.display_name if starter else "",
        closed_at=event.closed_at,
        summary=event.summary,
        entries=int(entries or 0),
    )


def _clean_text(value: str, limit: int, field: str, zh: str) -> str:
    text = " ".join(value.split())
    if not text:
        raise InputError(f"the {field} is empty", f"请填写{zh}。", field=field)
    if len(text) > limit:
        raise InputError(f"the {field} is over {limit} characters", f"{zh}过长。", field=field)
    return text


def grid_by_code(session: Session, code_or_name: str) -> tuple[str, str]:
    """A grid's (id, code) from its code or name; InputError for an unknown one."""
    wanted = code_or_name.strip()
    row = session.execute(
        select(Grid.id, Grid.code).where((Grid.code == wanted) | (Grid.name == wanted))
    ).first()
    if row is None:
        raise InputError(f"unknown grid {wanted!r}", f"网格“{wanted}”不存在。", field="grid")
    return row.id, row.code


def responder_names(session: Session) -> dict[str, str]:
    """Every responder's name by id, those no longer active too."""
    return {
        i: n for i, n in session.execute(select(EmergencyResponder.id, EmergencyResponder.name))
    }


def _grid_ids(session: Session, grids: list[str] | None) -> dict[str, str] | None:
    """Grid codes (or names) to ids; None for every grid; an unknown grid is refused."""
    if grids is None:
        return None
    found = {code: grid_id for grid_id, code in (grid_by_code(session, g) for g in grids)}
    if not found:
        raise InputError("name at least one grid", "请至少选择一个网格。", field="grid")
    return found


def _vulnerable(grid_ids: list[str] | None) -> Select[str, str | None, str | None]:
    """Live residents the default rule lists, in the given grids (or all)."""
    tag = func.json_each(Resident.tags).table_valued("value")
    sensitive = func.json_each(Resident.sensitive_tags).table_valued("value")
    query = select(Resident.id, Resident.grid_id, Resident.building_id).where(
        Resident.deleted_at.is_(None),
        or_(
            select(1).select_from(tag).where(tag.c.value.in_(VULNERABLE_TAGS)).exists(),
            select(1)
            .select_from(sensitive)
            .where(sensitive.c.value.in_(VULNERABLE_SENSITIVE_TAGS))
            .exists(),
        ),
    )
    if grid_ids is not None:
        query = query.where(Resident.grid_id.in_(grid_ids))
    return query


def _require_head(actor: Actor) -> None:
    """Only a station head switches emergency mode on or off."""
    if not actor.can(Permission.APPROVE):
        raise PermissionDeniedError(
            f"{actor.username} ({actor.role.value}) may not start or stop an emergency event",
            "只有站长可以启动或结束应急状态。",
        )


def _start_time(started_at: datetime | None, now: datetime) -> datetime:
    """When the event began, as stored (naive UTC): now, or an earlier moment given."""
    if started_at is None:
        return now
    given = started_at.astimezone(UTC).replace(tzinfo=None) if started_at.tzinfo else started_at
    plain_now = now.astimezone(UTC).replace(tzinfo=None) if now.tzinfo else now
    if given > plain_now + timedelta(minutes=1):
        raise InputError("the start time is in the future", "开始时间不能晚于现在。", field="start")
    if given < plain_now - MAX_BACKDATE:
        raise InputError(
            "the start time is over 3 days ago", "开始时间不能早于三天前。", field="start"
        )
    return given if now.tzinfo is None else given.replace(tzinfo=UTC)


def start_event(
    station: Station,
    actor: Actor,
    kind: str,
    name: str,
    level: int | str = DEFAULT_LEVEL,
    grids: list[str] | None = None,
    started_at: datetime | None = None,
) -> EventInfo:
    """Switch to emergency mode (a station head): the list of vulnerable residents in the
    affected grids (every grid for None) is frozen now; a second open event is refused.
    ``started_at`` records when the emergency began if that was before now (at most
    :data:`MAX_BACKDATE` ago, never in the future)."""
    _require_head(actor)
    try:
        parsed_kind = parse_kind(kind)
        parsed_level = parse_level(level)
    except ValueError as exc:
        raise InputError(str(exc), "应急事件类型或级别不正确。") from None
    clean_name = _clean_text(name, MAX_NAME, "name", "事件名称")
    with unit_of_work(station, actor) as uow:
        s = uow.session
        began = _start_time(started_at, uow.now)
        current = open_event(s)
        if current is not None:
            raise EventAlreadyOpenError(current.name)
        by_code = _grid_ids(s, grids)
        event = EmergencyEvent(
            id=new_id(),
            kind=parsed_kind.code,
            name=clean_name,
            level=parsed_level,
            grids=sorted(by_code) if by_code is not None else None,
            started_at=began,
            started_by=actor.worker_id,
            closed_at=None,
            closed_by=None,
            summary=None,
        )
        s.add(event)
        s.flush()
        chosen = _vulnerable(list(by_code.values()) if by_code is not None else None).subquery()
        frozen = select(
            literal(event.id),
            chosen.c.id,
            chosen.c.grid_id,
            chosen.c.building_id,
            literal(CheckStatus.NOT_CONTACTED.value),
            literal(False),
        )
        s.execute(
            insert(EmergencyEntry).from_select(
                ["event_id", "resident_id", "grid_id", "building_id", "status", "added"], frozen
            )
        )
        queue_event(uow, event, "start")
        queue_entries(uow, event.id, None)
        info = event_info(s, event)
        uow.audit(
            f"{ENTITY_EVENT}.start",
            ENTITY_EVENT,
            event.id,
            {
                "kind": event.kind,
                "level": event.level,
                "grids": event.grids,
                "entries": info.entries,
            },
        )
        return info


def add_to_event(station: Station, actor: Actor, resident_id: str) -> EventInfo:
    """Put a resident the rule left out on the open event's list (any worker; audited)."""
    require(actor, Permission.HANDLE_MATTERS)
    with unit_of_work(station, actor) as uow:
        s = uow.session
        event = require_open_event(s)
        resident = live_resident(s, resident_id.strip())
        listed = s.scalar(
            select(EmergencyEntry.id).where(
                EmergencyEntry.event_id == event.id, EmergencyEntry.resident_id == resident.id
            )
        )
        if listed is not None:
            raise InputError("the resident is already on the list", "该居民已在名单中。")
        s.add(
            EmergencyEntry(
                event_id=event.id,
                resident_id=resident.id,
                grid_id=resident.grid_id,
                building_id=resident.building_id,
                status=CheckStatus.NOT_CONTACTED.value,
                added=True,
            )
        )
        s.flush()
        queue_entries(uow, event.id, [resident.id])
        uow.audit(f"{ENTITY_EVENT}.amend", ENTITY_EVENT, event.id, {"resident": resident.id})
        return event_info(s, event)


def stop_event(station: Station, actor: Actor, summary: str) -> EventInfo:
    """End the open event with a summary (a station head); its list and checks are kept."""
    _require_head(actor)
    text = summary.strip()
    if not text:
        raise InputError("the summary is empty", "请填写事件总结。", field="summary")
    if len(text) > MAX_SUMMARY:
        raise InputError("the summary is too long", "事件总结过长。", field="summary")
    with unit_of_work(station, actor) as uow:
        event = require_open_event(uow.session)
        event.closed_at = uow.now
        event.closed_by = actor.worker_id
        event.summary = text
        uow.session.flush()
        queue_event(uow, event, "stop")
        info = event_info(uow.session, event)
        uow.audit(f"{ENTITY_EVENT}.stop", ENTITY_EVENT, event.id, {"entries": info.entries})
        return info


def current_event(station: Station, actor: Actor) -> EventInfo | None:
    """The open event, or None."""
    require(actor, Permission.HANDLE_MATTERS)
    with station.db.read_session() as s:
        event = open_event(s)
        return event_info(s, event) if event is not None else None


def list_events(station: Station, actor: Actor) -> list[EventInfo]:
    """Every event, the newest first."""
    require(actor, Permission.HANDLE_MATTERS)
    with station.db.read_session() as s:
        rows = s.scalars(select(EmergencyEvent).order_by(EmergencyEvent.started_at.desc()))
        return [event_info(s, e) for e in rows]


def resident_on_list(session: Session, event: EmergencyEvent, resident_id: str) -> EmergencyEntry:
    """The open event's entry for a resident; NotFoundError for an unknown or unlisted one."""
    resident = live_resident(session, resident_id.strip())
    entry = session.scalars(
        select(EmergencyEntry).where(
            EmergencyEntry.event_id == event.id, EmergencyEntry.resident_id == resident.id
        )
    ).first()
    if entry is None:
        raise NotFoundError(
            "the resident is not on the emergency list (add them first)",
            "该居民不在本次应急名单中，请先加入名单。",
        )
    return entry
