"""Keeping a station's data folder private to its user, and clearing what interrupted writes left.

On POSIX the folder and its subfolders are 0700 and the station's files 0600: set as they are
created, and tightened again each time the station opens (so an older station, made 0755/0644,
ends up private after an upgrade). On Windows the folder's access list is replaced once, at
creation, by one entry granting the current user full control, inherited by everything inside.
"""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from stationdesk.store.engine import PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE, make_private

from .paths import StationPaths

log = logging.getLogger(__name__)

WINDOWS = sys.platform == "win32"
# A leftover is a file that interrupted writes left: untouched for this long, no write is
# still under way (an online backup or a staged restore updates its file as it goes).
LEFTOVER_AGE_SECONDS = 600

_run: Callable[..., subprocess.CompletedProcess[Any]] = subprocess.run


def windows_user() -> str:
    """The current Windows account as icacls names it (``DOMAIN\\user``)."""
    import getpass

    user = os.environ.get("USERNAME") or getpass.getuser()
    domain = os.environ.get("USERDOMAIN")
    return f"{domain}\\{user}" if domain else user


def restrict_command(folder: Path, user: str) -> list[str]:
    """The icacls command leaving ``user`` alone with full control of ``folder``.

    ``/inheritance:r`` drops the entries inherited from the parent (Users, Authenticated
    Users...); ``/grant:r`` replaces any entry of the user's by full control, inherited by
    subfolders (CI) and files (OI).
    """
    return ["icacls", str(folder), "/inheritance:r", "/grant:r", f"{user}:(OI)(CI)F", "/Q"]


def restrict_to_user(folder: Path) -> bool:
    """On Windows, let only the current user into ``folder``; whether icacls succeeded.

    A failure (no icacls, or a drive without access lists such as FAT32) is logged and the
    station is still created: refusing would leave the user without a station at all.
    """
    command = restrict_command(folder, windows_user())
    try:
        result = _run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        log.warning("could not restrict the data folder to the current user: %s", exc)
        return False
    if result.returncode != 0:
        log.warning(
            "icacls could not restrict the data folder (exit %d): %s",
            result.returncode,
            (result.stderr or result.stdout or "").strip(),
        )
        return False
    return True


def create_private_folders(paths: StationPaths) -> None:
    """Make the data folder and the station's own folders, private to the current user."""
    paths.root.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    if WINDOWS:
        restrict_to_user(paths.root)  # before the subfolders, which inherit its access list
    for folder in (paths.root, *paths.folders):
        folder.mkdir(mode=PRIVATE_FOLDER_MODE, exist_ok=True)
        _set_mode(folder, PRIVATE_FOLDER_MODE)


def tighten(paths: StationPaths) -> None:
    """Make an existing station's folders 0700 and its files 0600 (POSIX only).

    Only what is the station's own is touched: the data folder, the station's files in it,
    and everything inside its backups, logs and exports folders. Symbolic links are left.
    """
    if WINDOWS:
        return
    _set_mode(paths.root, PRIVATE_FOLDER_MODE)
    for path in paths.files:
        if path.is_file() and not path.is_symlink():
            _set_mode(path, PRIVATE_FILE_MODE)
    for top in paths.folders:
        if not top.is_dir() or top.is_symlink():
            continue
        for dirpath, _dirnames, filenames in os.walk(top):
            _set_mode(Path(dirpath), PRIVATE_FOLDER_MODE)
            for name in filenames:
                path = Path(dirpath, name)
                if not path.is_symlink():
                    _set_mode(path, PRIVATE_FILE_MODE)


def _set_mode(path: Path, mode: int) -> None:
    try:
        if stat.S_IMODE(path.lstat().st_mode) != mode:
            make_private(path, mode)
    except OSError as exc:  # e.g. a file another account owns: say so, open anyway
        log.warning("could not make %s private: %s", path, exc)


def leftovers(paths: StationPaths) -> Iterator[Path]:
    """What interrupted writes may have left: ``*.partial`` copies in the backups and exports
    folders (every backup, pre-upgrade and pre-restore copy included, is written as
    ``<name>.partial`` and renamed only once complete) and a restore's staged copy."""
    for folder in (paths.backups, paths.exports):
        if folder.is_dir():
            yield from folder.glob("*.partial")
    yield paths.restoring


def remove_leftovers(paths: StationPaths, *, now: float | None = None) -> list[Path]:
    """Delete the leftovers of interrupted writes, never a complete backup; return them.

    A file still being written (by another process on this station) is recent; only files
    untouched for ``LEFTOVER_AGE_SECONDS`` are removed.
    """
    now = time.time() if now is None else now
    removed = []
    for path in leftovers(paths):
        try:
            info = path.lstat()
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(info.st_mode) or now - info.st_mtime < LEFTOVER_AGE_SECONDS:
            continue
        try:
            path.unlink()
        except OSError as exc:  # e.g. still open on Windows
            log.warning("could not remove the leftover %s: %s", path.name, exc)
            continue
        removed.append(path)
        log.info("removed the leftover of an interrupted write: %s", path.name)
    return removed
