"""CLI command ``report feedback``: the year-end 在职党员到社区报到服务情况反馈表."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from .base import EXIT_OK, CliContext

if TYPE_CHECKING:
    from typing import TypeAlias

    Sub: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]


def _year(text: str) -> int:
    if not text.isascii() or not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(f"not a year from 2000 to 2100: {text!r}")
    return int(text)


def register_feedback(rsub: Sub, common: argparse.ArgumentParser) -> None:
    """Add ``report feedback`` under the ``report`` command."""
    f = rsub.add_parser(
        "feedback",
        parents=[common],
        help="the year-end feedback form of each in-service Party member (one PDF each)",
    )
    f.add_argument("--year", required=True, type=_year)
    f.add_argument("--out", type=Path, help="folder for the PDFs (default: the station's exports)")
    f.add_argument(
        "--member", action="append", metavar="ID", help="only this member (id or ID number)"
    )
    f.add_argument("--xlsx", type=Path, help="also write the year as a workbook")
    f.set_defaults(handler=cmd_feedback)


def cmd_feedback(ctx: CliContext) -> int:
    from stationdesk.services import volunteering as v

    a = ctx.args
    files = v.write_feedback(
        ctx.station(), ctx.actor(), a.year, a.out, members=a.member, workbook=a.xlsx
    )
    result = {
        "folder": str(files.folder),
        "forms": len(files.pdfs),
        "workbook": str(files.workbook) if files.workbook else None,
    }
    ctx.emit(result, lambda: f"{len(files.pdfs)} forms in {files.folder}")
    return EXIT_OK
