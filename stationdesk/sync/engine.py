"""One sync cycle: hello, push until the outbox is empty, pull (or snapshot) until caught up.

With an attachment port, the bytes of attachments go up after the push and come down after
the pull (see :mod:`.attachments`).

The engine only orchestrates. Everything it stores goes through a :class:`StationPort`, which
the station's service layer implements so that each step (a push result, a pulled page and its
cursor, a snapshot page) is one transaction. Nothing here touches a database or a widget; it can
run on any thread and is stopped between steps by a ``threading.Event``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol, TypeVar

from .attachments import AttachmentPort, AttachmentTally, fetch_missing, upload_missing
from .client import CursorExpiredError, SequenceGapError, SyncClient, SyncError
from .protocol import (
    CLOCK_SKEW_WARNING_SECONDS,
    DEFAULT_PULL_LIMIT,
    MAX_ATTACHMENT_CHUNK,
    MAX_PUSH_BYTES,
    MAX_PUSH_OPS,
    HelloRequest,
    HelloResponse,
    Op,
    OpResult,
    PullResponse,
    SnapshotPage,
)

MAX_RESYNC_ATTEMPTS = 5

_Page = TypeVar("_Page", SnapshotPage, PullResponse)


class CancelledError(SyncError):
    """The sync was cancelled between two steps; everything done so far is kept."""

    outcome = "cancelled"

    def __init__(self) -> None:
        super().__init__("sync cancelled", "同步已取消，已完成的部分均已保存。")


@dataclass(frozen=True)
class PushTally:
    """What handling one push answer came to."""

    acked: int
    conflicts: int
    rejected: int


@dataclass(frozen=True)
class PullPosition:
    """Where pulling continues: a cursor, or an unfinished snapshot."""

    cursor: str | None
    needs_snapshot: bool
    snapshot_cursor: str | None
    snapshot_after: str | None


class StationPort(Protocol):
    """The station side of the engine; each write method is one transaction."""

    def hello_request(self) -> HelloRequest:
        """Who we are, our protocol and schema, our clock."""
        ...

    def record_hello(self, hello: HelloResponse) -> None:
        """Keep the server's acknowledgement, counters and clock offset."""
        ...

    def pending_count(self) -> int:
        """How many outbox rows wait to be pushed."""
        ...

    def next_batch(self, max_ops: int, max_bytes: int) -> list[Op]:
        """The next ops to push, in outbox order, each with its (kept) push sequence number."""
        ...

    def record_push(self, ops: list[Op], results: list[OpResult], last_acked: int) -> PushTally:
        """Handle the server's results: delete acknowledged outbox rows, keep conflicts."""
        ...

    def renumber(self, expected_seq: int) -> None:
        """Give the pending ops new push sequence numbers starting at ``expected_seq``."""
        ...

    def pull_position(self) -> PullPosition:
        """The stored cursor or snapshot progress."""
        ...

    def apply_pull(self, page: PullResponse) -> int:
        """Apply a page and store its cursor in the same transaction; return changes applied."""
        ...

    def apply_snapshot(self, page: SnapshotPage) -> int:
        """Apply a snapshot page and its progress in one transaction (the last sets the cursor)."""
        ...

    def start_snapshot(self) -> None:
        """Forget the expired cursor: the next pull rebuilds from a snapshot."""
        ...

    def finish_deferred(self) -> None:
        """Finish local work that pulled pages left for later, in short transactions."""
        ...


@dataclass(frozen=True)
class Progress:
    """A progress report: phase (``hello``, ``push``, ``pull``, ``snapshot``, ``attachments``
    (uploading their bytes), ``attachments-fetch``) and counts."""

    phase: str
    done: int
    total: int | None = None


@dataclass
class SyncReport:
    """What one cycle did."""

    outcome: str = "ok"
    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0
    rejected: int = 0
    round_trips: int = 0
    attachments_uploaded: int = 0
    attachments_fetched: int = 0
    message: str = ""
    message_zh: str = ""
    clock_offset_s: int | None = None
    warnings: list[str] = field(default_factory=list)


ProgressCallback = Callable[[Progress], None]


def _noop(_p: Progress) -> None:
    return None


class SyncEngine:
    """Runs one cycle against a client and a port."""

    def __init__(
        self,
        client: SyncClient,
        port: StationPort,
        *,
        cancel: threading.Event | None = None,
        progress: ProgressCallback | None = None,
        push_batch: int = MAX_PUSH_OPS,
        push_bytes: int = MAX_PUSH_BYTES,
        pull_limit: int = DEFAULT_PULL_LIMIT,
        clock: Callable[[], datetime] | None = None,
        attachments: AttachmentPort | None = None,
        attachment_chunk: int = MAX_ATTACHMENT_CHUNK,
    ) -> None:
        self.client = client
        self.port = port
        self.attachments = attachments
        self.attachment_chunk = attachment_chunk
        self.cancel = cancel or threading.Event()
        self.progress = progress or _noop
        self.push_batch = push_batch
        self.push_bytes = push_bytes
        self.pull_limit = pull_limit
        self.clock = clock

    def _check(self) -> None:
        if self.cancel.is_set():
            raise CancelledError()

    def run(self) -> SyncReport:
        """Hello, push, pull; raises SyncError subclasses (the report so far is on ``.report``)."""
        report = SyncReport()
        try:
            self._run(report)
        except SyncError as exc:
            report.outcome = exc.outcome
            report.message = exc.message
            report.message_zh = exc.zh
            report.round_trips = self.client.round_trips
            exc.report = report  # type: ignore[attr-defined]
            raise
        report.round_trips = self.client.round_trips
        return report

    def _run(self, report: SyncReport) -> None:
        self._check()
        self.progress(Progress("hello", 0))
        req = self.port.hello_request()
        hello = self.client.hello(req)
        self.port.record_hello(hello)
        offset = int((hello.server_time - req.station_time).total_seconds())
        report.clock_offset_s = offset
        if abs(offset) > CLOCK_SKEW_WARNING_SECONDS:
            report.warnings.append("clock_skew")
        self._push(report)
        if self.attachments is not None:
            step = self._step("attachments")
            tally = upload_missing(self.client, self.attachments, step, self.attachment_chunk)
            self._note(report, tally)
        pulled = report.pulled
        self._pull(report)
        self.port.finish_deferred()
        if report.pulled > pulled and self.port.pending_count():
            # applying pulled changes queued ops of its own (a department's answer becomes a
            # case event here; a duplicate person merged locally): they go out in this cycle
            self._push(report)
        if self.attachments is not None:
            self._note(
                report,
                fetch_missing(self.client, self.attachments, self._step("attachments-fetch")),
            )

    def _step(self, phase: str) -> Callable[[int, int | None], None]:
        def step(done: int, total: int | None) -> None:
            self._check()
            self.progress(Progress(phase, done, total))

        return step

    @staticmethod
    def _note(report: SyncReport, tally: AttachmentTally) -> None:
        report.attachments_uploaded += tally.uploaded
        report.attachments_fetched += tally.fetched
        report.warnings.extend(w for w in tally.warnings or () if w not in report.warnings)

    def _push(self, report: SyncReport) -> None:
        total = self.port.pending_count()
        resyncs = 0
        while True:
            self._check()
            self.progress(Progress("push", report.pushed, total))
            ops = self.port.next_batch(self.push_batch, self.push_bytes)
            if not ops:
                return
            try:
                resp = self.client.push(ops)
            except SequenceGapError as gap:
                tally = self.port.record_push(ops, gap.gap.results, gap.gap.last_acked_seq)
                self._count(report, tally)
                resyncs = 0 if tally.acked else resyncs + 1
                if resyncs > MAX_RESYNC_ATTEMPTS:
                    raise SyncError(
                        "the server keeps refusing the push sequence",
                        "区服务器多次拒绝上传顺序，请联系管理员。",
                    ) from None
                self.port.renumber(gap.gap.expected_seq)
                continue
            tally = self.port.record_push(ops, resp.results, resp.last_acked_seq)
            self._count(report, tally)

    @staticmethod
    def _count(report: SyncReport, tally: PushTally) -> None:
        report.pushed += tally.acked
        report.conflicts += tally.conflicts
        report.rejected += tally.rejected

    def _pull(self, report: SyncReport) -> None:
        expired_once = False
        while True:
            try:
                self._pull_once(report)
                return
            except CursorExpiredError:
                if expired_once:
                    raise
                expired_once = True
                # the outbox is already pushed (push comes first): rebuild from a snapshot
                self.port.start_snapshot()

    def _pull_once(self, report: SyncReport) -> None:
        position = self.port.pull_position()
        if position.needs_snapshot or position.cursor is None:
            self._apply_pages(
                report,
                "snapshot",
                lambda after, cursor: self.client.snapshot(after, cursor, self.pull_limit),
                (position.snapshot_after, position.snapshot_cursor),
                self.port.apply_snapshot,
                lambda snap: (snap.after, snap.cursor) if snap.has_more else None,
            )
            position = self.port.pull_position()
        self._apply_pages(
            report,
            "pull",
            lambda cursor: self.client.pull(cursor, self.pull_limit),
            (position.cursor,),
            self.port.apply_pull,
            lambda page: (page.next_cursor,) if page.has_more else None,
        )

    def _apply_pages(
        self,
        report: SyncReport,
        phase: str,
        fetch: Callable[..., _Page],
        where: tuple[str | None, ...],
        apply: Callable[[_Page], int],
        following: Callable[[_Page], tuple[str | None, ...] | None],
    ) -> None:
        """Fetch the pages from ``where`` on and apply each in its own transaction.

        The next page is asked for (on one helper thread, one request in flight) while this
        one is being stored, so the server builds page k+1 while the station writes page k and
        a long pull costs about the slower of the two, not their sum. Pages are still applied
        in order, each only after the one before it; asking ahead changes no state on the
        server, and a failure or a cancel keeps every page stored so far.
        """
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-page") as ahead:
            self._check()
            self.progress(Progress(phase, report.pulled))
            pending = ahead.submit(fetch, *where)
            while True:
                page = pending.result()
                after = following(page)
                if after is not None:
                    pending = ahead.submit(fetch, *after)
                report.pulled += apply(page)
                if after is None:
                    return
                self._check()
                self.progress(Progress(phase, report.pulled))
