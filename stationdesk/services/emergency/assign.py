"""Responders and the automatic assignment of the open event's list among them."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select, update

from stationdesk.domain.emergency import Block, balance
from stationdesk.domain.ids import new_id
from stationdesk.domain.roles import Permission, Role, role_allows
from stationdesk.store.models import Worker
from stationdesk.store.models_emergency import EmergencyEntry, EmergencyResponder
from stationdesk.store.models_residents import Grid
from stationdesk.store.models_volunteer import VolunteerMember

from ..actor import Actor, require
from ..errors import InputError, NotFoundError
from ..station import Station
from ..uow import unit_of_work
from .events import grid_by_code, require_open_event, resident_on_list
from .synced import queue_assignments, queue_responder
from .types import ENTITY_EVENT, ENTITY_RESPONDER, AssignReport, ResponderInfo


def add_responder(
    station: Station,
    actor: Actor,
    *,
    worker: str | None = None,
    name: str | None = None,
    grid: str | None = None,
) -> ResponderInfo:
    """Put a worker (by login name) or a named volunteer on the responder list (a station
    head); with a grid they take that grid's residents, without one they help everywhere."""
    require(actor, Permission.APPROVE)
    with unit_of_work(station, actor) as uow:
        s = uow.session
        worker_row = None
        if worker:
            worker_row = s.scalars(
                select(Worker).where(Worker.username == worker.strip(), Worker.active.is_(True))
            ).first()
            if worker_row is None:
                raise NotFoundError(f"no active worker {worker!r}", "找不到该工作人员。")
        shown = (name or "").strip() or (worker_row.display_name if worker_row else "")
        if not shown or len(shown) > 50:
            raise InputError("a responder needs a name (1-50 characters)", "请填写应急人员姓名。")
        grid_row = grid_by_code(s, grid) if grid else None
        row = EmergencyResponder(
            id=new_id(),
            worker_id=worker_row.id if worker_row else None,
            name=shown,
            grid_id=grid_row[0] if grid_row else None,
            active=True,
            created_at=uow.now,
        )
        s.add(row)
        s.flush()
        queue_responder(uow, row)
        uow.audit(
            f"{ENTITY_RESPONDER}.add",
            ENTITY_RESPONDER,
            row.id,
            {
                "worker": worker_row.username if worker_row else None,
                "grid": grid_row[1] if grid_row else None,
            },
        )
        return ResponderInfo(
            row.id,
            row.name,
            worker_row.username if worker_row else None,
            grid_row[1] if grid_row else None,
            True,
        )


def list_responders(station: Station, actor: Actor) -> list[ResponderInfo]:
    """Every responder, by grid then name."""
    require(actor, Permission.HANDLE_MATTERS)
    with station.db.read_session() as s:
        rows = s.execute(
            select(EmergencyResponder, Worker.username, Grid.code)
            .outerjoin(Worker, Worker.id == EmergencyResponder.worker_id)
            .outerjoin(Grid, Grid.id == EmergencyResponder.grid_id)
        ).all()
        out = [ResponderInfo(r.id, r.name, user, code, r.active) for r, user, code in rows]
    return sorted(out, key=lambda r: (r.grid or "~", r.name))


def assign(station: Station, actor: Actor) -> AssignReport:
    """Give every unassigned entry of the open event a responder: whole buildings at a time,
    each to the least-loaded responder of its grid or a floating one (any worker; audited)."""
    require(actor, Permission.HANDLE_MATTERS)
    with unit_of_work(station, actor) as uow:
        s = uow.session
        event = require_open_event(s)
        grid_responders: dict[str | None, list[str]] = {}
        floating: list[str] = []
        names: dict[str, str] = {}
        for r in s.scalars(select(EmergencyResponder).where(EmergencyResponder.active.is_(True))):
            names[r.id] = r.name
            if r.grid_id is None:
                floating.append(r.id)
            else:
                grid_responders.setdefault(r.grid_id, []).append(r.id)
        load: Counter[str] = Counter()
        for rid, n in s.execute(
            select(EmergencyEntry.responder_id, func.count())
            .where(EmergencyEntry.event_id == event.id, EmergencyEntry.responder_id.is_not(None))
            .group_by(EmergencyEntry.responder_id)
        ):
            if rid is not None:
                load[rid] = n
        blocks = [
            Block(grid, building, n)
            for grid, building, n in s.execute(
                select(EmergencyEntry.grid_id, EmergencyEntry.building_id, func.count())
                .where(EmergencyEntry.event_id == event.id, EmergencyEntry.responder_id.is_(None))
                .group_by(EmergencyEntry.grid_id, EmergencyEntry.building_id)
            )
        ]
        plan = balance(blocks, grid_responders, floating, load)
        waiting = list(
            s.scalars(
                select(EmergencyEntry.id).where(
                    EmergencyEntry.event_id == event.id, EmergencyEntry.responder_id.is_(None)
                )
            )
        )
        assigned = 0
        for (grid, building), responder in plan.items():
            result = s.execute(
                update(EmergencyEntry)
                .where(
                    EmergencyEntry.event_id == event.id,
                    EmergencyEntry.responder_id.is_(None),
                    EmergencyEntry.grid_id.is_(None)
                    if grid is None
                    else EmergencyEntry.grid_id == grid,
                    EmergencyEntry.building_id.is_(None)
                    if building is None
                    else EmergencyEntry.building_id == building,
                )
                .values(responder_id=responder)
                .execution_options(synchronize_session=False)
            )
            assigned += int(getattr(result, "rowcount", 0) or 0)
            load[responder] += int(getattr(result, "rowcount", 0) or 0)
        total_open = sum(b.count for b in blocks)
        queue_assignments(uow, event.id, waiting)
        uow.audit(
            f"{ENTITY_EVENT}.assign",
            ENTITY_EVENT,
            event.id,
            {"assigned": assigned, "unassigned": total_open - assigned},
        )
        loads = {names[r]: load[r] for r in names}
        return AssignReport(assigned, total_open - assigned, dict(sorted(loads.items())))


def reassign(station: Station, actor: Actor, resident_id: str, responder_id: str) -> str:
    """Give one listed resident to another active responder by hand (any worker; audited).
    Returns the responder's name.

    The district learns an entry's first responder only (an ``assign`` op, queued here when the
    entry had none): an entry's district version counts one assignment (see
    ``synced.entry_states``), so a later change stays at the station, and the district's
    board and a rebuilt station show the responder first assigned. Hence no "back to nobody".
    """
    require(actor, Permission.HANDLE_MATTERS)
    with unit_of_work(station, actor) as uow:
        s = uow.session
        event = require_open_event(s)
        entry = resident_on_list(s, event, resident_id)
        responder = s.get(EmergencyResponder, responder_id.strip())
        if responder is None or not responder.active:
            raise NotFoundError("no such active responder", "没有这名应急人员。")
        if entry.responder_id == responder.id:
            return responder.name
        before, entry.responder_id = entry.responder_id, responder.id
        s.flush()
        if before is None:
            queue_assignments(uow, event.id, [entry.id])
        uow.audit(
            f"{ENTITY_EVENT}.reassign",
            ENTITY_EVENT,
            event.id,
            {"resident": entry.resident_id, "from": before, "to": responder.id},
        )
        return responder.name


def responder_candidates(station: Station, actor: Actor) -> list[tuple[str, str]]:
    """The active workers who handle matters and are not responders yet, as (login name,
    display name): whom a station head may put on the responder list."""
    require(actor, Permission.APPROVE)
    with station.db.read_session() as s:
        taken = select(EmergencyResponder.worker_id).where(
            EmergencyResponder.worker_id.is_not(None)
        )
        rows = s.execute(
            select(Worker.username, Worker.display_name, Worker.role)
            .where(Worker.active.is_(True), Worker.id.not_in(taken))
            .order_by(Worker.username)
        ).all()
    return [
        (user, name)
        for user, name, role in rows
        if role_allows(Role(role), Permission.HANDLE_MATTERS)
    ]


def team_members(station: Station, actor: Actor) -> list[str]:
    """The names of the in-service Party members marked for the emergency team (双报到) who are
    not responders yet: a head puts them on the responder list by name."""
    require(actor, Permission.APPROVE)
    with station.db.read_session() as s:
        listed = set(s.scalars(select(EmergencyResponder.name)))
        names = s.scalars(
            select(VolunteerMember.name)
            .where(VolunteerMember.emergency_team.is_(True))
            .order_by(VolunteerMember.name)
        )
        return [n for n in dict.fromkeys(names) if n not in listed]
