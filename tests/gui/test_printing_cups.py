"""Printing on a real CUPS queue (cups-pdf) set as the default printer: 出具并打印 prints at once
with no dialog, the copies come from the data, reprints are audited, a missing printer is said."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from stationdesk.services import certificates as certs
from stationdesk.store.models import AuditRecord
from stationdesk.ui.printers import PRINTER_KEY
from tests.conftest import WORKER_PASSWORD, StationFixture
from tests.helpers.certificates import RESIDENCE_CHECKS, fill_residence_form, register
from tests.helpers.cups import CupsPdfQueue, cups_pdf_queue, pdf_text
from tests.helpers.desk import log_in, type_text


@pytest.fixture
def queue(tmp_path: Path) -> CupsPdfQueue:
    return cups_pdf_queue(tmp_path / "landed")


def open_issue(qtbot, make_desk, station: StationFixture, printer: str):
    desk = make_desk(station.station.paths.root)
    QSettings().setValue(PRINTER_KEY, printer)  # once the application has its name
    desk.report_error = lambda exc: pytest.fail(f"the desk reported {exc!r}")
    win = log_in(qtbot, desk, "wangfang", WORKER_PASSWORD)
    page = win.page_widgets["residents"]
    type_text(qtbot, win.search, "林小梅")
    win._search_edited(win.search.text())
    actions = page.certificate_actions
    qtbot.waitUntil(lambda: actions.issue_button.isEnabled(), timeout=10_000)
    return actions


def fill_residence(qtbot, actions):
    actions.issue_button.click()
    qtbot.waitUntil(lambda: actions.chooser is not None and actions.chooser.isVisible())
    actions.chooser.buttons["RESIDENCE"].click()
    qtbot.waitUntil(
        lambda: actions.dialog is not None and actions.dialog.isVisible(), timeout=10_000
    )
    dialog = actions.dialog
    fill_residence_form(qtbot, dialog)
    for key in RESIDENCE_CHECKS:
        dialog.checks[key].click()
    assert dialog.issue_print.isEnabled(), dialog.message.text()
    return dialog


def reprints(station: StationFixture) -> list[str]:
    with station.station.db.read_session() as s:
        rows = s.scalars(select(AuditRecord).where(AuditRecord.action == "document.reprint"))
        return [r.entity_id for r in rows]


def test_issue_and_print_lands_on_the_default_queue_with_no_dialog(
    qtbot, make_desk, station, queue
):
    _rid, id_number = register(station)
    assert queue.name in QPrinterInfo.availablePrinterNames()  # Qt in this process sees it
    actions = open_issue(qtbot, make_desk, station, queue.name)
    dialog = fill_residence(qtbot, actions)
    assert "Ctrl+P" in dialog.issue_print.text()
    sent: list[int] = []
    dialog.output.printed.connect(sent.append)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=10_000)
    qtbot.waitUntil(lambda: sent == [1] or dialog.message.text() != "", timeout=60_000)
    assert sent == [1], dialog.message.text()
    assert dialog.output.print_dialog is None  # printed at once
    (landed,) = queue.wait_for(1)
    text = pdf_text(landed)
    issued = dialog.outcome
    assert issued.display_number in text and id_number in text
    assert "1" in dialog.status.text()
    assert reprints(station) == []

    sent.clear()
    qtbot.mouseClick(dialog.print_again, Qt.MouseButton.LeftButton)  # a reprint
    qtbot.waitUntil(lambda: sent == [1], timeout=60_000)
    files = queue.wait_for(2)
    assert len(files) == 2 and issued.display_number in pdf_text(files[-1])
    assert reprints(station) == [issued.number]


def test_a_refusal_notice_prints_two_copies(qtbot, make_desk, station, queue):
    register(station)
    actions = open_issue(qtbot, make_desk, station, queue.name)
    actions.refuse_button.click()
    qtbot.waitUntil(
        lambda: actions.refusal is not None and actions.refusal.isVisible(), timeout=10_000
    )
    refusal = actions.refusal
    type_text(qtbot, refusal.requested, "无犯罪记录证明")
    sent: list[int] = []
    refusal.output.printed.connect(sent.append)
    qtbot.mouseClick(refusal.issue_print, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sent == [2], timeout=60_000)
    assert refusal.output.print_dialog is None
    files = queue.wait_for(2)
    assert len(files) == 2, files
    number = refusal.outcome.display_number
    assert all(number in pdf_text(f) for f in files)


def test_shift_or_a_missing_default_printer_opens_the_dialog(qtbot, make_desk, station, queue):
    register(station)
    actions = open_issue(qtbot, make_desk, station, queue.name)
    dialog = fill_residence(qtbot, actions)
    QSettings().setValue(PRINTER_KEY, "stationdesk-unplugged")
    qtbot.mouseClick(dialog.issue_print, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.output.print_dialog is not None, timeout=30_000)
    assert "stationdesk-unplugged" in dialog.message.text()
    assert "未连接" in dialog.message.text()
    dialog.output.print_dialog.reject()
    assert queue.landed() == []

    QSettings().setValue(PRINTER_KEY, queue.name)
    dialog.output.print_dialog = None
    qtbot.mouseClick(
        dialog.print_again, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: dialog.output.print_dialog is not None, timeout=30_000)
    shown = dialog.output.print_dialog
    qtbot.waitUntil(shown.isVisible)
    assert shown.printer().printerName() == queue.name  # the default printer preselected
    shown.reject()
    dialog.output.print_dialog = None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(dialog, Qt.Key.Key_P, keys)  # Ctrl+Shift+P: the dialog too
    qtbot.waitUntil(lambda: dialog.output.print_dialog is not None, timeout=30_000)
    assert queue.landed() == []
    chosen = dialog.output.print_dialog
    qtbot.waitUntil(chosen.isVisible)
    QDialog.done(chosen, QDialog.DialogCode.Accepted.value)  # the user presses Print
    (landed,) = queue.wait_for(1)
    assert dialog.outcome.display_number in pdf_text(landed)


def test_a_reprint_from_the_ledger_prints_the_notice_twice_and_is_audited(
    qtbot, make_desk, station, queue
):
    rid, _number = register(station)
    notice = certs.refuse_certificate(
        station.station, station.worker, certs.RefusalRequest(rid, "婚姻状况证明")
    )
    desk = make_desk(station.station.paths.root)
    QSettings().setValue(PRINTER_KEY, queue.name)
    desk.report_error = lambda exc: pytest.fail(f"the desk reported {exc!r}")
    win = log_in(qtbot, desk, "wangfang", WORKER_PASSWORD)
    page = win.page_widgets["certificates"]
    win.show_page("certificates")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    page.table.selectRow(0)
    assert page.reprint_button.isEnabled()
    sent: list[int] = []
    page.output.printed.connect(sent.append)
    qtbot.mouseClick(page.reprint_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sent == [2], timeout=60_000)
    files = queue.wait_for(2)
    assert len(files) == 2 and all(notice.display_number in pdf_text(f) for f in files)
    assert page.output.print_dialog is None
    assert reprints(station) == [notice.number]
