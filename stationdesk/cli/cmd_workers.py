"""CLI commands for worker accounts: add, list, disable, set a password."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .base import CliContext, add_group, emits, emits_rows, read_stdin_line

if TYPE_CHECKING:  # the services are imported by each command, not by the parser
    from stationdesk.services.workers import WorkerInfo


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add this module's commands to the parser."""
    wsub = add_group(sub, "worker", common, "worker accounts")
    a = wsub.add_parser("add", parents=[common], help="add a worker")
    a.add_argument("name", help="login name")
    a.add_argument("--role", required=True, choices=["worker", "head", "admin"])
    a.add_argument("--display-name", default="")
    _password_stdin(a)
    a.set_defaults(handler=cmd_add)
    ls = wsub.add_parser("list", parents=[common], help="list workers")
    ls.set_defaults(handler=cmd_list)
    d = wsub.add_parser("disable", parents=[common], help="disable a worker")
    d.add_argument("name")
    d.set_defaults(handler=cmd_disable)
    pw = wsub.add_parser("set-password", parents=[common], help="give a worker a new password")
    pw.add_argument("name")
    _password_stdin(pw)
    pw.set_defaults(handler=cmd_set_password)


def _password_stdin(parser: argparse.ArgumentParser) -> None:
    """The required flag saying the new password comes on standard input (never an argument,
    which other users could read in the process list)."""
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        required=True,
        help="read the new password from standard input",
    )


def _added(w: WorkerInfo) -> str:
    return f"worker {w.username} added ({w.role.value})"


@emits(_added)
def cmd_add(ctx: CliContext) -> WorkerInfo:
    from stationdesk.services import workers

    a = ctx.args
    actor = ctx.actor()
    password = read_stdin_line()
    return workers.add_worker(
        ctx.station(), actor, a.name, workers.parse_role(a.role), password, a.display_name
    )


def _worker_line(w: WorkerInfo) -> str:
    state = "active" if w.active else "disabled"
    return f"{w.username:<16} {w.role.value:<7} {state:<9} {w.display_name}"


@emits_rows(_worker_line)
def cmd_list(ctx: CliContext) -> list[WorkerInfo]:
    from stationdesk.services import workers

    return workers.list_workers(ctx.station(), ctx.actor())


def _disabled(w: WorkerInfo) -> str:
    return f"worker {w.username} disabled"


@emits(_disabled)
def cmd_disable(ctx: CliContext) -> WorkerInfo:
    from stationdesk.services import workers

    return workers.disable_worker(ctx.station(), ctx.actor(), ctx.args.name)


def _password_set(w: WorkerInfo) -> str:
    return f"new password set for {w.username}"


@emits(_password_set)
def cmd_set_password(ctx: CliContext) -> WorkerInfo:
    from stationdesk.services import workers

    actor = ctx.actor()
    return workers.set_password(ctx.station(), actor, ctx.args.name, read_stdin_line())
