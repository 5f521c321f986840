"""Emergency mode (平急转换), station side: start an event (a frozen list of vulnerable
residents in the affected grids), amend it, assign responders, check off residents, follow
the totals and stop it.

Starting and stopping need a station head; check-offs any worker. Every write is one unit of
work with its audit record and its outbox ops (:mod:`.synced`: events, list entries,
assignments, check-offs and responders are station-owned records the district keeps). A
需要帮助 check opens an ordinary case through the cases service.

The package, by job: :mod:`.types`, :mod:`.events` (start, amend, stop), :mod:`.board`
(check, list, status), :mod:`.assign` (responders, assignment), :mod:`.sheets` (printed call
sheets), :mod:`.report` (the after-action report) and :mod:`.synced` (what is synced).
"""

from __future__ import annotations

from stationdesk.domain.emergency import CheckStatus

from .assign import add_responder, assign, list_responders
from .board import HELP_CASE_TYPES, check, checked_status, list_entries, status
from .events import add_to_event, current_event, list_events, start_event, stop_event
from .report import report_document, report_path, write_report
from .sheets import SheetFiles, call_sheets
from .types import (
    NO_GRID,
    AssignReport,
    EntryRow,
    EventAlreadyOpenError,
    EventInfo,
    GridTotals,
    NoOpenEventError,
    ResponderInfo,
    StatusReport,
)

__all__ = [
    "HELP_CASE_TYPES",
    "NO_GRID",
    "AssignReport",
    "CheckStatus",
    "EntryRow",
    "EventAlreadyOpenError",
    "EventInfo",
    "GridTotals",
    "NoOpenEventError",
    "ResponderInfo",
    "SheetFiles",
    "StatusReport",
    "add_responder",
    "add_to_event",
    "assign",
    "call_sheets",
    "check",
    "checked_status",
    "current_event",
    "list_entries",
    "list_events",
    "list_responders",
    "report_document",
    "report_path",
    "start_event",
    "status",
    "stop_event",
    "write_report",
]
