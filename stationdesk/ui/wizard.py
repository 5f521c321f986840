"""The first-run wizard: station code and name, then the first admin account."""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from .validation import account_problem

STATION_CODE_RE = re.compile(r"^[A-Z0-9]{4,12}$")


class _ValidatingPage(QWizardPage):
    """A page that validates as the user types; Next/Finish stay disabled until it is valid."""

    def __init__(self) -> None:
        super().__init__()
        self.message = QLabel("", self)
        self.message.setObjectName("inlineError")
        self.message.setWordWrap(True)

    def problem(self) -> str | None:  # overridden
        return None

    def _revalidate(self) -> None:
        self.message.setText(self.problem() or "")
        self.completeChanged.emit()

    def ready(self) -> bool:
        return self.problem() is None and self.filled()

    def isComplete(self) -> bool:
        return self.ready()

    def filled(self) -> bool:  # overridden
        return True


class StationPage(_ValidatingPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Station"))
        self.setSubTitle(self.tr("Enter the station code assigned by the district, and its name."))
        self.code = QLineEdit(self)
        self.code.setObjectName("stationCode")
        self.code.setPlaceholderText("SY0101")
        self.name = QLineEdit(self)
        self.name.setObjectName("stationName")
        self.name.setPlaceholderText(self.tr("e.g. Xinghai Community Service Station"))
        form = QFormLayout(self)
        form.addRow(self.tr("Station code"), self.code)
        form.addRow(self.tr("Station name"), self.name)
        form.addRow(self.message)
        self.code.textChanged.connect(self._revalidate)
        self.name.textChanged.connect(self._revalidate)

    def filled(self) -> bool:
        return bool(self.code.text().strip()) and bool(self.name.text().strip())

    def problem(self) -> str | None:
        code = self.code.text().strip().upper()
        if code and not STATION_CODE_RE.match(code):
            return self.tr("The station code is 4-12 letters or digits.")
        name = self.name.text().strip()
        if name and not 2 <= len(name) <= 100:
            return self.tr("The station name has 2-100 characters.")
        return None


class AdminPage(_ValidatingPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Administrator"))
        self.setSubTitle(self.tr("Create the first account; it manages workers and backups."))
        self.username = QLineEdit(self)
        self.username.setObjectName("adminUsername")
        self.username.setText("admin")
        self.display_name = QLineEdit(self)
        self.display_name.setObjectName("adminDisplayName")
        self.password = QLineEdit(self)
        self.password.setObjectName("adminPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(self)
        self.repeat.setObjectName("adminRepeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout(self)
        form.addRow(self.tr("Login name"), self.username)
        form.addRow(self.tr("Name"), self.display_name)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Repeat password"), self.repeat)
        form.addRow(self.message)
        for edit in (self.username, self.password, self.repeat):
            edit.textChanged.connect(self._revalidate)

    def filled(self) -> bool:
        return all(e.text() for e in (self.username, self.password, self.repeat))

    def problem(self) -> str | None:
        return account_problem(self.username.text(), self.password.text(), self.repeat.text())


class FirstRunWizard(QWizard):
    """Creates a station; emits ``create_requested(values)`` or ``demo_requested``."""

    create_requested = Signal(dict)
    demo_requested = Signal()

    def __init__(self, data_dir: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunWizard")
        self.setWindowTitle(self.tr("stationdesk — First run"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(620, 440)
        intro = QWizardPage()
        intro.setTitle(self.tr("Welcome"))
        v = QVBoxLayout(intro)
        text = QLabel(
            self.tr(
                "No station has been set up on this computer yet. This wizard creates one. "
                "Its data will be kept, encrypted, in:"
            ),
            intro,
        )
        text.setWordWrap(True)
        where = QLabel(data_dir, intro)
        where.setObjectName("dataDir")
        demo = QPushButton(self.tr("Just trying it out? Open the demo station"), intro)
        demo.setObjectName("openDemo")
        demo.clicked.connect(self._demo)
        v.addWidget(text)
        v.addWidget(where)
        v.addStretch(1)
        v.addWidget(demo)
        self.station_page = StationPage()
        self.admin_page = AdminPage()
        self.addPage(intro)
        self.addPage(self.station_page)
        self.addPage(self.admin_page)

    def _demo(self) -> None:
        self.demo_requested.emit()

    def accept(self) -> None:
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.create_requested.emit(
            {
                "code": self.station_page.code.text().strip().upper(),
                "name": self.station_page.name.text().strip(),
                "admin_username": self.admin_page.username.text(),
                "admin_display_name": self.admin_page.display_name.text().strip(),
                "admin_password": self.admin_page.password.text(),
            }
        )

    def creation_failed(self, message: str) -> None:
        self.admin_page.message.setText(message)
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)

    def creation_done(self) -> None:
        super().accept()
