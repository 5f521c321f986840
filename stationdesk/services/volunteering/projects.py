"""A unit's 结对共建 projects: add and edit them and move their status, synced with the unit."""

from __future__ import annotations

from typing import Any

from stationdesk.domain.ids import new_id
from stationdesk.domain.roles import Permission
from stationdesk.domain.volunteering import (
    MAX_PROJECT_NOTE,
    MAX_PROJECT_TITLE,
    PROJECT_STATUSES,
    ProjectList,
    ProjectStatus,
    parse_project_list,
    parse_project_status,
)
from stationdesk.store.models_volunteer import VolunteerUnit

from ..actor import Actor, require
from ..errors import InputError, NotFoundError
from ..station import Station
from ..uow import UnitOfWork, unit_of_work
from . import synced
from .roster import _find_unit, _unit_info
from .types import ENTITY_UNIT, UnitInfo, clean_text


def _title(value: str) -> str:
    title = clean_text(value, MAX_PROJECT_TITLE, "title", "项目名称", required=True)
    assert title is not None
    return title


def _list(value: str) -> ProjectList:
    try:
        return parse_project_list(value)
    except ValueError as exc:
        raise InputError(str(exc), "项目来源清单不正确。", field="list") from None


def _status(value: str) -> ProjectStatus:
    try:
        return parse_project_status(value)
    except ValueError as exc:
        raise InputError(str(exc), "项目状态不正确。", field="status") from None


def _note(value: str | None) -> str | None:
    return clean_text(value, MAX_PROJECT_NOTE, "note", "备注", required=False)


def _index(unit: VolunteerUnit, key: str) -> int:
    """The position of the unit's project with this id or title; NotFoundError otherwise."""
    wanted = " ".join(key.split())
    projects = unit.projects or []
    for by in ("id", "title"):
        for i, p in enumerate(projects):
            if p.get(by) == wanted:
                return i
    raise NotFoundError(f"no project {wanted!r} of the unit", f"该单位没有项目“{wanted}”。")


def _same_title(unit: VolunteerUnit, title: str, but: int | None = None) -> None:
    if any(p.get("title") == title for i, p in enumerate(unit.projects or []) if i != but):
        raise InputError(
            "the unit has a project of that title", "该单位已有同名项目。", field="title"
        )


def _store(uow: UnitOfWork, unit: VolunteerUnit, projects: list[dict[str, Any]]) -> None:
    """Give the unit its new project list (a new list, so the change is seen) and queue the
    unit's update op for the district."""
    before = synced.unit_payload(unit)
    unit.projects = projects
    uow.session.flush()
    synced.queue_edit(uow, ENTITY_UNIT, unit, before, synced.unit_payload(unit))


def add_project(
    station: Station,
    actor: Actor,
    unit: str,
    *,
    title: str,
    source: str,
    status: str = PROJECT_STATUSES[0].code,
    note: str | None = None,
) -> UnitInfo:
    """Add a project to a unit (its name or id), from ``source`` (资源清单/需求清单/项目清单,
    code or label), at ``status`` (计划中 unless told); any worker who handles matters. A second
    project of one title in a unit is refused. Audited."""
    require(actor, Permission.HANDLE_MATTERS)
    clean = _title(title)
    chosen, state, text = _list(source), _status(status), _note(note)
    with unit_of_work(station, actor) as uow:
        row = _find_unit(uow.session, unit)
        _same_title(row, clean)
        project = {
            "id": new_id(),
            "title": clean,
            "list": chosen.code,
            "status": state.code,
            "note": text,
        }
        _store(uow, row, [*(dict(p) for p in row.projects or []), project])
        uow.audit(
            f"{ENTITY_UNIT}.project_add",
            ENTITY_UNIT,
            row.id,
            {"project": project["id"], "list": chosen.code, "status": state.code},
        )
        return _unit_info(uow.session, row)


def edit_project(
    station: Station,
    actor: Actor,
    unit: str,
    project: str,
    *,
    title: str,
    source: str,
    note: str | None = None,
) -> UnitInfo:
    """Change a project's title, list and note (its id or title names it; the status moves
    with :func:`set_project_status`). Audited with the fields changed."""
    require(actor, Permission.HANDLE_MATTERS)
    clean = _title(title)
    chosen, text = _list(source), _note(note)
    with unit_of_work(station, actor) as uow:
        row = _find_unit(uow.session, unit)
        i = _index(row, project)
        _same_title(row, clean, but=i)
        projects = [dict(p) for p in row.projects]
        new = {"title": clean, "list": chosen.code, "note": text}
        changed = sorted(k for k, v in new.items() if projects[i].get(k) != v)
        if changed:
            projects[i].update(new)
            _store(uow, row, projects)
            uow.audit(
                f"{ENTITY_UNIT}.project_edit",
                ENTITY_UNIT,
                row.id,
                {"project": projects[i]["id"], "changed": changed},
            )
        return _unit_info(uow.session, row)


def set_project_status(
    station: Station, actor: Actor, unit: str, project: str, status: str
) -> UnitInfo:
    """Move a unit's project (its id or title) to ``status`` (code or label); any worker who
    handles matters. Audited with the status before and after; the same status changes
    nothing."""
    require(actor, Permission.HANDLE_MATTERS)
    state = _status(status)
    with unit_of_work(station, actor) as uow:
        row = _find_unit(uow.session, unit)
        i = _index(row, project)
        projects = [dict(p) for p in row.projects]
        before = projects[i].get("status")
        if before != state.code:
            projects[i]["status"] = state.code
            _store(uow, row, projects)
            uow.audit(
                f"{ENTITY_UNIT}.project_status",
                ENTITY_UNIT,
                row.id,
                {"project": projects[i]["id"], "from": before, "to": state.code},
            )
        return _unit_info(uow.session, row)
