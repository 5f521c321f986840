"""CLI commands for a unit's 结对共建 projects: ``unit project add`` and ``unit project status``."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from stationdesk.domain.coded import Coded
from stationdesk.domain.volunteering import (
    PROJECT_LISTS,
    PROJECT_STATUSES,
    parse_project_list,
    parse_project_status,
)

from .base import EXIT_OK, CliContext, add_group, arg_type

if TYPE_CHECKING:
    from typing import TypeAlias

    from stationdesk.services.volunteering import UnitInfo

    Sub: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]


def _choices(choices: Sequence[Coded]) -> str:
    return ", ".join(f"{c.label} ({c.code})" for c in choices)


def register(usub: Sub, common: argparse.ArgumentParser) -> None:
    """Add ``project`` under the ``unit`` command."""
    psub = add_group(usub, "project", common, "a unit's 结对共建 projects")
    a = psub.add_parser("add", parents=[common], help="add a project to a unit")
    a.add_argument("unit", metavar="UNIT", help="the unit's name or id")
    a.add_argument("--title", required=True, help="at most 60 characters")
    a.add_argument(
        "--list",
        dest="source",
        required=True,
        type=arg_type(lambda t: parse_project_list(t).code),
        help=_choices(PROJECT_LISTS),
    )
    a.add_argument(
        "--status",
        default=PROJECT_STATUSES[0].code,
        type=arg_type(lambda t: parse_project_status(t).code),
        help=f"{_choices(PROJECT_STATUSES)}; default {PROJECT_STATUSES[0].label}",
    )
    a.add_argument("--note")
    a.set_defaults(handler=cmd_project_add)
    s = psub.add_parser("status", parents=[common], help="move a project to a status")
    s.add_argument("unit", metavar="UNIT", help="the unit's name or id")
    s.add_argument("project", metavar="PROJECT", help="the project's id or title")
    s.add_argument(
        "status",
        metavar="STATUS",
        type=arg_type(lambda t: parse_project_status(t).code),
        help=_choices(PROJECT_STATUSES),
    )
    s.set_defaults(handler=cmd_project_status)


def project_lines(info: UnitInfo) -> str:
    """A unit's projects, one line each (id, title, list, status)."""
    return "\n".join(f"  {p.id}  {p.title}  {p.list_zh}  {p.status_zh}" for p in info.projects)


def _unit_projects_text(info: UnitInfo) -> str:
    return f"{info.id}  {info.name}\n{project_lines(info)}"


def cmd_project_add(ctx: CliContext) -> int:
    from stationdesk.services import volunteering as v

    a = ctx.args
    info = v.add_project(
        ctx.station(),
        ctx.actor(),
        a.unit,
        title=a.title,
        source=a.source,
        status=a.status,
        note=a.note,
    )
    ctx.emit(info, lambda: _unit_projects_text(info))
    return EXIT_OK


def cmd_project_status(ctx: CliContext) -> int:
    from stationdesk.services import volunteering as v

    a = ctx.args
    info = v.set_project_status(ctx.station(), ctx.actor(), a.unit, a.project, a.status)
    ctx.emit(info, lambda: _unit_projects_text(info))
    return EXIT_OK
