"""Sync with the district: log in, run one cycle, status, history, conflict review.

The cycle itself is :class:`stationdesk.sync.engine.SyncEngine`; :mod:`.port` is its station
side (:class:`StationSyncPort`, one SQLite transaction a step). :mod:`.login` keeps the server
URL and token, :mod:`.cycle` runs and records a cycle, :mod:`.review` is what people see
(status, history, conflicts), :mod:`.verification` compares this station with the district.
"""

from __future__ import annotations

from stationdesk.sync.engine import CancelledError, Progress

from .cycle import SyncResult, run_sync
from .login import (
    SyncNotConfiguredError,
    check_server_url,
    make_client,
    save_login,
    server_url,
    station_token,
)
from .port import SNAPSHOT_CACHE_KIB, StationSyncPort, WriteRunner
from .review import (
    RESOLUTIONS,
    ConflictInfo,
    SyncRunInfo,
    SyncStatus,
    list_conflicts,
    resolve_conflict,
    sync_history,
    sync_status,
)
from .state import STATE_ID, outbox_count, sequence_floor, sync_state
from .verification import (
    DistrictAuditReport,
    local_scope_hash,
    reference_document,
    schema_is_current,
    verify_audit_against_district,
)

__all__ = [
    "RESOLUTIONS",
    "SNAPSHOT_CACHE_KIB",
    "STATE_ID",
    "CancelledError",
    "ConflictInfo",
    "DistrictAuditReport",
    "Progress",
    "StationSyncPort",
    "SyncNotConfiguredError",
    "SyncResult",
    "SyncRunInfo",
    "SyncStatus",
    "WriteRunner",
    "check_server_url",
    "list_conflicts",
    "local_scope_hash",
    "make_client",
    "outbox_count",
    "reference_document",
    "resolve_conflict",
    "run_sync",
    "save_login",
    "schema_is_current",
    "sequence_floor",
    "server_url",
    "station_token",
    "sync_history",
    "sync_state",
    "sync_status",
    "verify_audit_against_district",
]
