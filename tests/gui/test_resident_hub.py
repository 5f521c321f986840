"""The resident card as the hub, driven by keys only: F2 edit, F3 visit, F4/F6 certificate and
refusal, F7 a linked matter, F8 the household, Enter on the card's lists; and the admin's
search box answering with a note instead of an error box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from stationdesk.services import cases, residents
from stationdesk.services import certificates as certs
from stationdesk.store.models import AuditRecord
from tests.conftest import ADMIN_PASSWORD, HEAD_PASSWORD, WORKER_PASSWORD, StationFixture
from tests.helpers.cases import new_case
from tests.helpers.certificates import residence
from tests.helpers.desk import log_in, type_text
from tests.helpers.ids import idn


def card_of(qtbot, make_desk, station: StationFixture, user: str = "wangfang", **kw: object):
    """The desk logged in as ``user`` with 王大's card open; the page and 王大's card."""
    residents.add_grid(station.station, station.worker, "G01", "第一网格")
    residents.add_building(station.station, station.worker, "3栋", "G01")
    made = residents.register_resident(
        station.station,
        station.worker,
        residents.ResidentInput(
            name="王大",
            id_number=idn(301),
            phones=("13800001234",),
            building="3栋",
            unit="1",
            room="101",
            **kw,  # type: ignore[arg-type]
        ),
    )
    password = {"wangfang": WORKER_PASSWORD, "lihead": HEAD_PASSWORD}[user]
    desk = make_desk(station.station.paths.root)
    win = log_in(qtbot, desk, user, password)
    page = win.page_widgets["residents"]
    win.show_page("residents")
    page.open_resident(made.row.id)
    qtbot.waitUntil(lambda: page.card.card is not None, timeout=10_000)
    win.activateWindow()
    page.card.setFocus()
    return desk, win, page, made


def opened(qtbot, owner, attribute: str):
    """The dialog a button's key opened (a button's shortcut clicks it after a short press)."""
    qtbot.waitUntil(
        lambda: (
            getattr(owner, attribute, None) is not None and getattr(owner, attribute).isVisible()
        ),
        timeout=5_000,
    )
    return getattr(owner, attribute)


def press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, key, modifier)


def test_the_buttons_show_their_keys(qtbot, make_desk, station):
    _desk, _win, page, _made = card_of(qtbot, make_desk, station)
    hub = page.hub
    labels = [
        b.text()
        for b in (
            hub.edit_button,
            page.card.visit_button,
            page.certificate_actions.issue_button,
            page.certificate_actions.refuse_button,
            hub.case_button,
            hub.household_button,
        )
    ]
    assert labels == [
        "编辑（F2）",
        "来访登记（F3）",
        "开具证明（F4）",
        "不予出具（F6）",
        "登记事项（F7）",
        "家庭（F8）",
    ]


def test_f2_edits_the_phone_and_the_card_shows_the_change(qtbot, make_desk, station):
    _desk, _win, page, made = card_of(qtbot, make_desk, station)
    press(qtbot, page.card, Qt.Key.Key_F2)
    dialog = opened(qtbot, page.hub, "dialog")
    assert not dialog.name.isEnabled() and not dialog.id_number.isEnabled()  # a worker
    qtbot.waitUntil(dialog.phone.hasFocus, timeout=5_000)  # where a worker starts
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.phone, "1390000")
    assert "手机" in dialog.message.text() and not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.phone, "5678")
    press(qtbot, dialog.phone, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: page.card.phone_value.text() == "139****5678", timeout=10_000)
    assert "手机号码：***" in page.card.changes.item(0).text()
    with station.station.db.read_session() as s:
        rec = s.scalars(select(AuditRecord).where(AuditRecord.action == "resident.update")).one()
    assert rec.entity_id == made.row.id and rec.actor == "wangfang"


def test_an_open_card_follows_a_change_made_elsewhere(qtbot, make_desk, station):
    """A sync (or another window) changes the resident on the open card: the card follows."""
    desk, _win, page, made = card_of(qtbot, make_desk, station)
    assert page.card.phone_value.text() == "138****1234"
    residents.edit_resident(
        station.station, station.worker, made.row.id, {"phones": ["13900005678"]}
    )
    desk.runner.changed.emit()  # what a landed sync announces
    qtbot.waitUntil(lambda: page.card.phone_value.text() == "139****5678", timeout=10_000)


def test_a_head_renames_by_keys(qtbot, make_desk, station):
    _desk, _win, page, _made = card_of(qtbot, make_desk, station, user="lihead")
    press(qtbot, page.card, Qt.Key.Key_F2)
    dialog = opened(qtbot, page.hub, "dialog")
    qtbot.waitUntil(dialog.name.hasFocus, timeout=5_000)
    dialog.name.selectAll()
    press(qtbot, dialog.name, Qt.Key.Key_Backspace)
    type_text(qtbot, dialog.name, "王达")
    press(qtbot, dialog.name, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.card.title.text() == "王达", timeout=10_000)


def test_f3_records_a_visit_with_a_preset_purpose(qtbot, make_desk, station):
    _desk, _win, page, _made = card_of(qtbot, make_desk, station)
    press(qtbot, page.card, Qt.Key.Key_F3)
    dialog = opened(qtbot, page.card, "visit_dialog")
    assert [dialog.purposes.itemText(i) for i in range(dialog.purposes.count())] == [
        "咨询政策",
        "开具证明",
        "反映问题",
        "办理业务",
        "其他",
    ]
    press(qtbot, dialog.purposes, Qt.Key.Key_Down)
    press(qtbot, dialog.purposes, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.card.visits.count() == 1, timeout=10_000)
    assert page.card.visits.item(0).text().endswith("开具证明")


def test_f4_and_f6_open_the_certificate_and_refusal_dialogs(qtbot, make_desk, station):
    _desk, win, page, _made = card_of(qtbot, make_desk, station)
    actions = page.certificate_actions
    press(qtbot, page.card, Qt.Key.Key_F4)
    chooser = opened(qtbot, actions, "chooser")
    press(qtbot, chooser, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not chooser.isVisible(), timeout=5_000)
    win.activateWindow()  # the window system gives it back; offscreen needs asking
    qtbot.waitUntil(win.isActiveWindow, timeout=5_000)
    page.card.setFocus()
    press(qtbot, page.card, Qt.Key.Key_F6)
    refusal = opened(qtbot, actions, "refusal")
    assert refusal.resident_id == page.card.card.row.id


def test_f7_registers_a_linked_matter_and_enter_opens_it_on_the_matters_page(
    qtbot, make_desk, station
):
    _desk, win, page, made = card_of(qtbot, make_desk, station)
    press(qtbot, page.card, Qt.Key.Key_F7)
    dialog = opened(qtbot, page.hub, "dialog")
    assert dialog.reporter_name.text() == "王大" and dialog.grid_code.text() == "第一网格"
    assert dialog.reporter_phone.text() == "138****1234" and dialog.reporter_name.isReadOnly()
    qtbot.keyClicks(dialog.type_filter, "zczx")
    press(qtbot, dialog.type_filter, Qt.Key.Key_Return)
    assert dialog.summary.hasFocus()
    type_text(qtbot, dialog.summary, "咨询高龄津贴")
    press(qtbot, dialog.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.hub.cases.topLevelItemCount() == 1, timeout=10_000)
    [case] = cases.list_cases(station.station, station.worker, cases.CaseView.ALL)
    assert case.grid == "G01" and case.address == "3栋1单元101室"
    detail = cases.show_case(station.station, station.worker, case.id)
    assert detail.resident_id == made.row.id and detail.reporter_name == "王大"

    page.hub.cases.setFocus()
    page.hub.cases.setCurrentItem(page.hub.cases.topLevelItem(0))
    press(qtbot, page.hub.cases, Qt.Key.Key_Return)
    assert win.current_page_key() == "cases"
    cases_page = win.page_widgets["cases"]
    qtbot.waitUntil(
        lambda: cases_page.panel.detail is not None and cases_page.panel.detail.case.id == case.id,
        timeout=10_000,
    )


def test_the_card_lists_documents_and_enter_opens_the_pdf_audited(qtbot, make_desk, station):
    residents.add_building(station.station, station.worker, "5栋")
    made = residents.register_resident(
        station.station,
        station.worker,
        residents.ResidentInput(
            name="林小梅", id_number=idn(302), building="5栋", unit="2", room="501"
        ),
    )
    cert = certs.issue_certificate(station.station, station.worker, residence(made.row.id))
    cases.open_case(station.station, station.worker, new_case(resident_id=made.row.id))
    desk = make_desk(station.station.paths.root)
    win = log_in(qtbot, desk, "wangfang", WORKER_PASSWORD)
    page = win.page_widgets["residents"]
    page.open_resident(made.row.id)
    docs = page.hub.documents
    qtbot.waitUntil(lambda: docs.topLevelItemCount() == 1, timeout=10_000)
    row = [docs.topLevelItem(0).text(c) for c in range(4)]
    assert row == ["居住情况证明", cert.issue_date.isoformat(), "已出具", cert.display_number]
    assert page.hub.cases.topLevelItemCount() == 1
    assert page.hub.cases.topLevelItem(0).text(1) == "已登记"
    docs.setFocus()
    docs.setCurrentItem(docs.topLevelItem(0))
    press(qtbot, docs, Qt.Key.Key_Return)
    assert opened(qtbot, page.hub, "dialog").pane.pdf.startswith(b"%PDF")
    with station.station.db.read_session() as s:
        rec = s.scalars(select(AuditRecord).where(AuditRecord.action == "document.view")).one()
    assert rec.entity_id == cert.number


def test_f8_splits_the_household_by_keys(qtbot, make_desk, station):
    _desk, _win, page, made = card_of(qtbot, make_desk, station)
    for name, seq, rel in (("王小", 303, "子女"), ("李梅", 304, "配偶")):
        residents.register_resident(
            station.station,
            station.worker,
            residents.ResidentInput(
                name=name, id_number=idn(seq), building="3栋", unit="1", room="101", relation=rel
            ),
        )
    page.open_resident(made.row.id)
    qtbot.waitUntil(lambda: page.card.household.count() == 3, timeout=10_000)
    page.card.setFocus()
    press(qtbot, page.card, Qt.Key.Key_F8)
    dialog = opened(qtbot, page.hub, "dialog")
    members = dialog.members
    qtbot.waitUntil(members.hasFocus, timeout=5_000)
    assert members.currentRow() == 0
    press(qtbot, members, Qt.Key.Key_Down)  # 王小
    press(qtbot, members, Qt.Key.Key_Space)
    press(qtbot, members, Qt.Key.Key_Down)  # 李梅
    press(qtbot, members, Qt.Key.Key_Space)
    press(qtbot, members, Qt.Key.Key_Up)  # 王小 heads the new household
    press(qtbot, members, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: members.count() == 2, timeout=10_000)
    assert page.card.title.text() == "王小"
    assert {page.card.household.item(i).text().split()[1] for i in range(2)} == {"王小", "李梅"}


def test_the_admin_typing_in_search_gets_a_note_not_an_error_box(qtbot, make_desk, station):
    desk = make_desk(station.station.paths.root)
    win = log_in(qtbot, desk, "admin", ADMIN_PASSWORD)
    page = win.page_widgets["residents"]
    type_text(qtbot, win.search, "王")
    win._search_edited(win.search.text())
    qtbot.waitUntil(lambda: "角色" in page.count.text(), timeout=5_000)
    qtbot.wait(300)
    assert getattr(desk, "last_error", None) is None
    assert not any(
        w.isVisible() and w.objectName() == "errorBox" for w in QApplication.topLevelWidgets()
    )


def test_a_refusal_made_from_the_card_joins_its_list(qtbot, make_desk, station, tmp_path):
    _desk, _win, page, _made = card_of(qtbot, make_desk, station)
    press(qtbot, page.card, Qt.Key.Key_F6)
    refusal = opened(qtbot, page.certificate_actions, "refusal")
    type_text(qtbot, refusal.requested, "无犯罪记录证明")
    out = tmp_path / "n.pdf"
    refusal.output.ask_save_path = lambda _s: str(out)
    refusal.issue_save.click()
    qtbot.waitUntil(out.exists, timeout=10_000)
    docs = page.hub.documents
    qtbot.waitUntil(lambda: docs.topLevelItemCount() == 1, timeout=10_000)
    assert [docs.topLevelItem(0).text(c) for c in (0, 2)] == ["无犯罪记录证明", "不予出具"]


def test_enter_in_the_household_dialog_changes_nothing(qtbot, make_desk, station):
    _desk, _win, page, made = card_of(qtbot, make_desk, station)
    residents.register_resident(
        station.station,
        station.worker,
        residents.ResidentInput(
            name="王小", id_number=idn(305), building="3栋", unit="1", room="101", relation="子女"
        ),
    )
    page.open_resident(made.row.id)
    qtbot.waitUntil(lambda: page.card.household.count() == 2, timeout=10_000)
    page.card.setFocus()
    press(qtbot, page.card, Qt.Key.Key_F8)
    dialog = opened(qtbot, page.hub, "dialog")
    qtbot.waitUntil(dialog.members.hasFocus, timeout=5_000)
    press(qtbot, dialog.members, Qt.Key.Key_Down)  # 王小, who could be made head
    assert dialog.head_button.isEnabled()
    press(qtbot, dialog.members, Qt.Key.Key_Return)
    qtbot.wait(300)
    card = residents.get_resident(station.station, station.worker, made.row.id)
    assert {m.name: m.relation for m in card.household} == {"王大": "户主", "王小": "子女"}


def test_a_head_corrects_a_passport_holders_birth_date_by_keys(qtbot, make_desk, station):
    from datetime import date

    from stationdesk.domain.identity import DocumentType

    _desk, win, page, made = card_of(qtbot, make_desk, station, user="lihead")
    other = residents.register_resident(
        station.station,
        station.worker,
        residents.ResidentInput(
            name="安娜",
            id_number="E12345678",
            id_type=DocumentType.PASSPORT,
            sex="F",
            birth_date=date(1990, 1, 1),
        ),
    )
    page.open_resident(other.row.id)
    qtbot.waitUntil(lambda: page.card.title.text() == "安娜", timeout=10_000)
    page.card.setFocus()
    press(qtbot, page.card, Qt.Key.Key_F2)
    dialog = opened(qtbot, page.hub, "dialog")
    assert dialog.birth.isVisible() and dialog.birth.text() == "1990-01-01"
    dialog.birth.setFocus()
    dialog.birth.selectAll()
    qtbot.keyClicks(dialog.birth, "1990-13-01")
    assert "1980-01-31" in dialog.message.text() and not dialog.save_button.isEnabled()
    dialog.birth.selectAll()
    qtbot.keyClicks(dialog.birth, "1991-02-03")
    press(qtbot, dialog.birth, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "1991-02-03" in page.card.facts["sex_birth"].text(), timeout=10_000)
    # a resident ID card says the birth date itself: the field is not offered
    page.open_resident(made.row.id)
    qtbot.waitUntil(lambda: page.card.title.text() == "王大", timeout=10_000)
    win.activateWindow()  # the window system gives it back after a dialog; offscreen needs asking
    qtbot.waitUntil(win.isActiveWindow, timeout=5_000)
    page.card.setFocus()
    press(qtbot, page.card, Qt.Key.Key_F2)
    qtbot.waitUntil(
        lambda: page.hub.dialog is not dialog and page.hub.dialog.isVisible(), timeout=5_000
    )
    assert not page.hub.dialog.birth.isVisible()
