"""The background sync agent: runs sync on a timer and on demand, and reports its status."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from stationdesk.domain.station_time import shown_short
from stationdesk.services import sync

if TYPE_CHECKING:
    from .context import DeskContext

T = TypeVar("T")

AUTO_INTERVAL_MS = 5 * 60 * 1000
OFFLINE_RETRY_MS = 60 * 1000


class SyncAgent(QObject):
    """Runs sync off the GUI thread: on a timer, when the network returns, and on demand."""

    progress = Signal(object)  # sync.Progress
    finished = Signal(object)  # sync.SyncResult, or the exception that ended the cycle
    status_changed = Signal(object)  # sync.SyncStatus
    running_changed = Signal(bool)

    def __init__(self, ctx: DeskContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.running = False
        self.cancel_event = threading.Event()
        self.status: sync.SyncStatus | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(lambda: self.sync_now("auto"))

    def start(self, first_delay_ms: int = 3000) -> None:
        self.refresh_status()
        self.timer.start(first_delay_ms)

    def stop(self) -> None:
        self.timer.stop()
        self.cancel_event.set()

    def cancel(self) -> None:
        self.cancel_event.set()

    def refresh_status(self) -> None:
        station = self.ctx.station
        if station is None:
            return
        self.ctx.runner.run(lambda: sync.sync_status(station), self._got_status, None, owner=self)

    def _got_status(self, status: sync.SyncStatus) -> None:
        self.status = status
        self.status_changed.emit(status)

    def status_text(self, status: sync.SyncStatus) -> str:
        """The status bar's one-line sync summary."""
        if status.upgrade_required:
            return self.tr("Sync paused: please upgrade (%1 pending)").replace(
                "%1", str(status.pending)
            )
        if not status.configured:
            return self.tr("Sync: not set up (%1 pending)").replace("%1", str(status.pending))
        online = {
            True: self.tr("Online"),
            False: self.tr("Offline"),
            None: self.tr("Not synced yet"),
        }
        parts = [online[status.online], self.tr("%1 pending").replace("%1", str(status.pending))]
        if status.last_success_at is not None:
            when = shown_short(status.last_success_at)
            parts.append(self.tr("last sync %1").replace("%1", when))
        if status.open_conflicts:
            parts.append(
                self.tr("%1 conflict(s) to review").replace("%1", str(status.open_conflicts))
            )
        return " · ".join(parts)

    def sync_now(self, trigger: str = "manual") -> bool:
        """Start a cycle unless one runs; returns whether one was started."""
        station = self.ctx.station
        if self.running or station is None:
            return False
        if trigger == "auto" and (self.status is None or not self.status.configured):
            self.refresh_status()
            self.timer.start(AUTO_INTERVAL_MS)
            return False
        self.running = True
        self.cancel_event = threading.Event()
        cancel = self.cancel_event
        runner = self.ctx.runner
        emit = self.progress.emit  # a queued signal: safe from the worker thread

        def write(fn: Callable[[], T]) -> T:
            return runner.write(fn).result()  # every database write on the writer thread

        def job() -> sync.SyncResult:
            return sync.run_sync(
                station, trigger=trigger, cancel=cancel, progress=emit, write=write
            )

        self.running_changed.emit(True)
        runner.run(job, self._done, self._failed, owner=self)
        return True

    def _done(self, result: sync.SyncResult) -> None:
        self.running = False
        self.running_changed.emit(False)
        self.finished.emit(result)
        retry = result.outcome in ("offline", "error")
        self.timer.start(OFFLINE_RETRY_MS if retry else AUTO_INTERVAL_MS)
        self.refresh_status()

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self.running_changed.emit(False)
        self.finished.emit(exc)
        self.timer.start(OFFLINE_RETRY_MS)
        self.refresh_status()
