"""The first-run wizard's 从区平台恢复本站: a replaced PC gets its station back from the district
(real server process, real PostgreSQL, real widgets), and a rebuild that stopped goes on in the
wizard at the next start."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWizard

from stationdesk.services import auth, certificates, residents, sync
from stationdesk.services.paths import StationPaths, rebuild_pending
from tests.helpers.certificates import residence
from tests.helpers.ids import idn

NEW_PW = "rebuilt-admin-1"


def _station_on_the_district(make_station, district_db, server):
    a = make_station("SA0101", district_db)
    sync.save_login(a.station, a.admin, server.url, a.token)
    residents.add_building(a.station, a.head, "3栋")
    person = residents.ResidentInput(
        name="陈𠈌", id_number=idn(77), building="3栋", unit="1", room="201"
    )
    rid = residents.register_resident(a.station, a.head, person).row.id
    certificates.issue_certificate(a.station, a.head, residence(rid))  # a signing key is made
    assert a.sync(server.url).outcome == "ok"
    root = a.station.paths.root
    a.station.close()
    shutil.rmtree(root)  # the PC dies
    return a


def _fill(qtbot, wizard, url: str, token: str) -> None:
    """Every step of the rebuild by keyboard, as a worker would type it."""
    intro = wizard.intro_page
    intro.rebuild.setFocus()
    qtbot.keyClick(intro.rebuild, Qt.Key.Key_Space)
    assert intro.rebuild.isChecked()
    assert wizard.buttonText(QWizard.WizardButton.FinishButton) == "从区平台恢复本站"
    wizard.next()
    page = wizard.station_page
    assert not page.name.isVisible(), "the name comes from the district"
    qtbot.keyClicks(page.code, "sa0101")
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    admin = wizard.admin_page
    assert not admin.display_name.isVisible()
    for edit in (admin.password, admin.repeat):
        qtbot.keyClicks(edit, NEW_PW)
    wizard.next()
    district = wizard.district_page
    assert not district.skip.isVisible()
    qtbot.keyClicks(district.url, url)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled(), "a token is needed"
    qtbot.keyClicks(district.token, token)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.printer_page.loaded, timeout=5_000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.folder_page.isComplete(), timeout=5_000)


def test_the_wizard_rebuilds_a_station_from_the_district(
    qtbot, make_desk, make_station, district_db, server, tmp_path: Path
):
    a = _station_on_the_district(make_station, district_db, server)
    folder = tmp_path / "new-pc"
    desk = make_desk(folder)
    desk.start()
    wizard = desk.wizard
    assert wizard is not None
    _fill(qtbot, wizard, server.url, a.token)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: desk.ready, timeout=60_000)
    assert desk.login_window.station_label.text() == "测试站点SA0101（SA0101）"
    assert not rebuild_pending(folder)
    admin = auth.login(desk.station, "admin", NEW_PW)
    assert admin.role.value == "admin"
    assert residents.find_residents(desk.station, a.head, "陈𠈌")
    # the old signing key died with the PC: the wizard says a new one was made
    box = desk.login_window.findChild(QMessageBox, "newSigningKeyBox")
    assert box is not None and "新的证明签名密钥" in box.text()
    assert "approve-key SA0101" in box.text()


def test_a_refused_token_says_why_and_a_stopped_rebuild_goes_on_at_the_next_start(
    qtbot, make_desk, make_station, district_db, server, tmp_path: Path
):
    a = _station_on_the_district(make_station, district_db, server)
    folder = tmp_path / "new-pc"
    desk = make_desk(folder)
    desk.start()
    wizard = desk.wizard
    _fill(qtbot, wizard, server.url, "wrong-token-123")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    message = wizard.folder_page.message
    qtbot.waitUntil(lambda: "区平台未接受" in message.text(), timeout=30_000)
    assert wizard.isVisible() and not rebuild_pending(folder)

    # a half-done rebuild (the PC lost power during it) is offered again at the next start
    StationPaths(folder).root.mkdir(parents=True, exist_ok=True)
    from stationdesk.services import rebuild
    from stationdesk.services.sync import StationSyncPort

    original = StationSyncPort.apply_snapshot

    class PowerCut(Exception):
        pass

    def cut(self, page):
        raise PowerCut()

    StationSyncPort.apply_snapshot = cut  # type: ignore[method-assign]
    try:
        rebuild.rebuild_from_district(
            folder,
            url=server.url,
            token=a.token,
            station_code="SA0101",
            admin_username="admin",
            admin_password=NEW_PW,
        )
    except PowerCut:
        pass
    finally:
        StationSyncPort.apply_snapshot = original  # type: ignore[method-assign]
    assert rebuild_pending(folder)
    wizard.close()
    later = make_desk(folder)
    later.start()
    assert later.wizard is not None and later.login_window is None
    _fill(qtbot, later.wizard, server.url, a.token)
    later.wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: later.ready, timeout=60_000)
    assert not rebuild_pending(folder)
    assert auth.login(later.station, "admin", NEW_PW).role.value == "admin"
