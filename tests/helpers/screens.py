"""Screens of other sizes for the offscreen platform: a child process per screen size."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple


class ScreenSize(NamedTuple):
    """A screen as the station PC has it: its pixels and its logical DPI (144 is 150 %)."""

    width: int
    height: int
    dpi: int


SIZES = {
    "1366x768": ScreenSize(1366, 768, 96),
    "1280x720": ScreenSize(1280, 720, 96),
    "1920x1080@150%": ScreenSize(1920, 1080, 144),
}

REPO = Path(__file__).resolve().parents[2]


def offscreen_platform(size: ScreenSize, folder: Path) -> str:
    """The QT_QPA_PLATFORM value for the offscreen plugin with one screen of ``size``
    (the plugin reads its screens from a JSON file; Qt scales by logicalDpi / 96)."""
    config = folder / f"screen-{size.width}x{size.height}-{size.dpi}.json"
    screen = {
        "name": "station",
        "x": 0,
        "y": 0,
        "width": size.width,
        "height": size.height,
        "logicalDpi": size.dpi,
        "logicalBaseDpi": 96,
    }
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return f"offscreen:configfile={config}"


def run_on_screen(
    size: ScreenSize, module: str, folder: Path, *args: str, timeout: float = 240
) -> Any:
    """Run ``python -m module folder args…`` on a screen of ``size``; the JSON it prints last."""
    folder.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = offscreen_platform(size, folder)
    for key in ("QT_SCALE_FACTOR", "QT_SCREEN_SCALE_FACTORS", "QT_ENABLE_HIGHDPI_SCALING"):
        env.pop(key, None)
    done = subprocess.run(
        [sys.executable, "-m", module, str(folder), *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
