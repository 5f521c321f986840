"""Shared CLI plumbing: argument parsing, station opening, login, output and exit codes."""

from __future__ import annotations

import argparse
import dataclasses
import enum
import functools
import getpass
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from stationdesk.services.errors import InputError
from stationdesk.services.paths import default_data_dir

if TYPE_CHECKING:  # the station and login are imported when a command first needs them
    from typing import TypeAlias

    from stationdesk.services.actor import Actor
    from stationdesk.services.station import Station

    Sub: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]

ENV_PASSWORD = "STATIONDESK_PASSWORD"
ENV_USER = "STATIONDESK_USER"

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2
EXIT_NOT_PERMITTED = 3

# What a terminal may act on, in stored text or an argument: C0 controls but tab and newline,
# DEL, C1 controls, the bidirectional marks, overrides and isolates, and lone surrogates (an
# argument's bytes that were not UTF-8). Printouts show each of them escaped.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


T = TypeVar("T")


class UsageError(Exception):
    """Bad command-line usage; reported on one line with exit code 2."""


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser that reports errors on one line and exits 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")


class CliContext:
    """What a command needs: parsed args, the open station and the authenticated worker."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._station: Station | None = None
        self._actor: Actor | None = None

    @property
    def data_dir(self) -> Path:
        value = getattr(self.args, "data_dir", None)
        return Path(value) if value else default_data_dir()

    @property
    def json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    def station(self) -> Station:
        if self._station is None:
            from stationdesk.services.station import open_station

            self._station = open_station(self.data_dir)
        return self._station

    def replace_station(self, station: Station) -> None:
        self._station = station

    def actor(self) -> Actor:
        if self._actor is None:
            user = getattr(self.args, "user", None) or os.environ.get(ENV_USER)
            if not user:
                raise InputError(
                    "name the acting worker with --user NAME", "请用 --user 指定操作人员。"
                )
            from stationdesk.services.auth import login

            self._actor = login(self.station(), user, read_password())
        return self._actor

    def close(self) -> None:
        if self._station is not None:
            self._station.close()

    def emit(self, data: Any, text: str | Callable[[], str]) -> None:
        """Print ``data`` as JSON with --json, else the human text; controls come out escaped."""
        if self.json:
            print_json(data)
        else:
            say(text() if callable(text) else text)

    def emit_rows(self, rows: Sequence[T], line: Callable[[T], str], empty: str = "") -> None:
        """Emit ``rows``: as JSON with --json, else one ``line`` each, or ``empty`` if none."""
        self.emit(rows, lambda: "\n".join(line(r) for r in rows) or empty)


Handler = Callable[[CliContext], int]


def add_group(sub: Sub, name: str, common: argparse.ArgumentParser, help: str) -> Sub:
    """Add command ``name`` that takes a sub-command (required, kept as ``<name>_command``);
    returns the place to add its sub-commands."""
    group = sub.add_parser(name, parents=[common], help=help)
    return group.add_subparsers(dest=f"{name}_command", required=True)


def emits(text: Callable[[T], str]) -> Callable[[Callable[[CliContext], T]], Handler]:
    """Make a command of a function that returns one result: printed as JSON with --json,
    else as ``text(result)``; the command then exits 0."""

    def command(run: Callable[[CliContext], T]) -> Handler:
        @functools.wraps(run)
        def handler(ctx: CliContext) -> int:
            result = run(ctx)
            ctx.emit(result, lambda: text(result))
            return EXIT_OK

        return handler

    return command


def emits_rows(
    line: Callable[[T], str], empty: str = ""
) -> Callable[[Callable[[CliContext], Sequence[T]]], Handler]:
    """Make a command of a function that returns rows: as JSON with --json, else one ``line``
    each, or ``empty`` if none; the command then exits 0."""

    def command(run: Callable[[CliContext], Sequence[T]]) -> Handler:
        @functools.wraps(run)
        def handler(ctx: CliContext) -> int:
            ctx.emit_rows(run(ctx), line, empty)
            return EXIT_OK

        return handler

    return command


def escape_controls(text: str, *, multiline: bool = True) -> str:
    """``text`` safe to show on a terminal: each control character as a Python-style escape
    (ESC as ``\\x1b``), a byte that was not UTF-8 as ``\\xff``; tab and newline are kept,
    newline escaped too when not ``multiline``."""
    escaped = _UNSAFE.sub(_escaped, text)
    return escaped if multiline else escaped.replace("\n", "\\n")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the undecodable byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def print_json(data: Any) -> None:
    """Print data as indented JSON with every control character escaped."""
    dumped = json.dumps(to_jsonable(data), ensure_ascii=False, indent=2)
    # json escapes C0 controls itself; the rest can only be inside strings: \uXXXX there
    print(_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped))


def say(text: str, *, err: bool = False) -> None:
    """Print one printout on stdout, or one line on stderr, with control characters escaped."""
    if err:
        print(escape_controls(text, multiline=False), file=sys.stderr)
    else:
        print(escape_controls(text))


def check_arguments(argv: Sequence[str]) -> None:
    """Refuse an argument that is not valid UTF-8 text (bytes the system could not decode);
    the message names its position, never its value (it may be personal data)."""
    for number, arg in enumerate(argv, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            option = arg.partition("=")[0] if arg.startswith("--") else ""
            previous = argv[number - 2] if number > 1 else ""
            where = ""
            if option and _is_text(option):
                where = f" ({option}=...)"
            elif previous.startswith("-") and _is_text(previous):
                where = f" (after {previous})"
            raise UsageError(
                f"stationdesk: argument {number}{where} is not valid UTF-8 text"
            ) from None


def _is_text(value: str) -> bool:
    return not _UNSAFE.search(value)


def arg_type(parse: Callable[[str], T]) -> Callable[[str], T]:
    """An argparse type from a parser that raises ValueError: its message becomes the error."""

    def convert(text: str) -> T:
        try:
            return parse(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return convert


FIRST_DATE = date(1900, 1, 1)
LAST_DATE = date(9998, 12, 31)


def cli_date(text: str) -> date:
    """A date option's value (YYYY-MM-DD) within the years a station stores; an argparse type."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None
    if not FIRST_DATE <= day <= LAST_DATE:
        raise argparse.ArgumentTypeError(
            f"a date between {FIRST_DATE} and {LAST_DATE}, not {day.isoformat()}"
        )
    return day


def read_password(prompt: str = "Password: ") -> str:
    """The acting worker's password: $STATIONDESK_PASSWORD, else a prompt on a terminal."""
    value = os.environ.get(ENV_PASSWORD)
    if value is not None:
        return value
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    raise InputError(
        f"no password: set {ENV_PASSWORD} or run in a terminal",
        f"缺少密码：请设置 {ENV_PASSWORD}。",
    )


def read_new_password() -> str:
    """A new password from $STATIONDESK_PASSWORD, or prompted twice on a terminal."""
    value = os.environ.get(ENV_PASSWORD)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise InputError(f"no password: set {ENV_PASSWORD}", f"缺少密码：请设置 {ENV_PASSWORD}。")
    first = getpass.getpass("New password: ")
    if getpass.getpass("Repeat: ") != first:
        raise InputError("the passwords differ", "两次输入的密码不一致。")
    return first


def read_stdin_line() -> str:
    """One line from standard input without its newline (for --password-stdin)."""
    line = sys.stdin.readline()
    if not line:
        raise InputError("expected a line on standard input", "标准输入为空。")
    return line.rstrip("\r\n")


def to_jsonable(value: Any) -> Any:
    """Turn dataclasses, enums, dates and paths into JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Decimal):  # hours: 1.5, 10
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [to_jsonable(v) for v in value]
    return value
