"""The desk context: what the main window and its pages may use of the running desk."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QDialog, QLineEdit

    from stationdesk.services.actor import Actor
    from stationdesk.services.station import Station

    from .sync_agent import SyncAgent
    from .tasks import TaskRunner

T = TypeVar("T")


class DeskContext(Protocol):
    """The desk as the main window, its pages and the sync agent see it.

    ``DeskController`` is the one implementation. Everything here is read-only to a page; the
    controller alone changes it (login, logout, restore). ``station`` is None until the station
    has been opened and ``actor`` while nobody is logged in; pages exist only while a worker is
    logged in and take both from ``logged_in``.
    """

    @property
    def station(self) -> Station | None:
        """The open station."""

    @property
    def actor(self) -> Actor | None:
        """The logged-in worker."""

    @property
    def runner(self) -> TaskRunner:
        """Runs database writes, reads and network calls off the GUI thread."""

    @property
    def sync_agent(self) -> SyncAgent | None:
        """The background sync, created at the first login."""

    @property
    def station_code(self) -> str: ...

    @property
    def station_name(self) -> str: ...

    @property
    def idle_lock_minutes(self) -> int: ...

    def report_error(self, exc: BaseException) -> None:
        """Tell the user a background task failed, without blocking the event loop."""

    def set_idle_lock_minutes(self, minutes: int) -> None:
        """Lock the desk after this many idle minutes from now on."""

    def change_language(self, code: str) -> None:
        """Switch the interface language and rebuild the main window in it."""

    def station_restored(self, station: Station) -> None:
        """Adopt the station reopened by a restore and ask everyone to log in again."""

    def about_text(self) -> str:
        """The about box's text: version, data folder and schema revision."""


def logged_in(ctx: DeskContext) -> tuple[Station, Actor]:
    """The open station and the logged-in worker; a page exists only while both are set."""
    station, actor = ctx.station, ctx.actor
    if station is None or actor is None:
        raise RuntimeError("no worker is logged in")
    return station, actor


def write_when_accepted(
    ctx: DeskContext,
    owner: QObject,
    dialog: QDialog,
    field: QLineEdit,
    write: Callable[[Station, Actor, str], T],
    then: Callable[[T], object],
) -> None:
    """Open ``dialog``, which asks for a text (a reason, a purpose) in ``field``; once it is
    accepted, ``write`` runs with that text on the writer thread as the worker logged in now,
    and its result goes to ``then`` (a failure to the desk's error report)."""
    station, actor = logged_in(ctx)

    def accepted() -> None:
        text = field.text()
        ctx.runner.write(lambda: write(station, actor, text), then, ctx.report_error, owner=owner)

    dialog.accepted.connect(accepted)
    dialog.open()
