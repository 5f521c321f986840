"""CLI commands for sync with the district: ``sync login``, ``sync`` (one cycle), status."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .base import EXIT_FAILURE, EXIT_OK, CliContext, read_stdin_line

if TYPE_CHECKING:  # the services are imported by each command, not by the parser
    from stationdesk.services.sync import ConflictInfo

EXIT_UPGRADE = 4


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add this module's commands to the parser."""
    p = sub.add_parser("sync", parents=[common], help="sync with the district server")
    p.add_argument("--server", help="the district server URL (default: the saved one)")
    p.set_defaults(handler=cmd_sync)
    ssub = p.add_subparsers(dest="sync_command")
    login = ssub.add_parser(
        "login", parents=[common], help="save the server URL and the token read from stdin"
    )
    login.add_argument("--server", required=True, help="the district server URL")
    login.set_defaults(handler=cmd_login)
    status = ssub.add_parser("status", parents=[common], help="pending count, last sync")
    status.set_defaults(handler=cmd_status)
    conflicts = ssub.add_parser("conflicts", parents=[common], help="open conflict records")
    conflicts.set_defaults(handler=cmd_conflicts)


def cmd_login(ctx: CliContext) -> int:
    from stationdesk.services import sync

    token = read_stdin_line()
    url = sync.save_login(ctx.station(), ctx.actor(), ctx.args.server, token)
    ctx.emit({"server": url}, f"sync login saved for {url} (token kept in the OS keyring)")
    return EXIT_OK


def cmd_sync(ctx: CliContext) -> int:
    from stationdesk.services import sync

    station = ctx.station()
    ctx.actor()  # a worker must be logged in to sync from the command line
    result = sync.run_sync(station, url=ctx.args.server, trigger="cli")

    def text() -> str:
        line = (
            f"pushed {result.pushed}, pulled {result.pulled}, conflicts {result.conflicts}"
            + (f", rejected {result.rejected}" if result.rejected else "")
            + f", pending {result.pending}"
        )
        if result.outcome != "ok":
            return f"sync {result.outcome}: {result.message_zh or result.message}\n{line}"
        return line + (f"\n{result.message_zh}" if result.message_zh else "")

    ctx.emit(result, text)
    if result.outcome == "ok":
        return EXIT_OK
    if result.outcome == "upgrade":
        return EXIT_UPGRADE
    if result.outcome == "unset":
        return 2
    return EXIT_FAILURE


def cmd_status(ctx: CliContext) -> int:
    from stationdesk.services import sync

    status = sync.sync_status(ctx.station())

    def text() -> str:
        last = status.last_success_at.isoformat() if status.last_success_at else "never"
        return (
            f"server: {status.server_url or '(not set)'}\n"
            f"pending: {status.pending}\nlast sync: {last}\n"
            f"last outcome: {status.last_outcome or '-'}\n"
            f"open conflicts: {status.open_conflicts}"
            + ("\n请升级（upgrade required）" if status.upgrade_required else "")
        )

    ctx.emit(status, text)
    return EXIT_OK


def _conflict_line(c: ConflictInfo) -> str:
    identity = "  [identity]" if c.identity else ""
    return f"{c.id}  {c.kind:<8} {c.entity}/{c.entity_id} {c.field or ''}{identity}"


def cmd_conflicts(ctx: CliContext) -> int:
    from stationdesk.services import sync

    ctx.emit_rows(
        sync.list_conflicts(ctx.station(), ctx.actor()), _conflict_line, "no open conflicts"
    )
    return EXIT_OK
