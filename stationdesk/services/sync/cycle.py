"""One sync cycle as the station runs it: the engine over the port, recorded in the history."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from stationdesk.store.models_sync import SyncRun
from stationdesk.sync.client import SyncClient, SyncError
from stationdesk.sync.engine import Progress, SyncEngine, SyncReport
from stationdesk.sync.protocol import CLOCK_SKEW_WARNING_SECONDS

from ..errors import ServiceError
from ..station import Station
from .attachments import StationAttachmentPort
from .login import SyncNotConfiguredError, make_client
from .port import StationSyncPort, WriteRunner
from .state import outbox_count, sync_state


@dataclass(frozen=True)
class SyncResult:
    """One sync cycle as services report it."""

    outcome: str
    pushed: int
    pulled: int
    conflicts: int
    rejected: int
    round_trips: int
    pending: int
    message: str
    message_zh: str
    clock_offset_s: int | None


COUNTS = ("pushed", "pulled", "conflicts", "rejected", "round_trips")
"""What a cycle did, as both its history row and its result carry it (names of SyncReport)."""


def run_sync(
    station: Station,
    *,
    url: str | None = None,
    trigger: str = "manual",
    cancel: threading.Event | None = None,
    progress: Callable[[Progress], None] | None = None,
    write: WriteRunner[Any] | None = None,
    client: SyncClient | None = None,
    push_batch: int | None = None,
    pull_limit: int | None = None,
    attachment_chunk: int | None = None,
) -> SyncResult:
    """Run one cycle and record it in the history; never raises for network trouble."""
    port = StationSyncPort(station, write)
    started = station.now()
    own_client = client is None
    try:
        client = client or make_client(station, url)
    except SyncNotConfiguredError as exc:
        return _finish(station, port, started, trigger, None, SyncReport(), exc)
    kw: dict[str, Any] = {}
    if push_batch:
        kw["push_batch"] = push_batch
    if pull_limit:
        kw["pull_limit"] = pull_limit
    if attachment_chunk:
        kw["attachment_chunk"] = attachment_chunk
    engine = SyncEngine(
        client,
        port,
        cancel=cancel,
        progress=progress,
        attachments=StationAttachmentPort(station, port),
        **kw,
    )
    try:
        report = engine.run()
        error: ServiceError | SyncError | None = None
    except SyncError as exc:
        report = getattr(exc, "report", SyncReport())
        error = exc
    except Exception as exc:
        # a fault of this station (a bug, a full disk): recorded as a failed cycle, then raised
        failed = SyncError(
            f"sync failed: {type(exc).__name__}: {exc}"[:500], "同步失败：本机处理数据时出错。"
        )
        _finish(station, port, started, trigger, None, getattr(exc, "report", SyncReport()), failed)
        raise
    finally:
        if own_client:
            client.close()
    return _finish(station, port, started, trigger, report.clock_offset_s, report, error)


def _finish(
    station: Station,
    port: StationSyncPort,
    started: datetime,
    trigger: str,
    offset: int | None,
    report: SyncReport,
    error: ServiceError | SyncError | None,
) -> SyncResult:
    now = station.now()
    if error is None:
        outcome, message, zh = "ok", "", ""
        if offset is not None and abs(offset) > CLOCK_SKEW_WARNING_SECONDS:
            minutes = abs(offset) // 60
            message = f"synced; this computer's clock differs from the server by {minutes} min"
            zh = f"同步完成；本机时钟与服务器相差约 {minutes} 分钟，请校准时间。"
    else:
        outcome = getattr(error, "outcome", "error")
        if isinstance(error, SyncNotConfiguredError):
            outcome = "unset"
        message, zh = error.message, error.zh
    counts: dict[str, int] = {name: getattr(report, name) for name in COUNTS}

    def run(s: Session) -> int:
        state = sync_state(s)
        state.last_attempt_at = now
        state.last_outcome = outcome
        state.last_message = zh or message or None
        if outcome == "ok":
            state.last_success_at = now
        state.upgrade_required = outcome == "upgrade"
        s.add(
            SyncRun(
                started_at=started,
                finished_at=now,
                trigger=trigger[:16],
                outcome=outcome,
                message=(zh or message or None),
                **counts,
            )
        )
        return outbox_count(s)

    pending = port.transaction(run)
    return SyncResult(
        outcome=outcome,
        pending=pending,
        message=message,
        message_zh=zh,
        clock_offset_s=offset,
        **counts,
    )
