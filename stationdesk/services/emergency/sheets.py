"""Call sheets of the open event: one PDF per responder and one per grid, phones in full
(the printed sheet is the one place they are), the printing audited."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.domain.emergency import LEVEL_LABELS, STATUS_LABELS_ZH, CheckStatus, kind_label
from stationdesk.domain.roles import Permission
from stationdesk.domain.station_time import shown_minute, station_local
from stationdesk.printing.call_sheet import CallSheetDocument, CallSheetRow, render_call_sheet
from stationdesk.store.models import StationRow
from stationdesk.store.models_emergency import EmergencyEntry, EmergencyEvent
from stationdesk.store.models_residents import Grid, Resident

from ..actor import Actor, require
from ..paths import unique_file_name
from ..residents.views import format_address, place_names
from ..station import Station
from ..uow import unit_of_work
from .contacts import household_phones, phone_lines
from .events import require_open_event, responder_names
from .types import ENTITY_EVENT, NO_GRID

#: The label of the sheet of residents nobody has been assigned to yet.
UNASSIGNED = "未分配"
#: What a row's QR code holds: the event and the resident, for entering results from paper.
QR_PREFIX = "SDEM"


@dataclass(frozen=True)
class SheetFiles:
    """What a printing of call sheets wrote."""

    folder: Path
    by_responder: tuple[Path, ...]
    by_grid: tuple[Path, ...]
    residents: int


@dataclass(frozen=True)
class _Listed:
    grid: str
    responder: str
    sort_key: tuple[str, str, str, str]
    row: CallSheetRow


def qr_payload(event_id: str, resident_id: str) -> str:
    """``SDEM:<event id>:<resident id>``: what a row's QR code holds."""
    return f"{QR_PREFIX}:{event_id}:{resident_id}"


def parse_qr(text: str) -> tuple[str, str]:
    """The (event id, resident id) a call sheet row's QR code names, as a scanner types it;
    ValueError for anything else."""
    parts = text.strip().split(":")
    if len(parts) != 3 or parts[0].upper() != QR_PREFIX or not all(parts[1:]):
        raise ValueError(f"not a call sheet code: {text[:40]!r}")
    if any(len(p) > 64 or not p.isascii() for p in parts[1:]):
        raise ValueError(f"not a call sheet code: {text[:40]!r}")
    return parts[1], parts[2]


def _in_full(phone: str) -> str:
    return phone  # the printed sheet is the one place phones are whole


def _listed(s: Session, event: EmergencyEvent) -> list[_Listed]:
    buildings, _ = place_names(s)
    grids = {i: (c, n) for i, c, n in s.execute(select(Grid.id, Grid.code, Grid.name))}
    rows = s.execute(
        select(
            EmergencyEntry.resident_id,
            EmergencyEntry.grid_id,
            EmergencyEntry.responder_id,
            EmergencyEntry.status,
            EmergencyEntry.note,
            Resident.name,
            Resident.phones,
            Resident.note,
            Resident.household_id,
            Resident.building_id,
            Resident.unit,
            Resident.room,
        )
        .join(Resident, Resident.id == EmergencyEntry.resident_id)
        .where(EmergencyEntry.event_id == event.id)
    ).all()
    households = household_phones(
        s, sorted({r.household_id for r in rows if r.household_id}), _in_full
    )
    responders = responder_names(s)
    out = []
    for r in rows:
        code, grid_name = grids.get(r.grid_id or "", (NO_GRID, ""))
        building = buildings.get(r.building_id or "")
        household = households.get(r.household_id or "", [])
        phones = phone_lines(r.resident_id, r.phones, household, _in_full)
        notes = "；".join(n for n in (r[7], r[4]) if n)
        listed = CallSheetRow(
            number=0,
            name=r.name,
            address=format_address(building, r.unit, r.room),
            grid=f"{code} {grid_name}".strip(),
            phones=tuple(phones),
            notes=notes,
            status=STATUS_LABELS_ZH[CheckStatus(r.status)],
            qr_payload=qr_payload(event.id, r.resident_id),
        )
        key = (building or "~", r.unit or "", (r.room or "").zfill(8), r.name)
        out.append(_Listed(code, responders.get(r.responder_id or "", UNASSIGNED), key, listed))
    return out


def _numbered(items: list[_Listed]) -> tuple[CallSheetRow, ...]:
    ordered = sorted(items, key=lambda i: (i.grid, i.sort_key))
    return tuple(
        CallSheetRow(n, *(getattr(i.row, f) for f in _ROW_FIELDS))
        for n, i in enumerate(ordered, start=1)
    )


_ROW_FIELDS = ("name", "address", "grid", "phones", "notes", "status", "qr_payload")


def call_sheets(station: Station, actor: Actor, out_dir: Path | None = None) -> SheetFiles:
    """Write the open event's call sheets (any worker who may see phones; audited): one PDF per
    responder (those not yet assigned on a 未分配 sheet) and one per grid, into ``out_dir`` or
    a new folder under the station's exports."""
    require(actor, Permission.HANDLE_MATTERS)
    require(actor, Permission.REVEAL_PERSONAL_DATA)
    with station.db.read_session() as s:
        event = require_open_event(s)
        event_id = event.id
        listed = _listed(s, event)
        station_name = s.scalars(select(StationRow.name)).one()
        grid_names = {code: name for code, name in s.execute(select(Grid.code, Grid.name))}
        event_line = (
            f"{kind_label(event.kind)}「{event.name}」 {LEVEL_LABELS.get(event.level, '')} · "
            f"开始于 {shown_minute(event.started_at)}"
        )
    now = station.now()
    folder = out_dir or station.paths.exports / f"emergency-sheets-{station_local(now):%Y%m%d-%H%M}"
    folder.mkdir(parents=True, exist_ok=True)
    with unit_of_work(station, actor) as uow:  # every print of full phones is on the record
        uow.audit(
            f"{ENTITY_EVENT}.sheets",
            ENTITY_EVENT,
            event_id,
            {"residents": len(listed), "folder": folder.name},
        )
    statuses = tuple(STATUS_LABELS_ZH[s] for s in CheckStatus if s is not CheckStatus.NOT_CONTACTED)
    by_responder: dict[str, list[_Listed]] = defaultdict(list)
    by_grid: dict[str, list[_Listed]] = defaultdict(list)
    for item in listed:
        by_responder[item.responder].append(item)
        by_grid[item.grid].append(item)
    taken: set[str] = set()
    written: dict[str, list[Path]] = {"responder": [], "grid": []}
    for kind, groups, scope_label in (
        ("responder", by_responder, "责任人"),
        ("grid", by_grid, "网格"),
    ):
        for label in sorted(groups, key=lambda g: (g == UNASSIGNED, g)):
            doc = CallSheetDocument(
                title="应急呼叫单",
                event_line=event_line,
                scope=f"{scope_label}：{label} {grid_names.get(label, '')}".rstrip()
                if kind == "grid"
                else f"{scope_label}：{label}",
                rows=_numbered(groups[label]),
                statuses=statuses,
                printed_at=shown_minute(now),
                station_name=station_name,
            )
            path = folder / unique_file_name(f"{scope_label}", label, taken)
            partial = path.with_name(path.name + ".partial")
            render_call_sheet(doc, partial)
            partial.replace(path)
            written[kind].append(path)
    return SheetFiles(
        folder, tuple(written["responder"]), tuple(written["grid"]), residents=len(listed)
    )
