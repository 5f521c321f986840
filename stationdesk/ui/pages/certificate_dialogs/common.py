"""What the certificate dialogs share: labels, the issue buttons, opening once the data is in."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from ...context import DeskContext
from ...i18n import is_chinese
from ...widgets import keyboard_back_on_close, push_button, with_keys

PRINT_KEYS = QKeySequence("Ctrl+P")  # print: on the default printer, with no dialog
CHOOSE_KEYS = QKeySequence("Ctrl+Shift+P")  # print through the dialog (choose the printer)
SAVE_KEYS = QKeySequence("Ctrl+S")

Loaded = TypeVar("Loaded")
Dialog = TypeVar("Dialog", bound=QDialog)


def ui_label(zh: str, en: str) -> str:
    """The Chinese or English label, as the interface language asks (Chinese when no English)."""
    return zh if is_chinese() or not en else en


def shift_held() -> bool:
    """Whether Shift is down now (Shift+click on a print button opens the print dialog)."""
    return bool(QGuiApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier)


def print_button(parent: QWidget, text: str, name: str, act: Callable[[str], None]) -> QPushButton:
    """A print button showing its shortcut: a click or Ctrl+P calls ``act("print")``, a
    Shift+click ``act("choose")`` (the print dialog)."""
    button = push_button(parent, with_keys(text, PRINT_KEYS), name)
    button.setShortcut(PRINT_KEYS)
    button.setToolTip(
        QCoreApplication.translate(
            "CertificateButtons", "Shift+click or Ctrl+Shift+P: choose the printer"
        )
    )
    button.clicked.connect(lambda: act("choose" if shift_held() else "print"))
    return button


def save_button(parent: QWidget, text: str, name: str, act: Callable[[str], None]) -> QPushButton:
    """A save button showing its shortcut (Ctrl+S); it calls ``act("save")``."""
    button = push_button(parent, with_keys(text, SAVE_KEYS), name)
    button.setShortcut(SAVE_KEYS)
    button.setAutoDefault(False)
    button.clicked.connect(lambda: act("save"))
    return button


def issue_buttons(
    dialog: QDialog,
    issue: Callable[[str], None],
    *,
    print_text: str,
    print_name: str,
    save_text: str,
    save_name: str,
) -> tuple[QPushButton, QPushButton]:
    """Issue-and-print (the default) and issue-and-save; ``issue`` gets "print", "choose"
    (print through the dialog: Shift+click or Ctrl+Shift+P) or "save"."""
    issue_print = print_button(dialog, print_text, print_name, issue)
    issue_print.setDefault(True)
    issue_save = save_button(dialog, save_text, save_name, issue)
    choose = QShortcut(CHOOSE_KEYS, dialog)
    choose.activated.connect(lambda: issue("choose"))
    return issue_print, issue_save


def open_when_loaded(
    ctx: DeskContext,
    parent: QWidget,
    load: Callable[[], Loaded],
    make_dialog: Callable[[Loaded], Dialog],
    opened: Callable[[Dialog], None] | None = None,
) -> None:
    """Load off the GUI thread, then make the dialog from what was loaded and open it."""

    def show(loaded: Loaded) -> None:
        dialog = make_dialog(loaded)
        keyboard_back_on_close(dialog)
        if opened is not None:
            opened(dialog)
        dialog.open()

    ctx.runner.run(load, show, ctx.report_error, owner=parent)
