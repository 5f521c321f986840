"""The 居民 page driven like a user: intake, live ID checks, search, masking, reveal."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from stationdesk.services import residents
from stationdesk.store.models import AuditRecord
from tests.conftest import WORKER_PASSWORD, StationFixture
from tests.helpers.desk import log_in, type_text
from tests.helpers.ids import idn
from tests.helpers.rare_names import RARE_NAMES


def logged_in(qtbot, make_desk, station: StationFixture):
    residents.add_building(station.station, station.worker, "3栋")
    desk = make_desk(station.station.paths.root)
    win = log_in(qtbot, desk, "wangfang", WORKER_PASSWORD)
    return desk, win, win.page_widgets["residents"]


def test_typing_an_id_fills_birth_and_sex_and_a_bad_check_char_blocks_save(
    qtbot, make_desk, station
):
    _desk, _win, page = logged_in(qtbot, make_desk, station)
    dialog = page.open_intake()
    qtbot.keyClicks(dialog.id_number, idn(124, "19920315"))
    assert "1992-03-15" in dialog.id_facts.text() and "女" in dialog.id_facts.text()
    assert "辽宁" in dialog.id_facts.text()
    dialog.id_number.clear()
    good = idn(125)
    qtbot.keyClicks(dialog.id_number, good[:17] + ("0" if good[17] != "0" else "1"))
    type_text(qtbot, dialog.name, "王芳")
    assert dialog.id_facts.text() == "身份证号校验位错误"
    assert not dialog.save_button.isEnabled()
    dialog.id_number.clear()
    qtbot.keyClicks(dialog.id_number, good)
    assert "1980-01-01" in dialog.id_facts.text() and dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.phone, "1380000")
    assert "手机" in dialog.message.text() and not dialog.save_button.isEnabled()


def test_keyboard_only_intake_then_two_character_search_finds_her_masked(qtbot, make_desk, station):
    _desk, win, page = logged_in(qtbot, make_desk, station)
    win.show_page("residents")
    page.activateWindow()
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.intake
    qtbot.waitUntil(lambda: dialog.building.count() > 1, timeout=5_000)
    assert dialog.id_number.hasFocus()
    number = idn(128, "19850520")
    qtbot.keyClicks(dialog.id_number, number)
    qtbot.keyClick(dialog.id_number, Qt.Key.Key_Tab)
    focused = dialog.focusWidget()
    assert focused is dialog.name
    type_text(qtbot, dialog.name, "王芳")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.phone, "13800001234")
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: page.card.card is not None, timeout=10_000)
    assert page.card.title.text() == "王芳"

    win.search.clear()
    type_text(qtbot, win.search, "王芳")
    win._search_edited(win.search.text())
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    shown = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert shown[0] == "王芳"
    assert "2102**********" + number[-4:] in shown
    assert "138****1234" in shown
    assert number not in shown and "13800001234" not in shown


def test_a_duplicate_id_keeps_the_form_open_and_offers_the_existing_card(qtbot, make_desk, station):
    existing = residents.register_resident(
        station.station, station.worker, residents.ResidentInput(name="李军", id_number=idn(131))
    )
    _desk, _win, page = logged_in(qtbot, make_desk, station)
    dialog = page.open_intake()
    qtbot.keyClicks(dialog.id_number, idn(131))
    type_text(qtbot, dialog.name, "李俊")
    qtbot.waitUntil(lambda: dialog.open_existing_button.isVisible(), timeout=10_000)
    assert dialog.isVisible() and not dialog.save_button.isEnabled()
    assert dialog.message.text() == "该证件号码已登记（李军）。"
    assert dialog.open_existing_button.text() == "打开已登记的居民"
    assert page.card.card is None
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)  # Enter now opens the registered one
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: page.card.card is not None, timeout=10_000)
    assert page.card.card.row.id == existing.row.id
    assert page.card.title.text() == "李军"


def card_of(qtbot, make_desk, station: StationFixture, name: str, number: str, phone: str):
    """A resident registered with one phone, and the 居民 page showing their card."""
    made = residents.register_resident(
        station.station,
        station.worker,
        residents.ResidentInput(name=name, id_number=number, phones=(phone,)),
    )
    _desk, _win, page = logged_in(qtbot, make_desk, station)
    page.open_resident(made.row.id)
    qtbot.waitUntil(lambda: page.card.card is not None, timeout=10_000)
    return made.row.id, page


def reveal(qtbot, page, reason: str, number: str) -> None:
    """Show the card's identity in full, giving ``reason``, and wait until it is shown."""
    qtbot.mouseClick(page.card.reveal_button, Qt.MouseButton.LeftButton)
    dialog = page.card.reason_dialog
    assert not dialog.ok.isEnabled()  # no reason, no reveal
    type_text(qtbot, dialog.reason, reason)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.card.id_value.text() == number, timeout=10_000)


def test_reveal_asks_a_reason_and_writes_an_audit_record(qtbot, make_desk, station):
    number = idn(133)
    _rid, page = card_of(qtbot, make_desk, station, "赵磊", number, "13900001111")
    assert page.card.id_value.text() == "2102**********" + number[-4:]
    assert page.card.phone_value.text() == "139****1111"
    reveal(qtbot, page, "开具证明核对", number)
    assert page.card.phone_value.text() == "13900001111"
    with station.station.db.read_session() as s:
        rec = s.scalars(select(AuditRecord).where(AuditRecord.action == "resident.reveal")).one()
    assert rec.details["reason"] == "开具证明核对" and rec.actor == "wangfang"


def test_a_revealed_identity_stays_through_a_reload_until_it_changes(qtbot, make_desk, station):
    number = idn(134)
    rid, page = card_of(qtbot, make_desk, station, "孙丽", number, "13900002222")
    reveal(qtbot, page, "电话回访核对", number)
    # Every write reloads the card on screen (the reveal's own audit write too): the reload
    # of an unchanged resident keeps what the worker chose to see.
    with qtbot.waitSignal(page.card.card_shown, timeout=10_000):
        page.data_changed()
    assert page.card.id_value.text() == number
    assert page.card.phone_value.text() == "13900002222"
    # A changed phone is not the identity revealed: the reload masks it again.
    residents.edit_resident(station.station, station.worker, rid, {"phones": ["13700003333"]})
    with qtbot.waitSignal(page.card.card_shown, timeout=10_000):
        page.data_changed()
    assert page.card.phone_value.text() == "137****3333"
    assert page.card.id_value.text() == "2102**********" + number[-4:]


def test_resident_model_passes_the_model_tester(qtmodeltester, qtbot, make_desk, station):
    _desk, _win, page = logged_in(qtbot, make_desk, station)
    residents.register_resident(
        station.station, station.worker, residents.ResidentInput(name="钱七", id_number=idn(140))
    )
    page.model.set_rows(residents.find_residents(station.station, station.worker, "钱七"))
    qtmodeltester.check(page.model)


def _drawn(font, text: str):
    """The pixels of text drawn in a label with this font."""
    from PySide6.QtWidgets import QLabel

    label = QLabel(text)
    label.setFont(font)
    label.adjustSize()
    image = label.grab().toImage()
    label.deleteLater()
    return image


def test_a_rare_name_is_typed_with_its_reading_and_drawn_with_real_glyphs(
    qtbot, make_desk, station
):
    from PySide6.QtGui import QFont, QFontMetrics, QRawFont

    from stationdesk.ui.fonts import shipped_families

    desk, _win, page = logged_in(qtbot, make_desk, station)
    dialog = page.open_intake()
    qtbot.keyClicks(dialog.id_number, idn(140))
    type_text(qtbot, dialog.name, "陈𠈌")
    assert "𠈌" in dialog.reading_hint.text()  # pypinyin has no reading for it
    qtbot.keyClicks(dialog.name_pinyin, "chen yan")
    assert dialog.reading_hint.text() == "" and dialog.save_button.isEnabled()
    qtbot.keyClick(dialog.name_pinyin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.card.card is not None, timeout=10_000)
    assert page.card.title.text() == "陈𠈌（chen yan）"

    families = shipped_families()
    assert families and set(families) <= set(desk.app.font().families())
    font = page.card.title.font()
    metrics = QFontMetrics(font)
    unassigned = _drawn(font, "\U0002fffd")  # no font has it: what a box looks like here
    for person in RARE_NAMES:
        code = ord(person.rare)
        assert metrics.inFontUcs4(code), person.name
        assert any(QRawFont.fromFont(QFont(f)).supportsCharacter(code) for f in families)
        assert _drawn(font, person.rare) != unassigned, person.name


def test_the_intake_offers_every_ethnic_group_and_saves_a_minority_one(qtbot, make_desk, station):
    _desk, _win, page = logged_in(qtbot, make_desk, station)
    dialog = page.open_intake()
    names = [dialog.ethnicity.itemText(i) for i in range(dialog.ethnicity.count())]
    assert len(names) == 1 + 58 and names[1] == "汉族" and names[-1] == "外国血统"
    assert "鄂伦春族" in names and "土家族" in names
    qtbot.keyClicks(dialog.id_number, idn(141))
    type_text(qtbot, dialog.name, "白雪")
    dialog.ethnicity.setCurrentIndex(dialog.ethnicity.findData("鄂伦春族"))
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=5_000)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.card.card is not None, timeout=10_000)
    assert page.card.card.ethnicity == "鄂伦春族"


def test_a_note_stops_at_the_length_the_district_accepts(qtbot, make_desk, station):
    """The intake's note takes at most NOTE_MAX characters (the station and the district both
    refuse a longer one), so a pasted long text cannot make the save fail later."""
    from stationdesk.domain.residents import NOTE_MAX

    _desk, _win, page = logged_in(qtbot, make_desk, station)
    dialog = page.open_intake()
    dialog.note.setFocus()
    dialog.note.insert("字" * (NOTE_MAX + 5))  # as a paste lands
    assert len(dialog.note.text()) == NOTE_MAX
    qtbot.keyClicks(dialog.id_number, idn(126))
    type_text(qtbot, dialog.name, "王芳")
    assert dialog.save_button.isEnabled(), dialog.message.text()
