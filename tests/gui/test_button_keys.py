"""Every action has a shortcut shown on its button: each page's buttons, for every role, carry
a key that is printed on the label and not shared with another button of the page; Ctrl+S in
设置 saves the form the keyboard is in. Keys only."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton

from stationdesk.services import cases, settings
from tests.conftest import ADMIN_PASSWORD, HEAD_PASSWORD, WORKER_PASSWORD
from tests.helpers.desk import log_in, type_text

CTRL = Qt.KeyboardModifier.ControlModifier
USERS = {
    "admin": ("admin", ADMIN_PASSWORD),
    "head": ("lihead", HEAD_PASSWORD),
    "worker": ("wangfang", WORKER_PASSWORD),
}


def native(keys: QKeySequence) -> str:
    return keys.toString(QKeySequence.SequenceFormat.NativeText)


def page_keys(win, page) -> set[str]:
    """The keys bound on the page or the window as a whole (actions, its toolbar's included,
    and shortcuts)."""
    bound = {native(k) for a in page.findChildren(QAction) for k in a.shortcuts()}
    bound |= {native(k) for a in win.findChildren(QAction) for k in a.shortcuts()}
    return bound | {native(s.key()) for s in page.findChildren(QShortcut)}


def shown_keys(win, page, button: QAbstractButton) -> str:
    """The button's own shortcut, else the page's key named at the end of its label."""
    own = native(button.shortcut())
    if own:
        return own
    named = button.text().rstrip("）)").rpartition("（")[2].rpartition("(")[2]
    return named if named in page_keys(win, page) else ""


@pytest.mark.parametrize("role", sorted(USERS))
def test_every_button_on_every_page_shows_its_own_shortcut(qtbot, make_desk, station, role):
    station.clock.now = datetime.now(UTC)
    cases.open_case(
        station.station,
        station.head if role == "head" else station.worker,
        cases.NewCase("POLICY_CONSULTATION", "walk-in", "咨询", reporter_phone="13800138000"),
    )
    desk = make_desk(station.station.paths.root)
    win = log_in(qtbot, desk, *USERS[role])
    missing, clashes, checked = [], [], 0
    for row, key in enumerate(win.page_keys):
        win.go_to_page(row)
        page = win.page_widgets[key]
        qtbot.waitUntil(page.isVisible, timeout=5_000)
        if key == "cases" and role != "admin":  # the case panel's buttons show with a case chosen
            qtbot.waitUntil(lambda p=page: p.model.rowCount() > 0, timeout=10_000)
            page.table.selectRow(0)
            qtbot.waitUntil(lambda p=page: p.panel.attach_button.isVisibleTo(p), timeout=10_000)
        seen: dict[str, str] = {}
        for button in page.findChildren(QAbstractButton):
            if not button.isVisibleTo(page) or not button.text():
                continue
            checked += 1
            keys = shown_keys(win, page, button)
            where = f"{key}/{button.objectName() or button.text()}"
            if not keys or keys not in button.text():
                missing.append(f"{where}: {button.text()!r} keys={keys!r}")
            elif button.property("sectionSave"):
                continue  # one Ctrl+S per page, given to the form holding the focus
            elif keys in seen:
                clashes.append(f"{where} and {seen[keys]} share {keys}")
            else:
                seen[keys] = where
    assert checked > 10
    assert not missing, "buttons without a shortcut shown on them:\n" + "\n".join(missing)
    assert not clashes, "\n".join(clashes)


def test_ctrl_s_saves_the_settings_form_the_keyboard_is_in(qtbot, make_desk, station):
    prefix = "大连市西岗区人民广场街道星海社区"
    desk = make_desk(station.station.paths.root)
    win = log_in(qtbot, desk, "admin", ADMIN_PASSWORD)
    win.show_page("settings")
    page = win.page_widgets["settings"]
    field = page.address_prefix
    qtbot.waitUntil(field.edit.isEnabled, timeout=5_000)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5_000)
    field.edit.setFocus()
    qtbot.waitUntil(field.edit.hasFocus, timeout=5_000)
    type_text(qtbot, field.edit, prefix)
    idle_before = page.idle_minutes.value()
    qtbot.keyClick(field.edit, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(
        lambda: settings.get_setting(station.station, "station_address_prefix") == prefix,
        timeout=10_000,
    )
    # the idle-lock form next to it was not saved with it
    page.idle_minutes.setFocus()
    qtbot.waitUntil(page.idle_minutes.hasFocus, timeout=5_000)
    qtbot.keyClick(page.idle_minutes, Qt.Key.Key_Up)
    assert page.idle_minutes.value() == idle_before + 1
    qtbot.keyClick(page.idle_minutes, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: desk.idle_lock_minutes == idle_before + 1, timeout=10_000)
