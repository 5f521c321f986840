"""The admin CLI run as a user runs it: a real subprocess on its own data folder and keyring."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
