"""The certificate flows driven like a user: issue with a live preview of the real PDF, print or
save, refuse, void (heads only), the ledger page; user actions are counted."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog

from stationdesk.services import certificates as certs
from tests.conftest import HEAD_PASSWORD, WORKER_PASSWORD, StationFixture
from tests.helpers.certificates import RESIDENCE_CHECKS, fill_residence_form, register
from tests.helpers.desk import log_in, type_text
from tests.helpers.ids import idn
from tests.helpers.poppler import needs_poppler

ID_NUMBER = idn(2, birth="19850617", region="320102")  # the resident register() adds


def login(qtbot, make_desk, station: StationFixture, user="wangfang", password=WORKER_PASSWORD):
    desk = make_desk(station.station.paths.root)
    desk.report_error = lambda exc: pytest.fail(f"the desk reported {exc!r}")
    return desk, log_in(qtbot, desk, user, password)


def pdftotext(data: bytes, tmp_path: Path) -> str:
    f = tmp_path / "probe.pdf"
    f.write_bytes(data)
    out = subprocess.run(["pdftotext", str(f), "-"], capture_output=True, text=True, check=True)
    return "".join(out.stdout.split())


class Counter:
    """Counts what the user does: a click, a choice, or typing into one field."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.n = 0

    def click(self, widget) -> None:
        assert widget.isVisible() and widget.isEnabled(), widget.objectName()
        self.n += 1
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)

    def type(self, widget, text: str) -> None:
        self.n += 1
        type_text(self.qtbot, widget, text)


def find_resident(qtbot, win, count: Counter, name: str):
    page = win.page_widgets["residents"]
    count.type(win.search, name)
    win._search_edited(win.search.text())
    actions = page.certificate_actions
    qtbot.waitUntil(lambda: actions.issue_button.isEnabled(), timeout=10_000)
    return page, actions


def wait_preview(qtbot, dialog) -> None:
    qtbot.waitUntil(
        lambda: (
            dialog.preview.pdf is not None
            and dialog.preview.document.status() == QPdfDocument.Status.Ready
        ),
        timeout=10_000,
    )


def assert_shows_a_real_page(pane) -> None:
    doc = pane.document
    assert doc.pageCount() == 1
    size = doc.pagePointSize(0)
    assert round(size.width()) == 595 and round(size.height()) == 842  # A4
    image = doc.render(0, QSize(298, 421))
    dark = sum(
        1
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
        if image.pixelColor(x, y).lightness() < 100
    )
    assert dark > 200, "the preview page is blank"
    assert pane.view.isVisible() and pane.view.document() is doc


@needs_poppler
def test_a_returning_resident_gets_a_saved_certificate_in_at_most_8_actions(
    qtbot, make_desk, station, tmp_path
):
    rid, _ = register(station)
    station.clock.advance(days=-120)
    certs.issue_certificate(
        station.station,
        station.worker,
        certs.IssueRequest(
            "RESIDENCE",
            rid,
            "申领居住证",
            {"since_date": "2019-05-01", "housing": "租赁住房"},
            RESIDENCE_CHECKS,
        ),
    )
    station.clock.advance(days=120)
    _desk, win = login(qtbot, make_desk, station)
    count = Counter(qtbot)
    _page, actions = find_resident(qtbot, win, count, "林小梅")
    count.click(actions.issue_button)
    qtbot.waitUntil(lambda: actions.chooser is not None and actions.chooser.isVisible())
    count.click(actions.chooser.buttons["RESIDENCE"])
    qtbot.waitUntil(
        lambda: actions.dialog is not None and actions.dialog.isVisible(), timeout=10_000
    )
    dialog = actions.dialog
    assert dialog.field_widget("since_date").text() == "2019-05-01"
    assert dialog.purpose.text() == "申领居住证"
    assert "*" in dialog.field_widget("id_number").text()  # masked on screen
    wait_preview(qtbot, dialog)
    assert_shows_a_real_page(dialog.preview)
    draft = pdftotext(dialog.preview.pdf, tmp_path)
    assert "出具时编号" in draft and "林小梅" in draft and "此证明仅用于申领居住证" in draft
    assert not dialog.issue_save.isEnabled()  # the checklist is not ticked yet
    count.click(dialog.all_checked)
    out = tmp_path / "saved.pdf"

    def save_dialog(_suggested: str) -> str:
        count.n += 1  # the user confirms the file dialog
        return str(out)

    dialog.output.ask_save_path = save_dialog
    count.click(dialog.issue_save)
    qtbot.waitUntil(lambda: out.exists() and dialog.outcome is not None, timeout=10_000)
    assert count.n <= 8, count.n
    assert count.n == 6
    text = pdftotext(out.read_bytes(), tmp_path)
    issued = dialog.outcome
    assert issued.display_number in text and ID_NUMBER in text and "林小梅" in text
    assert "出具时编号" not in text
    assert dialog.preview.pdf == out.read_bytes() == issued.pdf  # the preview now shows it
    assert certs.verify(station.station, station.worker, out).verdict is certs.Verdict.VALID


def test_a_first_certificate_with_print_dialog(qtbot, make_desk, station, tmp_path):
    register(station)
    _desk, win = login(qtbot, make_desk, station)
    count = Counter(qtbot)
    _page, actions = find_resident(qtbot, win, count, "林小梅")
    count.click(actions.issue_button)
    qtbot.waitUntil(lambda: actions.chooser is not None and actions.chooser.isVisible())
    count.click(actions.chooser.buttons["RESIDENCE"])
    qtbot.waitUntil(
        lambda: actions.dialog is not None and actions.dialog.isVisible(), timeout=10_000
    )
    dialog = actions.dialog
    assert dialog.preview.pdf is None  # incomplete form: no preview yet
    assert "起始居住日期" in dialog.message.text()
    count.type(dialog.field_widget("since_date"), "2019-05-01")
    rented = [
        b for b in dialog.field_widget("housing").buttons() if b.property("value") == "租赁住房"
    ]
    count.click(rented[0])
    count.click(dialog.purpose_buttons[0])
    wait_preview(qtbot, dialog)
    assert_shows_a_real_page(dialog.preview)
    count.click(dialog.all_checked)
    count.click(dialog.issue_print)
    qtbot.waitUntil(lambda: dialog.output.print_dialog is not None, timeout=10_000)
    print_dialog = dialog.output.print_dialog
    qtbot.waitUntil(print_dialog.isVisible)
    printed = tmp_path / "printed.pdf"
    print_dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    print_dialog.printer().setOutputFileName(str(printed))
    count.n += 1  # the user presses Print (keeping the settings we gave the printer)
    pages: list[int] = []
    dialog.output.printed.connect(pages.append)
    QDialog.done(print_dialog, QDialog.DialogCode.Accepted.value)
    qtbot.waitUntil(lambda: pages == [1], timeout=30_000)
    assert printed.read_bytes().startswith(b"%PDF")
    assert count.n == 9  # two fields the resident record cannot know, and the purpose
    assert dialog.outcome.number == "SY0101-000001"


def test_an_unticked_check_offers_the_refusal_path(qtbot, make_desk, station, tmp_path):
    register(station)
    _desk, win = login(qtbot, make_desk, station)
    count = Counter(qtbot)
    _page, actions = find_resident(qtbot, win, count, "林小梅")
    count.click(actions.issue_button)
    qtbot.waitUntil(lambda: actions.chooser is not None and actions.chooser.isVisible())
    count.click(actions.chooser.buttons["RESIDENCE"])
    qtbot.waitUntil(
        lambda: actions.dialog is not None and actions.dialog.isVisible(), timeout=10_000
    )
    dialog = actions.dialog
    fill_residence_form(qtbot, dialog)
    for key in RESIDENCE_CHECKS[:-2]:
        dialog.checks[key].click()
    assert not dialog.issue_print.isEnabled() and "2" in dialog.message.text()
    dialog.refuse_button.click()
    qtbot.waitUntil(
        lambda: actions.refusal is not None and actions.refusal.isVisible(), timeout=10_000
    )
    refusal = actions.refusal
    assert refusal.reason.currentData() == "NOT_ELIGIBLE"
    assert "告知承诺书" in refusal.detail.text()
    out = tmp_path / "notice.pdf"
    refusal.output.ask_save_path = lambda _s: str(out)
    refusal.issue_save.click()
    qtbot.waitUntil(out.exists, timeout=10_000)
    assert ID_NUMBER.encode() not in out.read_bytes()
    assert refusal.outcome.number == "SY0101-R-000001"


def test_off_list_request_gets_a_notice_with_the_competent_body_prefilled(
    qtbot, make_desk, station, tmp_path
):
    register(station)
    _desk, win = login(qtbot, make_desk, station)
    count = Counter(qtbot)
    _page, actions = find_resident(qtbot, win, count, "林小梅")
    qtbot.mouseClick(actions.refuse_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: actions.refusal is not None and actions.refusal.isVisible(), timeout=10_000
    )
    refusal = actions.refusal
    assert not refusal.issue_print.isEnabled()
    type_text(qtbot, refusal.requested, "无犯罪记录证明")
    assert "公安" in refusal.body.toPlainText()
    assert refusal.reason.currentData() == "OTHER_BODY_DUTY"
    assert refusal.issue_print.isEnabled()
    refusal.body.setPlainText("户籍所在地派出所")  # the worker may change it
    out = tmp_path / "n.pdf"
    refusal.output.ask_save_path = lambda _s: str(out)
    refusal.issue_save.click()
    qtbot.waitUntil(out.exists, timeout=10_000)
    assert refusal.outcome.competent_body == "户籍所在地派出所"
    assert refusal.preview.pdf == out.read_bytes()


def test_ledger_page_filters_exports_and_only_a_head_voids(qtbot, make_desk, station, tmp_path):
    rid, _ = register(station)
    request = certs.IssueRequest(
        "RESIDENCE",
        rid,
        "子女入学",
        {"since_date": "2019-05-01", "housing": "租赁住房"},
        RESIDENCE_CHECKS,
    )
    first = certs.issue_certificate(station.station, station.worker, request)
    certs.refuse_certificate(
        station.station, station.worker, certs.RefusalRequest(rid, "婚姻状况证明")
    )
    _desk, win = login(qtbot, make_desk, station)
    page = win.page_widgets["certificates"]
    win.show_page("certificates")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    assert not page.void_button.isVisible()  # a worker cannot void
    shown = [page.model.index(r, 4).data() for r in range(2)]
    assert ID_NUMBER not in shown and all("*" in s for s in shown)
    page.type_filter.setCurrentIndex(page.type_filter.findData("REFUSAL"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    assert page.model.row_at(0).status == "refused"
    xlsx = tmp_path / "l.xlsx"
    page.ask_export_path = lambda fmt: str(tmp_path / f"l.{fmt}")
    page.export_xlsx.click()
    page.export_pdf.click()
    qtbot.waitUntil(lambda: xlsx.exists() and (tmp_path / "l.pdf").exists(), timeout=10_000)
    win.logout_requested.emit()
    qtbot.waitUntil(lambda: _desk.login_window is not None, timeout=10_000)

    _desk2, win2 = login(qtbot, make_desk, station, "lihead", HEAD_PASSWORD)
    page2 = win2.page_widgets["certificates"]
    win2.show_page("certificates")
    qtbot.waitUntil(lambda: page2.model.rowCount() == 2, timeout=10_000)
    row = next(r for r in range(2) if page2.model.row_at(r).number == first.number)
    page2.table.selectRow(row)
    assert page2.void_button.isVisible() and page2.void_button.isEnabled()
    page2.void_button.click()
    dialog = page2.void_dialog
    assert not dialog.ok.isEnabled()
    type_text(qtbot, dialog.reason, "地址有误")
    dialog.ok.click()
    qtbot.waitUntil(
        lambda: any(page2.model.row_at(r).status == "void" for r in range(page2.model.rowCount())),
        timeout=10_000,
    )
    assert certs.verify(station.station, station.head, first.pdf).verdict is certs.Verdict.VOID
    row = next(r for r in range(2) if page2.model.row_at(r).number == first.number)
    page2.table.selectRow(row)
    assert page2.reissue_button.isEnabled() and not page2.reprint_button.isEnabled()
    verify = page2.open_verify()
    type_text(qtbot, verify.subject, first.display_number)
    qtbot.keyClick(verify.subject, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: verify.answer.property("verdict") == "void", timeout=10_000)


def test_a_head_voids_and_reissues_from_the_ledger(qtbot, make_desk, station, tmp_path):
    rid, _ = register(station)
    request = certs.IssueRequest(
        "RESIDENCE",
        rid,
        "子女入学",
        {"since_date": "2019-05-01", "housing": "租赁住房"},
        RESIDENCE_CHECKS,
    )
    first = certs.issue_certificate(station.station, station.worker, request)
    certs.void_certificate(station.station, station.head, first.number, "住房性质有误")
    _desk, win = login(qtbot, make_desk, station, "lihead", HEAD_PASSWORD)
    page = win.page_widgets["certificates"]
    win.show_page("certificates")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    page.table.selectRow(0)
    assert page.reissue_button.isEnabled()
    page.reissue_button.click()
    qtbot.waitUntil(lambda: getattr(page, "issue_dialog", None) is not None, timeout=10_000)
    dialog = page.issue_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.form.reissue_of == first.number
    assert dialog.field_widget("since_date").text() == "2019-05-01"
    owned = [
        b for b in dialog.field_widget("housing").buttons() if b.property("value") == "自有住房"
    ]
    owned[0].click()
    dialog.all_checked.click()
    out = tmp_path / "re.pdf"
    dialog.output.ask_save_path = lambda _s: str(out)
    dialog.issue_save.click()
    qtbot.waitUntil(out.exists, timeout=10_000)
    assert dialog.outcome.reissue_of == first.number
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    old = next(page.model.row_at(r) for r in range(2) if page.model.row_at(r).status == "void")
    assert old.replaced_by == dialog.outcome.display_number
    page.table.selectRow([page.model.row_at(r).status for r in range(2)].index("void"))
    assert not page.reissue_button.isEnabled()  # only once


def test_a_person_without_volunteer_records_is_told_why_not_to_type(qtbot, make_desk, station):
    register(station)
    _desk, win = login(qtbot, make_desk, station)
    count = Counter(qtbot)
    _page, actions = find_resident(qtbot, win, count, "林小梅")
    count.click(actions.issue_button)
    qtbot.waitUntil(lambda: actions.chooser is not None and actions.chooser.isVisible())
    count.click(actions.chooser.buttons["VOLUNTEER"])
    qtbot.waitUntil(
        lambda: actions.dialog is not None and actions.dialog.isVisible(), timeout=10_000
    )
    dialog = actions.dialog
    qtbot.waitUntil(lambda: "没有已审核的志愿服务记录" in dialog.message.text(), timeout=10_000)
    assert "请填写累计服务时长" not in dialog.message.text()  # nothing to type there
    assert not dialog.issue_print.isEnabled() and not dialog.issue_save.isEnabled()
