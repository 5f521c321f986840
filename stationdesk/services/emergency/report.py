"""The after-action report of an emergency event: what happened when, coverage by hour, the
help requests and their cases, and what each responder did; written as a PDF."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.domain.cases import STATE_LABELS_ZH as CASE_STATES_ZH
from stationdesk.domain.cases import CaseState
from stationdesk.domain.emergency import (
    LEVEL_LABELS,
    REACHED,
    STATUS_LABELS_ZH,
    CheckStatus,
    kind_label,
)
from stationdesk.domain.roles import Permission
from stationdesk.domain.station_time import shown_minute, shown_short, station_local
from stationdesk.printing.emergency_report import (
    EmergencyReportDocument,
    HelpRow,
    HourRow,
    ResponderRow,
    render_emergency_report,
)
from stationdesk.store.models import AuditRecord, StationRow, Worker
from stationdesk.store.models_cases import Case
from stationdesk.store.models_emergency import (
    EmergencyCheck,
    EmergencyEntry,
    EmergencyEvent,
)
from stationdesk.store.models_residents import Resident

from ..actor import Actor, require
from ..errors import InputError, NotFoundError
from ..residents.views import format_address, place_names
from ..station import Station
from ..xlsx import append_row, save_workbook, set_column_widths
from .events import responder_names
from .types import ENTITY_EVENT

#: What the timeline says for each audited event action.
_ACTIONS_ZH = {
    "start": "启动应急状态",
    "amend": "名单补录 1 人",
    "assign": "自动分配应急人员",
    "sheets": "打印呼叫单",
    "stop": "结束应急状态",
}
#: A report covers at most this many hours one row each (a longer event is summed by day).
MAX_HOUR_ROWS = 96


def _event(s: Session, event_id: str | None) -> EmergencyEvent:
    if event_id is not None:
        event = s.get(EmergencyEvent, event_id.strip())
        if event is None:
            raise NotFoundError(f"no emergency event {event_id!r}", "找不到该应急事件。")
        return event
    event = s.scalars(select(EmergencyEvent).order_by(EmergencyEvent.started_at.desc())).first()
    if event is None:
        raise InputError("there has been no emergency event", "还没有应急事件。")
    return event


def _timeline(s: Session, event: EmergencyEvent) -> list[tuple[datetime, str]]:
    out: list[tuple[datetime, str]] = []
    amended: list[Any] = []  # the minute and count of the run of additions the last line is
    for action, at, details in s.execute(
        select(AuditRecord.action, AuditRecord.at, AuditRecord.details)
        .where(AuditRecord.entity == ENTITY_EVENT, AuditRecord.entity_id == event.id)
        .order_by(AuditRecord.seq)
    ):
        verb = action.rsplit(".", 1)[-1]
        moment = datetime.fromisoformat(at)
        if verb == "amend" and amended and shown_minute(amended[0]) == shown_minute(moment):
            amended[1] += 1  # a run of additions in one minute is one line
            out[-1] = (amended[0], f"名单补录 {amended[1]} 人")
            continue
        text = _ACTIONS_ZH.get(verb, verb)
        if verb == "start":
            text += f"，名单 {details.get('entries', 0)} 人"
        elif verb == "assign":
            text += f"：分配 {details.get('assigned', 0)} 人"
        elif verb == "sheets":
            text += f"（{details.get('residents', 0)} 人）"
        out.append((moment, text))
        amended = [moment, 1] if verb == "amend" else []
    for at, name in s.execute(
        select(EmergencyCheck.at, Resident.name)
        .join(EmergencyEntry, EmergencyEntry.id == EmergencyCheck.entry_id)
        .join(Resident, Resident.id == EmergencyEntry.resident_id)
        .where(
            EmergencyEntry.event_id == event.id,
            EmergencyCheck.status == CheckStatus.NEED_HELP.value,
        )
    ):
        out.append((at, f"{name} 需要帮助"))
    return sorted(out, key=lambda item: station_local(item[0]))


def _hours(
    checks: list[tuple[datetime, int, str]], total: int, start: datetime, end: datetime
) -> list[HourRow]:
    """Reached-by-the-end-of-each-hour, from the check history (the latest check counts)."""
    step = timedelta(hours=1)
    first = station_local(start).replace(minute=0, second=0, microsecond=0)
    if (end - start) > step * MAX_HOUR_ROWS:
        step = timedelta(days=1)
        first = first.replace(hour=0)
    latest: dict[int, CheckStatus] = {}
    out: list[HourRow] = []
    i = 0
    slot = first
    final = station_local(end)
    while slot <= final:
        upper = slot + step
        n = 0
        while i < len(checks) and station_local(checks[i][0]) < upper:
            latest[checks[i][1]] = CheckStatus(checks[i][2])
            n += 1
            i += 1
        reached = sum(1 for st in latest.values() if st in REACHED)
        label = f"{slot:%m-%d %H:%M}–{upper:%H:%M}"
        out.append(HourRow(label, n, reached, total))
        slot = upper
    return out


def report_document(
    station: Station, actor: Actor, event_id: str | None = None
) -> EmergencyReportDocument:
    """The after-action report of an event (the latest one when none is named)."""
    require(actor, Permission.HANDLE_MATTERS)
    now = station.now()
    with station.db.read_session() as s:
        event = _event(s, event_id)
        station_row = s.scalars(select(StationRow)).one()
        workers = {i: n for i, n in s.execute(select(Worker.id, Worker.display_name))}
        responders = responder_names(s)
        entries = list(s.scalars(select(EmergencyEntry).where(EmergencyEntry.event_id == event.id)))
        checks = [
            (at, entry_id, status, responder)
            for at, entry_id, status, responder in s.execute(
                select(
                    EmergencyCheck.at,
                    EmergencyCheck.entry_id,
                    EmergencyCheck.status,
                    EmergencyCheck.responder_id,
                )
                .join(EmergencyEntry, EmergencyEntry.id == EmergencyCheck.entry_id)
                .where(EmergencyEntry.event_id == event.id)
                .order_by(EmergencyCheck.at, EmergencyCheck.id)
            )
        ]
        timeline = _timeline(s, event)
        help_rows = _help_rows(s, entries)
        end = event.closed_at or now.replace(tzinfo=None)
        facts = (
            ("事件", f"{kind_label(event.kind)}「{event.name}」"),
            ("响应级别", LEVEL_LABELS.get(event.level, str(event.level))),
            ("影响网格", "、".join(event.grids) if event.grids is not None else "全部网格"),
            ("开始", f"{shown_minute(event.started_at)}（{workers.get(event.started_by, '')}）"),
            (
                "结束",
                f"{shown_minute(event.closed_at)}（{workers.get(event.closed_by or '', '')}）"
                if event.closed_at
                else "进行中",
            ),
            ("名单人数", f"{len(entries)}（其中补录 {sum(e.added for e in entries)}）"),
        )
    counts = Counter(CheckStatus(e.status) for e in entries)
    totals = tuple((STATUS_LABELS_ZH[st], str(counts[st])) for st in CheckStatus)
    per_responder = _responder_rows(entries, checks, responders)
    return EmergencyReportDocument(
        title=f"应急处置总结报告：{event.name}",
        station_line=f"{station_row.name}（{station_row.code}）",
        facts=facts,
        totals=(*totals, ("已联系合计", str(sum(counts[st] for st in REACHED)))),
        summary=event.summary or "",
        timeline=tuple((shown_short(at), text) for at, text in timeline),
        hours=tuple(
            _hours([(a, e, st) for a, e, st, _r in checks], len(entries), event.started_at, end)
        ),
        help=help_rows,
        responders=per_responder,
        generated_at=shown_minute(now),
    )


def _help_rows(s: Session, entries: list[EmergencyEntry]) -> tuple[HelpRow, ...]:
    helped = [e for e in entries if e.case_id]
    if not helped:
        return ()
    buildings, _ = place_names(s)
    cases = {
        c.id: c for c in s.scalars(select(Case).where(Case.id.in_([e.case_id for e in helped])))
    }
    people = {
        r.id: r
        for r in s.scalars(select(Resident).where(Resident.id.in_([e.resident_id for e in helped])))
    }
    first_help = {
        entry_id: (at, note)
        for at, entry_id, note in s.execute(
            select(EmergencyCheck.at, EmergencyCheck.entry_id, EmergencyCheck.note)
            .where(
                EmergencyCheck.entry_id.in_([e.id for e in helped]),
                EmergencyCheck.status == CheckStatus.NEED_HELP.value,
            )
            .order_by(EmergencyCheck.at.desc(), EmergencyCheck.id.desc())
        )
    }
    out = []
    for e in helped:
        case = cases.get(e.case_id or "")
        person = people.get(e.resident_id)
        at, note = first_help.get(e.id, (None, None))
        out.append(
            HelpRow(
                at=shown_short(at) if at else "",
                name=person.name if person else "",
                address=format_address(
                    buildings.get(person.building_id or "") if person else None,
                    person.unit if person else None,
                    person.room if person else None,
                ),
                note=note or "",
                case_number=case.number if case else "",
                case_state=CASE_STATES_ZH[CaseState(case.state)] if case else "",
            )
        )
    return tuple(sorted(out, key=lambda h: h.at))


def _responder_rows(
    entries: list[EmergencyEntry],
    checks: list[tuple[datetime, int, str, str | None]],
    names: dict[str, str],
) -> tuple[ResponderRow, ...]:
    assigned: Counter[str] = Counter(e.responder_id for e in entries if e.responder_id)
    done: Counter[str] = Counter(r for _a, _e, _s, r in checks if r)
    out = []
    for rid in sorted(set(assigned) | set(done), key=lambda r: names.get(r, r)):
        mine = [e for e in entries if e.responder_id == rid]
        out.append(
            ResponderRow(
                name=names.get(rid, rid),
                assigned=assigned[rid],
                checks=done[rid],
                reached=sum(CheckStatus(e.status) in REACHED for e in mine),
                need_help=sum(e.status == CheckStatus.NEED_HELP.value for e in mine),
                unreachable=sum(e.status == CheckStatus.UNREACHABLE.value for e in mine),
            )
        )
    return tuple(out)


def write_report(station: Station, actor: Actor, path: Path, event_id: str | None = None) -> Path:
    """Write the after-action report of an event (the latest when none is named): a PDF, or a
    workbook when ``path`` ends in .xlsx."""
    doc = report_document(station, actor, event_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".xlsx":
        return export_report_xlsx(doc, path)
    partial = path.with_name(path.name + ".partial")
    render_emergency_report(doc, partial)
    partial.replace(path)
    return path


def export_report_xlsx(doc: EmergencyReportDocument, out: Path) -> Path:
    """The after-action report as a workbook: the event and its totals, the timeline, coverage
    by hour, the help requests with their cases, and each responder's counts."""
    from openpyxl import Workbook

    book = Workbook()
    sheets: list[tuple[str, tuple[str, ...], list[tuple[object, ...]], tuple[int, ...]]] = [
        (
            "概况",
            ("项目", "内容"),
            [*doc.facts, *doc.totals, ("总结", doc.summary), ("生成时间", doc.generated_at)],
            (16, 60),
        ),
        ("时间线", ("时间", "事项"), list(doc.timeline), (16, 60)),
        (
            "按小时覆盖",
            ("时段", "核查次数", "已联系", "名单人数"),
            [(h.hour, h.checks, h.reached, h.total) for h in doc.hours],
            (24, 10, 10, 10),
        ),
        (
            "求助与事项",
            ("时间", "姓名", "住址", "情况", "事项编号", "事项状态"),
            [(h.at, h.name, h.address, h.note, h.case_number, h.case_state) for h in doc.help],
            (14, 12, 24, 36, 22, 12),
        ),
        (
            "应急人员",
            ("姓名", "分配", "核查次数", "已联系", "需要帮助", "联系不上"),
            [
                (r.name, r.assigned, r.checks, r.reached, r.need_help, r.unreachable)
                for r in doc.responders
            ],
            (16, 10, 10, 10, 10, 10),
        ),
    ]
    for n, (title, headers, rows, widths) in enumerate(sheets):
        sheet = book.active if n == 0 else book.create_sheet()
        assert sheet is not None
        sheet.title = title
        append_row(sheet, [f"{doc.title}（{title}）", doc.station_line])
        append_row(sheet, list(headers))
        for row in rows:
            append_row(sheet, list(row))
        set_column_widths(sheet, widths)
    book.properties.title = doc.title
    save_workbook(book, out)
    return out


def report_path(station: Station, event_name: str, when: datetime) -> Path:
    """Where the desk writes an event's report: the station's exports folder."""
    safe = "".join(c if c.isalnum() else "_" for c in event_name).strip("_") or "event"
    return station.paths.exports / f"emergency-report-{station_local(when):%Y%m%d-%H%M}-{safe}.pdf"
