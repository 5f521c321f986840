"""The admin CLI run as a user runs it: a real subprocess on its own data folder and keyring."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stationdesk.services.station import Station

ADMIN_PW = "cli-admin-pass"
WORKER_PW = "worker-pass-1"  # the worker "wang" the stations add


class Cli:
    def __init__(self, tmp: Path) -> None:
        self.data = tmp / "station"
        self.env = {
            **os.environ,
            "PYTHON_KEYRING_BACKEND": "stationdesk.secrets.plainfile.PlainFileKeyring",
            "STATIONDESK_PLAIN_KEYRING_FILE": str(tmp / "keyring.json"),
            "QT_QPA_PLATFORM": "offscreen",
        }
        self.env.pop("STATIONDESK_PASSWORD", None)

    def __call__(
        self, *args: str, password: str | None = None, stdin: str = "", user: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        env = dict(self.env)
        if password is not None:
            env["STATIONDESK_PASSWORD"] = password
        cmd = [sys.executable, "-m", "stationdesk", "--data-dir", str(self.data)]
        if user:
            cmd += ["--user", user]
        return subprocess.run(
            [*cmd, *args], input=stdin, capture_output=True, text=True, env=env, timeout=120
        )


def w(cli: Cli, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a command as the worker "wang"."""
    return cli(*args, password=WORKER_PW, user="wang")


def one_line(stderr: str) -> str:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, f"expected one line on stderr, got: {stderr!r}"
    return lines[0]


def init_station(
    tmp: Path, code: str, name: str, workers: tuple[tuple[str, str, str, str], ...]
) -> Cli:
    """A new station in ``tmp`` (admin "boss") with these workers (login, role, password,
    display name)."""
    c = Cli(tmp)
    r = c("init", "--station-code", code, "--station-name", name, "--admin", "boss",
          password=ADMIN_PW)  # fmt: skip
    assert r.returncode == 0, r.stderr
    for login, role, pw, display in workers:
        r = c("worker", "add", login, "--role", role, "--display-name", display,
              "--password-stdin", stdin=pw + "\n", password=ADMIN_PW, user="boss")  # fmt: skip
        assert r.returncode == 0, r.stderr
    return c


@contextmanager
def opened(c: Cli) -> Iterator[Station]:
    """The CLI's station opened in this process (its own keyring file), to read what landed."""
    import keyring

    from stationdesk.secrets.plainfile import PlainFileKeyring
    from stationdesk.services.station import open_station

    previous = keyring.get_keyring()
    keyring.set_keyring(PlainFileKeyring(Path(c.env["STATIONDESK_PLAIN_KEYRING_FILE"])))
    try:
        station = open_station(c.data)
        try:
            yield station
        finally:
            station.close()
    finally:
        keyring.set_keyring(previous)
