"""The login window: station name, user name and password, inline errors, demo hint."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from .screen import keep_on_screen
from .widgets import line_edit, push_button, window_title


class LoginWindow(QWidget):
    """Asks for a login; emits ``login_requested(username, password)``."""

    login_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginWindow")
        self.setWindowTitle(window_title(self.tr("Login")))
        keep_on_screen(self, centre=True)
        self.setMinimumSize(460, 420)

        card = QFrame(self)
        card.setObjectName("loginCard")
        self.title = QLabel(self.tr("Community Service Station Desk"), card)
        self.title.setObjectName("loginTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.station_label = QLabel(self.tr("Opening the station…"), card)
        self.station_label.setObjectName("stationLabel")
        self.station_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.username = line_edit(card, "username", placeholder=self.tr("Login name"))
        self.password = line_edit(card, "password", placeholder=self.tr("Password"), secret=True)
        form = QFormLayout()
        form.addRow(self.tr("User"), self.username)
        form.addRow(self.tr("Password"), self.password)

        self.error = QLabel("", card)
        self.error.setObjectName("loginError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)

        self.button = push_button(card, self.tr("Log in"), "loginButton")
        self.button.setDefault(True)
        self.button.setEnabled(False)

        self.demo_hint = QLabel("", card)
        self.demo_hint.setObjectName("demoHint")
        self.demo_hint.setWordWrap(True)
        self.demo_hint.setVisible(False)
        self.demo_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        inner = QVBoxLayout(card)
        inner.setContentsMargins(32, 28, 32, 28)
        inner.setSpacing(12)
        inner.addWidget(self.title)
        inner.addWidget(self.station_label)
        inner.addSpacing(8)
        inner.addLayout(form)
        inner.addWidget(self.error)
        inner.addWidget(self.button)
        inner.addWidget(self.demo_hint)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

        self._ready = False
        self._submit_when_ready = False  # Enter pressed while the station was still opening
        self.button.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)
        self.username.returnPressed.connect(self.password.setFocus)
        self.username.textChanged.connect(self._update_button)
        self.password.textChanged.connect(self._update_button)
        self.username.setFocus()

    def station_ready(
        self, code: str, name: str, demo_accounts: list[tuple[str, str, str]]
    ) -> None:
        """Show the station and enable the form; in demo mode list the demo logins."""
        self._ready = True
        self.station_label.setText(f"{name}（{code}）")
        if demo_accounts:
            lines = [self.tr("Demo station — logins for trying it out:")]
            lines += [f"{role}：{user} / {pw}" for user, pw, role in demo_accounts]
            self.demo_hint.setText("\n".join(lines))
            self.demo_hint.setVisible(True)
        self._update_button()
        if self._submit_when_ready:
            self._submit_when_ready = False
            self._submit()

    def station_failed(self, message: str) -> None:
        """Show why the station could not be opened; the form stays disabled."""
        self._ready = False
        self._submit_when_ready = False
        self.station_label.setText(self.tr("The station could not be opened"))
        self.show_error(message)
        self._update_button()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)

    def set_busy(self, busy: bool) -> None:
        self.button.setText(self.tr("Logging in…") if busy else self.tr("Log in"))
        self.username.setEnabled(not busy)
        self.password.setEnabled(not busy)
        self._busy = busy
        self._update_button()

    def login_failed(self, message: str) -> None:
        self.set_busy(False)
        self.show_error(message)
        self.password.clear()
        self.password.setFocus()

    def _update_button(self) -> None:
        self.button.setEnabled(
            self._ready
            and not getattr(self, "_busy", False)
            and bool(self.username.text().strip())
            and bool(self.password.text())
        )

    def _submit(self) -> None:
        if not self._ready and self.username.text().strip() and self.password.text():
            self._submit_when_ready = True  # kept: the login goes ahead once the station is open
            self.station_label.setText(self.tr("Opening the station… you will be logged in then."))
            return
        if not self.button.isEnabled():
            return
        self.error.setVisible(False)
        self.set_busy(True)
        self.login_requested.emit(self.username.text().strip(), self.password.text())
