"""Running the frozen bundle as a user would: a program and an environment without our Python."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def run(program: Path, *args: str, env: dict[str, str], timeout: int = 120):
    return subprocess.run(
        [str(program), *args], capture_output=True, text=True, env=env, timeout=timeout
    )


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """No Python of ours on the path: the bundle must carry everything itself."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "VIRTUAL_ENV", "STATIONDESK_"))
    }
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "home" / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "home" / "config"),
        PATH="/usr/bin:/bin",
        PYTHON_KEYRING_BACKEND="stationdesk.secrets.plainfile.PlainFileKeyring",
        STATIONDESK_PLAIN_KEYRING_FILE=str(tmp_path / "keyring.json"),
        **extra,
    )
    return env
