"""GUI fixtures: an isolated QSettings store and a desk controller on a real test station."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from stationdesk.ui.app import DeskController, create_application


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path: Path) -> Iterator[None]:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qs"))
    yield


@pytest.fixture
def make_desk(qtbot, qapp):
    made: list[DeskController] = []

    def make(data_dir: Path, *, demo: bool = False, idle_ms: int | None = None) -> DeskController:
        app = create_application([])
        desk = DeskController(app, data_dir, demo=demo)
        desk.idle_interval_override_ms = idle_ms
        made.append(desk)
        return desk

    yield make
    from PySide6.QtCore import QCoreApplication, QEvent

    for desk in made:
        for w in (desk.lock_dialog, desk.main_window, desk.login_window, desk.wizard):
            if w is not None:
                w.close()
                w.deleteLater()
        desk.idle.stop()
        desk.runner.shutdown()
        desk.app.removeEventFilter(desk.idle)
        desk.app.aboutToQuit.disconnect(desk._shutdown)
        if desk.station is not None:
            desk.station.close()
        desk.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
