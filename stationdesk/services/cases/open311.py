"""Cases as Open311 GeoReport v2 service requests, de-identified, for the district's export."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.domain.cases import (
    CaseState,
)
from stationdesk.domain.open311 import CHINA_TZ, Open311Case, to_service_requests
from stationdesk.domain.roles import Permission
from stationdesk.store.models import StationRow
from stationdesk.store.models_cases import Case, CaseEvent

from ..actor import Actor, require
from ..case_reference import CaseReferenceData, reference_in
from ..station import Station
from .detail import deadline_of, local
from .inputs import deidentify


def _latest_events(session: Session, case_ids: Sequence[str]) -> dict[str, CaseEvent]:
    latest: dict[str, CaseEvent] = {}
    if not case_ids:
        return latest
    for chunk_start in range(0, len(case_ids), 500):
        chunk = case_ids[chunk_start : chunk_start + 500]
        for ev in session.scalars(
            select(CaseEvent).where(CaseEvent.case_id.in_(chunk)).order_by(CaseEvent.seq)
        ):
            latest[ev.case_id] = ev
    return latest


def _open311_cases(
    cases: Iterable[Case],
    ref: CaseReferenceData,
    station_name: str,
    latest: dict[str, CaseEvent],
    now: datetime,
) -> list[Open311Case]:
    out: list[Open311Case] = []
    for case in cases:
        deadline = deadline_of(ref.calendar, case, now)  # a running pause moves it on
        dept = ref.departments.get(case.department) if case.department else None
        last = latest.get(case.id)
        address = case.address or (f"网格 {case.grid}" if case.grid else None)
        out.append(
            Open311Case(
                case_id=case.number,
                state=CaseState(case.state),
                service_code=case.type_code,
                service_name=ref.matter_types.name_of(case.type_code),
                requested_at=local(case.received_at),
                updated_at=local(last.at if last else case.updated_at),
                description=deidentify(case.summary),
                agency_responsible=dept.name_zh if dept else station_name,
                expected_at=deadline.due if deadline else case.due_date,
                address=deidentify(address) if address else None,
                note=deidentify(last.note) if last and last.note else None,
                service_notice=f"承诺时限 {case.time_limit_days} 个工作日",
            )
        )
    return out


def export_open311(
    station: Station, actor: Actor, since: date | None = None
) -> list[dict[str, str | float | None]]:
    """Every case (or those updated on or after ``since``) as GeoReport v2 service requests.

    Descriptions, addresses and notes are de-identified; the reporter is never exported.
    """
    require(actor, Permission.HANDLE_MATTERS)
    with station.db.read_session() as s:
        ref = reference_in(s)
        station_name = s.scalars(select(StationRow.name)).one()
        query = select(Case).order_by(Case.seq)
        if since is not None:
            start = datetime.combine(since, datetime.min.time(), tzinfo=CHINA_TZ)
            query = query.where(Case.updated_at >= start)
        cases = list(s.scalars(query))
        latest = _latest_events(s, [c.id for c in cases])
        return to_service_requests(_open311_cases(cases, ref, station_name, latest, station.now()))
