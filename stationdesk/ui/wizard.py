"""The first-run wizard: station, admin account, district link, default printer, data folder.

Each step validates as the user types (a Chinese message under the fields; Next stays
disabled). Checks that touch the disk (the data folder) or the system (printers) run on the
task runner, never on the GUI thread. The demo station stays one click away on the first page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from stationdesk.services.enrolment import check_enrolment
from stationdesk.services.errors import InputError
from stationdesk.services.firstrun import check_data_folder

from . import i18n
from .printers import PRINTER_KEY as PRINTER_KEY  # the key the wizard fills
from .screen import keep_on_screen
from .validation import account_problem
from .widgets import inline_error, line_edit, push_button, window_title

if TYPE_CHECKING:
    from .tasks import TaskRunner

STATION_CODE_RE = re.compile(r"^[A-Z0-9]{4,12}$")
REBUILD_FIELD = "rebuild"  # the intro page's choice: rebuild from the district, not create


def system_printers() -> tuple[list[str], str]:
    """The printers the system knows and its default one (may block: run it off the GUI)."""
    from PySide6.QtPrintSupport import QPrinterInfo

    return list(QPrinterInfo.availablePrinterNames()), QPrinterInfo.defaultPrinterName()


def fill_printer_combo(combo: QComboBox, names: list[str], default: str) -> None:
    """Offer "none" and then each printer (its name as the item's data), the default marked."""
    combo.clear()
    combo.addItem(QCoreApplication.translate("PrinterChoice", "None: choose when printing"), "")
    for name in names:
        label = (
            QCoreApplication.translate("PrinterChoice", "%1 (system default)").replace("%1", name)
            if name == default
            else name
        )
        combo.addItem(label, name)


class _ValidatingPage(QWizardPage):
    """A page that validates as the user types; Next/Finish stay disabled until it is valid."""

    def __init__(self) -> None:
        super().__init__()
        self.message = inline_error(self)

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


class IntroPage(QWizardPage):
    """What the wizard does, and the way to the demo station."""

    demo_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Welcome"))
        v = QVBoxLayout(self)
        text = QLabel(
            self.tr(
                "No station has been set up on this computer yet. In five short steps this "
                "wizard creates one: the station, its administrator, the link to the district "
                "platform, the printer and the folder for its encrypted data."
            ),
            self,
        )
        text.setWordWrap(True)
        demo_text = QLabel(
            self.tr(
                "Just trying it out? The demo station has made-up data and its logins are "
                "shown on the login screen. It is kept apart from any real station."
            ),
            self,
        )
        demo_text.setWordWrap(True)
        self.rebuild = QCheckBox(
            self.tr(
                "Rebuild this station from the district platform (its computer was replaced "
                "and no backup is at hand)"
            ),
            self,
        )
        self.rebuild.setObjectName("rebuildChoice")
        self.registerField(REBUILD_FIELD, self.rebuild)
        demo = push_button(self, self.tr("Open the demo station"), "openDemo")
        demo.setAutoDefault(False)  # Enter goes on with the wizard
        demo.clicked.connect(self.demo_requested.emit)
        row = QHBoxLayout()
        row.addWidget(demo)
        row.addStretch(1)
        v.addWidget(text)
        v.addWidget(self.rebuild)
        v.addStretch(1)
        v.addWidget(demo_text)
        v.addLayout(row)


def rebuilding(page: QWizardPage) -> bool:
    """Whether the wizard rebuilds the station from the district rather than creating one."""
    return bool(page.field(REBUILD_FIELD))


class StationPage(_ValidatingPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Station"))
        self.setSubTitle(self.tr("Enter the station code assigned by the district, and its name."))
        self.code = line_edit(self, "stationCode")
        self.code.setPlaceholderText("SY0101")
        self.name = line_edit(self, "stationName")
        self.name.setPlaceholderText(self.tr("e.g. Xinghai Community Service Station"))
        self.form = QFormLayout(self)
        self.form.addRow(self.tr("Station code"), self.code)
        self.form.addRow(self.tr("Station name"), self.name)
        self.form.addRow(self.message)
        self.code.textChanged.connect(self._revalidate)
        self.name.textChanged.connect(self._revalidate)

    def initializePage(self) -> None:
        rebuild = rebuilding(self)
        self.setSubTitle(
            self.tr("Enter this station's code; its name comes from the district.")
            if rebuild
            else self.tr("Enter the station code assigned by the district, and its name.")
        )
        self.form.setRowVisible(self.name, not rebuild)
        self._revalidate()

    def filled(self) -> bool:
        return bool(self.code.text().strip()) and (
            rebuilding(self) or bool(self.name.text().strip())
        )

    def problem(self) -> str | None:
        code = self.code.text().strip().upper()
        if code and not STATION_CODE_RE.match(code):
            return self.tr("The station code is 4-12 letters or digits.")
        name = self.name.text().strip()
        if name and not rebuilding(self) and not 2 <= len(name) <= 100:
            return self.tr("The station name has 2-100 characters.")
        return None


class AdminPage(_ValidatingPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Administrator"))
        self.setSubTitle(self.tr("Create the first account; it manages workers and backups."))
        self.username = line_edit(self, "adminUsername")
        self.username.setText("admin")
        self.display_name = line_edit(self, "adminDisplayName")
        self.password = line_edit(self, "adminPassword", secret=True)
        self.repeat = line_edit(self, "adminRepeat", secret=True)
        self.form = QFormLayout(self)
        self.form.addRow(self.tr("Login name"), self.username)
        self.form.addRow(self.tr("Name"), self.display_name)
        self.form.addRow(self.tr("Password"), self.password)
        self.form.addRow(self.tr("Repeat password"), self.repeat)
        self.form.addRow(self.message)
        for edit in (self.username, self.password, self.repeat):
            edit.textChanged.connect(self._revalidate)

    def initializePage(self) -> None:
        rebuild = rebuilding(self)
        self.setSubTitle(
            self.tr(
                "Enter the login name of an administrator the district holds for this "
                "station, and a new password for it (the other workers get theirs from the "
                "administrator)."
            )
            if rebuild
            else self.tr("Create the first account; it manages workers and backups.")
        )
        self.form.setRowVisible(self.display_name, not rebuild)

    def filled(self) -> bool:
        return all(e.text() for e in (self.username, self.password, self.repeat))

    def problem(self) -> str | None:
        return account_problem(self.username.text(), self.password.text(), self.repeat.text())


class DistrictPage(_ValidatingPage):
    """The district server address and enrolment token; both may be left for later."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("District platform"))
        self.setSubTitle(
            self.tr(
                "Enter the server address and the enrolment token the district gave this "
                "station. You can skip this step and enter them later on the Settings page."
            )
        )
        self.url = line_edit(self, "districtUrl")
        self.url.setPlaceholderText("https://sync.example.com")
        self.token = line_edit(self, "districtToken", secret=True)
        self.show_token = QCheckBox(self.tr("Show"), self)
        self.show_token.toggled.connect(
            lambda on: self.token.setEchoMode(
                QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
            )
        )
        token_row = QHBoxLayout()
        token_row.addWidget(self.token, 1)
        token_row.addWidget(self.show_token)
        self.skip = push_button(self, self.tr("Skip for now"), "skipDistrict")
        self.skip.setAutoDefault(False)
        self.skip.clicked.connect(self._skip)
        skip_row = QHBoxLayout()
        skip_row.addWidget(self.skip)
        skip_row.addStretch(1)
        note = QLabel(
            self.tr(
                "The token is kept in the system's credential store, never in the "
                "station's files. Without it the station works offline."
            ),
            self,
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Server address"), self.url)
        form.addRow(self.tr("Enrolment token"), token_row)
        form.addRow(self.message)
        form.addRow(note)
        form.addRow(skip_row)
        self.url.textChanged.connect(self._revalidate)
        self.token.textChanged.connect(self._revalidate)

    def initializePage(self) -> None:
        self.skip.setVisible(not rebuilding(self))
        self._revalidate()

    def filled(self) -> bool:
        return not rebuilding(self) or bool(self.url.text().strip() and self.token.text().strip())

    def _skip(self) -> None:
        self.url.clear()
        self.token.clear()
        wizard = self.wizard()
        if wizard is not None:
            wizard.next()

    def problem(self) -> str | None:
        url, token = self.url.text(), self.token.text()
        if not url.strip() and not token.strip():
            return None
        try:
            check_enrolment(url, token)
        except InputError as exc:
            # one of the two still empty is not yet a mistake: only say what is missing
            if exc.field == "district_token" and not token.strip():
                return self.tr("Now enter the enrolment token, or clear the address.")
            if exc.field == "district_url" and not url.strip():
                return self.tr("Now enter the server address, or clear the token.")
            return i18n.error_text(exc)
        return None

    def values(self) -> tuple[str, str]:
        return self.url.text().strip(), self.token.text().strip()


class PrinterPage(_ValidatingPage):
    """The default printer for certificates, from the printers the system knows."""

    def __init__(
        self, runner: TaskRunner, list_printers: Callable[[], tuple[list[str], str]]
    ) -> None:
        super().__init__()
        self.runner = runner
        self.list_printers = list_printers
        self.setTitle(self.tr("Printer"))
        self.setSubTitle(
            self.tr("Choose the printer for certificates and notices. You can change it later.")
        )
        self.printer = QComboBox(self)
        self.printer.setObjectName("printerCombo")
        self.printer.setMinimumWidth(320)
        self.printer.addItem(self.tr("Looking for printers…"), None)
        self.printer.setEnabled(False)
        self.refresh = push_button(self, self.tr("Look again"), "refreshPrinters")
        self.refresh.setAutoDefault(False)
        self.refresh.clicked.connect(self.load)
        row = QHBoxLayout()
        row.addWidget(self.printer, 1)
        row.addWidget(self.refresh)
        form = QFormLayout(self)
        form.addRow(self.tr("Default printer"), row)
        form.addRow(self.message)
        self.loading = False
        self.loaded = False

    def initializePage(self) -> None:
        if not self.loaded and not self.loading:
            self.load()

    def load(self) -> None:
        self.loading = True
        self.refresh.setEnabled(False)
        self.completeChanged.emit()
        self.runner.run(self.list_printers, self._show, self._failed, owner=self)

    def _show(self, result: tuple[list[str], str]) -> None:
        names, default = result
        previous = self.chosen()
        fill_printer_combo(self.printer, names, default)
        wanted = previous or (default if default in names else "")
        self.printer.setCurrentIndex(max(0, self.printer.findData(wanted)))
        self.printer.setEnabled(True)
        self.message.setText(
            "" if names else self.tr("No printer was found. You can add one later.")
        )
        self._done_loading()

    def _failed(self, _exc: BaseException) -> None:
        fill_printer_combo(self.printer, [], "")
        self.printer.setEnabled(True)
        self.message.setText(self.tr("The printer list could not be read."))
        self._done_loading()

    def _done_loading(self) -> None:
        self.loading = False
        self.loaded = True
        self.refresh.setEnabled(True)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.loading

    def chosen(self) -> str:
        data = self.printer.currentData()
        return data if isinstance(data, str) else ""


class DataFolderPage(_ValidatingPage):
    """Where the encrypted station data lives; checked on the task runner as it is typed."""

    CHECK_DELAY_MS = 250

    def __init__(self, runner: TaskRunner, default_dir: str) -> None:
        super().__init__()
        self.runner = runner
        self.setTitle(self.tr("Data folder"))
        self.setSubTitle(
            self.tr(
                "The station's encrypted database, its backups and logs are kept here. "
                "Choose an empty or new folder on a local disk."
            )
        )
        self.folder = line_edit(self, "dataFolder", default_dir)
        self.browse = push_button(self, self.tr("Browse…"), "browseDataFolder")
        self.browse.setAutoDefault(False)
        self.browse.clicked.connect(self._browse)
        self.default = QPushButton(self.tr("Use the default"), self)
        self.default.setAutoDefault(False)
        self.default.clicked.connect(lambda: self.folder.setText(default_dir))
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.browse)
        default_row = QHBoxLayout()
        default_row.addWidget(self.default)
        default_row.addStretch(1)
        form = QFormLayout(self)
        form.addRow(self.tr("Folder"), row)
        form.addRow("", default_row)
        form.addRow(self.message)
        self.status = ""  # "checking", "ok" or "bad"
        self.checked_text: str | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(self.CHECK_DELAY_MS)
        self.timer.timeout.connect(self.check)
        self.folder.textChanged.connect(self._edited)

    def initializePage(self) -> None:
        self.check()  # again each time: the rebuild choice changes what the folder may hold

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Choose the data folder"), self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def _edited(self) -> None:
        self.status = "checking"
        self.message.setText("")
        self.completeChanged.emit()
        self.timer.start()

    def check(self) -> None:
        text = self.folder.text()
        self.status = "checking"
        self.message.setText(self.tr("Checking the folder…"))
        self.completeChanged.emit()

        def done(_path: Path) -> None:
            if self.folder.text() == text:  # a later edit has its own check coming
                self.checked_text, self.status = text, "ok"
                self.message.setText("")
                self.completeChanged.emit()

        def failed(exc: BaseException) -> None:
            if self.folder.text() == text:
                self.checked_text, self.status = text, "bad"
                self.message.setText(i18n.error_text(exc))
                self.completeChanged.emit()

        rebuild = rebuilding(self)
        self.runner.run(lambda: check_data_folder(text, rebuild=rebuild), done, failed, owner=self)

    def isComplete(self) -> bool:
        return self.status == "ok" and self.checked_text == self.folder.text()


class FirstRunWizard(QWizard):
    """Creates a station; emits ``create_requested(values)`` or ``demo_requested``.

    ``values`` holds the keys of ``services.firstrun.FirstRunChoices``. The chosen printer is
    stored in QSettings (``PRINTER_KEY``) once the station exists.
    """

    create_requested = Signal(dict)
    demo_requested = Signal()

    def __init__(
        self,
        data_dir: str,
        runner: TaskRunner,
        list_printers: Callable[[], tuple[list[str], str]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunWizard")
        self.setWindowTitle(window_title(self.tr("First run")))
        keep_on_screen(self, centre=True)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setMinimumSize(680, 480)
        self.intro_page = IntroPage()
        self.intro_page.demo_requested.connect(self._demo)
        self.station_page = StationPage()
        self.admin_page = AdminPage()
        self.district_page = DistrictPage()
        self.printer_page = PrinterPage(runner, list_printers or (lambda: system_printers()))
        self.folder_page = DataFolderPage(runner, data_dir)
        for page in (
            self.intro_page,
            self.station_page,
            self.admin_page,
            self.district_page,
            self.printer_page,
            self.folder_page,
        ):
            self.addPage(page)
        self._finish_text(False)
        self.intro_page.rebuild.toggled.connect(self._finish_text)
        self.creating = False

    def _finish_text(self, rebuild: bool) -> None:
        self.setButtonText(
            QWizard.WizardButton.FinishButton,
            self.tr("Rebuild from the district") if rebuild else self.tr("Create the station"),
        )

    def _demo(self) -> None:
        self.demo_requested.emit()

    def values(self) -> dict[str, str]:
        url, token = self.district_page.values()
        return {
            "code": self.station_page.code.text().strip().upper(),
            "name": self.station_page.name.text().strip(),
            "admin_username": self.admin_page.username.text(),
            "admin_display_name": self.admin_page.display_name.text().strip(),
            "admin_password": self.admin_page.password.text(),
            "district_url": url,
            "district_token": token,
            "data_dir": self.folder_page.folder.text().strip(),
            "rebuild": "1" if self.field(REBUILD_FIELD) else "",
        }

    def accept(self) -> None:
        if self.creating:
            return
        self.creating = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.button(QWizard.WizardButton.BackButton).setEnabled(False)
        self.folder_page.message.setText(
            self.tr("Rebuilding the station from the district…")
            if self.field(REBUILD_FIELD)
            else self.tr("Creating the station…")
        )
        self.create_requested.emit(self.values())

    def creation_failed(self, message: str) -> None:
        self.creating = False
        self.folder_page.message.setText(message)
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        self.button(QWizard.WizardButton.BackButton).setEnabled(True)

    def creation_done(self) -> None:
        QSettings().setValue(PRINTER_KEY, self.printer_page.chosen())
        self.creating = False
        super().accept()
