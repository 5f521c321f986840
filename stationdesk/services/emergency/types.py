"""What the emergency-mode service takes and returns, and its errors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from stationdesk.domain.emergency import CheckStatus

from ..errors import InputError

ENTITY_EVENT = "emergency_event"
ENTITY_ENTRY = "emergency_entry"
ENTITY_RESPONDER = "emergency_responder"

#: The label by_grid uses for residents with no grid.
NO_GRID = "未标注网格"

MAX_NAME = 100
MAX_NOTE = 500
MAX_SUMMARY = 4000


class EventAlreadyOpenError(InputError):
    """An emergency event is already open at this station; only one may be open at a time."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"an emergency event is already open ({name}); stop it first",
            f"已有进行中的应急事件（{name}），请先结束。",
        )


class NoOpenEventError(InputError):
    """The action needs an open emergency event and there is none."""

    def __init__(self) -> None:
        super().__init__("no emergency event is open", "当前没有进行中的应急事件。")


@dataclass(frozen=True)
class EventInfo:
    """An emergency event as lists and the status show it."""

    id: str
    kind: str
    kind_zh: str
    name: str
    level: int
    level_zh: str
    grids: tuple[str, ...] | None  # grid codes; None for every grid
    started_at: datetime
    started_by: str
    closed_at: datetime | None
    summary: str | None
    entries: int


@dataclass(frozen=True)
class EntryRow:
    """One resident on the list (no ID number and no phone: responders look them up)."""

    resident_id: str
    name: str
    address: str
    grid: str | None
    responder_id: str | None
    responder: str | None
    status: CheckStatus
    status_zh: str
    note: str | None
    checked_at: datetime | None
    unreachable_since: datetime | None
    case_number: str | None
    added: bool


@dataclass(frozen=True)
class GridTotals:
    """Counts of one grid's listed residents."""

    total: int
    reached: int
    need_help: int
    unreachable: int


@dataclass(frozen=True)
class StatusReport:
    """Where the open event stands: totals, per grid, and who is unreachable for too long."""

    event: EventInfo
    total: int
    reached: int
    need_help: int
    unreachable: int
    by_grid: dict[str, GridTotals]
    overdue: tuple[EntryRow, ...]


@dataclass(frozen=True)
class ResponderInfo:
    """A responder: a worker with a grid, or a marked responder with none."""

    id: str
    name: str
    worker: str | None  # login name
    grid: str | None  # grid code
    active: bool


@dataclass(frozen=True)
class AssignReport:
    """What an assignment did: how many entries got a responder, how many none could take,
    and each responder's load afterwards (by name)."""

    assigned: int
    unassigned: int
    loads: dict[str, int]
