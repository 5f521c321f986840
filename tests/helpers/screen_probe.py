"""Run as a child process on one screen size: open every window and dialog of the desk on a
small demo station and print, as JSON, where each one and its controls land on the screen.

With SCREEN_PROBE_SHOTS set to a folder, a picture of the screen is saved there for each."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QHeaderView,
    QTableView,
    QWidget,
)

DEMO_SIZE = 40  # residents in the probe's demo station (enough to fill the lists)


def settle(app: QApplication, seconds: float = 0.05) -> None:
    end = time.monotonic() + seconds
    while True:
        app.processEvents()
        if time.monotonic() >= end:
            return
        time.sleep(0.005)


def wait_until(app: QApplication, ready: Callable[[], object], timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > end:
            raise TimeoutError("the desk did not get there in time")
        app.processEvents()
        time.sleep(0.01)


def rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def scrolled(widget: QWidget, window: QWidget) -> bool:
    """Whether ``widget`` sits in a scroll area's viewport (it may be scrolled out of view)."""
    child, parent = widget, widget.parentWidget()
    while parent is not None and child is not window:
        if isinstance(parent, QAbstractScrollArea) and child is parent.viewport():
            return True
        child, parent = parent, parent.parentWidget()
    return False


def shown_controls(window: QWidget) -> Iterator[QWidget]:
    """The visible widgets of ``window`` a user can reach without scrolling."""
    for widget in window.findChildren(QWidget):
        if widget.isVisible() and widget.isWindow() is False and not scrolled(widget, window):
            yield widget


def measure(name: str, window: QWidget) -> dict[str, Any]:
    """Where ``window`` and its controls are, and what lies outside the screen's free area."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    settle(app)
    screen = window.screen()
    area = screen.availableGeometry()
    frame = window.frameGeometry()
    inside = area.intersected(global_rect(window))
    outside = [
        f"{type(w).__name__}:{w.objectName() or getattr(w, 'text', lambda: '')()}"
        for w in shown_controls(window)
        if not inside.contains(global_rect(w))
    ]
    buttons = [
        b.objectName() or b.text()
        for b in window.findChildren(QAbstractButton)
        if b.isVisible() and not scrolled(b, window)
    ]
    hscroll = [
        t.objectName()
        for t in window.findChildren(QTableView)
        if t.isVisible()
        and (
            t.horizontalScrollBar().isVisible()
            or t.horizontalHeader().length() > t.viewport().width() + 1
        )
    ]
    shots = os.environ.get("SCREEN_PROBE_SHOTS")
    if shots:  # the whole screen, as the worker would see it
        file_name = name.replace(":", "-") + ".png"
        screen.grabWindow(0).save(str(Path(shots) / file_name))
    cut = [
        f"{t.objectName()}:{t.model().headerData(c, Qt.Orientation.Horizontal)}"
        for t in window.findChildren(QTableView)
        if t.isVisible() and t.model() is not None
        for c in range(t.horizontalHeader().count())
        if not t.isColumnHidden(c)
        and t.horizontalHeader().sectionResizeMode(c) != QHeaderView.ResizeMode.Stretch
        and t.horizontalHeader().sectionSize(c) < t.sizeHintForColumn(c)
    ]
    return {
        "name": name,
        "title": window.windowTitle(),
        "area": rect(area),
        "frame": rect(frame),
        "minimum": [
            max(window.minimumSizeHint().width(), window.minimumWidth()),
            max(window.minimumSizeHint().height(), window.minimumHeight()),
        ],
        "dpr": screen.devicePixelRatio(),
        "outside": outside,
        "buttons": buttons,
        "hscroll": hscroll,
        "cut": cut,
    }


def probe_dialog(name: str, dialog: QWidget) -> dict[str, Any]:
    dialog.show()
    result = measure(name, dialog)
    dialog.close()
    return result


def volunteer_dialogs(desk: Any, window: Any) -> list[dict[str, Any]]:
    """The 志愿服务 dialogs, filled from the probe's records."""
    from stationdesk.services import residents
    from stationdesk.services import volunteering as vol
    from stationdesk.ui.pages.volunteer import (
        ActivityDialog,
        CorrectionDialog,
        MemberDialog,
        UnitDialog,
        WishDialog,
        WishStepDialog,
    )

    station, actor = desk.station, desk.actor
    units, members = vol.list_units(station, actor), vol.list_members(station, actor)
    grids = residents.list_grids(station, actor)
    activity = vol.list_activities(station, actor)[-1]
    wish = vol.list_wishes(station, actor)[0]
    return [
        probe_dialog("volunteerUnit", UnitDialog(desk, units[0], window)),
        probe_dialog("volunteerMember", MemberDialog(desk, None, (units, grids), window)),
        probe_dialog("volunteerActivity", ActivityDialog(desk, grids, window)),
        probe_dialog("volunteerCorrect", CorrectionDialog(desk, activity, members, window)),
        probe_dialog("volunteerWish", WishDialog(desk, window)),
        probe_dialog("volunteerClaim", WishStepDialog(desk, "claim", wish, members, window)),
    ]


def main(folder: Path) -> list[dict[str, Any]]:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "qs"))
    from stationdesk.services import certificates
    from stationdesk.services.case_reference import list_departments
    from stationdesk.services.setup import DEMO_ADMIN, DEMO_WORKERS, open_or_create_demo
    from stationdesk.ui.app import DeskController, create_application

    app = create_application([])
    out: list[dict[str, Any]] = []

    from stationdesk.ui.tasks import TaskRunner
    from stationdesk.ui.wizard import FirstRunWizard

    runner = TaskRunner(app)
    wizard = FirstRunWizard(str(folder / "new"), runner, lambda: (["Office"], "Office"))
    wizard.show()
    for page_id in wizard.pageIds():  # every page, its buttons at the bottom
        wizard.setStartId(page_id)
        wizard.restart()
        out.append(measure(f"wizard{page_id}", wizard))
    wizard.close()
    runner.shutdown()

    data_dir = folder / "demo"
    open_or_create_demo(data_dir, residents=DEMO_SIZE).close()
    desk = DeskController(app, data_dir, demo=True)
    desk.start()
    wait_until(app, lambda: desk.ready)
    login = desk.login_window
    assert login is not None
    out.append(measure("login", login))
    username, _name, _role, password = DEMO_WORKERS[1]  # the head sees every page
    login.username.setText(username)
    login.password.setText(password)
    login.button.click()
    wait_until(app, lambda: desk.main_window is not None)
    window = desk.main_window
    assert window is not None
    station, actor = desk.station, desk.actor
    assert station is not None and actor is not None
    from stationdesk.services import cases

    for summary in ("咨询高龄津贴申领条件", "3栋电梯停运，请物业尽快维修"):
        cases.open_case(station, actor, cases.NewCase("POLICY_CONSULTATION", "walk-in", summary))
    from stationdesk.services import emergency, residents

    emergency.start_event(station, actor, "typhoon", "摩羯", level=2)  # the red banner
    for found in residents.find_residents(station, actor, "zh", limit=14):  # a fuller list
        if found.id not in {r.resident_id for r in emergency.list_entries(station, actor)}:
            emergency.add_to_event(station, actor, found.id)
    listed = emergency.list_entries(station, actor)
    for row, status in zip(listed, ("safe", "need-help", "unreachable"), strict=False):
        emergency.check(station, actor, row.resident_id, status, note="轮椅，需两人搀扶")
    from tests.helpers import volunteer_probe

    found = residents.find_residents(station, actor, "zh", limit=4)
    volunteer_probe.fill(station, actor, [r.id for r in found])
    desk.runner.announce()
    window.search.setText("zh")
    window._search_edited("zh")
    page = window.page_widgets["residents"]
    wait_until(app, lambda: page.model.rowCount() > 0 and page.card.card is not None)
    for key in window.page_keys:
        window.show_page(key)
        settle(app, 0.3)
        out.append(measure(f"main:{key}", window))
    volunteer = window.page_widgets["volunteer"]
    for index, tab in enumerate(("members", "activities", "wishes"), start=1):
        volunteer.tabs.setCurrentIndex(index)
        settle(app, 0.5)
        out.append(measure(f"main:volunteer-{tab}", window))
    window.show_page("residents")

    desk.lock()
    assert desk.lock_dialog is not None
    out.append(measure("lock", desk.lock_dialog))
    desk.lock_dialog.done(1)
    desk.lock_dialog = None
    window.set_covered(False)

    from stationdesk.domain.cases import CaseAction
    from stationdesk.ui.pages.cases.dialogs import ActionDialog, ImagePreview, RevealDialog
    from stationdesk.ui.pages.cases.intake import CaseIntakeDialog
    from stationdesk.ui.pages.certificate_dialogs import (
        ChooseTypeDialog,
        IssueDialog,
        RefusalDialog,
        RefusalSubject,
    )
    from stationdesk.ui.pages.certificate_dialogs.void_verify import VerifyDialog, VoidDialog
    from stationdesk.ui.pages.resident_forms import ReasonDialog, ResidentIntakeDialog, VisitDialog
    from stationdesk.ui.pages.settings import AddWorkerDialog

    card = page.card.card
    catalog = certificates.active_catalog(station)
    holder = f"{card.row.name}　{card.row.id_masked}"
    out.append(probe_dialog("chooseType", ChooseTypeDialog(list(catalog), window)))
    for ctype in catalog:
        form = certificates.prepare_issue(station, actor, ctype.code, card.row.id)
        out.append(probe_dialog(f"issue:{ctype.code}", IssueDialog(desk, form, window)))
    guide = certificates.active_refusal_guide(station)
    subject = RefusalSubject(card.row.id, holder, type_code=None, type_name="", detail="")
    out.append(probe_dialog("refusal", RefusalDialog(desk, subject, guide, window)))
    out.append(probe_dialog("void", VoidDialog("SY0101-2026-000001", holder, window)))
    out.append(probe_dialog("verify", VerifyDialog(desk, window)))
    out.append(probe_dialog("caseIntake", CaseIntakeDialog(window)))
    departments = list_departments(station)
    for action in (CaseAction.REFER, CaseAction.REPLY):
        dialog = ActionDialog(action, departments, None, "", window)
        out.append(probe_dialog(f"caseAction:{action.value}", dialog))
    out.append(probe_dialog("caseReveal", RevealDialog(window)))
    out.append(probe_dialog("imagePreview", ImagePreview("photo.png", b"", window)))
    out.append(probe_dialog("addWorker", AddWorkerDialog(window)))
    from stationdesk.ui.pages.emergency_dialogs import StartEmergencyDialog, StopEmergencyDialog

    start = StartEmergencyDialog(desk, window)
    start.show()
    wait_until(app, lambda: start.grids.count() > 0)
    out.append(probe_dialog("emergencyStart", start))
    out.append(probe_dialog("emergencyStop", StopEmergencyDialog(desk, "摩羯", window)))
    from stationdesk.services import emergency
    from stationdesk.ui.pages.emergency_roster import (
        AddToListDialog,
        ReassignDialog,
        RespondersDialog,
    )

    station_, actor_ = desk.station, desk.actor
    assert station_ is not None and actor_ is not None
    first = emergency.list_entries(station_, actor_)[0]
    out.append(probe_dialog("emergencyAdd", AddToListDialog(desk, window)))
    out.append(probe_dialog("emergencyReassign", ReassignDialog(desk, first, window)))
    out.append(probe_dialog("emergencyResponders", RespondersDialog(desk, window)))
    out.append(probe_dialog("residentIntake", ResidentIntakeDialog(desk, window)))
    out += volunteer_dialogs(desk, window)
    out.append(probe_dialog("residentReveal", ReasonDialog(window)))
    out.append(probe_dialog("visit", VisitDialog(window)))
    from stationdesk.ui.pages.resident_edit import ResidentEditDialog
    from stationdesk.ui.pages.resident_household import HouseholdDialog
    from stationdesk.ui.pages.resident_hub import DocumentViewDialog

    out.append(probe_dialog("residentEdit", ResidentEditDialog(desk, card, window)))
    out.append(probe_dialog("household", HouseholdDialog(desk, card, window)))
    linked = CaseIntakeDialog(window)
    linked.link_resident(card)
    out.append(probe_dialog("caseIntakeLinked", linked))
    out.append(probe_dialog("documentView", DocumentViewDialog("居住情况证明", b"", window)))
    desk.logout()  # the administrator manages the workers on the settings page
    admin, _name, admin_password = DEMO_ADMIN
    login = desk.login_window
    assert login is not None
    login.username.setText(admin)
    login.password.setText(admin_password)
    wait_until(app, login.button.isEnabled)
    login.button.click()
    wait_until(app, lambda: desk.main_window is not None)
    window = desk.main_window
    assert window is not None
    window.show_page("settings")
    settle(app, 0.5)
    out.append(measure("main:settings-admin", window))
    desk.logout()
    desk.runner.shutdown()
    return out


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1])), ensure_ascii=False))
