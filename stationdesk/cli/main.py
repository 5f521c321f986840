"""The ``stationdesk`` command line: builds the parser from the cmd_* modules and runs one."""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
from collections.abc import Sequence

import stationdesk
import stationdesk.cli as cli_pkg
from stationdesk.services.errors import ServiceError

from .base import (
    EXIT_BAD_INPUT,
    EXIT_FAILURE,
    CliContext,
    OneLineParser,
    UsageError,
    check_arguments,
    say,
)

log = logging.getLogger(__name__)


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The full parser: global options and every command module's sub-commands (without
    ``commands``, the global options alone)."""
    common = OneLineParser(add_help=False)
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print JSON")
    parser = OneLineParser(prog="stationdesk", description="stationdesk desk and admin tool")
    parser.add_argument("--data-dir", help="the station's data folder")
    parser.add_argument("--user", help="login name of the acting worker")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--demo", action="store_true", help="open the demo station")
    parser.add_argument(
        "--selftest", action="store_true", help="show the main window offscreen and exit 0"
    )
    parser.add_argument("--version", action="version", version=stationdesk.__version__)
    if not commands:
        return parser
    sub = parser.add_subparsers(dest="command", parser_class=OneLineParser)
    for info in sorted(pkgutil.iter_modules(cli_pkg.__path__), key=lambda i: i.name):
        if info.name.startswith("cmd_"):
            module = importlib.import_module(f"stationdesk.cli.{info.name}")
            module.register(sub, common)
    return parser


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """Parse arguments; raises UsageError on bad usage."""
    arguments = list(argv)
    # ``--version`` first is acted on before anything after it is read: the command modules
    # (and the services they import) are not needed to print it
    return build_parser(commands=arguments[:1] != ["--version"]).parse_args(arguments)


def run(args: argparse.Namespace) -> int:
    """Run a parsed command and map failures to exit codes with one line on stderr."""
    ctx = CliContext(args)
    try:
        code: int = args.handler(ctx)
        return code
    except ServiceError as exc:
        say(f"stationdesk: {exc.message}", err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        say("stationdesk: interrupted", err=True)
        return EXIT_FAILURE
    except Exception as exc:  # an unexpected failure: one line for the user, details in the log
        log.exception("command failed")
        say(f"stationdesk: unexpected error: {type(exc).__name__}", err=True)
        return EXIT_FAILURE
    finally:
        ctx.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Parse and run one CLI command (no GUI)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        check_arguments(arguments)
        args = parse(arguments)
    except UsageError as exc:
        say(str(exc), err=True)
        return EXIT_BAD_INPUT
    return run(args)
