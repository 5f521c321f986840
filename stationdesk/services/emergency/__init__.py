"""Emergency mode (平急转换), station side: start an event (a frozen list of vulnerable
residents in the affected grids), amend it, assign responders, check off residents, follow
the totals and stop it.

Starting and stopping need a station head; check-offs any worker. Every write is one unit of
work with its audit record and its outbox ops (:mod:`.synced`: events, list entries,
assignments, check-offs and responders are station-owned records the district keeps). A
需要帮助 check opens an ordinary case through the cases service.

The package, by job: :mod:`.types`, :mod:`.events` (start, amend, stop), :mod:`.board`
(check, list, status), :mod:`.assign` (responders, assignment), :mod:`.sheets` (printed call
sheets), :mod:`.contacts` (phones, in full to the assigned responder only), :mod:`.report`
(the after-action report) and :mod:`.synced` (what is synced).
"""

from __future__ import annotations

from stationdesk.domain.emergency import CheckStatus

from .assign import add_responder, assign, list_responders, reassign, responder_candidates
from .board import HELP_CASE_TYPES, check, checked_status, list_entries, status
from .contacts import EntryContacts, entry_contacts
from .events import add_to_event, current_event, list_events, start_event, stop_event
from .report import export_report_xlsx, report_document, report_path, write_report
from .sheets import SheetFiles, call_sheets, parse_qr, qr_payload
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
    "EntryContacts",
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
    "entry_contacts",
    "export_report_xlsx",
    "list_entries",
    "list_events",
    "list_responders",
    "parse_qr",
    "qr_payload",
    "reassign",
    "report_document",
    "report_path",
    "responder_candidates",
    "start_event",
    "status",
    "stop_event",
    "write_report",
]
