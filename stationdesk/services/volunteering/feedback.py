"""The year-end 在职党员到社区报到服务情况反馈表: one PDF per member for the employer's Party
organisation, and the same year as one workbook, all from the approved records."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from stationdesk.domain.catalog import format_date_zh
from stationdesk.domain.roles import Permission
from stationdesk.domain.station_time import station_local
from stationdesk.domain.volunteering import ACTIVITY_KINDS, WishStatus, hours_text, kind_label
from stationdesk.printing.party_feedback import FeedbackDocument, render_feedback
from stationdesk.store.models import StationRow
from stationdesk.store.models_residents import Grid
from stationdesk.store.models_volunteer import (
    VolunteerActivity,
    VolunteerMember,
    VolunteerSignIn,
    VolunteerUnit,
    VolunteerWish,
)

from ..actor import Actor, require
from ..errors import InputError
from ..paths import unique_file_name
from ..station import Station
from ..xlsx import append_row, save_workbook, set_column_widths
from .hours import effective_minutes
from .types import day_start, find_member

#: The years a feedback form may be asked for.
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True)
class FeedbackFiles:
    """What one run wrote: the folder, a PDF per member, and the workbook if asked."""

    folder: Path
    pdfs: tuple[Path, ...]
    workbook: Path | None


def _year(year: int) -> tuple[date, date]:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputError(
            f"year must be between {FIRST_YEAR} and {LAST_YEAR}",
            f"年度应在{FIRST_YEAR}至{LAST_YEAR}之间。",
            field="year",
        )
    return date(year, 1, 1), date(year + 1, 1, 1)


def feedback_documents(
    station: Station, actor: Actor, year: int, members: list[str] | None = None
) -> list[FeedbackDocument]:
    """Each member's form for ``year`` (every member on the roster unless ``members`` names
    some by id or ID number), from the approved records of activities that started that year
    and the wishes claimed and fulfilled that year. Unapproved records do not count."""
    require(actor, Permission.HANDLE_MATTERS)
    first, after = _year(year)
    lower, upper = day_start(first), day_start(after)
    with station.db.read_session() as s:
        if members is None:
            roster = list(s.scalars(select(VolunteerMember)))
        else:
            roster = list({m.id: m for m in (find_member(s, key) for key in members)}.values())
        ids = [m.id for m in roster]
        units = {u.id: u for u in s.scalars(select(VolunteerUnit))}
        grids = {g.id: f"{g.code} {g.name}" for g in s.scalars(select(Grid))}
        station_name = s.scalars(select(StationRow.name)).one()
        records: dict[str, list[tuple[date, str, str, int]]] = defaultdict(list)
        for member_id, title, kind, at, minutes in s.execute(
            select(
                VolunteerSignIn.member_id,
                VolunteerActivity.title,
                VolunteerActivity.kind,
                VolunteerActivity.starts_at,
                effective_minutes(),
            )
            .join(VolunteerActivity, VolunteerActivity.id == VolunteerSignIn.activity_id)
            .where(
                VolunteerSignIn.member_id.in_(ids),
                VolunteerActivity.approved_at.is_not(None),
                VolunteerActivity.starts_at >= lower,
                VolunteerActivity.starts_at < upper,
            )
            .order_by(VolunteerActivity.starts_at, VolunteerActivity.id)
        ):
            day = station_local(at).date()
            records[member_id].append((day, title, kind, int(minutes or 0)))
        claimed = _wish_counts(s, ids, VolunteerWish.claimed_at, lower, upper, None)
        fulfilled = _wish_counts(
            s,
            ids,
            VolunteerWish.fulfilled_at,
            lower,
            upper,
            (WishStatus.FULFILLED.value, WishStatus.CONFIRMED.value),
        )
    printed_on = format_date_zh(station_local(station.now()).date())
    documents = []
    for m in sorted(roster, key=lambda m: (m.name, m.id)):
        unit = units.get(m.unit_id or "")
        served = records.get(m.id, [])
        documents.append(
            FeedbackDocument(
                year=year,
                station_name=station_name,
                name=m.name,
                employer=unit.name if unit else "",
                branch=m.branch or (unit.party_org or "" if unit else ""),
                report_date=format_date_zh(m.report_date),
                grid=grids.get(m.grid_id or "", ""),
                skills="、".join(m.skills),
                emergency_team=m.emergency_team,
                activities=len(served),
                hours=hours_text(sum(r[3] for r in served)),
                by_kind=_by_kind(served),
                wishes_claimed=claimed.get(m.id, 0),
                wishes_fulfilled=fulfilled.get(m.id, 0),
                records=tuple(
                    f"{day:%m-%d}　{kind_label(kind)}　{title}　{hours_text(minutes)}小时"
                    for day, title, kind, minutes in served
                ),
                printed_on=printed_on,
            )
        )
    return documents


def _wish_counts(
    s: Session,
    ids: list[str],
    column: InstrumentedAttribute[datetime | None],
    lower: datetime,
    upper: datetime,
    statuses: tuple[str, ...] | None,
) -> dict[str, int]:
    """Per member, the wishes whose ``column`` time falls in the year (in ``statuses``)."""
    query = (
        select(VolunteerWish.member_id, func.count())
        .where(VolunteerWish.member_id.in_(ids), column >= lower, column < upper)
        .group_by(VolunteerWish.member_id)
    )
    if statuses is not None:
        query = query.where(VolunteerWish.status.in_(statuses))
    return {member: int(n) for member, n in s.execute(query) if member}


def _by_kind(served: list[tuple[date, str, str, int]]) -> tuple[str, ...]:
    """How often and how long, per kind in the listed order: 政策宣讲2次2小时."""
    count: dict[str, int] = defaultdict(int)
    minutes: dict[str, int] = defaultdict(int)
    for _, _, kind, m in served:
        count[kind] += 1
        minutes[kind] += m
    order = [k.code for k in ACTIVITY_KINDS if k.code in count]
    order += sorted(set(count) - set(order))
    return tuple(f"{kind_label(k)}{count[k]}次{hours_text(minutes[k])}小时" for k in order)


def write_feedback(
    station: Station,
    actor: Actor,
    year: int,
    out_dir: Path | None = None,
    *,
    members: list[str] | None = None,
    workbook: Path | None = None,
) -> FeedbackFiles:
    """Write one form per member into ``out_dir`` (else a new folder under the station's
    exports), and the year as a workbook when ``workbook`` names one."""
    documents = feedback_documents(station, actor, year, members)
    folder = out_dir or station.paths.exports / f"party-feedback-{year}"
    folder.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    pdfs = []
    for doc in documents:
        path = folder / unique_file_name(f"{year}反馈表", doc.name, taken)
        partial = path.with_name(path.name + ".partial")
        render_feedback(doc, partial)
        partial.replace(path)
        pdfs.append(path)
    book = export_feedback_xlsx(documents, workbook) if workbook is not None else None
    return FeedbackFiles(folder, tuple(pdfs), book)


_HEADERS = (
    "姓名",
    "工作单位",
    "所在党组织",
    "报到日期",
    "包联网格",
    "应急队员",
    "服务次数",
    "服务时长（小时）",
    "按类别",
    "认领微心愿",
    "完成微心愿",
)


def export_feedback_xlsx(documents: list[FeedbackDocument], out: Path) -> Path:
    """The year's forms as one workbook, a member a row."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    year = documents[0].year if documents else ""
    sheet.title = "反馈汇总"
    append_row(sheet, [f"{year}年度在职党员到社区报到服务情况汇总"])
    append_row(sheet, list(_HEADERS))
    for d in documents:
        append_row(
            sheet,
            [
                d.name,
                d.employer,
                d.branch,
                d.report_date,
                d.grid,
                "是" if d.emergency_team else "否",
                d.activities,
                float(d.hours),
                "；".join(d.by_kind),
                d.wishes_claimed,
                d.wishes_fulfilled,
            ],
        )
    set_column_widths(sheet, (12, 24, 24, 16, 16, 10, 10, 16, 40, 12, 12))
    book.properties.title = "在职党员报到服务情况汇总"
    save_workbook(book, out)
    return out
