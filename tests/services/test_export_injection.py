"""Every Excel export writes hostile free text as inert, quoted text, never as a live formula."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from stationdesk.domain.roles import Role
from stationdesk.printing.report import ReportGroup
from stationdesk.services import auth, cases, reports, workers
from stationdesk.services import certificates as certs
from stationdesk.services.actor import Actor
from stationdesk.services.certificate_ledger import LedgerFilter, export_ledger_xlsx
from stationdesk.store.models import StationRow
from tests.conftest import StationFixture
from tests.helpers.cases import MARCH, local_at, new_case
from tests.helpers.certificates import register, residence
from tests.helpers.xlsx import (
    ERROR_LOOKALIKE,
    HOSTILE_AT,
    HOSTILE_DDE,
    HOSTILE_LINK,
    HOSTILE_MINUS,
    HOSTILE_PLUS,
    assert_no_formula,
    assert_shown_inert,
    texts,
)

HOSTILE_STATION = '=HYPERLINK("http://evil.example/","站")'
PASSWORD = "hostile-pass-1"


def hostile_head(st: StationFixture) -> Actor:
    """A station head whose display name is a formula."""
    workers.add_worker(st.station, st.admin, "evil", Role.HEAD, PASSWORD, HOSTILE_LINK)
    return auth.login(st.station, "evil", PASSWORD)


def rename_station(st: StationFixture, name: str) -> None:
    with st.station.db.write_session() as s:
        s.scalars(select(StationRow)).one().name = name


def test_the_ledger_workbook_quotes_every_hostile_text(
    station: StationFixture, tmp_path: Path
) -> None:
    st = station
    evil = hostile_head(st)
    rid, _number = register(st)
    issued = certs.issue_certificate(st.station, evil, residence(rid, purpose=HOSTILE_DDE))
    certs.void_certificate(st.station, evil, issued.number, HOSTILE_PLUS)
    certs.refuse_certificate(
        st.station,
        evil,
        certs.RefusalRequest(
            rid,
            HOSTILE_AT,
            "OTHER",
            purpose=HOSTILE_MINUS,
            competent_body=ERROR_LOOKALIKE,
            legal_basis="《证明事项清单》",
        ),
    )
    certs.issue_certificate(st.station, st.worker, residence(rid, purpose=ERROR_LOOKALIKE))
    rename_station(st, HOSTILE_STATION)

    out = export_ledger_xlsx(st.station, st.worker, LedgerFilter(), tmp_path / "ledger.xlsx")
    cells = assert_shown_inert(
        out, HOSTILE_DDE, HOSTILE_LINK, HOSTILE_PLUS, HOSTILE_AT, HOSTILE_MINUS, HOSTILE_STATION
    )
    assert ERROR_LOOKALIKE in cells  # a plain text, typed as a string
    # the filter line names the hostile worker too
    by_evil = export_ledger_xlsx(
        st.station, st.worker, LedgerFilter(worker_id=evil.worker_id), tmp_path / "evil.xlsx"
    )
    assert_no_formula(by_evil)
    assert any(HOSTILE_LINK in c for c in texts(by_evil))


def test_control_characters_do_not_break_the_ledger_export(
    station: StationFixture, tmp_path: Path
) -> None:
    rid, _number = register(station)
    purpose = "\x1b[31m子女入学\x07"
    certs.issue_certificate(station.station, station.worker, residence(rid, purpose=purpose))
    out = export_ledger_xlsx(
        station.station, station.worker, LedgerFilter(), tmp_path / "ledger.xlsx"
    )
    assert_no_formula(out)
    assert "\\x1b[31m子女入学\\x07" in texts(out)


def test_the_case_report_workbook_quotes_every_hostile_text(
    station: StationFixture, tmp_path: Path
) -> None:
    st = station
    evil = hostile_head(st)
    st.clock.now = local_at(2026, 3, 5)
    cases.open_case(st.station, evil, new_case(summary=HOSTILE_DDE, grid=HOSTILE_AT))
    cases.open_case(st.station, st.worker, new_case(summary=HOSTILE_MINUS, grid=ERROR_LOOKALIKE))
    cases.open_case(st.station, st.worker, new_case(summary=ERROR_LOOKALIKE, grid=HOSTILE_PLUS))
    rename_station(st, HOSTILE_STATION)
    st.clock.now = local_at(2026, 4, 1)

    files = reports.export_report(st.station, st.worker, *MARCH, out_dir=tmp_path)
    cells = assert_shown_inert(
        files.xlsx, HOSTILE_DDE, HOSTILE_LINK, HOSTILE_AT, HOSTILE_MINUS, HOSTILE_PLUS
    )
    assert ERROR_LOOKALIKE in cells
    # the station name only ever follows other text in this workbook, but is still there
    assert any(HOSTILE_STATION in c for c in cells)
    # real numbers and dates keep their types
    book = load_workbook(files.xlsx)
    first = next(book["超期事项"].iter_rows(min_row=5, max_row=5, values_only=True))
    assert isinstance(first[5], datetime) and isinstance(first[7], int)
    assert isinstance(book["总体指标"]["C5"].value, int)


@pytest.mark.parametrize("name", [HOSTILE_DDE, "\x1b]0;title\x07"])
def test_the_case_report_writes_control_and_formula_texts_from_the_document(
    tmp_path: Path, name: str, station: StationFixture
) -> None:
    """The workbook writer itself, on a document whose every label is hostile."""
    st = station
    st.clock.now = local_at(2026, 3, 5)
    cases.open_case(st.station, st.worker, new_case(grid="G1"))
    st.clock.now = local_at(2026, 4, 1)
    report = reports.case_metrics(st.station, st.worker, *MARCH)
    doc = reports.report_document(report)
    hostile = replace(
        doc,
        title=name,
        station_name=name,
        rule_text=name,
        by_grid=tuple(ReportGroup(name, g.metrics) for g in doc.by_grid),
        overdue=tuple(replace(r, number=name, type_name=name, owner=name) for r in doc.overdue),
    )
    out = tmp_path / "r.xlsx"
    reports.write_report_excel(hostile, out)
    assert_no_formula(out)
    cells = texts(out)
    assert not any(c.startswith("=") for c in cells)
    assert not any(ch in c for c in cells for ch in "\x1b\x07")
