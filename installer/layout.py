"""The bundle's declared layout: names the spec builds and the installers and tests rely on.

The PyInstaller spec imports this module, the Inno Setup script and the .deb script use the
same names, and ``tests/installer`` checks the three agree. Change a name here, not in one of
them.
"""

from __future__ import annotations

from pathlib import Path

APP_NAME = "stationdesk"
# The windowed program (desktop and Start-menu shortcuts point at it) and, on Windows only, a
# console twin for the command line (a windowed Windows program cannot print). On Linux the
# one program does both.
GUI_EXE = "stationdesk"
CLI_EXE = "stationdesk-cli"
# PyInstaller (>= 6) keeps everything but the programs in this sub-folder.
CONTENTS_DIR = "_internal"
# Trees copied into the bundle: (source in the checkout, destination inside CONTENTS_DIR).
DATA_TREES = (
    ("resources", "resources"),
    ("stationdesk/store/migrations", "stationdesk/store/migrations"),
)
# Files of those trees that stay out of the bundle (sources of compiled files, caches).
DATA_EXCLUDED_SUFFIXES = (".ts", ".pyc")
DATA_EXCLUDED_DIRS = ("__pycache__",)
ICON_PNG = "resources/icons/stationdesk-256.png"
ICON_ICO = "resources/icons/stationdesk.ico"
ICON_SVG = "resources/icons/stationdesk.svg"
DEB_PREFIX = "/opt/stationdesk"


def exe_name(base: str, *, windows: bool) -> str:
    """The file name of one of the bundle's programs on the target platform."""
    return f"{base}.exe" if windows else base


def data_files(root: Path) -> list[tuple[Path, str]]:
    """Every data file of the bundle as (source path, path relative to CONTENTS_DIR)."""
    out: list[tuple[Path, str]] = []
    for source, dest in DATA_TREES:
        base = root / source
        for path in sorted(base.rglob("*")):
            if not path.is_file() or path.suffix in DATA_EXCLUDED_SUFFIXES:
                continue
            rel = path.relative_to(base)
            if any(part in DATA_EXCLUDED_DIRS for part in rel.parts):
                continue
            out.append((path, f"{dest}/{rel.as_posix()}"))
    return out


def declared_files(root: Path, *, windows: bool) -> set[str]:
    """The files the spec declares, relative to the bundle folder, with '/' separators."""
    files = {exe_name(GUI_EXE, windows=windows)}
    if windows:
        files.add(exe_name(CLI_EXE, windows=True))
    files |= {f"{CONTENTS_DIR}/{dest}" for _src, dest in data_files(root)}
    return files
