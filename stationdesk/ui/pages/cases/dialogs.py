"""The case page's small dialogs: an action's note or department, the phone reveal, an image."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.cases import CaseAction, requires_department, requires_note
from stationdesk.services.case_reference import DepartmentInfo
from stationdesk.services.cases import DEPARTMENT_ACTIONS

from ... import i18n
from ...screen import keep_on_screen
from ...widgets import (
    confirm_buttons,
    dialog_buttons,
    inline_error,
    line_edit,
    submit_keys,
    window_title,
)
from .labels import action_label


class ActionDialog(QDialog):
    """An action that needs a note or a department (reject, refer, reply, return, pend …)."""

    def __init__(
        self,
        action: CaseAction,
        departments: Iterable[DepartmentInfo],
        default_department: str | None,
        note: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("actionDialog")
        self.action = action
        self.setWindowTitle(window_title(action_label(action)))
        keep_on_screen(self)
        self.setMinimumWidth(440)
        form = QFormLayout(self)
        self.department_combo: QComboBox | None = None
        if requires_department(action):
            combo = QComboBox(self)
            combo.setObjectName("departmentCombo")
            for d in departments:
                combo.addItem(d.name if i18n.is_chinese() else d.name_en, d.code)
            if default_department:
                combo.setCurrentIndex(max(0, combo.findData(default_department)))
            form.addRow(self.tr("Refer to"), combo)
            self.department_combo = combo
        if action in DEPARTMENT_ACTIONS:
            hint = QLabel(
                self.tr("You are recording the department's answer by hand; the timeline says so."),
                self,
            )
            hint.setWordWrap(True)
            hint.setObjectName("placeholderNote")
            form.addRow(hint)
        prompts = {
            CaseAction.REJECT: self.tr("Reason for not accepting (told to the resident)"),
            CaseAction.RETURN: self.tr("Why the department sends it back"),
            CaseAction.REPLY: self.tr("The department's answer"),
            CaseAction.PEND: self.tr("Materials still needed (tell the resident all at once)"),
            CaseAction.REOPEN: self.tr("Why the matter is reopened"),
            CaseAction.REFER: self.tr("Message to the department"),
        }
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setObjectName("actionDialogNote")
        self.note_edit.setPlainText(note)
        self.note_edit.setFixedHeight(90)
        self.note_edit.setTabChangesFocus(True)
        form.addRow(prompts.get(action, self.tr("Note")), self.note_edit)
        self.message = inline_error(self, wrap=False)
        form.addRow(self.message)
        self.buttons, self.ok_button = dialog_buttons(self)
        self.ok_button.setText(action_label(action))
        self.ok_button.setToolTip("Ctrl+Enter")
        submit_keys(self, self._submit)
        form.addRow(self.buttons)
        self.note_edit.textChanged.connect(self._validate)
        self.note_edit.setFocus()
        self._validate()

    def _submit(self) -> None:
        if self.ok_button.isEnabled():
            self.ok_button.click()

    def _validate(self) -> None:
        missing = requires_note(self.action) and not self.note()
        self.message.setText(self.tr("This step needs a note.") if missing else "")
        self.ok_button.setEnabled(not missing)

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def department(self) -> str | None:
        return self.department_combo.currentData() if self.department_combo else None


class RevealDialog(QDialog):
    """Asks why the full phone number is needed; the reveal is audited."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(window_title(self.tr("Show full number")))
        keep_on_screen(self)
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("Viewing the full number is recorded with your reason."), self))
        self.reason = line_edit(self, "revealReason")
        form.addRow(self.tr("Reason"), self.reason)
        buttons, self.ok_button = confirm_buttons(self, self.reason)
        form.addRow(buttons)


class ImagePreview(QDialog):
    """Shows an image attachment in the app (nothing is written to disk)."""

    def __init__(self, name: str, data: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(window_title(name))
        keep_on_screen(self)
        layout = QVBoxLayout(self)
        pixmap = QPixmap()
        pixmap.loadFromData(data)
        label = QLabel(self)
        if pixmap.isNull():
            label.setText(self.tr("This image cannot be shown."))
        else:
            label.setPixmap(
                pixmap.scaled(
                    900,
                    700,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        scroll = QScrollArea(self)
        scroll.setWidget(label)
        layout.addWidget(scroll)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
