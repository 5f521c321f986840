"""Approved service hours: a member's total and by kind, the records behind them, the report."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, aliased

from stationdesk.domain.roles import Permission
from stationdesk.domain.station_time import station_local
from stationdesk.domain.volunteering import PROJECT_STATUSES, WishStatus, hours, kind_label
from stationdesk.store.models_residents import Grid, Resident
from stationdesk.store.models_volunteer import (
    VolunteerActivity,
    VolunteerCorrection,
    VolunteerMember,
    VolunteerSignIn,
    VolunteerUnit,
    VolunteerWish,
)

from ..actor import Actor, require
from ..station import Station
from ..xlsx import append_row, save_workbook, set_column_widths
from .types import (
    NO_GRID,
    NO_UNIT,
    MemberHours,
    ReportLine,
    ServiceRecord,
    VolunteerReport,
    find_member,
    period_bounds,
)


def effective_minutes() -> ColumnElement[int]:
    """A sign-in's minutes as they stand: its latest correction's, else its own."""
    later = aliased(VolunteerCorrection)
    latest = (
        select(later.minutes)
        .where(later.signin_id == VolunteerSignIn.id)
        .order_by(later.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    return func.coalesce(latest, VolunteerSignIn.minutes)


def _approved(start: datetime | None, until: datetime | None) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [VolunteerActivity.approved_at.is_not(None)]
    if start is not None:
        where.append(VolunteerActivity.starts_at >= start)
    if until is not None:
        where.append(VolunteerActivity.starts_at < until)
    return where


@dataclass(frozen=True)
class ApprovedTotals:
    """What the approved records of some members in a period add up to."""

    minutes: int
    by_kind: dict[str, int]  # kind code -> minutes
    count: int
    first_day: date | None
    last_day: date | None


def approved_totals(
    s: Session, member_ids: Collection[str], start: date | None, end: date | None
) -> ApprovedTotals:
    """Sum the approved records of these members in the period (by the activity's start day)."""
    lower, upper = period_bounds(start, end)
    rows = s.execute(
        select(
            VolunteerActivity.kind,
            func.sum(effective_minutes()),
            func.count(),
            func.min(VolunteerActivity.starts_at),
            func.max(VolunteerActivity.starts_at),
        )
        .join(VolunteerActivity, VolunteerActivity.id == VolunteerSignIn.activity_id)
        .where(VolunteerSignIn.member_id.in_(list(member_ids)), *_approved(lower, upper))
        .group_by(VolunteerActivity.kind)
    ).all()
    by_kind = {kind: int(minutes or 0) for kind, minutes, *_ in rows}
    firsts = [r[3] for r in rows if r[3] is not None]
    lasts = [r[4] for r in rows if r[4] is not None]
    return ApprovedTotals(
        minutes=sum(by_kind.values()),
        by_kind=by_kind,
        count=sum(int(r[2]) for r in rows),
        first_day=_day(min(firsts)) if firsts else None,
        last_day=_day(max(lasts)) if lasts else None,
    )


def _day(moment: datetime) -> date:
    return station_local(moment).date()


def approved_records(
    s: Session, member_ids: Collection[str], start: date | None, end: date | None
) -> list[ServiceRecord]:
    """The approved activities these members served at in the period, oldest first."""
    lower, upper = period_bounds(start, end)
    rows = s.execute(
        select(
            VolunteerActivity.id,
            VolunteerActivity.title,
            VolunteerActivity.kind,
            VolunteerActivity.starts_at,
            effective_minutes(),
        )
        .join(VolunteerActivity, VolunteerActivity.id == VolunteerSignIn.activity_id)
        .where(VolunteerSignIn.member_id.in_(list(member_ids)), *_approved(lower, upper))
        .order_by(VolunteerActivity.starts_at, VolunteerActivity.id)
    ).all()
    return [
        ServiceRecord(a_id, title, kind, kind_label(kind), station_local(at).date(), int(m or 0))
        for a_id, title, kind, at, m in rows
    ]


def member_hours(
    station: Station,
    actor: Actor,
    member: str,
    *,
    start: date | None = None,
    end: date | None = None,
    with_records: bool = False,
) -> MemberHours:
    """A member's approved hours in a period, in total and by kind (and the records if asked).
    Unapproved records do not count."""
    require(actor, Permission.HANDLE_MATTERS)
    with station.db.read_session() as s:
        m = find_member(s, member)
        totals = approved_totals(s, [m.id], start, end)
        records = approved_records(s, [m.id], start, end) if with_records else []
    return MemberHours(
        member_id=m.id,
        name=m.name,
        minutes=totals.minutes,
        hours=hours(totals.minutes),
        by_kind={kind_label(k): v for k, v in totals.by_kind.items()},
        records=tuple(records),
    )


class _Tally:
    def __init__(self) -> None:
        self.members: set[str] = set()
        self.activities: set[str] = set()
        self.minutes = 0
        self.wishes = 0
        self.by_kind: dict[str, int] = defaultdict(int)

    def add(self, member: str, activity: str, kind: str, minutes: int) -> None:
        self.members.add(member)
        self.activities.add(activity)
        self.minutes += minutes
        self.by_kind[kind_label(kind)] += minutes

    def line(self, name: str, members: int | None = None) -> ReportLine:
        return ReportLine(
            name=name,
            members=len(self.members) if members is None else members,
            activities=len(self.activities),
            hours=hours(self.minutes),
            wishes_fulfilled=self.wishes,
            by_kind={k: hours(v) for k, v in sorted(self.by_kind.items())},
        )


def volunteer_report(
    station: Station, actor: Actor, *, start: date | None = None, end: date | None = None
) -> VolunteerReport:
    """Approved service in a period per unit (members reported, activities, hours, wishes
    fulfilled), per member (hours by kind) and per grid (of the activity; wishes by the
    resident's grid)."""
    require(actor, Permission.HANDLE_MATTERS)
    lower, upper = period_bounds(start, end)
    with station.db.read_session() as s:
        members = {m.id: m for m in s.scalars(select(VolunteerMember))}
        held = list(s.scalars(select(VolunteerUnit)))
        units = {u.id: u.name for u in held}
        projects = {u.name: project_counts(u.projects) for u in held if u.projects}
        grids = {g.id: g.code for g in s.scalars(select(Grid))}
        rows = s.execute(
            select(
                VolunteerSignIn.member_id,
                VolunteerActivity.id,
                VolunteerActivity.kind,
                VolunteerActivity.grid_id,
                effective_minutes(),
            )
            .join(VolunteerActivity, VolunteerActivity.id == VolunteerSignIn.activity_id)
            .where(*_approved(lower, upper))
        ).all()
        wish_query = (
            select(VolunteerWish.member_id, Resident.grid_id)
            .join(Resident, Resident.id == VolunteerWish.resident_id)
            .where(
                VolunteerWish.status.in_((WishStatus.FULFILLED.value, WishStatus.CONFIRMED.value))
            )
        )
        if lower is not None:
            wish_query = wish_query.where(VolunteerWish.fulfilled_at >= lower)
        if upper is not None:
            wish_query = wish_query.where(VolunteerWish.fulfilled_at < upper)
        wishes = s.execute(wish_query).all()
    by_unit: dict[str, _Tally] = defaultdict(_Tally)
    by_member: dict[str, _Tally] = defaultdict(_Tally)
    by_grid: dict[str, _Tally] = defaultdict(_Tally)
    for member_id, activity_id, kind, grid_id, minutes in rows:
        m = members[member_id]
        for tally in (
            by_unit[units.get(m.unit_id or "", NO_UNIT)],
            by_member[member_id],
            by_grid[grids.get(grid_id or "", NO_GRID)],
        ):
            tally.add(member_id, activity_id, kind, int(minutes or 0))
    for claimer, grid_id in wishes:
        who = members.get(claimer or "")
        if who is not None:
            by_unit[units.get(who.unit_id or "", NO_UNIT)].wishes += 1
            by_member[who.id].wishes += 1
        by_grid[grids.get(grid_id or "", NO_GRID)].wishes += 1
    reported: dict[str, int] = defaultdict(int)
    for m in members.values():
        reported[units.get(m.unit_id or "", NO_UNIT)] += 1
    for name in (*reported, *projects):
        by_unit[name]
    for member_id in members:
        by_member[member_id]
    return VolunteerReport(
        start=start,
        end=end,
        units=tuple(
            replace(by_unit[n].line(n, reported.get(n, 0)), projects=projects.get(n, {}))
            for n in sorted(by_unit)
        ),
        members=tuple(
            by_member[i].line(members[i].name, 1)
            for i in sorted(by_member, key=lambda i: (members[i].name, i))
        ),
        grids=tuple(by_grid[g].line(g) for g in sorted(by_grid)),
    )


_HEADERS = (
    "名称",
    "党员人数",
    "活动数",
    "服务时长（小时）",
    "完成微心愿",
    "按类型时长",
    "结对共建项目",
)


def project_counts(stored: list[dict[str, Any]]) -> dict[str, int]:
    """A unit's projects counted by status label, in the statuses' order."""
    found = Counter(str(p.get("status") or "") for p in stored)
    return {c.label: found[c.code] for c in PROJECT_STATUSES if found[c.code]}


def export_report_xlsx(report: VolunteerReport, out: Path) -> Path:
    """Write the report as a workbook: one sheet each for units, members and grids."""
    from openpyxl import Workbook

    book = Workbook()
    period = f"{report.start or '—'} 至 {report.end or '—'}"
    sheets = (("按单位", report.units), ("按党员", report.members), ("按网格", report.grids))
    for n, (title, lines) in enumerate(sheets):
        sheet = book.active if n == 0 else book.create_sheet()
        sheet.title = title
        append_row(sheet, [f"志愿服务统计（{title}）  {period}"])
        append_row(sheet, list(_HEADERS))
        for line in lines:
            kinds = "；".join(f"{k} {v}" for k, v in line.by_kind.items())
            states = "；".join(f"{k} {v}" for k, v in line.projects.items())
            append_row(
                sheet,
                [
                    line.name,
                    line.members,
                    line.activities,
                    float(line.hours),
                    line.wishes_fulfilled,
                    kinds,
                    states,
                ],
            )
        set_column_widths(sheet, (24, 10, 10, 16, 12, 40, 30))
    book.properties.title = "志愿服务统计"
    save_workbook(book, out)
    return out


def export_volunteer_report(
    station: Station, actor: Actor, start: date, end: date, out_dir: Path | None = None
) -> Path:
    """The period's volunteer report as a workbook in the station's exports folder (or
    ``out_dir``), named by the period."""
    report = volunteer_report(station, actor, start=start, end=end)
    folder = out_dir or station.paths.exports
    folder.mkdir(parents=True, exist_ok=True)
    return export_report_xlsx(report, folder / f"volunteer-report-{start:%Y%m%d}-{end:%Y%m%d}.xlsx")


def resident_member_ids(s: Session, resident_id: str, id_number: str | None) -> list[str]:
    """The members who are this resident: linked to the record, or with its ID number."""
    who = VolunteerMember.resident_id == resident_id
    if id_number:
        who = who | (VolunteerMember.id_number == id_number)
    return list(s.scalars(select(VolunteerMember.id).where(who)))
