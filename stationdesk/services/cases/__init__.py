"""One-window cases: open, act (every CaseAction), rate, list, show, attachments, Open311 export.

首问负责 (owner rule): the worker who receives a matter owns it. Only the owner, or a station
head (who may step in when the owner is away), may act on, rate or add attachments to a case;
every worker may read every case. Each change is one unit of work with its events, audit
records and outbox rows; an invalid transition is refused before anything is written.

Times are stored in UTC and returned in China Standard Time; deadlines are counted in working
days by the district calendar (:mod:`stationdesk.domain.workdays`).

The package, by job: :mod:`.types` (what the service takes and returns), :mod:`.inputs`
(parsing what a worker types), :mod:`.detail` (reading a case), :mod:`.transitions` (moving
it), :mod:`.commands` and :mod:`.queries` (the use cases), :mod:`.attachments` and
:mod:`.open311` (the export).
"""

from __future__ import annotations

from stationdesk.domain.cases import CaseAction, CaseState, Channel, SatisfactionGrade

from .attachments import (
    ALLOWED_MIME,
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENT_NAME,
    MAX_CASE_ATTACHMENT_BYTES,
    add_attachment,
    add_attachment_file,
    attachment_data,
)
from .commands import CASE_COUNTER, SYNC_STATE_ID, act, open_case, open_case_in, rate
from .detail import case_number, deadline_of, local, paused_days, worker_names
from .inputs import (
    MAX_ADDRESS,
    MAX_DESCRIPTION,
    MAX_GRID,
    MAX_NAME,
    MAX_NOTE,
    MAX_SUMMARY,
    check_new_case,
    deidentify,
    parse_action,
    parse_channel,
    parse_grade,
    parse_state,
    valid_phone,
)
from .open311 import export_open311
from .queries import list_cases, list_in, reveal_reporter_phone, show_case, view_counts
from .transitions import record_department_answer
from .types import (
    AWAITING_DEPARTMENT,
    DEPARTMENT_ACTIONS,
    ENTITY,
    EVENT_ANSWER,
    EVENT_ATTACH,
    EVENT_OPEN,
    EVENT_RATE,
    EVENT_SOURCE_DISTRICT,
    RATABLE,
    AttachmentData,
    AttachmentInfo,
    CaseDetail,
    CaseEventInfo,
    CaseSummary,
    CaseView,
    Deadline,
    DepartmentAnswer,
    NewCase,
)

__all__ = [
    "ALLOWED_MIME",
    "AWAITING_DEPARTMENT",
    "CASE_COUNTER",
    "DEPARTMENT_ACTIONS",
    "ENTITY",
    "EVENT_ANSWER",
    "EVENT_ATTACH",
    "EVENT_OPEN",
    "EVENT_RATE",
    "EVENT_SOURCE_DISTRICT",
    "MAX_ADDRESS",
    "MAX_ATTACHMENT_BYTES",
    "MAX_ATTACHMENT_NAME",
    "MAX_CASE_ATTACHMENT_BYTES",
    "MAX_DESCRIPTION",
    "MAX_GRID",
    "MAX_NAME",
    "MAX_NOTE",
    "MAX_SUMMARY",
    "RATABLE",
    "SYNC_STATE_ID",
    "AttachmentData",
    "AttachmentInfo",
    "CaseAction",
    "CaseDetail",
    "CaseEventInfo",
    "CaseState",
    "CaseSummary",
    "CaseView",
    "Channel",
    "Deadline",
    "DepartmentAnswer",
    "NewCase",
    "SatisfactionGrade",
    "act",
    "add_attachment",
    "add_attachment_file",
    "attachment_data",
    "case_number",
    "check_new_case",
    "deadline_of",
    "deidentify",
    "export_open311",
    "list_cases",
    "list_in",
    "local",
    "open_case",
    "open_case_in",
    "parse_action",
    "parse_channel",
    "parse_grade",
    "parse_state",
    "paused_days",
    "rate",
    "record_department_answer",
    "reveal_reporter_phone",
    "show_case",
    "valid_phone",
    "view_counts",
    "worker_names",
]
