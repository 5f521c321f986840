"""``district emergency-board``: each station's coverage during an emergency event, read from
the district server over HTTP with a department's token."""

from __future__ import annotations

import argparse
import os
from typing import Any

from stationdesk.services.errors import AuthenticationError, InputError, ServiceError

from .base import EXIT_OK, CliContext, escape_controls, read_stdin_line

ENV_TOKEN = "STATIONDESK_DEPARTMENT_TOKEN"


def register(dsub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``emergency-board`` to the ``district`` commands."""
    b = dsub.add_parser(
        "emergency-board",
        parents=[common],
        help="each station's coverage during an emergency event (read-only)",
        description=f"The department's token comes from ${ENV_TOKEN}, else standard input.",
    )
    b.add_argument("--server", required=True, help="the district server's address")
    b.add_argument("--all", action="store_true", help="closed events too")
    b.set_defaults(handler=cmd_emergency_board)


def cmd_emergency_board(ctx: CliContext) -> int:
    from stationdesk.district.emergency_board import fetch_board
    from stationdesk.district.errors import DistrictError

    token = os.environ.get(ENV_TOKEN) or read_stdin_line().strip()
    if not token:
        raise InputError("no department token (stdin or $" + ENV_TOKEN + ")", "缺少部门令牌。")
    try:
        board = fetch_board(ctx.args.server, token, include_closed=ctx.args.all)
    except DistrictError as exc:
        if exc.status in (401, 403):
            raise AuthenticationError(exc.message, exc.zh) from None
        if 400 <= exc.status < 500:
            raise InputError(exc.message, exc.zh) from None
        raise ServiceError(exc.message, exc.zh) from None
    data = board.model_dump(mode="json")
    ctx.emit(data, lambda: _text(data))
    return EXIT_OK


def _text(board: dict[str, Any]) -> str:
    """The board as lines: one block per station event."""
    blocks = []
    for e in board["events"]:
        state = "已结束" if e["closed_at"] else "进行中"
        lines = [
            f"{e['station_code']} {e['station_name']}  {e['kind_zh']} {e['name']} "
            f"{e['level_zh']} {state}",
            f"  已联系 {e['reached']}/{e['total']}  需要帮助 {e['need_help']}  "
            f"联系不上 {e['unreachable']}",
        ]
        lines += [
            f"  网格 {g['grid']}: {g['reached']}/{g['total']}  需要帮助 {g['need_help']}"
            for g in e["by_grid"]
        ]
        lines += [
            f"  应急人员 {r['name']}: {r['reached']}/{r['assigned']}" for r in e["responders"]
        ]
        blocks.append("\n".join(escape_controls(line, multiline=False) for line in lines))
    return "\n\n".join(blocks) or "没有进行中的应急事件"
