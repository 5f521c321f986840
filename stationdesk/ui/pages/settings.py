"""The settings page: language, printer, idle lock, ID-card reader, district link, backups and
restore, workers (admin), audit check, about."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.roles import Permission, Role
from stationdesk.domain.station_time import shown_minute
from stationdesk.services import audit, backup, enrolment, settings, workers
from stationdesk.services.errors import InputError

from .. import i18n
from ..context import DeskContext, logged_in
from ..screen import keep_on_screen
from ..tables import fit_columns, list_table
from ..validation import account_complete, account_problem
from ..widgets import (
    Standard,
    dialog_buttons,
    inline_error,
    install_section_save,
    line_edit,
    page_title,
    push_button,
    section_save_button,
    window_title,
)
from ..wizard import PRINTER_KEY, fill_printer_combo, system_printers
from .settings_reader import CardReaderBox
from .settings_station import AddressPrefixField

if TYPE_CHECKING:
    from stationdesk.services.actor import Actor
    from stationdesk.services.station import Station

T = TypeVar("T")

LANGUAGE_KEY = "ui/language"


class SettingsPage(QWidget):
    """Station-wide and personal settings, with role-dependent sections."""

    language_changed = Signal(str)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        _station, actor = logged_in(ctx)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        install_section_save(self)
        body = QWidget(scroll)
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(page_title(self.tr("Settings"), self))

        personal = QGroupBox(self.tr("Interface"), self)
        pform = QFormLayout(personal)
        self.language = QComboBox(personal)
        self.language.setObjectName("languageCombo")
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        current = QSettings().value(LANGUAGE_KEY, "zh_CN")
        self.language.setCurrentIndex(max(0, self.language.findData(current)))
        self.language.currentIndexChanged.connect(self._language_picked)
        self.language.setMinimumWidth(220)
        pform.addRow(self.tr("Language"), self.language)
        self.printer = QComboBox(personal)
        self.printer.setObjectName("settingsPrinter")
        self.printer.setMinimumWidth(220)
        self.printer.addItem(self.tr("Looking for printers…"), None)
        self.printer.setEnabled(False)
        pform.addRow(self.tr("Default printer"), self.printer)
        pform.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        layout.addWidget(personal)
        self.ctx.runner.run(system_printers, self._show_printers, self._no_printers, owner=self)

        station_box = QGroupBox(self.tr("Station"), self)
        sform = QFormLayout(station_box)
        self.idle_minutes = QSpinBox(station_box)
        self.idle_minutes.setObjectName("idleMinutes")
        self.idle_minutes.setRange(1, 240)
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.idle_minutes.setValue(int(ctx.idle_lock_minutes))
        can_manage = actor.can(Permission.MANAGE_STATION)
        self.idle_minutes.setEnabled(can_manage)
        idle_row = QWidget(station_box)  # its own form for Ctrl+S
        self.idle_minutes.setParent(idle_row)
        self.idle_save = section_save_button(
            idle_row, self.tr("Save"), "saveIdle", self._save_idle, enabled=can_manage
        )
        row = QHBoxLayout(idle_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.idle_minutes)
        row.addWidget(self.idle_save)
        row.addStretch(1)
        sform.addRow(self.tr("Lock after idle"), idle_row)
        self.address_prefix = AddressPrefixField(ctx, can_manage, station_box)
        sform.addRow(self.tr("Address prefix on certificates"), self.address_prefix)
        layout.addWidget(station_box)
        self.card_reader = CardReaderBox(ctx, self)
        layout.addWidget(self.card_reader)

        if can_manage:
            layout.addWidget(self._district_box())
            layout.addWidget(self._backup_box())

        if actor.can(Permission.MANAGE_WORKERS):
            layout.addWidget(self._workers_box())
        if actor.can(Permission.VERIFY_AUDIT):
            audit_box = QGroupBox(self.tr("Audit"), self)
            arow = QHBoxLayout(audit_box)
            self.audit_button = push_button(
                audit_box, self.tr("Verify the audit chain"), "auditVerify", keys="Alt+V"
            )
            self.audit_result = QLabel("", audit_box)
            self.audit_button.clicked.connect(self._verify_audit)
            arow.addWidget(self.audit_button)
            arow.addWidget(self.audit_result, 1)
            layout.addWidget(audit_box)

        about = push_button(self, self.tr("About stationdesk"), "about", self._about, keys="F1")
        about_row = QHBoxLayout()
        about_row.addWidget(about)
        about_row.addStretch(1)
        layout.addLayout(about_row)
        layout.addStretch(1)

    def _read(self, call: Callable[[Station, Actor], T], show: Callable[[T], object]) -> None:
        """Run ``call(station, actor)`` on the pool and show its result (errors are reported)."""
        station, actor = logged_in(self.ctx)
        self.ctx.runner.run(lambda: call(station, actor), show, self.ctx.report_error, owner=self)

    def _write(
        self,
        call: Callable[[Station, Actor], T],
        done: Callable[[T], object],
        failed: Callable[[BaseException], object] | None = None,
    ) -> None:
        """Run ``call(station, actor)`` on the writer thread, then ``done`` or ``failed``."""
        station, actor = logged_in(self.ctx)
        self.ctx.runner.write(
            lambda: call(station, actor), done, failed or self.ctx.report_error, owner=self
        )

    # -- printer -----------------------------------------------------------------------------
    def _show_printers(self, result: tuple[list[str], str]) -> None:
        names, default = result
        saved = QSettings().value(PRINTER_KEY, None)
        fill_printer_combo(self.printer, names, default)
        wanted = saved if isinstance(saved, str) else (default if default in names else "")
        if wanted and self.printer.findData(wanted) < 0:  # saved but not connected now
            self.printer.addItem(self.tr("%1 (not found)").replace("%1", wanted), wanted)
        self.printer.setCurrentIndex(max(0, self.printer.findData(wanted)))
        self.printer.setEnabled(True)
        self.printer.currentIndexChanged.connect(self._printer_picked)

    def _no_printers(self, _exc: BaseException) -> None:
        self._show_printers(([], ""))

    def _printer_picked(self, index: int) -> None:
        QSettings().setValue(PRINTER_KEY, self.printer.itemData(index) or "")

    # -- district link ---------------------------------------------------------------------
    def _district_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("District platform"), self)
        form = QFormLayout(box)
        self.district_url = line_edit(
            box, "settingsDistrictUrl", placeholder="https://sync.example.com"
        )
        self.district_url.setMinimumWidth(360)
        self.district_token = line_edit(box, "settingsDistrictToken", secret=True)
        self.district_state = QLabel("", box)
        self.district_state.setObjectName("districtState")
        self.district_message = inline_error(box)
        self.district_save = section_save_button(
            box, self.tr("Save"), "saveDistrict", self._save_district, enabled=False
        )
        form.addRow(self.tr("Server address"), self.district_url)
        form.addRow(self.tr("Enrolment token"), self.district_token)
        form.addRow("", self.district_state)
        form.addRow(self.district_message)
        row = QHBoxLayout()
        row.addWidget(self.district_save)
        row.addStretch(1)
        form.addRow(row)
        # only what the worker types is checked: showing the saved link is not an edit
        self.district_url.textEdited.connect(self._validate_district)
        self.district_token.textEdited.connect(self._validate_district)
        self._read(lambda station, _actor: enrolment.district_link(station), self._show_district)
        return box

    def _show_district(self, link: enrolment.DistrictLink) -> None:
        self.district_url.setText(link.url)
        self.district_token.clear()
        self.district_state.setText(
            self.tr("An enrolment token is stored.")
            if link.has_token
            else self.tr("Not enrolled: the station works offline.")
        )
        self.district_message.setText("")
        self.district_save.setEnabled(False)

    def _validate_district(self) -> None:
        url, token = self.district_url.text(), self.district_token.text()
        problem = None
        try:
            enrolment.check_enrolment(url, token)
        except InputError as exc:
            problem = i18n.error_text(exc)
        self.district_message.setText(problem or "")
        self.district_save.setEnabled(problem is None)

    def _save_district(self) -> None:
        url, token = self.district_url.text(), self.district_token.text()
        self.district_save.setEnabled(False)
        self._write(
            lambda station, actor: enrolment.set_district_link(station, actor, url, token),
            self._show_district,
        )

    # -- backups -----------------------------------------------------------------------------
    def _backup_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Backups"), self)
        v = QVBoxLayout(box)
        explain = QLabel(
            self.tr(
                "A backup is made automatically every day while stationdesk runs. Backups "
                "stay encrypted and open only on this computer, with this station's key."
            ),
            box,
        )
        explain.setWordWrap(True)
        v.addWidget(explain)
        keep_row = QHBoxLayout()
        self.backup_keep = QSpinBox(box)
        self.backup_keep.setObjectName("backupKeep")
        self.backup_keep.setRange(1, 365)
        self.backup_keep.setSuffix(self.tr(" backups"))
        self.backup_keep_save = section_save_button(
            box, self.tr("Save"), "saveBackupKeep", self._save_keep
        )
        keep_row.addWidget(QLabel(self.tr("Keep the newest"), box))
        keep_row.addWidget(self.backup_keep)
        keep_row.addWidget(self.backup_keep_save)
        keep_row.addStretch(1)
        v.addLayout(keep_row)
        self.backups_table = list_table(
            box, "backupsTable", [self.tr("Made at"), self.tr("Kind"), self.tr("Size")]
        )
        self.backups_table.setMinimumHeight(150)
        self.backups_table.itemSelectionChanged.connect(self._backup_selected)
        v.addWidget(self.backups_table)
        buttons = QHBoxLayout()
        self.backup_now = push_button(
            box, self.tr("Back up to a file…"), "backupToFile", self._backup_to_file, keys="Alt+B"
        )
        self.restore_selected = push_button(
            box,
            self.tr("Restore the selected backup…"),
            "restoreSelected",
            self._restore_selected,
            enabled=False,
            keys="Alt+R",
        )
        self.restore_file = push_button(
            box,
            self.tr("Restore from a file…"),
            "restoreFromFile",
            self._restore_from_file,
            keys="Alt+F",
        )
        for b in (self.backup_now, self.restore_selected, self.restore_file):
            buttons.addWidget(b)
        buttons.addStretch(1)
        v.addLayout(buttons)
        self.backup_status = QLabel("", box)
        self.backup_status.setObjectName("backupStatus")
        self.backup_status.setWordWrap(True)
        v.addWidget(self.backup_status)
        self.backup_files: list[backup.BackupFile] = []
        self._read(
            lambda station, _actor: settings.get_setting(station, "backup_keep"),
            lambda keep: self.backup_keep.setValue(int(keep)),
        )
        self._load_backups()
        return box

    def _load_backups(self) -> None:
        self._read(backup.list_backups, self._show_backups)

    def _kind_text(self, kind: str) -> str:
        return {
            "auto": self.tr("Daily"),
            "pre-upgrade": self.tr("Before an upgrade"),
            "pre-restore": self.tr("Before a restore"),
        }.get(kind, self.tr("Other"))

    def _show_backups(self, files: list[backup.BackupFile]) -> None:
        self.backup_files = list(files)
        self.backups_table.setRowCount(len(files))
        for i, f in enumerate(files):
            made = shown_minute(f.created_at)
            size = f"{f.size_bytes / 1_048_576:.1f} MB"
            for j, text in enumerate((made, self._kind_text(f.kind), size)):
                self.backups_table.setItem(i, j, QTableWidgetItem(text))
        self._backup_selected()

    def _backup_selected(self) -> None:
        self.restore_selected.setEnabled(bool(self.backups_table.selectedItems()))

    def _save_keep(self) -> None:
        keep = self.backup_keep.value()
        self._write(
            lambda station, actor: settings.set_setting(station, actor, "backup_keep", keep),
            lambda _r: self.backup_status.setText(self.tr("Saved.")),
        )

    def _backup_to_file(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Back up to a file"),
            str(Path.home() / "stationdesk-backup.db"),
            self.tr("Station backups (*.db)"),
        )
        if not name:
            return
        self.backup_status.setText(self.tr("Backing up…"))
        self._write(
            lambda station, actor: backup.backup(station, actor, Path(name)),
            lambda info: self.backup_status.setText(
                self.tr("Backup written: %1").replace("%1", str(info.path))
            ),
            self._backup_failed,
        )

    def _backup_failed(self, exc: BaseException) -> None:
        self.backup_status.setText("")
        self.ctx.report_error(exc)

    def _restore_selected(self) -> None:
        rows = {i.row() for i in self.backups_table.selectedItems()}
        if len(rows) == 1:
            chosen = self.backup_files[rows.pop()]
            made = shown_minute(chosen.created_at)
            self._restore(chosen.path, made)

    def _restore_from_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Restore from a file"), "", self.tr("Station backups (*.db)")
        )
        if name:
            self._restore(Path(name), Path(name).name)

    def _restore(self, source: Path, label: str) -> None:
        answer = QMessageBox.question(
            self,
            window_title(self.tr("Restore a backup")),
            self.tr(
                "Replace the station's data with the backup of %1?\n\n"
                "Everything recorded since then is lost (a copy of the current data is kept "
                "in the backups folder). Everyone is logged out. Certificates cannot be issued "
                "until the station has synced with the district."
            ).replace("%1", label),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.backup_status.setText(self.tr("Restoring…"))
        for b in (self.restore_selected, self.restore_file, self.backup_now):
            b.setEnabled(False)
        station, actor = logged_in(self.ctx)
        self.ctx.runner.write(  # no owner: the desk adopts the restored station in any case
            lambda: backup.restore(station, actor, source),
            self.ctx.station_restored,
            self._restore_failed,
        )

    def _restore_failed(self, exc: BaseException) -> None:
        self.backup_status.setText("")
        for b in (self.restore_file, self.backup_now):
            b.setEnabled(True)
        self._backup_selected()
        self.ctx.report_error(exc)

    # -- workers -----------------------------------------------------------------------------
    def _workers_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Workers"), self)
        v = QVBoxLayout(box)
        self.workers_table = QTableWidget(0, 4, box)
        self.workers_table.setObjectName("workersTable")
        self.workers_table.setHorizontalHeaderLabels(
            [self.tr("Login"), self.tr("Name"), self.tr("Role"), self.tr("Status")]
        )
        fit_columns(self.workers_table, stretch=1)  # the name
        self.workers_table.verticalHeader().setVisible(False)
        self.workers_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        v.addWidget(self.workers_table)
        add = push_button(box, self.tr("Add worker…"), "addWorker", self._add_worker, keys="Alt+A")
        row = QHBoxLayout()
        row.addWidget(add)
        row.addStretch(1)
        v.addLayout(row)
        self._load_workers()
        return box

    def _load_workers(self) -> None:
        self._read(workers.list_workers, self._show_workers)

    def _show_workers(self, rows: list[workers.WorkerInfo]) -> None:
        self.workers_table.setRowCount(len(rows))
        for i, w in enumerate(rows):
            status = self.tr("Active") if w.active else self.tr("Disabled")
            for j, text in enumerate((w.username, w.display_name, i18n.role_label(w.role), status)):
                self.workers_table.setItem(i, j, QTableWidgetItem(text))

    def _add_worker(self) -> None:
        dialog = AddWorkerDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            user, name, role, pw = dialog.values()
            self._write(
                lambda station, actor: workers.add_worker(station, actor, user, role, pw, name),
                lambda _info: self._load_workers(),
            )

    # -- other -------------------------------------------------------------------------------
    def _language_picked(self, index: int) -> None:
        code = self.language.itemData(index)
        QSettings().setValue(LANGUAGE_KEY, code)
        self.language_changed.emit(code)

    def _save_idle(self) -> None:
        minutes = self.idle_minutes.value()

        self._write(
            lambda station, actor: settings.set_setting(
                station, actor, "idle_lock_minutes", minutes
            ),
            lambda _r: self.ctx.set_idle_lock_minutes(minutes),
        )

    def _verify_audit(self) -> None:
        self.audit_result.setText(self.tr("Checking…"))

        def show(report: audit.AuditReport) -> None:
            if report.intact:
                self.audit_result.setText(self.tr("Intact: %n record(s)", "", report.records))
            else:
                self.audit_result.setText(
                    self.tr("Broken at record %1").replace("%1", str(report.broken_at))
                )

        self._read(audit.verify_audit, show)

    def _about(self) -> None:
        info = self.ctx.about_text()
        if self.ctx.station is not None:
            info += "<br>" + self.tr("Backups: %1").replace(
                "%1", str(self.ctx.station.paths.backups)
            )
        QMessageBox.about(self, window_title(self.tr("About")), info)


class AddWorkerDialog(QDialog):
    """Collects a new worker's login, name, role and password with inline validation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(window_title(self.tr("Add worker")))
        keep_on_screen(self)
        form = QFormLayout(self)
        self.username = line_edit(self, "newUsername")
        self.display_name = QLineEdit(self)
        self.role = QComboBox(self)
        for role in (Role.WORKER, Role.HEAD, Role.ADMIN):
            self.role.addItem(i18n.role_label(role), role)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = inline_error(self, wrap=False)
        form.addRow(self.tr("Login name"), self.username)
        form.addRow(self.tr("Name"), self.display_name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.message)
        self.buttons, self.save_button = dialog_buttons(self, Standard.Save)
        form.addRow(self.buttons)
        for edit in (self.username, self.password):
            edit.textChanged.connect(self._validate)
        self._validate()

    def _validate(self) -> None:
        user, pw = self.username.text(), self.password.text()
        problem = account_problem(user, pw)
        self.message.setText(problem or "")
        ok = problem is None and account_complete(user, pw)
        self.save_button.setEnabled(ok)

    def values(self) -> tuple[str, str, Role, str]:
        return (
            self.username.text(),
            self.display_name.text(),
            self.role.currentData(),
            self.password.text(),
        )
