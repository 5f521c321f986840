"""The settings page: interface language, idle lock, workers (admin), audit check, about."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.roles import Permission, Role
from stationdesk.services import audit, settings, workers

from ..validation import account_complete, account_problem

LANGUAGE_KEY = "ui/language"


class SettingsPage(QWidget):
    """Station-wide and personal settings, with role-dependent sections."""

    language_changed = Signal(str)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        title = QLabel(self.tr("Settings"), self)
        title.setObjectName("pageTitle")
        layout.addWidget(title)

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
        pform.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        layout.addWidget(personal)

        station_box = QGroupBox(self.tr("Station"), self)
        sform = QFormLayout(station_box)
        self.idle_minutes = QSpinBox(station_box)
        self.idle_minutes.setObjectName("idleMinutes")
        self.idle_minutes.setRange(1, 240)
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.idle_minutes.setValue(int(ctx.idle_lock_minutes))
        can_manage = ctx.actor.can(Permission.MANAGE_STATION)
        self.idle_minutes.setEnabled(can_manage)
        self.idle_save = QPushButton(self.tr("Save"), station_box)
        self.idle_save.setEnabled(can_manage)
        self.idle_save.clicked.connect(self._save_idle)
        row = QHBoxLayout()
        row.addWidget(self.idle_minutes)
        row.addWidget(self.idle_save)
        row.addStretch(1)
        sform.addRow(self.tr("Lock after idle"), row)
        layout.addWidget(station_box)

        if ctx.actor.can(Permission.MANAGE_WORKERS):
            layout.addWidget(self._workers_box())
        if ctx.actor.can(Permission.VERIFY_AUDIT):
            audit_box = QGroupBox(self.tr("Audit"), self)
            arow = QHBoxLayout(audit_box)
            self.audit_button = QPushButton(self.tr("Verify the audit chain"), audit_box)
            self.audit_button.setObjectName("auditVerify")
            self.audit_result = QLabel("", audit_box)
            self.audit_button.clicked.connect(self._verify_audit)
            arow.addWidget(self.audit_button)
            arow.addWidget(self.audit_result, 1)
            layout.addWidget(audit_box)

        about = QPushButton(self.tr("About stationdesk"), self)
        about.clicked.connect(self._about)
        about_row = QHBoxLayout()
        about_row.addWidget(about)
        about_row.addStretch(1)
        layout.addLayout(about_row)
        layout.addStretch(1)

    # -- workers -----------------------------------------------------------------------------
    def _workers_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Workers"), self)
        v = QVBoxLayout(box)
        self.workers_table = QTableWidget(0, 4, box)
        self.workers_table.setObjectName("workersTable")
        self.workers_table.setHorizontalHeaderLabels(
            [self.tr("Login"), self.tr("Name"), self.tr("Role"), self.tr("Status")]
        )
        self.workers_table.horizontalHeader().setStretchLastSection(True)
        self.workers_table.verticalHeader().setVisible(False)
        self.workers_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        v.addWidget(self.workers_table)
        add = QPushButton(self.tr("Add worker…"), box)
        add.setObjectName("addWorker")
        add.clicked.connect(self._add_worker)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addStretch(1)
        v.addLayout(row)
        self._load_workers()
        return box

    def _load_workers(self) -> None:
        self.ctx.runner.run(
            lambda: workers.list_workers(self.ctx.station, self.ctx.actor),
            self._show_workers,
            self.ctx.report_error,
            owner=self,
        )

    def _show_workers(self, rows) -> None:
        self.workers_table.setRowCount(len(rows))
        for i, w in enumerate(rows):
            role_text = {
                Role.WORKER: self.tr("Social worker"),
                Role.HEAD: self.tr("Station head"),
                Role.ADMIN: self.tr("Administrator"),
            }[w.role]
            status = self.tr("Active") if w.active else self.tr("Disabled")
            for j, text in enumerate((w.username, w.display_name, role_text, status)):
                self.workers_table.setItem(i, j, QTableWidgetItem(text))

    def _add_worker(self) -> None:
        dialog = AddWorkerDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            user, name, role, pw = dialog.values()
            self.ctx.runner.write(
                lambda: workers.add_worker(self.ctx.station, self.ctx.actor, user, role, pw, name),
                lambda _info: self._load_workers(),
                self.ctx.report_error,
                owner=self,
            )

    # -- other -------------------------------------------------------------------------------
    def _language_picked(self, index: int) -> None:
        code = self.language.itemData(index)
        QSettings().setValue(LANGUAGE_KEY, code)
        self.language_changed.emit(code)

    def _save_idle(self) -> None:
        minutes = self.idle_minutes.value()

        def done(_r) -> None:
            self.ctx.set_idle_lock_minutes(minutes)

        self.ctx.runner.write(
            lambda: settings.set_setting(
                self.ctx.station, self.ctx.actor, "idle_lock_minutes", minutes
            ),
            done,
            self.ctx.report_error,
            owner=self,
        )

    def _verify_audit(self) -> None:
        self.audit_result.setText(self.tr("Checking…"))

        def show(report) -> None:
            if report.intact:
                self.audit_result.setText(self.tr("Intact: %n record(s)", "", report.records))
            else:
                self.audit_result.setText(
                    self.tr("Broken at record %1").replace("%1", str(report.broken_at))
                )

        self.ctx.runner.run(
            lambda: audit.verify_audit(self.ctx.station, self.ctx.actor),
            show,
            self.ctx.report_error,
            owner=self,
        )

    def _about(self) -> None:
        info = self.ctx.about_text()
        QMessageBox.about(self, self.tr("About stationdesk"), info)


class AddWorkerDialog(QDialog):
    """Collects a new worker's login, name, role and password with inline validation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add worker"))
        form = QFormLayout(self)
        self.username = QLineEdit(self)
        self.username.setObjectName("newUsername")
        self.display_name = QLineEdit(self)
        self.role = QComboBox(self)
        self.role.addItem(self.tr("Social worker"), Role.WORKER)
        self.role.addItem(self.tr("Station head"), Role.HEAD)
        self.role.addItem(self.tr("Administrator"), Role.ADMIN)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel("", self)
        self.message.setObjectName("inlineError")
        form.addRow(self.tr("Login name"), self.username)
        form.addRow(self.tr("Name"), self.display_name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        for edit in (self.username, self.password):
            edit.textChanged.connect(self._validate)
        self._validate()

    def _validate(self) -> None:
        user, pw = self.username.text(), self.password.text()
        problem = account_problem(user, pw)
        self.message.setText(problem or "")
        ok = problem is None and account_complete(user, pw)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(ok)

    def values(self) -> tuple[str, str, Role, str]:
        return (
            self.username.text(),
            self.display_name.text(),
            self.role.currentData(),
            self.password.text(),
        )
