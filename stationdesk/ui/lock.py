"""The idle lock: a modal screen that hides the desk until the same worker re-enters a password."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from .screen import keep_on_screen
from .widgets import inline_error, line_edit, page_title, push_button, window_title


class LockDialog(QDialog):
    """Covers the window; emits ``unlock_requested(password)`` or ``switch_user``."""

    unlock_requested = Signal(str)
    switch_user = Signal()

    def __init__(self, worker_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockDialog")
        self.setWindowTitle(window_title(self.tr("Locked")))
        keep_on_screen(self, centre=True)
        self.setModal(True)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        title = page_title(self.tr("The desk is locked"), self)
        who = QLabel(self.tr("Logged in: %1").replace("%1", worker_name), self)
        self.password = line_edit(
            self, "unlockPassword", placeholder=self.tr("Password"), secret=True
        )
        self.error = inline_error(self, wrap=False)
        self.unlock = push_button(self, self.tr("Unlock"), "unlockButton")
        self.unlock.setDefault(True)
        switch = QPushButton(self.tr("Switch user"), self)
        switch.setAutoDefault(False)  # Return must never log the worker out
        layout = QVBoxLayout(self)
        for w in (title, who, self.password, self.error, self.unlock, switch):
            layout.addWidget(w)
        self.unlock.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)
        switch.clicked.connect(self.switch_user.emit)

    def reject(self) -> None:  # Esc must not unlock
        pass

    def _submit(self) -> None:
        if self.password.text():
            self.unlock.setEnabled(False)
            self.unlock_requested.emit(self.password.text())

    def failed(self, message: str) -> None:
        self.unlock.setEnabled(True)
        self.error.setText(message)
        self.password.clear()
