"""Shared CLI plumbing: argument parsing, station opening, login, output and exit codes."""

from __future__ import annotations

import argparse
import dataclasses
import enum
import getpass
import json
import os
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn

from stationdesk.services.actor import Actor
from stationdesk.services.auth import login
from stationdesk.services.errors import InputError
from stationdesk.services.station import Station, default_data_dir, open_station

ENV_PASSWORD = "STATIONDESK_PASSWORD"
ENV_USER = "STATIONDESK_USER"

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2
EXIT_NOT_PERMITTED = 3


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
            self._actor = login(self.station(), user, read_password())
        return self._actor

    def close(self) -> None:
        if self._station is not None:
            self._station.close()

    def emit(self, data: Any, text: str | Callable[[], str]) -> None:
        """Print ``data`` as JSON with --json, else the human text."""
        if self.json:
            print(json.dumps(to_jsonable(data), ensure_ascii=False, indent=2))
        else:
            print(text() if callable(text) else text)


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
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [to_jsonable(v) for v in value]
    return value
