"""The task runner: database writes on one writer thread, network/PDF work on a small pool.

Threading rules (the GUI never freezes):
- Everything that writes the station file runs on the single writer executor, one at a time.
- Network calls, PDF rendering and reads run on the pool.
- Each task opens its own database session (services do this).
- Results and errors come back to the GUI thread through a queued Qt signal; callbacks run on
  the GUI thread and may touch widgets. No task function may touch a widget.
- After writes land, one ``changed`` signal goes out (coalesced over a short quiet spell): the
  status bar and the pages refresh from it, so what a write or a sync changed shows everywhere
  without each page calling the others. ``writing`` says whether a write is under way.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass
class _Done:
    future: Future[Any]
    on_success: Callable[[Any], object] | None
    on_error: Callable[[BaseException], object] | None
    owner: QObject | None
    writes: bool


class TaskRunner(QObject):
    """Runs callables off the GUI thread and delivers their outcome back on it."""

    _finished = Signal(int)  # a ticket number; Python objects stay in self._done
    busy_changed = Signal(int)
    #: Stored data changed: writes have landed (one signal for a burst of them).
    changed = Signal()
    #: Whether a write is queued or running on the writer thread.
    writing = Signal(bool)

    #: How long the writer must stay quiet before ``changed`` goes out (ms).
    CHANGE_QUIET_MS = 120

    def __init__(self, parent: QObject | None = None, pool_size: int = 3) -> None:
        super().__init__(parent)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sd-writer")
        self._pool = ThreadPoolExecutor(max_workers=pool_size, thread_name_prefix="sd-pool")
        #: Runs a task on the single writer thread.
        self.write = Lane(self, self._writer)
        #: Runs a task on the pool (reads, network, PDF rendering).
        self.run = Lane(self, self._pool)
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._pending = 0
        self._closed = False
        self._done: dict[int, _Done] = {}
        self._tickets = itertools.count(1)
        self._lock = threading.Lock()
        self._writes = 0
        self._change_timer = QTimer(self)
        self._change_timer.setSingleShot(True)
        self._change_timer.setInterval(self.CHANGE_QUIET_MS)
        self._change_timer.timeout.connect(self.changed.emit)

    @property
    def pending(self) -> int:
        return self._pending

    def _submit(
        self,
        executor: ThreadPoolExecutor,
        fn: Callable[[], T],
        on_success: Callable[[T], object] | None,
        on_error: Callable[[BaseException], object] | None,
        owner: QObject | None,
    ) -> Future[T]:
        if self._closed:  # the app is closing: nothing new starts
            future: Future[T] = Future()
            future.cancel()
            return future
        writes = executor is self._writer
        future = executor.submit(fn)
        self._pending += 1
        self.busy_changed.emit(self._pending)
        ticket = next(self._tickets)
        with self._lock:
            self._done[ticket] = _Done(future, on_success, on_error, owner, writes)
            self._writes += writes
            started_writing = writes and self._writes == 1
        if started_writing:  # queued to the GUI thread when a worker thread submits
            self.writing.emit(True)
        future.add_done_callback(lambda _f: self._finished.emit(ticket))
        return future

    @Slot(int)
    def _deliver(self, ticket: int) -> None:
        with self._lock:
            done = self._done.pop(ticket)
            self._writes -= done.writes
            stopped_writing = done.writes and self._writes == 0
        self._pending -= 1
        if self._closed:
            return
        self.busy_changed.emit(self._pending)
        if stopped_writing:
            self.writing.emit(False)
        if done.writes and done.future.exception() is None:
            self.announce()
        if done.owner is not None and not _alive(done.owner):
            return
        exc = done.future.exception()
        if exc is None:
            if done.on_success is not None:
                done.on_success(done.future.result())
        elif done.on_error is not None:
            done.on_error(exc)
        else:
            log.error("background task failed: %s", type(exc).__name__)

    def announce(self) -> None:
        """Say that stored data changed (a write landed, or a sync ended)."""
        if not self._closed:
            self._change_timer.start()

    def shutdown(self) -> None:
        """Wait for running tasks and stop the threads (at application exit)."""
        self._closed = True
        self._change_timer.stop()
        self._writer.shutdown(wait=True, cancel_futures=False)
        self._pool.shutdown(wait=True, cancel_futures=True)


class Lane:
    """One way into a :class:`TaskRunner`: its single writer thread, or its pool."""

    def __init__(self, runner: TaskRunner, executor: ThreadPoolExecutor) -> None:
        self._runner = runner
        self._executor = executor

    def __call__(
        self,
        fn: Callable[[], T],
        on_success: Callable[[T], object] | None = None,
        on_error: Callable[[BaseException], object] | None = None,
        owner: QObject | None = None,
    ) -> Future[T]:
        """Run ``fn`` here; its outcome comes back to the callbacks on the GUI thread."""
        return self._runner._submit(self._executor, fn, on_success, on_error, owner)


def _alive(obj: QObject) -> bool:
    try:
        import shiboken6

        return bool(shiboken6.isValid(obj))
    except ImportError:  # pragma: no cover
        return True
