"""微心愿 from the resident card and a photo with 完成, keys only: F11 on the card records a wish
for the resident shown (masked), the card lists it and it is on the wall; the 完成 dialog takes
a photo (Alt+P), refuses a non-image inline with save disabled, and F7 on the wall shows it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog

from stationdesk.domain.volunteering import WISH_CATEGORIES
from stationdesk.services import volunteering as vol
from stationdesk.store.models_volunteer import VolunteerWishPhoto
from stationdesk.ui.pages.volunteer import WishDialog, WishStepDialog
from tests.helpers.desk import type_text
from tests.helpers.ids import idn

from .test_resident_hub import card_of, opened
from .test_volunteer_page import dialog_of, key, saved, shown

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def test_f11_on_the_card_records_a_wish_that_shows_on_the_card_and_the_wall(
    qtbot, make_desk, station
):
    _desk, win, page, made = card_of(qtbot, make_desk, station)
    hub = page.hub
    assert hub.wish_button.text() == "登记微心愿（F11）"
    qtbot.keyClick(page.card, Qt.Key.Key_F11)
    dialog = opened(qtbot, hub, "dialog")
    assert isinstance(dialog, WishDialog)
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
    fixed = dialog.findChild(type(dialog.error), "wishResidentFixed")
    assert fixed is not None and "王大" in fixed.text() and made.row.id_masked in fixed.text()
    assert idn(301) not in fixed.text()  # never the full ID number
    assert not dialog.picker.isVisible()
    assert QApplication.focusWidget() is dialog.text and not dialog.save.isEnabled()
    type_text(qtbot, dialog.text, "   ")
    assert not dialog.save.isEnabled()  # blanks are not a wish
    dialog.text.clear()
    type_text(qtbot, dialog.text, "帮忙修理水龙头")
    saved(qtbot, dialog)
    qtbot.waitUntil(lambda: hub.wishes.topLevelItemCount() == 1, timeout=10_000)
    assert hub.wishes.topLevelItem(0).text(0) == "帮忙修理水龙头"
    assert hub.wishes.topLevelItem(0).text(1) == "待认领"
    [wish] = vol.list_wishes(station.station, station.worker)
    assert (wish.resident_id, wish.text, wish.category) == (
        made.row.id,
        "帮忙修理水龙头",
        WISH_CATEGORIES[0],
    )

    qtbot.keyClick(win, Qt.Key.Key_8, CTRL)  # 志愿服务, the wall on Alt+4
    volunteer = win.page_widgets["volunteer"]
    key(qtbot, Qt.Key.Key_4, ALT)
    wall = volunteer.wishes
    qtbot.waitUntil(lambda: wall.table.rowCount() == 1, timeout=10_000)
    assert wall.table.item(0, 1).text() == "帮忙修理水龙头"
    assert wall.table.item(0, 0).text() == "王大"


def _png(path: Path) -> Path:
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.red)
    assert image.save(str(path), "PNG")
    return path


def test_a_photo_with_fulfilled_then_shown_from_the_wall(
    qtbot, make_desk, station, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    st, worker = station.station, station.worker
    _desk, win, _page, made = card_of(qtbot, make_desk, station)
    member = vol.add_member(
        st, worker, vol.MemberInput(name="赵建国", id_number=idn(302), report_date=date(2025, 1, 1))
    )
    wish = vol.add_wish(st, worker, made.row.id, "修理门锁", deadline=date(2099, 1, 1))
    vol.claim_wish(st, worker, wish.id, member.id)
    qtbot.keyClick(win, Qt.Key.Key_8, CTRL)
    volunteer = win.page_widgets["volunteer"]
    key(qtbot, Qt.Key.Key_4, ALT)
    wall = volunteer.wishes
    qtbot.waitUntil(lambda: wall.table.rowCount() == 1, timeout=10_000)
    wall.table.setFocus()
    wall.table.selectRow(0)
    assert not wall.photo_button.isEnabled()
    key(qtbot, Qt.Key.Key_F4)
    fulfil = dialog_of(qtbot, wall, WishStepDialog)
    assert fulfil.photo_button.text() == "添加照片…（Alt+P）"
    type_text(qtbot, fulfil.note, "已换新锁")
    assert fulfil.save.isEnabled()

    # a text file named as a photo: said inline, save disabled until it is removed
    fake = tmp_path / "假照片.png"
    fake.write_text("不是图片", encoding="utf-8")
    picked = [str(fake)]
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (picked.pop(0), "")
    )  # the OS file chooser stands for the worker's pick
    key(qtbot, Qt.Key.Key_P, ALT)
    qtbot.waitUntil(lambda: "内容与类型不符" in fulfil.error.text(), timeout=10_000)
    assert not fulfil.save.isEnabled()
    key(qtbot, Qt.Key.Key_R, ALT)  # remove it
    qtbot.waitUntil(lambda: fulfil.error.text() == "", timeout=5_000)
    assert fulfil.save.isEnabled() and fulfil.photo_name.text() == "无"

    photo = _png(tmp_path / "新锁.png")
    picked.append(str(photo))
    key(qtbot, Qt.Key.Key_P, ALT)
    qtbot.waitUntil(lambda: fulfil.photo is not None, timeout=10_000)
    assert fulfil.photo_name.text() == "新锁.png" and fulfil.save.isEnabled()
    saved(qtbot, fulfil)
    qtbot.waitUntil(lambda: wall.table.item(0, 4).text() == "已完成", timeout=10_000)
    assert wall.table.item(0, 8).text() == "新锁.png"
    with st.db.read_session() as s:
        stored = s.get(VolunteerWishPhoto, wish.id)
        assert stored is not None and bytes(stored.data or b"") == photo.read_bytes()

    wall.table.setFocus()
    wall.table.selectRow(0)
    assert wall.photo_button.isEnabled() and wall.photo_button.text() == "查看照片（F7）"
    key(qtbot, Qt.Key.Key_F7)
    qtbot.waitUntil(
        lambda: (
            wall.photo_view is not None
            and shiboken6.isValid(wall.photo_view)
            and wall.photo_view.isVisible()
        ),
        timeout=10_000,
    )
    assert "新锁.png" in wall.photo_view.windowTitle()
    wall.photo_view.reject()
    qtbot.waitUntil(lambda: not shown(wall.photo_view), timeout=5_000)
