"""What the certificate dialogs share: labels, the issue buttons, opening once the data is in."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from ...context import DeskContext
from ...i18n import is_chinese

Loaded = TypeVar("Loaded")
Dialog = TypeVar("Dialog", bound=QDialog)


def ui_label(zh: str, en: str) -> str:
    """The Chinese or English label, as the interface language asks (Chinese when no English)."""
    return zh if is_chinese() or not en else en


def issue_buttons(
    dialog: QDialog,
    issue: Callable[[str], None],
    *,
    print_text: str,
    print_name: str,
    save_text: str,
    save_name: str,
) -> tuple[QPushButton, QPushButton]:
    """Issue-and-print (the default) and issue-and-save; ``issue`` gets "print" or "save"."""
    issue_print = QPushButton(print_text, dialog)
    issue_print.setObjectName(print_name)
    issue_print.setDefault(True)
    issue_print.clicked.connect(lambda: issue("print"))
    issue_save = QPushButton(save_text, dialog)
    issue_save.setObjectName(save_name)
    issue_save.setAutoDefault(False)
    issue_save.clicked.connect(lambda: issue("save"))
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
        if opened is not None:
            opened(dialog)
        dialog.open()

    ctx.runner.run(load, show, ctx.report_error, owner=parent)
