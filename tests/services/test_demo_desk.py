"""The demo station's sample desk work, on a real station file: cases in every state,
certificates (one voided and reissued), refusals and visits; a second start adds nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from stationdesk.domain.cases import CaseState
from stationdesk.services import auth, certificate_ledger, residents, setup
from stationdesk.services.actor import Actor
from stationdesk.services.cases import CaseView, list_cases, show_case
from stationdesk.services.demo_desk import NEWCOMER, add_sample_work
from stationdesk.services.station import Station
from stationdesk.store.models import OutboxEntry

RESIDENTS = 300


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Station]:
    station = setup.open_or_create_demo(tmp_path / "demo", residents=RESIDENTS)
    yield station
    station.close()


def _worker(station: Station) -> Actor:
    user, _name, _role, password = setup.DEMO_WORKERS[0]
    return auth.login(station, user, password)


def test_demo_desk_has_cases_in_every_state_a_desk_sees(demo: Station) -> None:
    w = _worker(demo)
    found = list_cases(demo, w, CaseView.ALL)
    states = {c.state for c in found}
    assert {
        CaseState.REGISTERED,
        CaseState.HANDLING,
        CaseState.REFERRED,
        CaseState.DEPT_ACKNOWLEDGED,
        CaseState.DEPT_REPLIED,
        CaseState.RETURNED,
        CaseState.PENDING_MATERIALS,
        CaseState.NOT_ACCEPTED,
        CaseState.RESOLVED,
        CaseState.REOPENED,
        CaseState.CLOSED,
    } <= states
    assert list_cases(demo, w, CaseView.OVERDUE)  # some are past their time limit
    assert list_cases(demo, w, CaseView.AWAITING_DEPARTMENT)
    assert list_cases(demo, w, CaseView.TO_FOLLOW_UP)
    closed = [c for c in found if c.state is CaseState.CLOSED]
    assert closed and all(show_case(demo, w, c.id).rating for c in closed)
    # each case is the resident's: its grid and address come from the record
    assert all(c.grid for c in found)


def test_demo_ledger_holds_issued_voided_reissued_and_refused(demo: Station) -> None:
    ledger = certificate_ledger.ledger(demo, _worker(demo))
    assert ledger.counts.issued == 4 and ledger.counts.void == 1 and ledger.counts.refused == 2
    reissued = [e for e in ledger.entries if e.reissue_of]
    voided = [e for e in ledger.entries if e.replaced_by]
    assert len(reissued) == 1 and len(voided) == 1
    assert voided[0].display_number == reissued[0].reissue_of


def test_demo_visits_and_the_newcomer_found_first_by_initials(demo: Station) -> None:
    w = _worker(demo)
    found = residents.find_residents(demo, w, "zm")
    assert found[0].name == NEWCOMER  # registered and seen at the desk today
    card = residents.get_resident(demo, w, found[0].id)
    assert [v.purpose for v in card.visits] == ["新迁入登记"]


def test_a_second_start_adds_nothing(demo: Station, tmp_path: Path) -> None:
    with demo.db.read_session() as s:
        before = s.scalar(select(func.count()).select_from(OutboxEntry))
    data_dir = demo.paths.root
    demo.close()  # the desk closed; the demo started again
    again = setup.open_or_create_demo(data_dir, residents=RESIDENTS)
    try:
        w = _worker(again)
        head_user, _n, _r, head_pw = setup.DEMO_WORKERS[1]
        head = auth.login(again, head_user, head_pw)
        report = add_sample_work(again, w, head)
        assert (report.cases, report.certificates, report.refusals, report.visits) == (0, 0, 0, 0)
        with again.db.read_session() as s:
            assert s.scalar(select(func.count()).select_from(OutboxEntry)) == before
        assert len(list_cases(again, w, CaseView.ALL)) == 12
    finally:
        again.close()
